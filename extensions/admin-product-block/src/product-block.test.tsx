// @vitest-environment happy-dom
import { render } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it } from 'vitest';
import { adminProductBlockSchema } from '../../../core/contracts/extensions.js';
import { demoProduct } from '../../../extensions-kit/testing/demo-data.js';
import { button, fakeApi, localeKeys, until } from '../../../extensions-kit/testing/test-dom.js';
import { createLocalI18n } from '../../../extensions-kit/i18n.js';
import en from '../locales/en.default.json';
import fr from '../locales/fr.json';
import { ProductBlock, ProductBlockView } from './product-block.js';

const i18n = createLocalI18n(en, 'en');

describe('admin product block', () => {
  afterEach(() => render(null, document.body));

  it('demo data matches the contract, and both locales carry the same keys', () => {
    expect(adminProductBlockSchema.parse(demoProduct)).toEqual(demoProduct);
    expect(localeKeys(fr)).toEqual(localeKeys(en));
  });

  it('renders stock per warehouse, sellable per channel, reorder point, cover, alert and the SKU link', () => {
    const html = renderToString(<ProductBlockView data={demoProduct} i18n={i18n} />);
    expect(html).toContain('<s-section heading="THE-VERT-100 · Thé vert 100 g">');
    expect(html).toContain(
      '<s-text>Paris Nord</s-text><s-text color="subdued">40 on hand · 6 reserved · 34 available</s-text>',
    );
    expect(html).toContain('<s-text>Shopify: 34</s-text><s-text>Amazon: 30</s-text>');
    expect(html).toContain('Reorder point: 48.2');
    expect(html).toContain('Cover: 9.5 days');
    expect(html).toContain(
      '<s-badge tone="warning">Alert</s-badge><s-text color="subdued">Below the reorder point</s-text>',
    );
    expect(html).toContain('<s-badge tone="success">No alert</s-badge>');
    expect(html).toContain('<s-link href="app:stock/77">Open the SKU page</s-link>');
  });

  it('formats numbers and words in French', () => {
    const html = renderToString(<ProductBlockView data={demoProduct} i18n={createLocalI18n(fr, 'fr')} />);
    expect(html).toContain('Point de commande : 48,2');
    expect(html).toContain('Couverture : 9,5 jours');
    expect(html).toContain('<s-text>Shopify : 34</s-text>');
    expect(html).toContain('Sous le point de commande');
  });

  it('loads the product on screen; an unknown product and a failure each say so, and a failure can be retried', async () => {
    const path = `/api/extensions/admin/product?id=${encodeURIComponent('gid://shopify/Product/9')}`;
    render(
      <ProductBlock
        productId="gid://shopify/Product/9"
        api={fakeApi({ [`GET ${path}`]: () => demoProduct }).api}
        i18n={i18n}
      />,
      document.body,
    );
    await until(() => document.body.innerHTML.includes('THE-VERT-250'), 'the SKUs');
    render(null, document.body);
    render(<ProductBlock productId="gid://shopify/Product/10" api={fakeApi({}).api} i18n={i18n} />, document.body);
    await until(() => document.body.textContent!.includes('no SKU of this product'), 'the unknown state');
    render(null, document.body);
    let fail = true;
    const flaky = fakeApi({
      [`GET ${path}`]: () => {
        if (fail) throw new Error('network down');
        return demoProduct;
      },
    });
    render(<ProductBlock productId="gid://shopify/Product/9" api={flaky.api} i18n={i18n} />, document.body);
    await until(() => !!button('Try again'), 'the failure');
    expect(document.body.textContent).toContain('Stock could not be loaded: network down');
    fail = false;
    button('Try again')!.dispatchEvent(new Event('click'));
    await until(() => document.body.innerHTML.includes('THE-VERT-250'), 'the retry');
    expect(flaky.calls).toHaveLength(2);
  });
});
