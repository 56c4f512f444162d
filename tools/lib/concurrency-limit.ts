/**
 * A function's reserved concurrency, for `npm run local`: at most `limit` invocations run at once;
 * the rest wait first in, first out, the way Lambda's asynchronous queue holds events that would
 * exceed the function's reserved concurrency (Lambda retries those throttled events for up to the
 * maximum event age; here they simply wait their turn, an idealised, ordered version of that).
 */
export interface ConcurrencyLimit {
  /** Runs `task` when a slot is free; `onQueued` is called when it has to wait (Lambda counts a throttle). */
  run<T>(task: () => Promise<T>, onQueued?: () => void): Promise<T>;
  /** Invocations running now. */
  readonly active: number;
  /** Invocations waiting for a slot now. */
  readonly queued: number;
  /** The most that ever ran at once (never above the limit: tests assert it). */
  readonly maxActive: number;
  /** How many invocations had to wait for a slot. */
  readonly throttled: number;
}

export function concurrencyLimit(limit: number): ConcurrencyLimit {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`concurrency limit must be a whole number of at least 1, got ${limit}`);
  let active = 0;
  let maxActive = 0;
  let throttled = 0;
  const waiting: (() => void)[] = [];
  const acquire = async (onQueued?: () => void): Promise<void> => {
    if (active < limit && waiting.length === 0) {
      active++;
      return;
    }
    throttled++;
    onQueued?.();
    // The slot is handed over by release(): active never drops and rises again in between.
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    async run(task, onQueued) {
      await acquire(onQueued);
      maxActive = Math.max(maxActive, active);
      try {
        return await task();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
    get maxActive() {
      return maxActive;
    },
    get throttled() {
      return throttled;
    },
  };
}
