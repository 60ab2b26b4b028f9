import { Banner } from '@shopify/polaris';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';

/** The server's own message in a critical banner, with a way to try again. */
export function ErrorBanner({ error, onRetry, title }: { error: Error; onRetry?: () => void; title?: string }) {
  const { t } = useI18n();
  const requestId =
    error instanceof ApiError && typeof error.details === 'object' && error.details !== null
      ? (error.details as { requestId?: string }).requestId
      : undefined;
  return (
    <Banner
      tone="critical"
      title={title ?? t('error.title')}
      action={onRetry ? { content: t('common.retry'), onAction: onRetry } : undefined}
    >
      <p>
        {error.message}
        {requestId ? ` (${t('error.requestId', { id: requestId })})` : ''}
      </p>
    </Banner>
  );
}
