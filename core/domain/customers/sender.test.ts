import { describe, expect, it } from 'vitest';
import { effectiveSender } from './sender.js';

describe('effectiveSender', () => {
  it('is the app only when chosen and able to send', () => {
    expect(effectiveSender({ channel: 'shopify', choice: 'app', appCanSend: true })).toBe('app');
    expect(effectiveSender({ channel: 'shopify', choice: 'app', appCanSend: false })).toBe('shopify');
    expect(effectiveSender({ channel: 'shopify', choice: 'shopify', appCanSend: true })).toBe('shopify');
    expect(effectiveSender({ channel: 'shopify', choice: undefined, appCanSend: true })).toBe('shopify');
  });
  it('leaves marketplace buyers to their marketplace', () => {
    for (const choice of ['app', 'shopify'] as const)
      expect(effectiveSender({ channel: 'mirakl', choice, appCanSend: true })).toBe('marketplace');
  });
});
