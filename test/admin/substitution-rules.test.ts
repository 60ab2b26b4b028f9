import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRules } from '../../core/domain/routing/rules.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';

/**
 * Defect 7 of #15: a substitution rule never fired (the substitutes' stock is never loaded, the
 * Shopify order never edited), so the admin no longer takes one until it works end to end.
 */
describe('substitution rules in the admin', () => {
  let s: SimApp;
  let token: string;
  beforeAll(async () => {
    s = await startSimApp();
    token = await simShop(s.sim, 'no-substitutes.myshopify.com');
  });
  afterAll(async () => s.close());

  const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
    s.app.inject({
      method,
      url: `/api/admin${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload: payload as object } : {}),
    });
  const substitution = {
    kind: 'substitution',
    id: 'subs',
    equivalents: [{ sku: 'BOL-BLEU', substitutes: ['BOL-MARINE'] }],
  };

  it('are refused on save and in the simulator, with the reason; the rest of the rules still save', async () => {
    const { version } = (await call('GET', '/routing-rules')).json();
    const refused = await call('PUT', '/routing-rules', { rules: [...defaultRules(), substitution], version });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('substitution rules are not available yet');
    const simulated = await call('POST', '/routing-rules/simulations', {
      rules: [...defaultRules(), substitution],
      days: 7,
    });
    expect(simulated.statusCode).toBe(400);
    expect((await call('GET', '/routing-rules')).json().version).toBe(version);
    expect((await call('PUT', '/routing-rules', { rules: defaultRules(), version })).statusCode).toBe(200);
  });
});
