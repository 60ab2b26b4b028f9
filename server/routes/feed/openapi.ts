/** Success descriptions per operation, which the route schemas cannot carry on a shared component. */
export const successDescriptions: Record<string, string> = {
  listAllocations: 'One page of your allocations, oldest first',
  leaseAllocations: 'The allocations now leased to you (possibly none) and the lease token',
  getAllocation: 'The allocation',
  acknowledgeAllocation: 'Acknowledged (or it already was)',
  rejectAllocation: 'Rejected: the stock is released and the order is routed again',
  releaseAllocationLease: 'The lease is released: the allocation is offered again',
  extendAllocationLease: 'The lease now ends at `leaseUntil`',
  answerCancellation: 'Your answer is recorded',
  createShipment: 'The shipment; 201 when this call recorded it, 200 when it was already recorded under this key',
  listShipments: 'One page of your shipments, oldest first',
  getShipment: 'The shipment',
  updateShipmentTracking: 'The tracking as stored now',
  createTrackingEvent: 'The event is recorded (or already was)',
  createInventorySnapshot: 'The count is applied; corrections lists what it changed',
  listStock: 'One page of stock levels, by SKU',
  getWebhookSubscription: 'Your webhook subscription',
  putWebhookSubscription: 'The subscription as stored; `secret` only when created or rotated',
  deleteWebhookSubscription: 'Deleted: no more notifications',
};

/** Operations where a replay of an Idempotency-Key answers the first result. */
export const idempotentOperations = new Set(['createShipment', 'createTrackingEvent', 'createInventorySnapshot']);

const headers = {
  'x-ratelimit-limit': {
    required: true,
    description: 'Requests allowed per minute for your key',
    schema: { type: 'integer', minimum: 1 },
  },
  'x-ratelimit-remaining': {
    required: true,
    description: 'Requests left in the current minute',
    schema: { type: 'integer', minimum: 0 },
  },
  'x-ratelimit-reset': {
    required: true,
    description: 'Seconds until the window resets',
    schema: { type: 'integer', minimum: 0 },
  },
  'x-request-id': {
    required: true,
    description: 'Identifies this request in our logs; quote it when you write to us',
    schema: { type: 'string' },
  },
  'retry-after': {
    required: true,
    description: 'Seconds to wait before the next request',
    schema: { type: 'integer', minimum: 0 },
  },
  'idempotent-replayed': {
    required: false,
    description: '`true` when this answer is the stored answer of an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
} as const;
const ref = (name: keyof typeof headers) => ({ $ref: `#/components/headers/${name}` });

type Doc = {
  paths?: Record<
    string,
    Record<
      string,
      {
        operationId?: string;
        requestBody?: { required?: boolean };
        responses?: Record<string, { description?: string; headers?: Record<string, unknown> }>;
      }
    >
  >;
  components?: Record<string, unknown>;
  [k: string]: unknown;
};

function webhookOperation(type: string, summary: string, description: string) {
  return {
    post: {
      operationId: `webhook_${type.replace('.', '_')}`,
      summary,
      description: `${description}\n\nSigned with [Standard Webhooks](https://www.standardwebhooks.com): headers \`webhook-id\` (the same on every retry: deduplicate on it), \`webhook-timestamp\` (unix seconds) and \`webhook-signature\` (\`v1,<base64 HMAC-SHA256 of "id.timestamp.body">\` with your \`whsec_\` secret). Answer 2xx within 10 s; anything else is retried with backoff for about a day.`,
      tags: ['webhooks'],
      security: [],
      parameters: [
        { name: 'webhook-id', in: 'header', required: true, schema: { type: 'string' }, description: 'Message id' },
        {
          name: 'webhook-timestamp',
          in: 'header',
          required: true,
          schema: { type: 'string', pattern: '^\\d+$' },
          description: 'Unix seconds when it was signed',
        },
        {
          name: 'webhook-signature',
          in: 'header',
          required: true,
          schema: { type: 'string' },
          description: 'Space-separated `v1,<base64>` signatures',
        },
      ],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/WebhookEvent' } } },
      },
      responses: { '200': { description: 'Any 2xx means you have it' } },
    },
  };
}

/**
 * Completes the generated document: shared headers on every answer, the replay header on
 * idempotent writes, success descriptions, tags, and the outgoing webhooks.
 */
export function decorateFeedDocument(doc: Doc): Doc {
  for (const methods of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(methods)) {
      // the acknowledgement's body is optional: a ready allocation needs no lease token
      if (op.operationId === 'acknowledgeAllocation' && op.requestBody) op.requestBody.required = false;
      for (const [status, res] of Object.entries(op.responses ?? {})) {
        const code = Number(status);
        if (code < 300 && op.operationId && successDescriptions[op.operationId])
          res.description = successDescriptions[op.operationId];
        // a 401 is answered before the key is known, so before the rate limit counts it
        res.headers =
          code === 401
            ? { 'x-request-id': ref('x-request-id') }
            : {
                'x-ratelimit-limit': ref('x-ratelimit-limit'),
                'x-ratelimit-remaining': ref('x-ratelimit-remaining'),
                'x-ratelimit-reset': ref('x-ratelimit-reset'),
                'x-request-id': ref('x-request-id'),
              };
        if (code === 429) res.headers['retry-after'] = ref('retry-after');
        if (code < 300 && op.operationId && idempotentOperations.has(op.operationId))
          res.headers['idempotent-replayed'] = ref('idempotent-replayed');
      }
    }
  }
  doc.webhooks = {
    'allocation.ready': webhookOperation(
      'allocation.ready',
      'A new allocation is ready for you',
      'Sent when an allocation becomes ready to take: new work, or one offered again after a lease was released. Lease it (POST /allocations/lease) or read it (GET /allocations/{id}).',
    ),
    'allocation.cancel_requested': webhookOperation(
      'allocation.cancel_requested',
      'The merchant asks you to cancel an allocation',
      'Answer with POST /allocations/{id}/cancellation. Coming next, with returns: `return.expected` (a return on its way to you); it is not sent yet.',
    ),
  };
  doc.components = { ...doc.components, headers };
  return pruneSchemas(doc);
}

/**
 * The zod provider emits an input and an output variant of every named schema; keep only those
 * the document uses, under their plain name (`ShipmentRequestInput` becomes `ShipmentRequest`).
 */
function pruneSchemas(doc: Doc): Doc {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, unknown>;
  const refsIn = (v: unknown) =>
    [...JSON.stringify(v).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
  const used = new Set<string>();
  const queue = refsIn({ paths: doc.paths, webhooks: doc.webhooks });
  while (queue.length) {
    const name = queue.pop()!;
    if (used.has(name)) continue;
    used.add(name);
    queue.push(...refsIn(schemas[name]));
  }
  const renames = new Map(
    [...used].filter((n) => n.endsWith('Input') && !used.has(n.slice(0, -5))).map((n) => [n, n.slice(0, -5)]),
  );
  const kept = Object.fromEntries(
    Object.entries(schemas)
      .filter(([n]) => used.has(n))
      .map(([n, v]) => [renames.get(n) ?? n, v]),
  );
  let text = JSON.stringify({ ...doc, components: { ...doc.components, schemas: kept } });
  for (const [from, to] of renames)
    text = text.replaceAll(`"#/components/schemas/${from}"`, `"#/components/schemas/${to}"`);
  return JSON.parse(text) as Doc;
}

export const feedTags = [
  { name: 'allocations', description: 'Orders for your warehouse: lease, acknowledge or reject, answer cancellations' },
  { name: 'shipments', description: 'Parcels you shipped and their tracking' },
  { name: 'inventory', description: 'What you hold, and what we believe you hold' },
  { name: 'webhooks', description: 'Notifications we send you, and your subscription' },
  { name: 'returns', description: 'Returns on their way to you, and your receipt with a grade per unit' },
];
