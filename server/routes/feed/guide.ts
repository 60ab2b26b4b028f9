import type { FastifyInstance } from 'fastify';

/** What changed in /feed/v1, newest first. Dated, so an integrator can tell what is new since they built. */
export const feedChangelog: { version: string; date: string; changes: string[] }[] = [
  {
    version: '1.1.0',
    date: '2026-12-03',
    changes: [
      'Every operation has an operationId, documented errors (codes as enums, `details` as a list of `{ path?, message }`) and documented headers (`x-ratelimit-*`, `x-request-id`, `Retry-After` on 429).',
      'Lease contract: while a lease is live, acknowledge, reject and ship need its `leaseToken` (409 `lease_required` / `lease_mismatch`). New: POST /allocations/{id}/lease/release and /lease/extend.',
      'GET /allocations: `status` takes `takeable`, `all` and every single status; `changedSince` and `serverTime` to read only what changed; `wait` to long-poll. POST /allocations/lease takes `wait` too.',
      'Idempotency the same everywhere: a replay answers the first result with `Idempotent-Replayed: true`; the same key with another body is a 422 `idempotency_key_reused` (shipments, tracking events with an Idempotency-Key, snapshots by `snapshotId`). A repeated snapshot reports no corrections.',
      'Read back: GET /shipments, GET /shipments/{id}, GET /stock.',
      'Webhooks: PUT /webhook-subscription; `allocation.ready` and `allocation.cancel_requested`, signed with Standard Webhooks headers and retried with backoff for about a day.',
      'Request bodies are strict: an unknown field is a 400 naming it. Times accept any RFC 3339 date-time.',
      'Push-style warehouses: orders pushed to you are signed with Standard Webhooks headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`) instead of `x-signature`.',
    ],
  },
  {
    version: '1.0.0',
    date: '2026-11-20',
    changes: [
      'First version: allocations (list, lease, acknowledge, reject, cancellation), shipments, tracking events, inventory snapshots.',
    ],
  },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** `code` spans for backticks, in text that is escaped first. */
const inline = (s: string) => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');

const style = `body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.8rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px;font-size:.92em}
pre{background:#1e1e1e;color:#f0f0f0;padding:1rem;border-radius:6px;overflow-x:auto;position:relative}pre code{background:none;padding:0;color:inherit}
nav a{margin-right:1rem}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.35rem .6rem;text-align:left;vertical-align:top}
button.copy{position:absolute;top:.4rem;right:.4rem;font-size:.8rem}`;

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${style}</style></head>
<body><nav><a href="/feed/v1/docs/guide">Guide</a><a href="/feed/v1/docs">API reference</a><a href="/feed/v1/openapi.json">openapi.json</a><a href="/feed/v1/docs/changelog">Changelog</a></nav>
${body}
<script>document.querySelectorAll('pre').forEach(function(p){var b=document.createElement('button');b.className='copy';b.textContent='Copy';b.onclick=function(){navigator.clipboard.writeText(p.querySelector('code').textContent);b.textContent='Copied';};p.appendChild(b);});</script>
</body></html>`;

const curl = (s: string) => `<pre><code>${esc(s)}</code></pre>`;

const guide = page(
  'Warehouse feed: integration guide',
  `
<h1>Warehouse feed: integration guide</h1>
<p>This API is how your warehouse gets orders from the merchant's shop and tells it what shipped. Everything is under <code>/feed/v1</code>; the full contract is <a href="/feed/v1/openapi.json">openapi.json</a> (generate a client from it). Your key (<code>lk_…</code>, from the merchant's admin) sees one warehouse.</p>
${curl(`export FEED=https://<app-host>/feed/v1
export KEY=lk_xxxxxxxxxxxx_yyyyyyyyyyyyyyyyyyyyyyyy
curl -s "$FEED/allocations?status=ready" -H "Authorization: Bearer $KEY"`)}

<h2 id="lifecycle">1. The lifecycle of an allocation</h2>
<p>An <em>allocation</em> is one parcel-to-be: lines of one order that the merchant's routing gave to your warehouse.</p>
<table><tr><th>status</th><th>meaning</th><th>what you do</th></tr>
<tr><td><code>reserved</code></td><td>stock held for it, not handed to you yet</td><td>nothing</td></tr>
<tr><td><code>ready</code></td><td>waiting for a warehouse poller</td><td>lease it</td></tr>
<tr><td><code>leased</code></td><td>a poller holds it until <code>leaseUntil</code></td><td>acknowledge or reject it, with the <code>leaseToken</code></td></tr>
<tr><td><code>acknowledged</code></td><td>yours: cancelling now needs your answer</td><td>pick, pack, ship</td></tr>
<tr><td><code>partially_shipped</code> / <code>shipped</code></td><td>parcels reported</td><td>report tracking events</td></tr>
<tr><td><code>cancel_requested</code></td><td>the merchant asks you to stop</td><td>answer the cancellation</td></tr>
<tr><td><code>cancelled</code> / <code>rejected</code></td><td>finished without shipping</td><td>nothing</td></tr></table>
<p><strong>Lease → acknowledge → ship → events.</strong> Lease a batch, acknowledge each one you accept with the lease's token, ship, then report carrier scans.</p>
${curl(`# take up to 20 allocations for 5 minutes (long-poll up to 25 s when there are none)
curl -s -X POST "$FEED/allocations/lease?limit=20&leaseSeconds=300&wait=25" -H "Authorization: Bearer $KEY"
# → { "items": [ { "id": 812, "lines": [ { "lineId": 1203, "sku": "PULL-ROUGE-L", "quantity": 2, ... } ], ... } ],
#     "leaseToken": "9f1c…", "leaseUntil": "2026-12-03T14:05:00.000Z" }

curl -s -X POST "$FEED/allocations/812/acknowledge" -H "Authorization: Bearer $KEY" \\
  -H "content-type: application/json" -d '{"leaseToken":"9f1c…"}'

curl -s -X POST "$FEED/allocations/812/shipments" -H "Authorization: Bearer $KEY" \\
  -H "content-type: application/json" -H "Idempotency-Key: PKG-2026-000123" \\
  -d '{"lines":[{"lineId":1203,"quantity":2}],"carrier":"Colissimo","trackingNumbers":["6A12345678901"],"shippedAt":"2026-12-03T15:20:00+01:00"}'

curl -s -X POST "$FEED/shipments/4411/events" -H "Authorization: Bearer $KEY" \\
  -H "content-type: application/json" -d '{"status":"delivered","occurredAt":"2026-12-05T10:02:00Z"}'`)}
<p><strong>Reject</strong> what you cannot ship (<code>out_of_stock</code>, <code>incorrect_address</code>, <code>cannot_ship_destination</code>, <code>invalid_sku</code>, <code>order_too_large</code>, <code>other</code>): the stock is released and the order goes to another warehouse. <strong>Release</strong> a lease to give work back at once; <strong>extend</strong> it when you need longer than <code>leaseSeconds</code>.</p>
${curl(`curl -s -X POST "$FEED/allocations/812/reject" -H "Authorization: Bearer $KEY" \\
  -H "content-type: application/json" -d '{"reason":"out_of_stock","message":"PULL-ROUGE-L: 0 left","leaseToken":"9f1c…"}'
curl -s -X POST "$FEED/allocations/813/lease/extend" -H "Authorization: Bearer $KEY" \\
  -H "content-type: application/json" -d '{"leaseToken":"9f1c…","leaseSeconds":900}'`)}
<p><strong>Cancellation.</strong> When the merchant cancels, the allocation turns <code>cancel_requested</code>. Accept if nothing left the building; refuse once a parcel has.</p>
${curl(`curl -s "$FEED/allocations?status=cancel_requested" -H "Authorization: Bearer $KEY"
curl -s -X POST "$FEED/allocations/812/cancellation" -H "Authorization: Bearer $KEY" \\
  -H "content-type: application/json" -d '{"accept":true}'`)}
<p><strong>Snapshots.</strong> Send your stock count (all SKUs, or the ones you counted) as often as you count, at least daily. Your count is the truth; we answer the corrections it made. <code>GET /stock</code> shows what we believe you hold.</p>
${curl(`curl -s -X POST "$FEED/inventory-snapshots" -H "Authorization: Bearer $KEY" -H "content-type: application/json" \\
  -d '{"snapshotId":"count-2026-12-03","takenAt":"2026-12-03T06:00:00Z","items":[{"sku":"PULL-ROUGE-L","onHand":41}]}'
curl -s "$FEED/stock?sku=PULL-ROUGE-L" -H "Authorization: Bearer $KEY"`)}

<h2 id="polling">2. How often to poll</h2>
<ul>
<li><strong>Long-poll</strong> instead of polling fast: <code>POST /allocations/lease?wait=25</code> (or <code>GET /allocations?status=takeable&amp;wait=25</code>) holds the request until work arrives, and answers within about a second when it does. Call it again as soon as it answers. One open request per warehouse is enough.</li>
<li>Without long-poll, poll at most every 15 s. The rate limit is per key, per minute: watch <code>x-ratelimit-remaining</code>; on 429 wait <code>Retry-After</code> seconds.</li>
<li>Cancellations: <code>GET /allocations?status=all&amp;changedSince=&lt;serverTime of your last read&gt;</code> returns only what changed (new cancellation requests included), so reading it every minute costs little.</li>
<li>Pages: follow <code>nextCursor</code> until it is <code>null</code>.</li>
</ul>

<h2 id="webhooks">3. Webhooks</h2>
<p>If you prefer to be told, subscribe one HTTPS endpoint per warehouse. Webhooks are hints: act on what you read back from the feed, and keep a slow poll as a safety net.</p>
${curl(`curl -s -X PUT "$FEED/webhook-subscription" -H "Authorization: Bearer $KEY" -H "content-type: application/json" \\
  -d '{"url":"https://wms.example.com/hooks/shop","events":["allocation.ready","allocation.cancel_requested"]}'
# → { "url": "...", "events": [...], "secret": "whsec_…" }   (the secret is shown once; rotateSecret:true makes a new one)`)}
<table><tr><th>type</th><th>when</th></tr>
<tr><td><code>allocation.ready</code></td><td>new work is ready to lease (or came back after a release)</td></tr>
<tr><td><code>allocation.cancel_requested</code></td><td>the merchant asks you to cancel an allocation</td></tr>
<tr><td><code>return.expected</code></td><td>coming with returns: a return on its way to you. Not sent yet.</td></tr></table>
<p>Body: <code>{"type":"allocation.ready","timestamp":"…","data":{"allocationId":812,"status":"ready","orderName":"#1042"}}</code>. Signed with <a href="https://www.standardwebhooks.com">Standard Webhooks</a>: headers <code>webhook-id</code> (the same on every retry: deduplicate on it), <code>webhook-timestamp</code> and <code>webhook-signature</code> = <code>v1,</code> + base64 HMAC-SHA256 of <code>id.timestamp.body</code> keyed with the base64 part of your <code>whsec_</code> secret. Every Standard Webhooks library verifies it, e.g. in Node:</p>
${curl(`import { Webhook } from 'standardwebhooks';
const payload = new Webhook(process.env.FEED_WEBHOOK_SECRET).verify(rawBody, req.headers); // throws when forged or older than 5 minutes`)}
<p>Answer 2xx within 10 s. Anything else is retried after 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h and 12 h, then dropped. Order is not guaranteed.</p>

<h2 id="idempotency">4. Idempotency</h2>
<p>Every write can be retried safely. Shipments need an <code>Idempotency-Key</code> header (your package id is a good one); tracking events take one optionally; a snapshot's key is its <code>snapshotId</code>. A key is scoped to your warehouse, the operation and the resource in the path, and kept at least 7 days.</p>
<ul><li>Same key, same body: nothing happens again; you get the first answer with <code>Idempotent-Replayed: true</code> (a repeated snapshot reports no corrections).</li>
<li>Same key, different body: 422 <code>idempotency_key_reused</code>.</li>
<li>Refused requests (4xx) are not stored: correct the request and send it again with the same key.</li>
<li>Acknowledge, reject, cancellation answers and tracking corrections are idempotent by nature: repeating them changes nothing.</li></ul>

<h2 id="errors">5. Errors</h2>
<p>Every error has one shape: <code>{"error":{"code":"…","message":"…","details":[{"path":"body.lines.0.quantity","message":"…"}]}}</code>. Branch on <code>code</code>; show <code>message</code> to people. Every answer carries <code>x-request-id</code>: quote it when you write to us.</p>
<table><tr><th>status</th><th>codes</th><th>retry?</th></tr>
<tr><td>400</td><td><code>invalid_request</code> (bad JSON, unknown field, out-of-range value: <code>details</code> names each)</td><td>no: fix the request</td></tr>
<tr><td>401</td><td><code>invalid_key</code></td><td>no</td></tr>
<tr><td>404</td><td><code>not_found</code> (also for another warehouse's ids)</td><td>no</td></tr>
<tr><td>409</td><td><code>invalid_state</code>, <code>lease_required</code>, <code>lease_mismatch</code>, <code>not_leased</code></td><td>no: read the allocation again</td></tr>
<tr><td>413 / 415</td><td><code>payload_too_large</code> / <code>unsupported_media_type</code></td><td>no</td></tr>
<tr><td>422</td><td><code>shipment_exceeds_allocation</code>, <code>idempotency_key_reused</code></td><td>no</td></tr>
<tr><td>429</td><td><code>rate_limited</code></td><td>yes, after <code>Retry-After</code> seconds</td></tr>
<tr><td>500 / 503</td><td><code>internal_error</code> / <code>unavailable</code></td><td>yes, with exponential backoff and the same Idempotency-Key</td></tr></table>

<h2 id="versioning">6. Versioning</h2>
<p><code>/feed/v1</code> only changes in ways that keep working clients working: new operations, new optional request fields, new fields and enum values in answers (ignore what you do not know). A breaking change gets a new dated version (<code>/feed/2027-01</code>) next to v1, announced in the <a href="/feed/v1/docs/changelog">changelog</a> at least six months before v1 ends.</p>
`,
);

const changelog = page(
  'Warehouse feed: changelog',
  `<h1>Changelog</h1>
${feedChangelog.map((c) => `<h2 id="v${esc(c.version)}">${esc(c.version)} <small>(${esc(c.date)})</small></h2><ul>${c.changes.map((x) => `<li>${inline(x)}</li>`).join('')}</ul>`).join('\n')}`,
);

/** The feed's guide and changelog: static HTML beside the Swagger UI, no key needed. */
export async function feedGuideRoutes(app: FastifyInstance): Promise<void> {
  const html =
    (body: string) =>
    async (_req: unknown, reply: { header(k: string, v: string): unknown; send(b: string): unknown }) => {
      reply.header('content-type', 'text/html; charset=utf-8');
      reply.header('cache-control', 'public, max-age=300');
      return reply.send(body);
    };
  app.get('/feed/v1/docs/guide', { schema: { hide: true } }, html(guide));
  app.get('/feed/v1/docs/changelog', { schema: { hide: true } }, html(changelog));
}
