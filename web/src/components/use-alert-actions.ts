import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import type { StockAlert } from '../api/stock-types.js';
import { useI18n } from '../i18n/i18n.js';
import { useToast } from '../shell/toast.js';

/** Snooze and resolve, with a toast each way; `onChanged` gets the alert as the server saved it. */
export function useAlertActions(onChanged: (saved: StockAlert) => void) {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const [busy, setBusy] = useState<number | null>(null);
  const run = async (a: { id: number }, call: () => Promise<StockAlert>, done: string) => {
    setBusy(a.id);
    try {
      onChanged(await call());
      toast.show(done);
    } catch (e) {
      toast.show((e as Error).message, { error: true });
    } finally {
      setBusy(null);
    }
  };
  return {
    busy,
    snooze: (a: { id: number; sku?: string }, days: number) =>
      run(
        a,
        () => api.post<StockAlert>(`/alerts/${a.id}/snooze`, { days }),
        t('alerts.snoozedToast', { count: days, sku: a.sku ?? '' }).trim(),
      ),
    resolve: (a: { id: number; sku?: string }) =>
      run(
        a,
        () => api.post<StockAlert>(`/alerts/${a.id}/resolve`),
        t('alerts.resolvedToast', { sku: a.sku ?? '' }).trim(),
      ),
  };
}
