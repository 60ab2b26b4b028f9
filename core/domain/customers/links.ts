/** Where an order's tracking page lives: absolute when the app knows its public URL, root-relative otherwise. */
export function trackingPageUrl(appUrl: string | undefined, token: string): string {
  return `${appUrl ? appUrl.replace(/\/+$/, '') : ''}/t/${encodeURIComponent(token)}`;
}
