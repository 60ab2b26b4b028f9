import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

export interface OpenApiDoc {
  openapi: string;
  servers: { url: string }[];
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
}

/** One call of the admin API: method, path as the document names it, the concrete URL and its body. */
export interface Call {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  url: string;
  body?: unknown;
}

/**
 * The areas of the admin API, each tested in its own file, by the first segment of a path.
 * Every documented path belongs to one, so the areas' files together call every operation.
 */
export const AREAS = {
  shop: ['shop', 'settings', 'imports', 'reconciliation', 'privacy', 'overview', 'mailbox'],
  orders: ['orders', 'dead-letters', 'dispatch-failures', 'tracking-push-failures'],
  warehouses: ['warehouses', 'locations', 'routing-rules'],
  stock: [
    'stock',
    'stock.csv',
    'skus',
    'alerts',
    'purchase-orders',
    'purchase-orders.csv',
    'suppliers',
    'stock-settings',
  ],
  returns: ['returns'],
  emails: ['emails'],
  channels: ['channels', 'channel-accounts'],
} as const;
export type Area = keyof typeof AREAS;

/** The area a documented path belongs to, or undefined when none claims it. */
export const areaOf = (path: string): Area | undefined =>
  (Object.keys(AREAS) as Area[]).find((a) => (AREAS[a] as readonly string[]).includes(path.split('/')[1]!));

const ptr = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

/** The admin API's OpenAPI document, and a check of one answer against it. */
export async function loadAdminDoc(app: FastifyInstance) {
  const res = await app.inject('/api/admin/openapi.json');
  expect(res.statusCode).toBe(200);
  const doc: OpenApiDoc = res.json();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(doc, 'openapi.json');

  /** Validates a body against the document's schema for (path, method, status); returns ajv's errors. */
  function check(c: Call, status: number, contentType: string, body: unknown) {
    const responses = doc.paths[c.path]?.[c.method]?.responses;
    const key = responses?.[String(status)] ? String(status) : status >= 400 ? 'default' : String(status);
    const response = responses?.[key];
    if (!response)
      return [{ message: `the document has no ${status} response for ${c.method.toUpperCase()} ${c.path}` }];
    if (!response.content)
      return body === '' ? [] : [{ message: `${status} has no content in the document, got a body` }];
    const type = contentType.split(';')[0]!.trim();
    if (!response.content[type]) return [{ message: `the document has no ${type} content for ${status}` }];
    const validate = ajv.compile({
      $ref: `openapi.json#/paths/${ptr(c.path)}/${c.method}/responses/${key}/content/${ptr(type)}/schema`,
    });
    return validate(body) ? [] : validate.errors;
  }

  return { doc, check };
}

/**
 * Calls operations of one area as the merchant's session, checks each answer against the
 * document, and at the end says what failed and whether the area's operations were all called.
 */
export async function contractCaller(app: FastifyInstance, token: string) {
  const { doc, check } = await loadAdminDoc(app);
  const failures: string[] = [];
  const called: Call[] = [];
  const send = (c: Call) =>
    app.inject({
      method: c.method.toUpperCase() as 'GET',
      url: `/api/admin${c.url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(c.body === undefined ? {} : { payload: c.body as object }),
    });
  const fail = (c: Call, status: number, errors: unknown) =>
    failures.push(`${c.method.toUpperCase()} ${c.url} (${status}): ${JSON.stringify(errors).slice(0, 600)}`);

  /** Calls `c`, expecting a success (or `expected`), and checks the answer against its schema. */
  async function run(c: Call, expected?: number) {
    called.push(c);
    const res = await send(c);
    if (expected === undefined ? res.statusCode >= 300 : res.statusCode !== expected) {
      failures.push(`${c.method.toUpperCase()} ${c.url}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res;
    }
    const type = String(res.headers['content-type'] ?? '');
    const body = type.includes('json') ? res.json() : res.body;
    const errors = check(c, res.statusCode, type, body);
    if (errors?.length) fail(c, res.statusCode, errors);
    return res;
  }

  /** Calls `c`, expecting an error, and checks that it comes in the documented error shape. */
  async function runError(c: Call) {
    const res = await send(c);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    const errors = check(c, res.statusCode, String(res.headers['content-type']), res.json());
    if (errors?.length) fail(c, res.statusCode, errors);
  }

  /** Nothing failed, every operation the document lists in `area` was called, and every call is documented. */
  function expectAreaCovered(area: Area) {
    expect(failures).toEqual([]);
    const documented = Object.entries(doc.paths)
      .filter(([path]) => areaOf(path) === area)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const done = [...new Set(called.map((c) => `${c.method.toUpperCase()} ${c.path}`))].sort();
    expect(done).toEqual(documented);
  }

  return { doc, check, send, run, runError, expectAreaCovered };
}
