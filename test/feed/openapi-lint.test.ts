import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const run = promisify(execFile);

describe("the feed's OpenAPI document", () => {
  let t: TestContext;
  let app: FastifyInstance;
  let dir: string;
  beforeAll(async () => {
    t = await createTestContext();
    app = await buildApp(t.ctx, { logger: false });
    dir = mkdtempSync(join(tmpdir(), 'feed-openapi-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await app.close();
    await t.close();
  });

  it('passes `redocly lint` with the recommended rules, without errors or warnings', async () => {
    const file = join(dir, 'feed-v1.json');
    writeFileSync(file, (await app.inject('/feed/v1/openapi.json')).body);
    // offline: no telemetry, no update check
    const out = await run('npx', ['redocly', 'lint', '--extends=recommended', '--format=json', file], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 20_000_000,
    }).catch((e: { stdout: string; stderr: string }) => e);
    const report = JSON.parse(out.stdout.slice(out.stdout.indexOf('{'))) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
    };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 120_000);

  it('serves the guide and the changelog beside the Swagger UI, as static HTML', async () => {
    const guide = await app.inject('/feed/v1/docs/guide');
    expect(guide.statusCode).toBe(200);
    expect(guide.headers['content-type']).toContain('text/html');
    for (const section of [
      'id="lifecycle"',
      'id="polling"',
      'id="webhooks"',
      'id="idempotency"',
      'id="errors"',
      'id="versioning"',
    ])
      expect(guide.body).toContain(section);
    expect(guide.body.match(/<pre><code>curl /g)?.length).toBeGreaterThanOrEqual(3);
    expect(guide.body).toContain('Idempotency-Key: PKG-2026-000123');
    expect(guide.body).not.toMatch(/<script(?! >document)[^>]*src=/);
    const changelog = await app.inject('/feed/v1/docs/changelog');
    expect(changelog.statusCode).toBe(200);
    expect(changelog.body).toContain('<h2 id="v1.1.0">');
    const doc = (await app.inject('/feed/v1/openapi.json')).json();
    expect(doc.info).toMatchObject({
      version: '1.1.0',
      contact: { email: expect.any(String) },
      license: { name: expect.any(String) },
    });
    expect(doc.externalDocs.url).toBe('/feed/v1/docs/guide');
    expect(Object.keys(doc.webhooks)).toEqual(['allocation.ready', 'allocation.cancel_requested']);
    expect((await app.inject('/feed/v1/docs/')).statusCode).toBe(200);
  });
});
