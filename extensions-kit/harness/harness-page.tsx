import { render } from 'preact';
import { OrderBlock } from '../../extensions/admin-order-block/src/order-block.js';
import { ProductBlock } from '../../extensions/admin-product-block/src/product-block.js';
import { TrackingBlock } from '../../extensions/customer-order-tracking/src/tracking-block.js';
import orderEn from '../../extensions/admin-order-block/locales/en.default.json';
import orderFr from '../../extensions/admin-order-block/locales/fr.json';
import productEn from '../../extensions/admin-product-block/locales/en.default.json';
import productFr from '../../extensions/admin-product-block/locales/fr.json';
import trackingEn from '../../extensions/customer-order-tracking/locales/en.default.json';
import trackingFr from '../../extensions/customer-order-tracking/locales/fr.json';
import { createLocalI18n } from '../i18n.js';
import { demoCustomerOrder, demoOrder, demoProduct } from '../testing/demo-data.js';
import { installPolarisStandIns } from './polaris-stand-ins.js';
import { fakeApi } from '../testing/test-dom.js';

/**
 * The browser harness: the three blocks side by side as Shopify would frame them, answering from
 * the demo data, in the language `?lang=` asks for. Calls are recorded on `window.__calls`.
 */
const lang = new URLSearchParams(location.search).get('lang') === 'fr' ? 'fr' : 'en';
const i18n = (en: object, fr: object) => createLocalI18n((lang === 'fr' ? fr : en) as never, lang);
const order = 'gid://shopify/Order/1042';
const product = 'gid://shopify/Product/55';
const { api, calls } = fakeApi({
  [`GET /api/extensions/admin/order?id=${encodeURIComponent(order)}`]: () => demoOrder,
  'POST /api/extensions/admin/order/reroute': () => ({ queued: 1 }),
  [`GET /api/extensions/admin/product?id=${encodeURIComponent(product)}`]: () => demoProduct,
  [`GET /api/extensions/customer/order?id=${encodeURIComponent(order)}`]: () => demoCustomerOrder,
});
(window as unknown as { __calls: typeof calls }).__calls = calls;

installPolarisStandIns(document);

function Frame({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: '8px', width: '420px' }}>
      <div style={{ fontSize: '12px', color: '#616161', textTransform: 'uppercase', letterSpacing: '.04em' }}>
        {label}
      </div>
      {children}
    </div>
  );
}

function Harness() {
  return (
    <div
      style={{
        display: 'flex',
        gap: '24px',
        alignItems: 'flex-start',
        padding: '24px',
        font: '13px/1.45 system-ui, sans-serif',
        color: '#303030',
      }}
    >
      <Frame label="Shopify admin · order details">
        <div data-block="order">
          <OrderBlock orderId={order} api={api} i18n={i18n(orderEn, orderFr)} />
        </div>
      </Frame>
      <Frame label="Shopify admin · product details">
        <div data-block="product">
          <ProductBlock productId={product} api={api} i18n={i18n(productEn, productFr)} />
        </div>
      </Frame>
      <Frame label="Customer account · order status">
        <div
          data-block="tracking"
          style={{ background: '#fff', borderRadius: '12px', padding: '16px', boxShadow: '0 0 0 1px rgba(0,0,0,.08)' }}
        >
          <TrackingBlock orderId={order} api={api} i18n={i18n(trackingEn, trackingFr)} requireLogin={async () => {}} />
        </div>
      </Frame>
    </div>
  );
}

document.body.style.margin = '0';
document.body.style.background = '#f1f1f1';
render(<Harness />, document.body);
