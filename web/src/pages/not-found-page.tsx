import { Card, EmptyState, Page } from '@shopify/polaris';
import { useI18n } from '../i18n/i18n.js';
import { usePageReady } from '../shell/page-ready.js';

/** A URL the app does not know. */
export function NotFoundPage() {
  const { t } = useI18n();
  usePageReady('not-found', true);
  return (
    <Page>
      <Card>
        <EmptyState heading={t('notFound.title')} action={{ content: t('notFound.back'), url: '/' }} image="/empty.svg">
          <p>{t('notFound.body')}</p>
        </EmptyState>
      </Card>
    </Page>
  );
}
