import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/api-context.js';
import type { RoutingRule, SimulationResult, SimulationStarted, SimulationStatus } from '../../api/types.js';

const POLL_MS = 400;
/** A replay that has not ended by then will not (no worker serves the queue, say): say so instead of waiting on. */
const GIVE_UP_MS = 5 * 60_000;

/**
 * "Try on past orders" as the server runs it: a job started by a POST and polled until it is done.
 * The previous result stays until the new one arrives; a new run or leaving the page stops the
 * polling of the previous one.
 */
export function useSimulation(failedMessage: string) {
  const api = useApi();
  const [result, setResult] = useState<SimulationResult | null>(null);
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<Error | null>(null);
  const [running, setRunning] = useState(false);
  const run = useRef(0);
  useEffect(
    () => () => {
      run.current++;
    },
    [],
  );

  const start = async (rules: RoutingRule[], days: number) => {
    const mine = ++run.current;
    setRunning(true);
    setProgress(0);
    setError(null);
    try {
      const { id } = await api.post<SimulationStarted>('/routing-rules/simulations', { rules, days });
      const giveUpAt = Date.now() + GIVE_UP_MS;
      for (;;) {
        if (run.current !== mine) return;
        if (Date.now() > giveUpAt) throw new Error(failedMessage);
        const now = await api.get<SimulationStatus>(`/routing-rules/simulations/${encodeURIComponent(id)}`);
        if (run.current !== mine) return;
        if (now.state === 'failed') throw new Error(failedMessage);
        setProgress(now.progress);
        if (now.state === 'done' && now.result) {
          setResult(now.result);
          return;
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    } catch (e) {
      if (run.current === mine) setError(e as Error);
    } finally {
      if (run.current === mine) setRunning(false);
    }
  };
  return { result, progress, running, error, start };
}
