const httpUrl = (u: string | undefined): string | null => (u && /^https?:\/\//i.test(u) ? u : null);

/**
 * Pairs each tracking number with its carrier link. Shipments keep only the links that could be
 * built, so the lists line up only when every number got one; otherwise a link is matched by the
 * number it carries. Only http(s) links leave the app: a 3PL's other schemes are dropped.
 */
export function trackingLinks(numbers: string[], urls: string[]): { number: string; url: string | null }[] {
  return numbers.map((number, i) => ({
    number,
    url:
      urls.length === numbers.length
        ? httpUrl(urls[i])
        : httpUrl(urls.find((u) => u.includes(encodeURIComponent(number)) || u.includes(number))),
  }));
}
