import '@shopify/ui-extensions/preact';
import { render } from 'preact';
import type { Api } from '@shopify/ui-extensions/admin.product-details.block.render';
import { createAppApi } from '../../../extensions-kit/app-api.js';
import { APP_URL } from '../../../extensions-kit/app-url.js';
import { ProductBlock } from './product-block.js';

declare const shopify: Api;

export default async () => {
  const api = createAppApi({ baseUrl: APP_URL, token: () => shopify.auth.idToken() });
  render(
    <ProductBlock productId={shopify.data.selected[0]?.id ?? null} api={api} i18n={shopify.i18n} />,
    document.body,
  );
};
