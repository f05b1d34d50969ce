/** The small interfaces the service depends on; adapters in sources/, store/ and channels/ implement them. */
import type { Article, Briefing, ChannelRef } from './types.js';

/** Brings articles in. */
export interface ArticleSource {
  /** Name for logs and errors. */
  readonly name: string;
  /** Reads the source's current articles; problems with single items are reported, not thrown. */
  fetchArticles(): Promise<{ articles: Article[]; errors: Error[] }>;
}

/** A composed edition as stored: one per (briefing, local date, slot). */
export interface Edition {
  id: string;
  briefingId: string;
  date: string;
  slot: string;
  briefing: Briefing;
  createdAt: string;
}

/** Persistence. */
export interface Store {
  /** Returns the edition for the key, if one was already composed. */
  getEdition(briefingId: string, date: string, slot: string): Promise<Edition | undefined>;
  /**
   * Stores an edition unless one exists for the same key; returns the stored one (the
   * existing one wins, so two composers agree on one edition).
   */
  saveEdition(edition: Omit<Edition, 'id' | 'createdAt'>): Promise<Edition>;
  close(): Promise<void>;
}

/** Sends a briefing to one destination. */
export interface Publisher {
  send(ref: ChannelRef, briefing: Briefing): Promise<{ messageIds: string[] }>;
}

/** The current time (replaced by a fixed clock in tests). */
export interface Clock {
  now(): Date;
}

/** Structured logging (pino in production); messages teach, and never carry secrets. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** A logger that drops everything (tests, benchmarks). */
export const SILENT_LOGGER: Logger = { debug() {}, info() {}, warn() {}, error() {} };
