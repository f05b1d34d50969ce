/**
 * Slack's library (bolt, its receiver and Web API client) logs through the app's own logger, as
 * one JSON object a line like every other line, instead of its console logger. A request that
 * fails verification says what to check (the signing secret, the clock); since anyone on the
 * internet can send such requests, each kind is logged at most once a minute, with how many came.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/ports.js';

/** Lines of one kind logged at most this often. */
const EVERY_MS = 60_000;

/** What a verification failure of bolt's means for the operator. */
function explain(text: string): string | undefined {
  if (/in the future/i.test(text)) {
    return "slack: a request to /slack/events was stamped more than 5 minutes ahead of this machine's clock (this clock is behind: keep it in time with NTP); answered 401";
  }
  if (/stale|must differ from system time/i.test(text)) {
    return "slack: a request to /slack/events was stamped more than 5 minutes away from this machine's clock (a replay, or this clock is off: keep it in time with NTP); answered 401";
  }
  if (/verify|signature/i.test(text)) return 'slack: a request to /slack/events did not verify with SLACK_SIGNING_SECRET (another app\'s secret, or a request not from Slack); answered 401';
  return undefined;
}

/**
 * A bolt logger writing to `log`: debug and info left out, warnings and errors kept; a verification
 * failure explained, each kind of line at most once a minute (`repeated`: how many since).
 */
export function boltLogger(log: Logger, now: () => number = Date.now): BoltLogger {
  let level = LogLevel.WARN;
  const last = new Map<string, { at: number; repeated: number }>();
  const write = (at: 'warn' | 'error', parts: unknown[]): void => {
    const text = parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
    const reason = explain(text);
    const kind = `${at}:${reason ?? text.slice(0, 80)}`;
    const seen = last.get(kind);
    if (seen && now() - seen.at < EVERY_MS) {
      seen.repeated++;
      return;
    }
    if (last.size >= 100) last.clear();
    last.set(kind, { at: now(), repeated: 0 });
    log[at]({ detail: text, ...(seen?.repeated ? { repeated: seen.repeated } : {}) }, reason ?? `slack (bolt): ${text}`);
  };
  return {
    debug: () => {},
    info: () => {},
    warn: (...parts: unknown[]) => write('warn', parts),
    error: (...parts: unknown[]) => write('error', parts),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}
