import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { channelAccounts } from '../../drizzle/schema/index.js';
import { createAmazonSim } from '../../sim/amazon/index.js';
import { createMiraklSim, type MiraklSim } from '../../sim/mirakl/index.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';

describe('admin API: marketplace channel accounts', () => {
  let s: SimApp;
  let sim: MiraklSim;
  let simUrl: string;
  let token: string;
  let other: string;
  beforeAll(async () => {
    s = await startSimApp();
    sim = createMiraklSim({ apiKey: 'good-key', shopName: 'Maison sur Fnac' });
    simUrl = await sim.start(0);
    token = await simShop(s.sim, 'chan-a.myshopify.com');
    other = await simShop(s.sim, 'chan-b.myshopify.com');
    for (const tok of [token, other])
      await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${tok}` } });
  });
  afterAll(async () => {
    await sim.stop();
    await s.close();
  });
  const call = (method: 'GET' | 'POST', url: string, payload?: object, tok = token) =>
    s.app.inject({
      method,
      url: `/api/admin${url}`,
      headers: { authorization: `Bearer ${tok}` },
      ...(payload ? { payload } : {}),
    });

  it('connects a Mirakl operator with its key sealed, tests the connection, and shows it to its shop only', async () => {
    const created = await call('POST', '/channel-accounts', {
      kind: 'mirakl',
      name: 'Fnac Darty',
      code: 'fnac',
      baseUrl: simUrl,
      apiKey: 'good-key',
      carriers: [{ code: 'COLISSIMO', label: 'Colissimo' }],
    });
    expect(created.statusCode).toBe(201);
    const account = created.json().account;
    expect(account).toMatchObject({ kind: 'mirakl', code: 'fnac', name: 'Fnac Darty', lastError: null });
    expect(JSON.stringify(account)).not.toContain('good-key');
    const [row] = await s.t.ctx.db.select().from(channelAccounts).where(eq(channelAccounts.id, account.id));
    expect(row!.credentialsEnc).not.toContain('good-key');
    expect(s.t.ctx.cipher.decrypt(row!.credentialsEnc)).toContain('good-key');

    expect((await call('POST', `/channel-accounts/${account.id}/test`)).json()).toEqual({
      ok: true,
      accountName: 'Maison sur Fnac',
    });
    expect((await call('POST', `/channel-accounts/${account.id}/test`, undefined, other)).statusCode).toBe(404);
    const list = (await call('GET', '/channel-accounts')).json().accounts;
    expect(list).toEqual([
      expect.objectContaining({
        id: account.id,
        limits: expect.arrayContaining([
          expect.objectContaining({ operation: 'OR11 list orders', minIntervalMs: 60_000 }),
        ]),
      }),
    ]);
    expect((await call('GET', '/channel-accounts', undefined, other)).json().accounts).toEqual([]);
  });

  it('says why a connection fails, and refuses duplicates and hostile text', async () => {
    const created = await call('POST', '/channel-accounts', {
      kind: 'mirakl',
      name: 'Darty',
      code: 'darty',
      baseUrl: simUrl,
      apiKey: 'wrong-key',
    });
    expect((await call('POST', `/channel-accounts/${created.json().account.id}/test`)).json()).toEqual({
      ok: false,
      reason: 'the operator refused the API key',
    });
    const dup = await call('POST', '/channel-accounts', {
      kind: 'mirakl',
      name: 'Fnac',
      code: 'fnac',
      baseUrl: simUrl,
      apiKey: 'k',
    });
    expect(dup.statusCode).toBe(409);
    const nul = await call('POST', '/channel-accounts', {
      kind: 'mirakl',
      name: 'Bad\u0000name',
      code: 'bad',
      baseUrl: simUrl,
      apiKey: 'k',
    });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.code).toBeTruthy();
    expect(
      (
        await call('POST', '/channel-accounts', {
          kind: 'mirakl',
          name: 'S',
          code: 'shopify',
          baseUrl: simUrl,
          apiKey: 'k',
        })
      ).statusCode,
    ).toBe(400);
  });

  it('connects an Amazon seller with its LWA credentials sealed, reports its usage plans, and tests the connection', async () => {
    const amazon = createAmazonSim({ storeName: 'Maison sur Amazon' });
    const url = await amazon.start(0);
    try {
      const body = {
        kind: 'amazon',
        name: 'Amazon.fr',
        code: 'amazon-fr',
        baseUrl: url,
        lwaUrl: `${url}/auth/o2/token`,
        sellerId: amazon.state.sellerId,
        marketplaceId: amazon.state.marketplaceId,
        ...amazon.credentials,
        queueUrl: amazon.queueUrl,
        awsAccessKeyId: 'AKIDEXAMPLE12345',
        awsSecretAccessKey: 'aws-secret-for-the-queue',
      };
      const created = await call('POST', '/channel-accounts', body);
      expect(created.statusCode).toBe(201);
      const { account } = created.json();
      expect(account).toMatchObject({ kind: 'amazon', code: 'amazon-fr', lastError: null });
      expect(account.limits).toContainEqual(
        expect.objectContaining({ operation: 'searchOrders', ratePerSecond: 0.0056, burst: 20 }),
      );
      const [row] = await s.t.ctx.db.select().from(channelAccounts).where(eq(channelAccounts.id, account.id));
      expect(row!.credentialsEnc).not.toContain(amazon.credentials.refreshToken);
      expect(JSON.stringify(row!.settings)).not.toContain(amazon.credentials.clientSecret);
      expect(JSON.stringify(row!.settings)).not.toContain('aws-secret-for-the-queue');
      expect(JSON.parse(s.t.ctx.cipher.decrypt(row!.credentialsEnc))).toMatchObject({
        refreshToken: amazon.credentials.refreshToken,
        awsSecretAccessKey: 'aws-secret-for-the-queue',
      });
      expect((await call('POST', `/channel-accounts/${account.id}/test`)).json()).toEqual({
        ok: true,
        accountName: 'Maison sur Amazon (Amazon.fr)',
      });
      const revoked = await call('POST', '/channel-accounts', {
        ...body,
        code: 'amazon-de',
        refreshToken: 'Atzr|revoked',
      });
      const check = (await call('POST', `/channel-accounts/${revoked.json().account.id}/test`)).json();
      expect(check).toMatchObject({ ok: false, reason: expect.stringMatching(/invalid_grant/) });
      expect((await call('POST', '/channel-accounts', { ...body, code: 'amz', sellerId: 'bad id' })).statusCode).toBe(
        400,
      );
    } finally {
      await amazon.stop();
    }
  });
});
