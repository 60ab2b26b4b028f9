/** Where an order's tracking page lives: absolute when the app knows its public URL, root-relative otherwise. */
export function trackingPageUrl(appUrl: string | undefined, token: string): string {
  return `${appUrl ? appUrl.replace(/\/+$/, '') : ''}/t/${encodeURIComponent(token)}`;
}

/** The customer's printable slip of one return, behind the order's tracking page token. */
export function returnSlipUrl(appUrl: string | undefined, token: string, rma: string): string {
  return `${trackingPageUrl(appUrl, token)}/returns/${encodeURIComponent(rma)}/slip`;
}
