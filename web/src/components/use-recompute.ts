import { useEffect, useRef, useState } from 'react';
import { useApi } from '../api/api-context.js';
import { useI18n } from '../i18n/i18n.js';
import { useToast } from '../shell/toast.js';

/** How long the page waits before reading the numbers again: the recompute runs in the background in about a second. */
const FOLLOW_UP_MS = 2_000;

/**
 * "Recompute now": queues a full replenishment run, then reloads the page's data once it has had
 * time to finish. `reloadSoon` does the same after a change the server recomputes on its own.
 */
export function useRecompute(reload: () => void) {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const [running, setRunning] = useState(false);
  const [followUp, setFollowUp] = useState(0);
  // the latest reload, so a page passing a fresh function each render neither restarts nor repeats the wait
  const latest = useRef(reload);
  latest.current = reload;
  useEffect(() => {
    if (!followUp) return;
    const timer = setTimeout(() => latest.current(), FOLLOW_UP_MS);
    return () => clearTimeout(timer);
  }, [followUp]);
  const recompute = async () => {
    setRunning(true);
    try {
      await api.post('/stock/recompute');
      toast.show(t('stock.recomputeQueued'));
      setFollowUp((n) => n + 1);
    } catch (e) {
      toast.show((e as Error).message, { error: true });
    } finally {
      setRunning(false);
    }
  };
  return { running, recompute, reloadSoon: () => setFollowUp((n) => n + 1) };
}
