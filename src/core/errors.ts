/** Errors that cross module boundaries. Each names the boundary that failed and says what to do. */
import { withoutUrlSecrets } from './url-secrets.js';

/** Base of every error this project throws on purpose. */
export class BriefingError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Bad configuration: lists every bad key with its path and what was expected. */
export class ConfigError extends BriefingError {
  readonly issues: readonly string[];
  constructor(message: string, issues: readonly string[], options?: { cause?: unknown }) {
    super('config_invalid', message, options);
    this.issues = issues;
  }
}

/** A source (feed, page, folder) could not be read. */
export class SourceError extends BriefingError {
  readonly source: string;
  /** How long the server asked not to be called again (a 429 or 503 with Retry-After). */
  readonly retryAfterMs?: number;
  constructor(code: string, source: string, message: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    // Messages quote the source's address: never with the key or token a paid feed carries in it.
    super(code, withoutUrlSecrets(message), options?.cause === undefined ? undefined : { cause: options.cause });
    this.source = source;
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * What the log says of a problem a source reported beside its articles (it read the others):
 * a feed that moved for good; for a feed, any other is a teaser whose page could not be read
 * (the teaser is used); for a folder, a file left out.
 */
export function sourceNoteMessage(err: unknown, fromFeed: boolean): string {
  if (err instanceof SourceError && err.code === 'moved') return 'the feed moved permanently: update its URL in the briefing';
  return fromFeed ? "an item's page could not be read: its teaser is used" : 'a file of the source was left out';
}

/** The store failed (unreachable, migration, constraint). */
export class StoreError extends BriefingError {}

/** A channel (Telegram, Slack, console) failed to deliver. */
export class ChannelError extends BriefingError {}
