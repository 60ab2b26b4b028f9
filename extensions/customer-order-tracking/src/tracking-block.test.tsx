// @vitest-environment happy-dom
import { render } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it } from 'vitest';
import { customerOrderStatusSchema } from '../../../core/contracts/extensions.js';
import { AppApiError } from '../../../extensions-kit/app-api.js';
import { demoCustomerOrder } from '../../../extensions-kit/testing/demo-data.js';
import { button, fakeApi, localeKeys, until } from '../../../extensions-kit/testing/test-dom.js';
import { createLocalI18n } from '../../../extensions-kit/i18n.js';
import en from '../locales/en.default.json';
import fr from '../locales/fr.json';
import { TrackingBlock, TrackingView } from './tracking-block.js';

const i18n = createLocalI18n(en, 'en');
const path = `/api/extensions/customer/order?id=${encodeURIComponent('gid://shopify/Order/1042')}`;

describe('customer-account tracking block', () => {
  afterEach(() => render(null, document.body));

  it('demo data matches the contract, and both locales carry the same keys', () => {
    expect(customerOrderStatusSchema.parse(demoCustomerOrder)).toEqual(demoCustomerOrder);
    expect(localeKeys(fr)).toEqual(localeKeys(en));
  });

  it('renders each parcel with its tracking link, contents and timeline newest first, and what is left to ship', () => {
    const html = renderToString(<TrackingView data={demoCustomerOrder} i18n={i18n} />);
    expect(html).toContain(
      '<s-text type="strong">Parcel 1 of 1</s-text><s-text>Colissimo</s-text><s-badge tone="neutral">In transit</s-badge>',
    );
    expect(html).toContain(
      '<s-link href="https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901" target="_blank">Track 6A12345678901</s-link>',
    );
    expect(html).toContain('2 × Thé vert 100 g');
    const order = ['Out for delivery', 'In transit', 'Shipped'].map((label) =>
      html.indexOf(`<s-text type="strong">${label}</s-text>`),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).toContain('<s-text color="subdued">Pris en charge par La Poste · Gonesse</s-text>');
    expect(html).toContain('1 more item will ship separately.');
    const waiting = renderToString(
      <TrackingView
        data={{ order: { name: '#1' }, shipments: [], unshippedUnits: 3, returnUrl: null }}
        i18n={createLocalI18n(fr, 'fr')}
      />,
    );
    expect(waiting).toContain('Votre commande est en préparation : 3 articles restent à expédier.');
  });

  it('links to the tracking page’s return door when the shop takes a return of the order, and only then', () => {
    const html = renderToString(<TrackingView data={demoCustomerOrder} i18n={i18n} />);
    expect(html).toContain(`<s-link href="${demoCustomerOrder.returnUrl}" target="_blank">Request a return</s-link>`);
    // after the parcels: the customer reads where the order is first
    expect(html.indexOf('Request a return')).toBeGreaterThan(html.indexOf('Track 6A12345678901'));
    const frHtml = renderToString(<TrackingView data={demoCustomerOrder} i18n={createLocalI18n(fr, 'fr')} />);
    expect(frHtml).toContain('>Demander un retour</s-link>');
    const closed = renderToString(<TrackingView data={{ ...demoCustomerOrder, returnUrl: null }} i18n={i18n} />);
    expect(closed).not.toMatch(/return/i);
    // an order fulfilled outside the app's warehouses has no parcels here, and may still go back
    const elsewhere = renderToString(
      <TrackingView data={{ ...demoCustomerOrder, shipments: [], unshippedUnits: 0 }} i18n={i18n} />,
    );
    expect(elsewhere).toContain('Your order is being prepared.');
    expect(elsewhere).toContain('Request a return');
  });

  it('loads the order on screen', async () => {
    render(
      <TrackingBlock
        orderId="gid://shopify/Order/1042"
        api={fakeApi({ [`GET ${path}`]: () => demoCustomerOrder }).api}
        i18n={i18n}
        requireLogin={async () => {}}
      />,
      document.body,
    );
    await until(() => document.body.textContent!.includes('Track 6A12345678901'), 'the parcels');
    expect(document.body.querySelector('s-section')!.getAttribute('heading')).toBe('Tracking');
  });

  it('asks a buyer who is not signed in to sign in, then loads', async () => {
    let signedIn = false;
    let prompts = 0;
    const { api } = fakeApi({
      [`GET ${path}`]: () => {
        if (!signedIn)
          throw new AppApiError(401, 'customer_login_required', 'The customer must sign in to see tracking');
        return demoCustomerOrder;
      },
    });
    render(
      <TrackingBlock
        orderId="gid://shopify/Order/1042"
        api={api}
        i18n={i18n}
        requireLogin={async () => {
          prompts++;
          signedIn = true;
        }}
      />,
      document.body,
    );
    await until(() => !!button('Sign in'), 'the login prompt');
    button('Sign in')!.dispatchEvent(new Event('click'));
    await until(() => document.body.textContent!.includes('Track 6A12345678901'), 'the parcels after login');
    expect(prompts).toBe(1);
  });

  it('says so when the app has nothing for the order', async () => {
    render(
      <TrackingBlock orderId="gid://shopify/Order/7" api={fakeApi({}).api} i18n={i18n} requireLogin={async () => {}} />,
      document.body,
    );
    await until(() => document.body.textContent!.includes('not available yet'), 'the unknown state');
  });
});
