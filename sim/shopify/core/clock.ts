/** Where the simulator reads the time; tests inject a manual one to drive bucket math. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** A clock that only moves when told to. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(ms: number): void;
}

export const systemClock: Clock = { now: () => Date.now() };

export function createManualClock(startMs: number): ManualClock {
  let t = startMs;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (ms) => {
      t = ms;
    },
  };
}
