// @vitest-environment happy-dom
import { render } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it } from 'vitest';
import { adminOrderBlockSchema } from '../../../core/contracts/extensions.js';
import { createLocalI18n } from '../../../extensions-kit/i18n.js';
import { demoOrder } from '../../../extensions-kit/testing/demo-data.js';
import { button, fakeApi, localeKeys, until } from '../../../extensions-kit/testing/test-dom.js';
import en from '../locales/en.default.json';
import fr from '../locales/fr.json';
import { OrderBlock, OrderBlockView } from './order-block.js';

const i18n = createLocalI18n(en, 'en');
describe('admin order block', () => {
  afterEach(() => render(null, document.body));

  it('demo data matches the contract, and both locales carry the same keys', () => {
    expect(adminOrderBlockSchema.parse(demoOrder)).toEqual(demoOrder);
    expect(localeKeys(fr)).toEqual(localeKeys(en));
  });

  it('renders the decision, each warehouse with its 3PL status, tracking links and the re-route action', () => {
    const html = renderToString(
      <OrderBlockView data={demoOrder} i18n={i18n} onReroute={() => {}} rerouting={false} notice={null} />,
    );
    expect(html).toContain('Split into 2 shipments: Paris Nord, Lyon Sud.');
    expect(html).toContain('<s-link href="app:orders/1042#trace">See the full trace</s-link>');
    expect(html).toMatch(/Lyon Sud<\/s-text><s-text>1 unit<\/s-text><s-badge tone="success">Accepted by the 3PL/);
    expect(html).toContain(
      '<s-link href="https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901" target="_blank">6A12345678901</s-link>',
    );
    expect(html).toContain('Re-route</s-button>');
    const final = renderToString(
      <OrderBlockView
        data={{ ...demoOrder, canReroute: false }}
        i18n={i18n}
        onReroute={() => {}}
        rerouting={false}
        notice={null}
      />,
    );
    expect(final).not.toContain('Re-route');
  });

  it('reads in French from the French locale', () => {
    const html = renderToString(
      <OrderBlockView
        data={demoOrder}
        i18n={createLocalI18n(fr, 'fr')}
        onReroute={() => {}}
        rerouting={false}
        notice={null}
      />,
    );
    expect(html).toContain('Répartie en 2 envois : Paris Nord, Lyon Sud.');
    expect(html).toContain('Acceptée par le 3PL');
  });

  it('loads the order on screen, re-routes it on click and loads it again', async () => {
    const path = `/api/extensions/admin/order?id=${encodeURIComponent('gid://shopify/Order/1042')}`;
    const { api, calls } = fakeApi({
      [`GET ${path}`]: () => demoOrder,
      'POST /api/extensions/admin/order/reroute': () => ({ queued: 1 }),
    });
    render(<OrderBlock orderId="gid://shopify/Order/1042" api={api} i18n={i18n} />, document.body);
    expect(document.body.textContent).toContain('Loading the routing');
    await until(() => !!button('Re-route'), 'the order');
    expect(document.body.querySelector('s-admin-block')!.getAttribute('heading')).toBe('Routing and tracking');
    button('Re-route')!.dispatchEvent(new Event('click'));
    await until(() => calls.length === 3 && document.body.textContent!.includes('Re-routing queued'), 'the reload');
    expect(calls).toEqual([
      { method: 'GET', path },
      { method: 'POST', path: '/api/extensions/admin/order/reroute', body: { id: 'gid://shopify/Order/1042' } },
      { method: 'GET', path },
    ]);
    expect(document.body.textContent).toContain('Re-routing queued');
  });

  it('says when the app does not know the order, and shows a failed re-route', async () => {
    render(<OrderBlock orderId="gid://shopify/Order/5" api={fakeApi({}).api} i18n={i18n} />, document.body);
    await until(() => document.body.textContent!.includes('The app has not received this order yet'), 'the 404 state');
    const path = `/api/extensions/admin/order?id=${encodeURIComponent('gid://shopify/Order/1042')}`;
    render(
      <OrderBlock
        orderId="gid://shopify/Order/1042"
        api={fakeApi({ [`GET ${path}`]: () => demoOrder }).api}
        i18n={i18n}
      />,
      document.body,
    );
    await until(() => !!button('Re-route'), 'the order');
    button('Re-route')!.dispatchEvent(new Event('click'));
    await until(() => !!document.body.querySelector('s-banner[tone="critical"]'), 'the failure');
    expect(document.body.querySelector('s-banner[tone="critical"]')!.textContent).toBe(
      'Re-routing failed: order is shipped',
    );
  });
});
