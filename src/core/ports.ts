/** The small interfaces the service depends on; adapters in sources/, store/ and channels/ implement them. */
import type {
  Article,
  Briefing,
  ChannelRef,
  Delivery,
  DeliveryStatus,
  Digest,
  FeedHealth,
  Platform,
  SendErrorClass,
  Subscription,
  SubscriptionInput,
  SubscriptionStatus,
} from './types.js';

/** Brings articles in. */
export interface ArticleSource {
  /** Name for logs and errors. */
  readonly name: string;
  /** Reads the source's current articles; problems with single items are reported, not thrown. */
  fetchArticles(): Promise<{ articles: Article[]; errors: Error[] }>;
  /**
   * Set by sources that can be polled all day (feeds): the key under which their articles are
   * kept as they arrive (see {@link Store.putArrivals}; a feed's URL as configured).
   */
  readonly arrivalKey?: string;
}

/** An article as a poller stored it: which source brought it, and when it first arrived. */
export interface Arrival {
  sourceKey: string;
  article: Article;
  /** Epoch milliseconds of the poll that first saw it. */
  arrivedAt: number;
}

/** A composed edition as stored: one per (briefing, local date, slot), frozen as sent. */
export interface Edition {
  id: string;
  briefingId: string;
  date: string;
  slot: string;
  briefing: Briefing;
  /** Epoch milliseconds. */
  createdAt: number;
}

/** An edition without its content: what an archive lists. */
export type EditionSummary = Omit<Edition, 'briefing'>;

/** Which editions of a briefing to list (newest first: date, then slot, descending). */
export interface EditionFilter {
  /** Only this local date (YYYY-MM-DD). */
  date?: string;
  /** Only dates on or after this one (YYYY-MM-DD). */
  fromDate?: string;
  /** At most this many (default: all). */
  limit?: number;
}

/** Subscriptions counted by briefing, platform, status and the reason of a pause. */
export interface SubscriptionCount {
  briefingId: string;
  platform: Platform;
  status: SubscriptionStatus;
  /** Why a subscription is paused or gone ("bot was blocked", "unsubscribed", …). */
  reason?: string;
  count: number;
}

/** The outcome of trying to claim the composition of an edition. */
export type EditionClaim =
  | { state: 'exists'; edition: Edition }
  | { state: 'claimed' }
  | { state: 'busy' };

/** How far a briefing sent as several messages has gone (see {@link Store.recordParts}). */
export interface PartsProgress {
  /** The ids of the parts posted, in order. */
  messageIds: string[];
  /** Parts done: posted, or tried without an answer (those have no id). */
  partsDone: number;
  /** How many parts the briefing takes. */
  partsTotal: number;
  /** Which parts (their count and content hash): a retry resumes only the same parts. */
  partsKey: string;
}

/** A claimed ledger row with its subscription and edition, ready to send. */
export interface ClaimedDelivery {
  delivery: Delivery;
  subscription: Subscription;
  edition: Edition;
}

/** How a claimed delivery ended. */
export type DeliveryOutcome =
  | { status: 'sent'; messageIds: string[] }
  | { status: 'partial'; messageIds: string[]; error: string }
  | { status: 'pending'; nextAttemptAt: number; error: string }
  /** `messageIds`: the parts of a briefing in several messages that were posted (kept otherwise). */
  | { status: 'failed' | 'unknown'; error: string; messageIds?: string[] };

/** A (briefing, zone, time) group of active subscriptions: what the schedule plans by. */
export interface Slot {
  briefingId: string;
  timeZone: string;
  deliveryTime: string;
  subscriptions: number;
}

/** When a slot fell due, and how far apart two briefings of one subscription must fall due (see {@link Store.enqueueDeliveries}). */
export interface DeliverySpacing {
  /** The instant the slot fell due (ms). */
  dueAt: number;
  /** Another row of the subscription due less than this from `dueAt` keeps it from getting one (ms). */
  minGapMs: number;
}

/** What {@link Store.purge} forgets: everything older than these. */
export interface PurgeCutoffs {
  /** Cached articles' texts stored before (ms). */
  articlesBefore: number;
  /** Cached digests stored before (ms). */
  digestsBefore: number;
  /** Finished ledger rows (sent, partial, unknown, failed, skipped) last updated before (ms). */
  ledgerBefore: number;
  /** Editions of local dates before this YYYY-MM-DD. */
  editionsBefore: string;
  /** Handled-update claims before (ms; webhooks are retried for a day at most), and leases that expired before it (free either way; a press of Slack's post button leaves one per channel and edition). Default: ledgerBefore. */
  updatesBefore?: number;
  /** Polled articles that arrived before (ms). Default: articlesBefore. */
  arrivalsBefore?: number;
}

/** How many rows {@link Store.purge} removed (or, for articles, emptied). */
export interface PurgeCounts {
  articles: number;
  digests: number;
  deliveries: number;
  editions: number;
  /** Polled articles forgotten (see {@link Store.putArrivals}). */
  arrivals: number;
}

/** What a heartbeat tells an instance about the others (see {@link Store.heartbeat}). */
export interface Heartbeat {
  /** Instances heard from within the live period, this one included: senders divide the bot-wide rate limits by it. */
  instances: number;
  /**
   * Whether every other live instance has recorded a share of at least `instances`, i.e. has
   * already shrunk to its part of the limits with this one counted (true when alone). An instance
   * that joins holds its bot-wide sends until it is.
   */
  acknowledged: boolean;
}

/** Persistence: one port, implemented by SQLite (default) and PostgreSQL; see tests/store/contract.ts. */
export interface Store {
  /** Checks the store answers (health checks). */
  ping(): Promise<void>;

  /** Creates or updates the subscription of a destination to a briefing (it becomes active). Throws StoreError on bad input. */
  upsertSubscription(input: SubscriptionInput, now: number): Promise<Subscription>;
  /**
   * Writes a subscription only if its row is still as it was read: `expected` is the row read
   * (compared by `updatedAt`, which every write of a row makes larger, even within one
   * millisecond), or undefined when there was none. Undefined when another writer came first (read
   * again and retry): a read-merge-write from two instances loses no change. A new row is active;
   * a replaced one keeps its status and reason (a paused one stays paused) unless `resume` makes
   * it active (subscribing again).
   */
  replaceSubscriptionIf(input: SubscriptionInput, now: number, expected: Pick<Subscription, 'updatedAt'> | undefined, options?: { resume?: boolean }): Promise<Subscription | undefined>;
  getSubscription(id: string): Promise<Subscription | undefined>;
  findSubscription(ref: { platform: Platform; destination: string; threadId?: string }, briefingId: string): Promise<Subscription | undefined>;
  listSubscriptions(filter?: { platform?: Platform; destination?: string; status?: SubscriptionStatus }): Promise<Subscription[]>;
  setSubscriptionStatus(id: string, status: SubscriptionStatus, reason: string | undefined, now: number): Promise<void>;
  /** Deletes a subscription and its ledger rows (the subscriber asked to leave); false when there was none. */
  deleteSubscription(id: string): Promise<boolean>;
  /**
   * Moves every subscription of a destination to a new id (a Telegram group that became a
   * supergroup); one the new id already has to the same briefing and thread stays, and the old one
   * is deleted with its ledger rows. Returns how many moved.
   */
  migrateDestination(platform: Platform, from: string, to: string, now: number): Promise<number>;
  /** The (briefing, zone, time) groups of active subscriptions. */
  listSlots(): Promise<Slot[]>;
  /** Subscriptions counted by briefing, platform, status and reason (the operator's dashboard). */
  countSubscriptions(): Promise<SubscriptionCount[]>;

  getEdition(briefingId: string, date: string, slot: string): Promise<Edition | undefined>;
  /**
   * Claims the right to compose an edition for `leaseMs`: `exists` when it is already composed,
   * `busy` when another composer holds a live claim. Two instances never both compose one edition.
   */
  claimEdition(key: { briefingId: string; date: string; slot: string }, owner: string, leaseMs: number, now: number): Promise<EditionClaim>;
  /** A briefing's editions without their content, newest first (archives, feeds, the dashboard). */
  listEditions(briefingId: string, filter?: EditionFilter): Promise<EditionSummary[]>;
  /** Stores a composed edition (the first one stored wins) and returns the stored one. */
  saveEdition(edition: { briefingId: string; date: string; slot: string; briefing: Briefing }, now: number): Promise<Edition>;

  /**
   * Adds a ledger row in `status` for every active subscription of the slot that has none for the
   * edition (and was created before `createdBefore`). Idempotent. Returns the number added. A
   * subscription that already has a row, neither skipped nor failed, for another edition of the
   * same briefing and local date gets none (its time or zone changed after that day's briefing went
   * out or was under way); nor does one with such a row whose slot fell due less than
   * `spacing.minGapMs` from `spacing.dueAt` (a time moved across midnight, 23:30 then 00:30). Rows
   * record `spacing.dueAt` as their due time. Only the editions of the few days around the
   * edition's are looked at.
   */
  enqueueDeliveries(editionId: string, slot: Omit<Slot, 'subscriptions'>, status: 'pending' | 'skipped', now: number, createdBefore?: number, spacing?: DeliverySpacing): Promise<number>;
  /** Claims up to `limit` pending rows due by `now` (FOR UPDATE SKIP LOCKED on PostgreSQL), marking them claimed. */
  claimDeliveries(owner: string, limit: number, now: number): Promise<ClaimedDelivery[]>;
  /**
   * Marks a claimed row as in flight, just before its send (or one part's), as of `now` (recovery
   * counts a row stale from there); false when it is no longer claimed by the claim that read
   * `attempts` (every claim adds one: a row put back and claimed again since is another's).
   * With `parts` (a briefing sent as several messages), a row that has recorded none yet records
   * how many there are and which they are, so that recovery after a crash during the first part
   * still sends the others.
   */
  markSending(id: string, now: number, attempts: number, parts?: { total: number; key: string }): Promise<boolean>;
  /**
   * Records how far a briefing sent as several messages has gone, after one part: the ids of the
   * parts posted, how many were done (posted, or tried without an answer) and which parts they
   * were. The row goes back to claimed as of `now` (nothing in flight: recovery puts it back to
   * pending, and a retry resumes at the next part). False when it is no longer this claim's.
   */
  recordParts(id: string, attempts: number, progress: PartsProgress, now: number): Promise<boolean>;
  /**
   * Records how a claimed or in-flight delivery ended. With `attempts`, only if the row is still
   * the claim's that read it with that many attempts (one put back and claimed again since is
   * another's, and is left to it).
   */
  completeDelivery(id: string, outcome: DeliveryOutcome, now: number, attempts?: number): Promise<void>;
  /**
   * Cleans up after senders that stopped (rows claimed before `claimedBefore`, or whose last part
   * went out before it): in-flight rows become `unknown` (never sent again), claimed rows not yet
   * started go back to `pending`. A briefing in several messages stopped while a part other than
   * its last was in flight goes back to `pending` with that part counted done (it may have been
   * posted: never sent again), so that the rest still go out; it ends `unknown`. Returns the
   * number marked unknown.
   */
  recoverInFlight(claimedBefore: number, now: number): Promise<number>;
  /** Ledger rows of one edition, or of one subscription. */
  listDeliveries(filter: { editionId?: string; subscriptionId?: string }): Promise<Delivery[]>;
  /** Count of ledger rows by status (metrics). */
  countDeliveries(): Promise<Partial<Record<DeliveryStatus, number>>>;
  /** Count of ledger rows by status for each of the given editions (editions with none are absent). */
  countDeliveriesByEdition(editionIds: readonly string[]): Promise<Record<string, Partial<Record<DeliveryStatus, number>>>>;

  /** The article cache: an article's digest, computed once and shared by every edition. */
  getCachedDigest(articleId: string, composerVersion: string): Promise<Digest | undefined>;
  putCachedDigest(articleId: string, composerVersion: string, article: Article, digest: Digest, now: number): Promise<void>;
  /**
   * The cached digests of many articles at once (the absent ones are not in the map): an edition
   * of ten thousand articles reads its cache in a few queries, not ten thousand.
   */
  getCachedDigests(articleIds: readonly string[], composerVersion: string): Promise<Map<string, Digest>>;
  /** Caches many digests at once (an entry already cached is kept as it is). */
  putCachedDigests(entries: readonly { article: Article; digest: Digest }[], composerVersion: string, now: number): Promise<void>;

  /**
   * The written-story cache (LLM mode): a model's answer for a story, by the story's content hash,
   * the model and the prompt version, so that an edition composed again calls nothing. Retention
   * forgets it with the digests.
   */
  getCachedStory(key: StoryCacheKey): Promise<WrittenStory | undefined>;
  /** Stores a model's answer (the first one stored for a key wins; an empty headline records an unusable answer). */
  putCachedStory(key: StoryCacheKey, story: WrittenStory, now: number): Promise<void>;

  /**
   * Records that instance `owner` is alive at `now` and keeps to a share of `share` (the number of
   * instances it divides the bot-wide rate limits by at this moment), and returns how many
   * instances were seen within `liveMs` (this one included) and whether every other one of them
   * has recorded a share of at least that many (see {@link Heartbeat}).
   */
  heartbeat(owner: string, now: number, liveMs: number, share: number): Promise<Heartbeat>;
  /** Forgets an instance that stops, so that the others take its share at once. */
  leave(owner: string): Promise<void>;

  /**
   * Takes or renews the lease `name` for `owner` until now + ttlMs: true when `owner` holds it
   * (it was free, expired, or already its own), false when another live owner does. One
   * statement, so two instances never both hold it.
   */
  holdLease(name: string, owner: string, ttlMs: number, now: number): Promise<boolean>;
  /** Gives the lease up, if `owner` holds it, so that another takes it at once. */
  releaseLease(name: string, owner: string): Promise<void>;
  /** Claims one incoming update (e.g. a Telegram update_id from a webhook): true the first time only. */
  claimUpdate(source: string, updateId: string, now: number): Promise<boolean>;
  /** Writes and reads back a row (readiness: a full disk or a read-only database fails here, not only a ping). */
  probeWrite(owner: string, now: number): Promise<void>;

  /**
   * Retention: forgets what is older than each cutoff (epoch ms, or a local date for editions):
   * cached articles' texts, cached digests, finished ledger rows, and editions no ledger row
   * still names (with their claims). Idempotent; returns how many of each went.
   */
  purge(cutoffs: PurgeCutoffs): Promise<PurgeCounts>;

  /**
   * Keeps the articles a poll of source `sourceKey` saw: those not yet kept for that source are
   * added with `arrivedAt`; those already kept keep their first arrival. Returns how many were new.
   */
  putArrivals(sourceKey: string, articles: readonly Article[], arrivedAt: number): Promise<number>;
  /** The articles of these sources that arrived in [from, to) (epoch ms), oldest arrival first. */
  listArrivals(sourceKeys: readonly string[], from: number, to: number): Promise<Arrival[]>;

  getFeedHealth(url: string): Promise<FeedHealth | undefined>;
  putFeedHealth(health: FeedHealth): Promise<void>;
  listFeedHealth(): Promise<FeedHealth[]>;

  close(): Promise<void>;
}

/**
 * A pacing rule: at most `limit` sends per `perMs` for all refs that share `key`. A rule with
 * scope `bot` is the platform's limit for the whole bot (Telegram's 30 messages a second): when
 * several instances send, each keeps to its share of it.
 */
export interface RateRule {
  key: string;
  limit: number;
  perMs: number;
  scope?: 'bot';
}

/** What a send posted. */
export interface SendResult {
  messageIds: string[];
  /**
   * Set when the briefing went out as several messages and a later one was refused: the first
   * ones were posted (and are never posted again), the rest will not be. Says why.
   */
  incomplete?: string;
}

/** One message of a briefing that a platform takes as several (see {@link Publisher.parts}). */
export interface MessagePart {
  /** What it says, as posted (a retry resumes only while the parts are the same). */
  readonly content: string;
  /** Posts it (one platform call); resolves to the message's id. */
  post(): Promise<string>;
}

/** Sends a briefing to one destination; a channel's adapter implements it. */
export interface Publisher {
  readonly platform: Platform;
  /** Sends the briefing whole (the delivery engine uses it for a publisher without `parts`). */
  send(ref: ChannelRef, briefing: Briefing): Promise<SendResult>;
  /**
   * The messages the briefing takes on this platform, in order (Telegram: 4,096 UTF-16 units a
   * message; Slack: 50 blocks). The delivery engine posts them one at a time, each paced by the
   * rate rules and bounded by the send timeout, and records each one done, so that a retry (after
   * a rate limit, a transient error, a restart, on any instance) resumes at the first part not
   * done and never posts one twice.
   */
  parts?(ref: ChannelRef, briefing: Briefing): MessagePart[];
  /** Turns a failed send into one of the delivery engine's error classes. */
  classify(error: unknown): SendErrorClass;
  /** The platform's rate rules for a destination (Telegram: 30/s overall, 1/s per chat, …). */
  rateRules(ref: ChannelRef): RateRule[];
}

/** Where a channel stands: taking updates, waiting to (still able to send), or stopped. */
export type ChannelState = 'running' | 'standby' | 'stopped';

/**
 * A way people reach the bot (console, Telegram, Slack): one lifecycle for all. `start` takes
 * updates (long polling, a socket, or the webhook route it mounted); `standby` stops taking them
 * while the channel's publisher keeps sending (an instance that waits its turn to be the one
 * Telegram poller); `stop` ends both. Each may be called in any state; each is idempotent.
 */
export interface Channel {
  readonly platform: Platform;
  /** How the delivery engine sends through this channel. */
  readonly publisher: Publisher;
  /**
   * Whether only one instance may take this channel's updates at a time (Telegram's long poll:
   * a second getUpdates is refused with 409). The app then starts it only while this instance
   * holds the channel's lease, and keeps it in standby otherwise.
   */
  readonly exclusive: boolean;
  start(): Promise<void>;
  standby(): Promise<void>;
  stop(): Promise<void>;
  state(): ChannelState;
  /** What the health endpoints report of it (never a reason to fail them: an outage at the platform is not ours). */
  health(): ChannelHealth;
}

/** A channel's state as the health endpoints report it. */
export interface ChannelHealth {
  platform: Platform;
  state: ChannelState;
  /** How updates arrive: "polling", "webhook", "socket", "http", "terminal". */
  mode: string;
  /** When the last update or command arrived (epoch ms), if any since start. */
  lastUpdateAt?: number;
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

/** What the delivery engine reports (implemented with prom-client by the HTTP server). */
export interface DeliveryMetrics {
  /** A delivery ended in `status` on `platform`. */
  delivered(platform: Platform, status: DeliveryStatus | 'retry'): void;
  /** Seconds one send took. */
  sendSeconds(platform: Platform, seconds: number): void;
}

/** Metrics that go nowhere (tests, benchmarks). */
export const NO_METRICS: DeliveryMetrics = { delivered() {}, sendSeconds() {} };

/** What the LLM mode reports (implemented with prom-client by the HTTP server). */
export interface ComposerMetrics {
  /** Tokens a model response reported. */
  tokens(usage: { model: string; promptTokens: number; completionTokens: number }): void;
  /** How one story's call to the model ended ("ok", "timeout", "rate-limited", "circuit-open", …). */
  outcome(outcome: string): void;
  /** The guard turned down an AI headline or bullet, for `reason` ("number", "quote", "name", …). */
  guardRejection(target: 'headline' | 'bullet', reason: string): void;
}

/** The key of a cached written story. */
export interface StoryCacheKey {
  /** The content hash of what the writer saw (StoryToWrite.id). */
  storyHash: string;
  model: string;
  promptVersion: string;
}

/** One outlet's article of a story, as a story writer reads it. */
export interface StoryArticle {
  /** The outlet, e.g. "BBC عربي". */
  outlet: string;
  title?: string;
  text: string;
  url?: string;
  /** ISO 639-1 language of the article ("ar", "en", "fr"); anything but "ar" is translated. */
  language: string;
}

/** A clustered story handed to a writer: every outlet's article about one event. */
export interface StoryToWrite {
  /** Stable id (the story's content hash), for logs and caches. */
  id: string;
  articles: StoryArticle[];
}

/** What a writer returns: a headline and bullets, each naming the articles (1-based) that support it. */
export interface WrittenStory {
  headline: string;
  bullets: { text: string; sources: number[] }[];
}

/**
 * Writes a story's headline and bullets (an LLM behind an OpenAI-compatible endpoint, or the
 * extractive composer). `undefined` means "fall back to extractive": the endpoint is down, slow,
 * or answered something unusable. The guard checks whatever comes back before it is shown.
 */
export interface StoryWriter {
  readonly name: string;
  /** The model, and the version of the prompt: with the story's hash, the key of the written-story cache (none: not cached). */
  readonly model?: string;
  readonly promptVersion?: string;
  writeStory(story: StoryToWrite, options?: StoryWriteOptions): Promise<WrittenStory | undefined>;
  /**
   * Like writeStory, and says whether the endpoint answered: an answer that could not be used
   * (not JSON, refused) is still an answer, which a cache keeps so as not to pay for it again;
   * a timeout or an error is not.
   */
  attempt?(story: StoryToWrite, options?: StoryWriteOptions): Promise<{ story?: WrittenStory; answered: boolean }>;
}

/** How a story is asked for. */
export interface StoryWriteOptions {
  /** Aborted: the story is not sent if it has not been yet, and a request in flight is cancelled (it then counts as unanswered). */
  signal?: AbortSignal;
}
