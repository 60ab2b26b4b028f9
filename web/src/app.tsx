import { AppProvider, Banner, BlockStack, Card, Page, SkeletonBodyText, SkeletonPage } from '@shopify/polaris';
import en from '@shopify/polaris/locales/en.json' with { type: 'json' };
import fr from '@shopify/polaris/locales/fr.json' with { type: 'json' };
import { useEffect, useMemo, useState } from 'react';
import { BrowserRouter } from 'react-router';
import { ApiProvider, useResource } from './api/api-context.js';
import type { ApiClient } from './api/client.js';
import { NotEmbeddedError } from './api/session-token.js';
import type { Language, ShopResponse, ShopSettings } from './api/types.js';
import { ErrorBanner } from './components/error-banner.js';
import { I18nProvider, initialLanguage, useI18n } from './i18n/i18n.js';
import { RouterLink } from './router/router.js';
import { Routes } from './routes.js';
import { AppFrame } from './shell/app-frame.js';
import { ShopProvider, type ShopState } from './shell/shop-context.js';

const polarisTranslations = { en, fr };

function StartupProblem({ error, onRetry }: { error: Error; onRetry(): void }) {
  const { t } = useI18n();
  if (error instanceof NotEmbeddedError) {
    return (
      <Page title={t('startup.title')}>
        <Banner tone="info" title={t('startup.openFromAdmin')}>
          <p>{t('startup.openFromAdminBody')}</p>
        </Banner>
      </Page>
    );
  }
  return (
    <Page title={t('startup.title')}>
      <ErrorBanner error={error} onRetry={onRetry} title={t('startup.failed')} />
    </Page>
  );
}

function StartupSkeleton() {
  return (
    <SkeletonPage title="" primaryAction>
      <BlockStack gap="400">
        <Card>
          <SkeletonBodyText lines={4} />
        </Card>
        <Card>
          <SkeletonBodyText lines={6} />
        </Card>
      </BlockStack>
    </SkeletonPage>
  );
}

/** Loads the shop, then picks the language and formats from it and shows the page for the URL. */
function Shell({ embedded }: { embedded: boolean }) {
  const shopRes = useResource<ShopResponse>('/shop');
  const [settings, setSettings] = useState<ShopSettings | null>(null);
  const fallback = useMemo(() => initialLanguage(window.location.search, navigator.language), []);
  useEffect(() => {
    if (shopRes.data) setSettings(shopRes.data.settings);
  }, [shopRes.data]);
  const language: Language = settings?.language ?? fallback;
  const shop = shopRes.data?.shop;

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const state = useMemo<ShopState | null>(
    () =>
      shop && settings
        ? {
            shop,
            settings,
            embedded,
            deadLetters: shopRes.data?.deadLetters ?? 0,
            applySettings: setSettings,
            refresh: shopRes.reload,
          }
        : null,
    [shop, settings, embedded, shopRes.data?.deadLetters, shopRes.reload],
  );

  return (
    <AppProvider i18n={polarisTranslations[language]} linkComponent={RouterLink}>
      <I18nProvider
        language={language}
        formatSettings={{
          shopLocale: shop?.locale ?? language,
          currency: shop?.currency ?? 'EUR',
          timeZone: shop?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
        }}
      >
        <AppFrame
          embedded={embedded}
          shop={
            shop ? { name: shop.name ?? shop.domain, domain: shop.domain, deadLetters: state?.deadLetters ?? 0 } : null
          }
        >
          {state ? (
            <ShopProvider value={state}>
              <Routes />
            </ShopProvider>
          ) : shopRes.error ? (
            <StartupProblem error={shopRes.error} onRetry={shopRes.reload} />
          ) : (
            <StartupSkeleton />
          )}
        </AppFrame>
      </I18nProvider>
    </AppProvider>
  );
}

/** The merchant's admin app; `embedded` when App Bridge runs it inside Shopify admin. */
export function App({ client, embedded }: { client: ApiClient; embedded: boolean }) {
  return (
    <BrowserRouter>
      <ApiProvider client={client}>
        <Shell embedded={embedded} />
      </ApiProvider>
    </BrowserRouter>
  );
}
