import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of ARCHITECTURE.md, checked the way `npm run lint` checks them: ESLint with
 * the repository's own eslint.config.js, on fixture source given a path inside each layer.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function layerErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const breaking: { layer: string; file: string; source: string; says: RegExp }[] = [
  {
    layer: 'web',
    file: 'web/src/pages/fixture.tsx',
    source: "import { createOrdersRepo } from '../../../core/db/orders-repo.js';\nexport const x = createOrdersRepo;\n",
    says: /core\/contracts/,
  },
  {
    layer: 'web',
    file: 'web/src/pages/fixture.tsx',
    source: "import { routeOrder } from '../../../core/use-cases/route-order.js';\nexport const x = routeOrder;\n",
    says: /core\/contracts/,
  },
  {
    layer: 'web',
    file: 'web/src/api/fixture.ts',
    source: "import type { orders } from '../../../drizzle/schema/index.js';\nexport type X = typeof orders;\n",
    says: /core\/contracts/,
  },
  {
    layer: 'web',
    file: 'web/src/api/fixture.ts',
    source: "import { sql } from 'drizzle-orm';\nexport const x = sql;\n",
    says: /use case/,
  },
  {
    layer: 'server',
    file: 'server/routes/feed/fixture.ts',
    source: "import { eq } from 'drizzle-orm';\nexport const x = eq;\n",
    says: /call a use case/,
  },
  {
    layer: 'server',
    file: 'server/routes/feed/fixture.ts',
    source: "import { orders } from '../../../drizzle/schema/index.js';\nexport const x = orders;\n",
    says: /repository/,
  },
  {
    layer: 'use cases',
    file: 'core/use-cases/fixture.ts',
    source: "import { orders } from '../../drizzle/schema/index.js';\nexport const x = orders;\n",
    says: /repository/,
  },
  {
    layer: 'use cases',
    file: 'core/use-cases/feed/fixture.ts',
    source: "import { shipments } from '../../../drizzle/schema/shipments.js';\nexport const x = shipments;\n",
    says: /repository/,
  },
  {
    layer: 'workers',
    file: 'workers/fixture.ts',
    source: "import { createShopsRepo } from '../core/db/shops-repo.js';\nexport const x = createShopsRepo;\n",
    says: /use cases/,
  },
  {
    layer: 'sim',
    file: 'sim/3pl/fixture.ts',
    source: "import { detectCarrier } from '../../core/domain/carriers/index.js';\nexport const x = detectCarrier;\n",
    says: /over the network/,
  },
  {
    layer: 'sim',
    file: 'sim/shopify/graphql/fixture.ts',
    source: "import { buildApp } from '../../../server/app.js';\nexport const x = buildApp;\n",
    says: /over the network/,
  },
  {
    layer: 'sim',
    file: 'sim/3pl/fixture.ts',
    source: "import { startWorkers } from '../../workers/registry.js';\nexport const x = startWorkers;\n",
    says: /over the network/,
  },
  {
    layer: 'app',
    file: 'core/use-cases/fixture.ts',
    source: "import { createShopifySim } from '../../sim/shopify/index.js';\nexport const x = createShopifySim;\n",
    says: /never imported by the app/,
  },
];

const allowed: { layer: string; file: string; source: string }[] = [
  {
    layer: 'web',
    file: 'web/src/api/fixture.ts',
    source: "import type { Address } from '../../../core/domain/address.js';\nexport type X = Address;\n",
  },
  {
    layer: 'server',
    file: 'server/routes/feed/fixture.ts',
    source: "import { routeOrder } from '../../../core/use-cases/route-order.js';\nexport const x = routeOrder;\n",
  },
  {
    layer: 'use cases',
    file: 'core/use-cases/fixture.ts',
    source: "import { createOrdersRepo } from '../db/orders-repo.js';\nexport const x = createOrdersRepo;\n",
  },
  {
    layer: 'repositories',
    file: 'core/db/fixture.ts',
    source:
      "import { eq } from 'drizzle-orm';\nimport { orders } from '../../drizzle/schema/index.js';\nexport const x = [eq, orders];\n",
  },
  {
    layer: 'workers',
    file: 'workers/fixture.ts',
    source: "import { sweepWork } from '../core/use-cases/sweep-work.js';\nexport const x = sweepWork;\n",
  },
  // sim/shopify has a core/ folder of its own, two levels down: that is not the app's core/
  {
    layer: 'sim',
    file: 'sim/shopify/graphql/views/fixture.ts',
    source: "import { gid } from '../../core/ids.js';\nexport const x = gid;\n",
  },
  {
    layer: 'sim',
    file: 'sim/shopify/ops/fixture.ts',
    source: "import type { SimCore } from '../core/sim-core.js';\nexport type X = SimCore;\n",
  },
];

describe('layer rules (eslint no-restricted-imports)', () => {
  it.each(breaking)('$layer: $file may not import what it imports', async ({ file, source, says }) => {
    const errors = await layerErrors(file, source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(says);
  });

  it.each(allowed)('$layer: $file may import what it imports', async ({ file, source }) => {
    expect(await layerErrors(file, source)).toEqual([]);
  });
});
