import '@shopify/ui-extensions/preact';
import { render } from 'preact';
import type { Api } from '@shopify/ui-extensions/customer-account.order-status.block.render';
import { createAppApi } from '../../../extensions-kit/app-api.js';
import { APP_URL } from '../../../extensions-kit/app-url.js';
import { TrackingBlock } from './tracking-block.js';

declare const shopify: Api;

const api = createAppApi({ baseUrl: APP_URL, token: () => shopify.sessionToken.get() });

/** Reads the order signal while rendering, so the block follows it once Shopify has processed the order. */
function Root() {
  return (
    <TrackingBlock
      orderId={shopify.order.value?.id ?? null}
      api={api}
      i18n={shopify.i18n}
      requireLogin={() => shopify.requireLogin()}
    />
  );
}

export default async () => {
  render(<Root />, document.body);
};
