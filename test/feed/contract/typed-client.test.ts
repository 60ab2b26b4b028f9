import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFeedContract } from '../feed-contract.js';

const run = promisify(execFile);

/** The typed use a 3PL would write against the generated types; `tsc` must accept it. */
const typedUsage = `import createClient from 'openapi-fetch';
import type { paths, components } from './feed-v1.js';

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1/feed/v1' });

export async function lifecycle(): Promise<number> {
  const lease = await client.POST('/allocations/lease', { params: { query: { limit: 10, leaseSeconds: 300, wait: 20 } } });
  const first: components['schemas']['Allocation'] | undefined = lease.data?.items[0];
  if (!first || !lease.data) return 0;
  const token: string = lease.data.leaseToken;
  await client.POST('/allocations/{id}/acknowledge', { params: { path: { id: first.id } }, body: { leaseToken: token } });
  const shipped = await client.POST('/allocations/{id}/shipments', {
    params: { path: { id: first.id }, header: { 'idempotency-key': 'PKG-00000001' } },
    body: { lines: first.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })), carrier: 'Colissimo', trackingNumbers: ['6A12345678901'], shippedAt: '2026-12-03T10:00:00+01:00' },
  });
  if (shipped.error) {
    const code: 'invalid_request' | 'invalid_key' | 'not_found' | 'invalid_state' | 'lease_required' | 'lease_mismatch' | 'not_leased' | 'shipment_exceeds_allocation' | 'idempotency_key_reused' | 'payload_too_large' | 'unsupported_media_type' | 'rate_limited' | 'internal_error' | 'unavailable' = shipped.error.error.code;
    return code.length;
  }
  await client.POST('/shipments/{id}/events', { params: { path: { id: shipped.data.shipmentId } }, body: { status: 'delivered', occurredAt: '2026-12-05T10:00:00Z' } });
  const page = await client.GET('/allocations', { params: { query: { status: 'cancel_requested', changedSince: '2026-12-03T00:00:00Z' } } });
  for (const a of page.data?.items ?? []) await client.POST('/allocations/{id}/cancellation', { params: { path: { id: a.id } }, body: { accept: true } });
  await client.GET('/stock', { params: { query: { sku: 'PULL-ROUGE-L' } } });
  await client.PUT('/webhook-subscription', { body: { url: 'https://wms.example.com/hook', events: ['allocation.ready'], rotateSecret: false } });
  // @ts-expect-error the contract refuses unknown body fields
  await client.POST('/allocations/{id}/reject', { params: { path: { id: 1 } }, body: { reason: 'other', extra: true } });
  return shipped.data.shipmentId;
}
`;

describe('the feed through types generated from its OpenAPI document', () => {
  const feed = useFeedContract();
  let dir: string;

  beforeAll(() => {
    // generated code never enters git: it lives under node_modules/.cache for this run only
    mkdirSync(join(process.cwd(), 'node_modules/.cache'), { recursive: true });
    dir = mkdtempSync(join(process.cwd(), 'node_modules/.cache/feed-contract-'));
  }, 60_000);
  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('names every operation, and generates types that a typed client compiles against', async () => {
    const { doc } = feed;
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((m) =>
      Object.values(m),
    );
    expect(ops.length).toBeGreaterThanOrEqual(18);
    expect(ops.filter((o) => !o.operationId)).toEqual([]);
    writeFileSync(join(dir, 'feed-v1.ts'), astToString(await openapiTS(doc as never)));
    writeFileSync(join(dir, 'usage.ts'), typedUsage);
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2023',
          lib: ['ES2023', 'DOM'],
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['usage.ts'],
      }),
    );
    const out = await run('npx', ['tsc', '-p', dir]).catch((e: { stdout: string }) => e);
    expect(out.stdout).toBe('');
  }, 120_000);
});
