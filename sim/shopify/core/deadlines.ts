/**
 * Request deadlines kept by one timer: a timer (or an AbortSignal.timeout) per request was a cost
 * the simulators paid for every webhook and every 3PL call under load. Here a single interval,
 * running only while requests are in flight, calls the expiry of those past their deadline.
 */
export function createDeadlines(tickMs = 25) {
  const live = new Map<() => void, number>();
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    const now = Date.now();
    for (const [expire, at] of live) {
      if (at > now) continue;
      live.delete(expire);
      expire();
    }
    if (live.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
  return {
    /** calls `expire` `ms` from now (to within a tick) unless done() was called first */
    start(ms: number, expire: () => void): { done(): void } {
      // a fresh function per request: the same callback started twice keeps two deadlines
      const key = () => expire();
      live.set(key, Date.now() + ms);
      if (!timer) {
        timer = setInterval(tick, tickMs);
        timer.unref();
      }
      return { done: () => void live.delete(key) };
    },
  };
}

/** The deadlines of a whole process: one interval however many clients send. */
export const sharedDeadlines = createDeadlines();
