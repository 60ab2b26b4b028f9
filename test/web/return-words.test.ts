import { describe, expect, it } from 'vitest';
import { decideRequest, defaultReturnPolicy } from '../../core/domain/returns/index.js';
import { createTranslate } from '../../web/src/i18n/i18n.js';
import { decisionLabel, returnActorLabel } from '../../web/src/pages/returns/return-words.js';

const en = createTranslate('en');
const fr = createTranslate('fr');
const wh = { id: 2, name: 'Entrepôt Lyon' };

describe('a return page speaks of people, not handles', () => {
  it('every actor a return timeline records reads as a person or a place, in both languages', () => {
    const actors = ['customer', 'rules', 'shopify', 'merchant:maison.myshopify.com', 'warehouse:2', 'warehouse:9'];
    expect(actors.map((a) => returnActorLabel(en, a, wh))).toEqual([
      'The customer',
      'Return rules',
      'Shopify',
      'You',
      'Entrepôt Lyon',
      'A warehouse',
    ]);
    expect(actors.map((a) => returnActorLabel(fr, a, wh))).toEqual([
      'Le client',
      'Règles de retour',
      'Shopify',
      'Vous',
      'Entrepôt Lyon',
      'Un entrepôt',
    ]);
    for (const a of actors) expect(returnActorLabel(fr, a, wh)).not.toMatch(/:|^customer$|^rules$/);
  });

  it('every sentence the rules store is translated: none shows in English on the French page', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    const line = { sku: 'BOL', tags: [], quantity: 1, returnable: 1 };
    const shippedAt = new Date('2026-12-01T12:00:00Z');
    const stored = [
      decideRequest(defaultReturnPolicy, {
        source: 'merchant',
        lines: [line],
        orderTags: [],
        shippedAt,
        deliveredAt: null,
        now,
      }),
      decideRequest(
        { ...defaultReturnPolicy, autoApprove: true, windowDays: 30 },
        { source: 'customer', lines: [line], orderTags: [], shippedAt, deliveredAt: null, now },
      ),
      decideRequest(
        { ...defaultReturnPolicy, autoApprove: false },
        { source: 'shopify', lines: [line], orderTags: [], shippedAt, deliveredAt: null, now },
      ),
      decideRequest(
        { ...defaultReturnPolicy, autoApprove: true, windowDays: 1 },
        { source: 'shopify', lines: [line], orderTags: [], shippedAt, deliveredAt: null, now },
      ),
      decideRequest(
        { ...defaultReturnPolicy, autoApprove: true, excludedSkus: ['BOL'] },
        { source: 'shopify', lines: [line], orderTags: [], shippedAt, deliveredAt: null, now },
      ),
    ].map((d) => (d.kind === 'reject' ? d.reason : d.why));
    expect(stored.map((s) => decisionLabel(fr, s))).toEqual([
      'Demandé par vous',
      'Dans le délai de 30 jours, chaque ligne éligible',
      'La boutique examine chaque retour',
      'Hors du délai de 1 jour',
      'Une ligne n’est pas éligible',
    ]);
    expect(decisionLabel(en, stored[1]!)).toBe('Within 30 days, every line eligible');
    expect(decisionLabel(fr, 'window_ended')).toBe('Le délai de retour est dépassé');
    expect(decisionLabel(fr, 'something new')).toBe('something new');
  });
});
