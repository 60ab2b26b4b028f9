import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { AppApiError, createAppApi } from '../../extensions-kit/app-api.js';
import { APP_URL } from '../../extensions-kit/app-url.js';
import { createLocalI18n } from '../../extensions-kit/i18n.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const extensionsDir = fileURLToPath(new URL('../../extensions', import.meta.url));

describe('extensions: layout and the shared kit', () => {
  it('has one folder per extension, each with its shopify.extension.toml on API 2026-07, its module and both locales', () => {
    const expected: Record<string, string> = {
      'admin-order-block': 'admin.order-details.block.render',
      'admin-product-block': 'admin.product-details.block.render',
      'customer-order-tracking': 'customer-account.order-status.block.render',
    };
    // every folder under extensions/ is an extension: shared code lives in extensions-kit/
    const folders = readdirSync(extensionsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual(Object.keys(expected));
    for (const [folder, target] of Object.entries(expected)) {
      const toml = parse(readFileSync(`${extensionsDir}/${folder}/shopify.extension.toml`, 'utf8')) as {
        api_version: string;
        extensions: {
          handle: string;
          type: string;
          name: string;
          targeting: { target: string; module: string }[];
          capabilities?: { network_access?: boolean };
        }[];
      };
      expect(toml.api_version).toBe('2026-07');
      const [ext] = toml.extensions;
      expect(ext).toMatchObject({ handle: folder, type: 'ui_extension', name: 't:name' });
      expect(ext!.targeting).toEqual([{ target, module: './src/BlockExtension.tsx' }]);
      expect(existsSync(`${extensionsDir}/${folder}/src/BlockExtension.tsx`)).toBe(true);
      for (const locale of ['en.default.json', 'fr.json'])
        expect(JSON.parse(readFileSync(`${extensionsDir}/${folder}/locales/${locale}`, 'utf8')).name).toBeTruthy();
      if (target.startsWith('customer-account.')) expect(ext!.capabilities?.network_access).toBe(true);
    }
  });

  it("calls the app at shopify.app.toml's application_url", () => {
    const app = parse(readFileSync(`${root}/shopify.app.toml`, 'utf8')) as { application_url: string };
    expect(APP_URL).toBe(app.application_url);
  });

  it('translates like Shopify: dotted keys, {{replacements}} and plural forms by count', () => {
    const en = createLocalI18n(
      { a: { b: 'Hi {{name}}' }, units: { one: '{{count}} unit', other: '{{count}} units' } },
      'en',
    );
    expect(en.translate('a.b', { name: 'Zoé' })).toBe('Hi Zoé');
    expect(en.translate('units', { count: 1 })).toBe('1 unit');
    expect(en.translate('units', { count: 3 })).toBe('3 units');
    const fr = createLocalI18n({ units: { one: '{{count}} unité', other: '{{count}} unités' } }, 'fr');
    expect(fr.translate('units', { count: 0 })).toBe('0 unité');
    expect(() => en.translate('missing')).toThrow(/missing translation/);
  });

  it('sends a fresh bearer token with every call and turns error bodies into AppApiError', async () => {
    const seen: { url: string; auth: string | undefined; body: unknown }[] = [];
    let n = 0;
    const api = createAppApi({
      baseUrl: 'https://app.test',
      token: async () => `tok-${++n}`,
      fetch: async (input, init) => {
        const headers = init!.headers as Record<string, string>;
        seen.push({ url: String(input), auth: headers.authorization, body: init!.body });
        if (String(input).endsWith('/missing'))
          return new Response(JSON.stringify({ error: { code: 'not_found', message: 'order not found' } }), {
            status: 404,
          });
        return new Response(JSON.stringify({ ok: true }), { status: 200 });
      },
    });
    expect(await api.get('/api/x?id=1')).toEqual({ ok: true });
    expect(await api.post('/api/y', { id: 'gid://shopify/Order/1' })).toEqual({ ok: true });
    const err = await api.get('/missing').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppApiError);
    expect(err).toMatchObject({ status: 404, code: 'not_found', message: 'order not found' });
    expect(seen.map((s) => [s.url, s.auth])).toEqual([
      ['https://app.test/api/x?id=1', 'Bearer tok-1'],
      ['https://app.test/api/y', 'Bearer tok-2'],
      ['https://app.test/missing', 'Bearer tok-3'],
    ]);
    expect(seen[1]!.body).toBe('{"id":"gid://shopify/Order/1"}');
  });
});
