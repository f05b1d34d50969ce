/** A concurrency limit: at most `n` calls of a function run at once; the rest wait in order. */

/** Runs tasks with at most `concurrency` in flight. */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  active(): number;
  /** Tasks waiting. */
  pending(): number;
}

/** Creates a limiter (`concurrency` at least 1). */
export function createLimiter(concurrency: number): Limiter {
  const limit = Math.max(1, Math.floor(concurrency));
  let running = 0;
  const queue: (() => void)[] = [];
  const next = (): void => {
    if (running >= limit) return;
    const start = queue.shift();
    if (start) start();
  };
  return {
    run(task) {
      return new Promise((resolve, reject) => {
        queue.push(() => {
          running++;
          task().then(resolve, reject).finally(() => {
            running--;
            next();
          });
        });
        next();
      });
    },
    active: () => running,
    pending: () => queue.length,
  };
}
