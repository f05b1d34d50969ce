/** The project's data types, shared by every module. Depends on nothing. */
import type { TopicClass, TopicClassification } from './topic-classes.js';

/** Where an article came from. */
export interface SourceRef {
  /** Human-readable outlet name, e.g. "BBC عربي" or the file name. */
  name: string;
  /** The article's canonical URL, or a file path for local articles. */
  url?: string;
}

/** A part of an article: paragraphs under an optional heading. */
export interface Section {
  heading?: string;
  paragraphs: string[];
}

/** One news article as the sources hand it to the composer. */
export interface Article {
  /** Stable id (content hash or canonical URL). */
  id: string;
  title?: string;
  /** Publication time, ISO 8601. */
  published?: string;
  source: SourceRef;
  sections: Section[];
  /** Topics pinned by the briefing's source definition (topic ids or titles, e.g. "economy"). */
  topics?: string[];
  /** The outlet's own categories of the article, as written (a feed item's `<category>`, e.g. "رياضة"). */
  categories?: string[];
}

/** A digest bullet: a compressed form of one source sentence (the extractive composer's). */
export interface Bullet {
  /** What the reader sees: an in-order subsequence of the source sentence's words. */
  text: string;
  /** Index of the article section the sentence comes from. */
  section: number;
  /** The sentence as written in the article, for traceability. */
  sourceSentence: string;
  /** Absent or "extractive": the article's own words. */
  mode?: 'extractive';
}

/** A bullet a model wrote (LLM mode), which the guard found supported by its sources. */
export interface AiBullet {
  /** What the reader sees, in Modern Standard Arabic. */
  text: string;
  mode: 'ai';
  /** The outlets' articles that support it (the model named them; at least one). */
  sources: SourceRef[];
}

/** A bullet of a digest: extractive (with its source sentence) or AI-written (with its sources). */
export type DigestBullet = Bullet | AiBullet;

/** The text a bullet stands on: an extractive bullet's source sentence, an AI bullet's own text. */
export function bulletBasis(b: DigestBullet): string {
  return b.mode === 'ai' ? b.text : b.sourceSentence;
}

/** Something the composer noticed about odd input (never an exception). */
export interface ComposeWarning {
  code: 'empty' | 'not-arabic' | 'too-short' | 'truncated' | 'no-sentences' | 'binary';
  message: string;
}

/** The short digest of one article. */
export interface Digest {
  headline: string;
  bullets: DigestBullet[];
  /** Set when a model wrote the headline (LLM mode, passed by the guard). */
  headlineMode?: 'ai';
  /** Numbers with their unit or context as written, e.g. "37 في المئة". */
  keyFigures: string[];
  /**
   * Every value of the article, a key figure or not, by its key: digits and unit, without an
   * approximation or a tanwin («45 شخصا», «2.5 في المئة»). A follow-up with a value the earlier items
   * lack is an update. Absent in digests composed before
   * it existed (and in digests of other writers).
   */
  figureValues?: string[];
  source: SourceRef;
  articleId: string;
  published?: string;
  topics: string[];
  /** The outlet's own categories of the article (see {@link Article.categories}). */
  categories?: string[];
  /** The topic classifier's verdict on the article (title and lead). */
  classification?: TopicClassification;
  /** Importance of the article's story, higher first (used to rank briefing items). */
  importance: number;
  warnings: ComposeWarning[];
}

/** A digest the extractive composer made: every bullet is extractive. */
export type ExtractiveDigest = Omit<Digest, 'bullets'> & { bullets: Bullet[] };

/** One story of a briefing: the digest plus every outlet that reported it. */
export interface BriefingItem {
  digest: Digest;
  sources: SourceRef[];
  /** Title of the item's topic (or «منوعات»). */
  topic: string;
  /** Id of the item's topic in the briefing definition; absent for «منوعات». */
  topicId?: string;
  /**
   * The story was sent in an earlier edition, and new outlets or new facts (figures, sentences)
   * joined it since: rendered with the mark «تحديث». A story sent before with nothing new is not
   * in the edition at all.
   */
  update?: boolean;
  /**
   * The mark shown beside the headline of an item a model wrote (part of), e.g. «ملخص آلي»; set
   * when the operator asks for it (composer.markAiText), absent otherwise.
   */
  aiLabel?: string;
}

/** The mark of a story sent before that new outlets or facts joined ({@link BriefingItem.update}), shown before its headline. */
export const UPDATE_MARK = 'تحديث';

/** A day's briefing: items ranked by importance and grouped by topic. */
export interface Briefing {
  briefingId: string;
  title: string;
  /** Local date of the edition, YYYY-MM-DD. */
  date: string;
  /** Local delivery time of the edition, HH:MM (set by the service when it stores one; older editions lack it). */
  slot?: string;
  /**
   * Items grouped by topic: `topic` is the title shown, `topicId` the id of the briefing's topic
   * definition (absent for «منوعات», and in editions stored before ids were recorded).
   */
  groups: { topic: string; topicId?: string; items: BriefingItem[] }[];
  warnings: string[];
  /**
   * What the edition read, when its feeds are polled all day: the feed articles that arrived in
   * [from, to) (epoch ms), and how many articles it read in all. The next edition of the same
   * briefing and slot starts where this one ended.
   */
  coverage?: { from: number; to: number; articles: number };
  /**
   * Set on what one reader sees of an edition (`viewFor`): how many of the edition's stories their
   * topics, words asked about, -words or muted outlets left out. Absent: none (or a whole edition).
   * A view left empty by them is told apart from an edition with no news.
   */
  leftOut?: number;
  /** Of those, how many the topics and words asked about kept and the reader's -words or muted outlets then left out. */
  hiddenByFilters?: number;
}

/** Platforms a subscription can live on. */
export type Platform = 'telegram' | 'slack' | 'console';

/** Where a briefing is delivered. */
export interface ChannelRef {
  platform: Platform;
  /** Chat id, channel id or "stdout". */
  destination: string;
  /** Telegram forum topic (message_thread_id). */
  threadId?: string;
}

/** A briefing definition, as declared in briefings/*.json. */
export interface BriefingDefinition {
  id: string;
  title: string;
  deliveryTime: string;
  timeZone: string;
  sources: SourceDefinition[];
  topics: TopicDefinition[];
  maxItems: number;
  maxChars: number;
  bulletsPerItem: number;
  /** An outlet's category (as written in its feed) → the classifier's class it means, e.g. { "رياضة": "sport" }. */
  categories?: Record<string, TopicClass>;
}

/** A source declared by a briefing. */
export interface SourceDefinition {
  kind: 'folder' | 'feed' | 'page';
  /** Folder path (relative to the project root) or URL. */
  url: string;
  name: string;
  language: string;
  topics: string[];
  /** For feeds: complete teaser items from their pages. */
  fullText?: boolean;
  /** For feeds: minutes between two background polls (default: the configuration's feeds.pollMinutes). */
  pollMinutes?: number;
}

/** A topic of a briefing: the classifier's classes it takes, and the keywords that recognise it. */
export interface TopicDefinition {
  id: string;
  title: string;
  keywords: string[];
  /** Classes of the topic classifier this topic takes (none: keywords only, e.g. weather). */
  classes?: TopicClass[];
  /**
   * Its keywords are tried before the classifier's class (after a topic the source pins): for a
   * subject the six classes lack, which the classifier files under one of them (weather under
   * technology or politics). Off by default.
   */
  keywordsFirst?: boolean;
  /** How many of its keywords (default 1) a story must match for the keywords to place it here. */
  minKeywords?: number;
}

/** Where a subscription stands: paused (with a reason) when its destination stopped accepting messages. */
export type SubscriptionStatus = 'active' | 'paused' | 'gone';

/** What a subscriber asks for: a briefing, at a local time, in a zone, optionally narrowed to topics. */
export interface SubscriptionInput {
  platform: Platform;
  /** Chat id, channel id or "stdout". */
  destination: string;
  /** Telegram forum topic (message_thread_id). */
  threadId?: string;
  briefingId: string;
  /** Topic ids or keywords; empty means every item. */
  topics?: string[];
  /** Local delivery time, HH:MM (24-hour). */
  deliveryTime: string;
  /** IANA time zone, e.g. "Asia/Riyadh". */
  timeZone: string;
  /** Words and muted outlets narrowing what the subscription receives; absent: kept as stored (none for a new one). */
  filters?: SubscriptionFilters;
}

/**
 * A subscriber's own filters, as they typed them (matching normalizes and light-stems them):
 * what a subscription receives = (its topics ∪ items matching an `include` word) − items matching
 * an `exclude` word − items whose every outlet is `muted`.
 */
export interface SubscriptionFilters {
  /** `+word`s: items that mention them are added to the subscription's topics. */
  include: string[];
  /** `-word`s: items that mention them are left out. */
  exclude: string[];
  /** Outlets (names as shown, or a web host) left out: an item only they reported goes, their links go. */
  muted: string[];
}

/**
 * A change to a destination's subscription: the fields given replace the stored ones; the others
 * are kept (or take the briefing's defaults for a new subscription).
 */
export interface SubscriptionChange {
  deliveryTime?: string;
  timeZone?: string;
  /** Topic ids of the briefing; empty means every item. */
  topics?: string[];
  /** A topic id to add when absent, or to remove when present (a tapped button). */
  toggleTopic?: string;
  /** Words to add: `include` (+word) and `exclude` (-word); a word given again moves to its new side. */
  addWords?: { include?: string[]; exclude?: string[] };
  /** Drops every +word and -word (before `addWords`). */
  clearWords?: boolean;
  /** Outlets to mute. */
  mute?: string[];
  /** Outlets to unmute, or 'all'. */
  unmute?: string[] | 'all';
  /** Subscribing again: a paused subscription becomes active. Any other change keeps its status. */
  resume?: boolean;
}

/**
 * What one reader is to see of an edition: the subscription's topics (ids of the briefing's
 * topics), and for an on-demand answer the words the person asked about.
 */
export interface Audience {
  /** Topic ids; empty means every topic. */
  topics: readonly string[];
  /** Words asked for on demand (a topic's title or id, or keywords); empty or absent: none. */
  query?: string;
  /** The subscriber's +words, -words and muted outlets (absent: none). */
  filters?: SubscriptionFilters;
}

/** A stored subscription. */
export interface Subscription extends Required<Omit<SubscriptionInput, 'threadId' | 'filters'>> {
  id: string;
  /** The subscriber's filters (none when absent: subscriptions made before filters, or test doubles). */
  filters?: SubscriptionFilters;
  threadId?: string;
  status: SubscriptionStatus;
  statusReason?: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
}

/**
 * A delivery's state in the ledger. `claimed` is taken by a sender but not started (it goes back
 * to `pending` if that sender stops); `sending` is in flight; `unknown` was in flight when its
 * sender died or timed out, and is never sent again; `partial` went out as several messages of
 * which a later one was refused (the first ones were seen: never sent again); `skipped` was
 * missed by more than the catch-up window.
 */
export type DeliveryStatus = 'pending' | 'claimed' | 'sending' | 'sent' | 'partial' | 'unknown' | 'failed' | 'skipped';

/** One row of the delivery ledger: one per (subscription, edition). */
export interface Delivery {
  id: string;
  subscriptionId: string;
  editionId: string;
  status: DeliveryStatus;
  attempts: number;
  lastError?: string;
  messageIds: string[];
  /**
   * For a briefing sent as several messages: how many of its parts were posted, or tried and
   * left without an answer (those have no id in `messageIds`). A retry resumes at the next one.
   */
  partsDone: number;
  /** How many parts it takes (0 until the first is done, and for a briefing in one message). */
  partsTotal: number;
  /** Which parts those were (their count and content hash), set once the first is done. */
  partsKey?: string;
  /** Epoch milliseconds. */
  nextAttemptAt: number;
  updatedAt: number;
}

/**
 * How a channel classifies a failed send: the delivery engine retries, pauses or moves by it
 * (docs/ARCHITECTURE.md). `permanent`: the platform refused this message itself (too long,
 * malformed), so sending it again would fail the same way: recorded as failed at once, never
 * retried, while the subscription stays active.
 */
export type SendErrorClass =
  | { kind: 'gone'; reason: string }
  | { kind: 'migrate'; destination: string }
  | { kind: 'retry-after'; seconds: number }
  | { kind: 'permanent'; reason: string }
  | { kind: 'transient'; reason: string };

/** Health of one feed, as the sources record it. */
export interface FeedHealth {
  url: string;
  consecutiveFailures: number;
  lastError?: string;
  /** Epoch milliseconds. */
  lastSuccessAt?: number;
  nextTryAt: number;
  paused: boolean;
  /** Validators of the last good response, for conditional GET. */
  etag?: string;
  lastModified?: string;
  /** Where a permanent redirect (301/308) moved the feed; fetched from there on. */
  movedTo?: string;
}
