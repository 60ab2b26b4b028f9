import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import { saveWarehouse } from '../../core/use-cases/admin/save-warehouse.js';
import { warehouseInputSchema } from '../../core/contracts/admin/warehouses.js';
import { seedShop } from '../helpers/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

describe('push warehouse URLs', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  const input = (pushUrl: string) =>
    warehouseInputSchema.parse({
      name: 'Push',
      code: `P${Math.floor(Math.random() * 1e6)}`,
      address: { countryCode: 'FR' },
      timezone: 'Europe/Paris',
      cutoffTime: '14:00',
      workingDays: [1, 2, 3, 4, 5],
      zones: [{ code: 'FR', countries: ['FR'] }],
      serviceLevels: [{ code: 'std', name: 'Standard', transitDays: { FR: 2 } }],
      costs: { FR: 5 },
      dispatchStyle: 'http',
      pushUrl,
    });

  it('must use https where https is required (production)', async () => {
    const shop = await seedShop(t.ctx.db);
    const deps = {
      db: t.ctx.db,
      shopify: t.ctx.shopify,
      cipher: t.ctx.cipher,
      appUrl: undefined,
      requireHttpsPush: true,
      feedAuth: t.ctx.feedAuth,
    };
    await expect(
      saveWarehouse(deps, {
        shopId: shop.id,
        shopDomain: shop.domain,
        data: input('http://3pl.example/api'),
        actor: 'test',
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    const ok = await saveWarehouse(deps, {
      shopId: shop.id,
      shopDomain: shop.domain,
      data: input('https://3pl.example/api'),
      actor: 'test',
    });
    expect(ok.pushSecret).toMatch(/^whsec_/);
  });
});
