/**
 * The part of Shopify's extension `i18n` the blocks use. Shopify's object satisfies it; tests and
 * the local harness use `createLocalI18n` over the same locale files.
 */
export interface BlockI18n {
  translate(key: string, options?: Record<string, string | number>): string;
  formatDate(date: Date, options?: Intl.DateTimeFormatOptions): string;
  formatNumber(n: number, options?: Intl.NumberFormatOptions): string;
}

type Messages = { [key: string]: string | Messages };

/**
 * Shopify's translation rules over a locale file: dotted keys, `{{name}}` replacements, and a
 * `count` option choosing the `one`/`other` (…) form by the locale's plural rules.
 */
export function createLocalI18n(messages: Messages, locale: string): BlockI18n {
  const plural = new Intl.PluralRules(locale);
  const lookup = (key: string): string | Messages | undefined =>
    key
      .split('.')
      .reduce<string | Messages | undefined>(
        (node, part) => (node && typeof node === 'object' ? node[part] : undefined),
        messages,
      );
  return {
    translate(key, options = {}) {
      let found = lookup(key);
      if (found && typeof found === 'object' && typeof options.count === 'number') {
        const form = options.count === 0 && typeof found.zero === 'string' ? 'zero' : plural.select(options.count);
        found = found[form] ?? found.other;
      }
      if (typeof found !== 'string') throw new Error(`missing translation: ${key}`);
      return found.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) =>
        name in options ? String(options[name]) : `{{${name}}}`,
      );
    },
    formatDate: (date, options) => new Intl.DateTimeFormat(locale, options).format(date),
    formatNumber: (n, options) => new Intl.NumberFormat(locale, options).format(n),
  };
}
