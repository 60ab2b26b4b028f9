import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFuzz, startFuzzWorld, type FuzzWorld } from './fuzz/run-fuzz.js';

describe('every public endpoint, fuzzed from its schema', () => {
  let w: FuzzWorld;
  beforeAll(async () => {
    w = await startFuzzWorld();
  });
  afterAll(async () => w.close());

  it('answers 10,000 malformed, foreign-id and badly authenticated requests without a 5xx or a database change', async () => {
    expect(w.routes.filter((r) => r.url.startsWith('/api/admin')).length).toBeGreaterThan(20);
    expect(w.routes.some((r) => r.url.startsWith('/feed/v1/allocations'))).toBe(true);
    const report = await runFuzz(w, Number(process.env.FUZZ_REQUESTS ?? 10_000), 1414);
    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({
      requests: Number(process.env.FUZZ_REQUESTS ?? 10_000),
      responses_5xx: 0,
      db_changed: false,
    });
  }, 180_000);
});
