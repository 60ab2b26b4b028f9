import { readdirSync, readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('.', import.meta.url));
// the robot's own folder, and the small pure helpers it shares with sim/shopify (clock, PRNG)
const allowed = [resolve(dir), resolve(dir, '../shopify/core')];

describe('sim/3pl boundaries', () => {
  it('the robot reaches the app over HTTP only: no module of it imports the app', () => {
    const modules = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(modules.length).toBeGreaterThan(10);
    const offending: string[] = [];
    for (const f of modules) {
      const imports = [...readFileSync(resolve(dir, f), 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
      for (const i of imports.filter((x) => x.startsWith('.'))) {
        const target = resolve(dir, i);
        if (
          !allowed.some((a) => target === a || target.startsWith(`${a}${sep}`)) ||
          target.includes(`${sep}test-support${sep}`)
        )
          offending.push(`${f}: ${i}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
