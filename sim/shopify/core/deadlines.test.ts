import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDeadlines } from './deadlines.js';

describe('deadlines', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('expires each deadline at its time, within a tick, unless it was done first', () => {
    const d = createDeadlines(25);
    const expired: string[] = [];
    d.start(5_000, () => expired.push('slow'));
    const fast = d.start(1_000, () => expired.push('fast'));
    d.start(1_000, () => expired.push('fast too'));
    fast.done();
    vi.advanceTimersByTime(990);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(40);
    expect(expired).toEqual(['fast too']);
    vi.advanceTimersByTime(3_900);
    expect(expired).toEqual(['fast too']);
    vi.advanceTimersByTime(100);
    expect(expired).toEqual(['fast too', 'slow']);
  });

  it('wakes only when a deadline is due, however long the live ones are', () => {
    const d = createDeadlines(25);
    const expired: number[] = [];
    const t0 = Date.now();
    d.start(30_000, () => expired.push(30));
    d.start(60_000, () => expired.push(60));
    expect(vi.getTimerCount()).toBe(1);
    // a long poll's deadline is seconds away: the next wake-up is that deadline, not a tick
    vi.advanceTimersToNextTimer();
    expect(Date.now() - t0).toBe(30_000);
    expect(expired).toEqual([30]);
    // an earlier deadline started later re-arms the one timer
    d.start(100, () => expired.push(0.1));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersToNextTimer();
    expect(Date.now() - t0).toBe(30_100);
    expect(expired).toEqual([30, 0.1]);
    vi.advanceTimersToNextTimer();
    expect(Date.now() - t0).toBe(60_000);
    expect(expired).toEqual([30, 0.1, 60]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
