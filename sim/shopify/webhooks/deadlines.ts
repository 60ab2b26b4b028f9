/**
 * Request deadlines kept by one timer: AbortSignal.timeout creates a timer and a weakly held
 * signal per delivery, a cost the simulator paid for every webhook under load. Here each
 * delivery gets a plain AbortController, and a single interval (running only while deliveries
 * are in flight) aborts those past their deadline with the same TimeoutError.
 */
export function createDeadlines(tickMs = 25) {
  const live = new Map<AbortController, number>();
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    const now = Date.now();
    for (const [c, at] of live) {
      if (at > now) continue;
      live.delete(c);
      c.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }
    if (live.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
  return {
    /** a signal aborted `ms` from now (to within a tick); call done() once the request is over */
    start(ms: number): { signal: AbortSignal; done(): void } {
      const c = new AbortController();
      live.set(c, Date.now() + ms);
      if (!timer) {
        timer = setInterval(tick, tickMs);
        timer.unref();
      }
      return { signal: c.signal, done: () => void live.delete(c) };
    },
  };
}
