/**
 * Request deadlines kept by one timer: a timer (or an AbortSignal.timeout) per request was a cost
 * the simulators paid for every webhook and every 3PL call under load. The one timer is armed for
 * the earliest live deadline (no sooner than `tickMs` from now, so a burst shares its wake-ups),
 * not run at a fixed pace: a 3PL robot's long polls are always in flight, and a fixed 25 ms tick
 * woke the idle simulators 40 times a second for deadlines seconds away.
 */
export function createDeadlines(tickMs = 25) {
  const live = new Map<() => void, number>();
  let timer: NodeJS.Timeout | null = null;
  let armedAt = Infinity;
  const arm = (at: number) => {
    const when = Math.max(at, Date.now() + tickMs);
    if (timer && armedAt <= when) return;
    if (timer) clearTimeout(timer);
    armedAt = when;
    timer = setTimeout(tick, when - Date.now());
    timer.unref();
  };
  const tick = () => {
    timer = null;
    armedAt = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const [expire, at] of live) {
      if (at > now) {
        next = Math.min(next, at);
        continue;
      }
      live.delete(expire);
      expire();
    }
    if (next !== Infinity) arm(next);
  };
  return {
    /** calls `expire` `ms` from now (to within a tick) unless done() was called first */
    start(ms: number, expire: () => void): { done(): void } {
      // a fresh function per request: the same callback started twice keeps two deadlines
      const key = () => expire();
      const at = Date.now() + ms;
      live.set(key, at);
      arm(at);
      return { done: () => void live.delete(key) };
    },
  };
}

/** The deadlines of a whole process: one timer however many clients send. */
export const sharedDeadlines = createDeadlines();
