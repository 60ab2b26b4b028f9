import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('start-up with a bad environment', () => {
  it('stops with one line naming the variable', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: 'abc', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(res.status).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^config: PORT /);
  });
});
