/** A clock the test moves by hand: time is walked through, never waited for. */
export function manualClock(start: string): { now(): Date; advance(ms: number): void } {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}
