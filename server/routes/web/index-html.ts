/** A shop domain Shopify would put in the `shop` parameter. */
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i;

/** The shop named by the `shop` query parameter, when it is a real *.myshopify.com domain. */
export function shopFromQuery(shop: unknown): string | null {
  return typeof shop === 'string' && SHOP_DOMAIN.test(shop) ? shop.toLowerCase() : null;
}

/** Only the shop's own admin and Shopify's admin may frame the app (clickjacking protection). */
export function frameAncestors(shop: string | null): string {
  return `frame-ancestors ${shop ? `https://${shop} ` : ''}https://admin.shopify.com;`;
}

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** App Bridge from Shopify's CDN; it must be a plain, blocking script at the top of the head. */
export const APP_BRIDGE_SCRIPT = '<script src="https://cdn.shopify.com/shopifycloud/app-bridge.js"></script>';

/**
 * Fills the built index.html: the app's API key for App Bridge, and the App Bridge script itself
 * when Shopify admin is loading the page (it adds `embedded=1` and `host`). Outside the admin the
 * script could not connect anyway, and offline it would only hold up the first paint.
 */
export function renderIndex(template: string, opts: { apiKey: string; embedded: boolean }): string {
  return template
    .replace('%SHOPIFY_API_KEY%', escapeAttr(opts.apiKey))
    .replace('<!--app-bridge-->', opts.embedded ? APP_BRIDGE_SCRIPT : '');
}
