/** The use cases: compose each edition once (across instances), answer for it on demand, manage subscriptions. */
import { COMPOSER_VERSION, DEFAULT_BRIEFING_OPTIONS, clusterDigestsAsync, composeDigest, rankStories, writeStories } from '../composer/index.js';
import type { ClusteredStories, ComposeOptions, GuardRejection, GuardStoryOptions, RankOptions, WordLexicon } from '../composer/index.js';
import type { ArticleSource, Clock, Edition, Logger, Store, StoryToWrite, StoryWriter, WrittenStory } from '../core/ports.js';
import type { Article, Audience, Briefing, BriefingDefinition, BriefingItem, ChannelRef, Digest, Subscription, SubscriptionChange, SubscriptionInput } from '../core/types.js';
import { sourceNoteMessage, StoreError } from '../core/errors.js';
import { toLocalParts, zonedTimeToInstant } from '../core/time.js';
import { viewFor } from './audience-view.js';
import { earlierEditions, sentItems, windowAfter, type EditionWindow } from './edition-window.js';
import { mergeFilters } from './subscription-filters.js';

/** A guard rejection as the service reports it: with the briefing it happened in and when. */
export interface RecordedRejection extends GuardRejection {
  briefingId: string;
  /** Epoch milliseconds. */
  at: number;
}

/** A subscription change is read, merged and written again at most this many times when other writers keep coming first. */
const MAX_UPDATE_ATTEMPTS = 8;

/** LLM mode: a model writes the top stories of each edition, behind the guard. */
export interface StoryWriting {
  /** The model (an OpenAI-compatible endpoint, src/llm), returning undefined to mean "keep it extractive". */
  writer: StoryWriter;
  /** The guard's word-frequency lexicon (names and rare words are judged against it). */
  lexicon: WordLexicon;
  /** Stories of an edition sent to the model at most, the most important first. */
  maxStories: number;
  /** The guard's settings (default: the product's limits, 30 words a bullet). */
  guard?: Readonly<GuardStoryOptions>;
  /**
   * When an edition is composed at or after its slot (on demand, after downtime), how long the
   * model may take before the stories it has not written go out extractive (default 30,000 ms).
   * Composed ahead, the slot itself is the deadline.
   */
  lateBudgetMs?: number;
  /**
   * The longest the model may take for an edition, however far its slot (default 900,000 ms): an
   * edition asked for on demand hours before its slot does not wait hours.
   */
  maxWriteMs?: number;
  /** Every rejection, besides its log line (metrics, the operator's dashboard). */
  onRejection?: (rejection: RecordedRejection) => void;
  /** The mark of items with AI text (e.g. «ملخص آلي»), when the operator wants messages to show it; none: unmarked. */
  aiLabel?: string;
}

/** What the service needs. */
export interface BriefingServiceDeps {
  store: Store;
  /** The sources of a briefing definition. */
  sourcesFor(definition: BriefingDefinition): ArticleSource[];
  /**
   * The configured briefings (default: none). Used to read editions stored before groups carried
   * their topic ids; a service without them still narrows newer editions correctly.
   */
  definitions?: readonly BriefingDefinition[];
  clock: Clock;
  log: Logger;
  compose?: Partial<ComposeOptions>;
  /** LLM mode (absent: extractive, offline). */
  writing?: StoryWriting;
  /** This instance's name in edition claims (default: a random one). */
  owner?: string;
  /** How long a claim to compose an edition lasts (default 120 s). */
  composeLeaseMs?: number;
  /** Waits (replaced in tests). */
  sleep?: (ms: number) => Promise<void>;
  /**
   * When feeds are polled all day (the app's feed poller keeps their articles as they arrive):
   * an edition reads the feed articles that arrived since the previous edition of its briefing and
   * slot, at most `maxWindowMs` back, instead of the feeds' current items. Absent: feeds are read
   * when the edition is composed.
   */
  arrivals?: { maxWindowMs: number };
  /**
   * In a briefing that reads feeds, stories sent by the editions of the same briefing and slot
   * within this many ms are not sent again unless new outlets or new facts joined them, then
   * marked «تحديث» (default 48 h; 0: off).
   */
  repeatLookbackMs?: number;
}

/** The service's operations. */
export interface BriefingService {
  /** Today's local date for a briefing, in its zone. */
  localDate(definition: BriefingDefinition, at?: Date): string;
  /**
   * Returns the edition of `definition` for `date` and `slot`, composing and storing it first when
   * there is none. Across instances one composes; the others wait for its edition.
   */
  getOrComposeEdition(definition: BriefingDefinition, date?: string, slot?: string): Promise<Edition>;
  /**
   * Composes an edition ahead of its slot, if no instance has or is composing it: the edition when
   * it exists or this instance composed it, undefined when another instance holds its claim (no
   * waiting: that one composes, and pays, once).
   */
  composeAhead?(definition: BriefingDefinition, date: string, slot: string): Promise<Edition | undefined>;
  /** Today's edition if it is already composed (never composes: for answers that must be instant). */
  cachedEdition(definition: BriefingDefinition): Promise<Edition | undefined>;
  /** What a subscription receives of an edition: the one decision, made before every send. */
  briefingFor(subscription: Pick<Subscription, 'briefingId' | 'topics' | 'filters'>, edition: Edition): Briefing;
  /** Today's edition as `audience` is to see it (every item when none is given); composes it first when needed. */
  briefNow(definition: BriefingDefinition, audience?: Partial<Audience>): Promise<Briefing>;
  /**
   * Today's edition as `audience` is to see it, only when it is already composed (never waits:
   * for answers that must be instant), with the edition's id for caching the rendered answer.
   */
  cachedBriefing(definition: BriefingDefinition, audience?: Partial<Audience>): Promise<{ editionId: string; briefing: Briefing } | undefined>;
  /** Subscribes a destination (or replaces its time, zone and topics). Throws on bad input; nothing is stored then. */
  subscribe(input: SubscriptionInput): Promise<Subscription>;
  /**
   * Subscribes a destination to a briefing, or changes its subscription: what `change` gives
   * replaces what is stored, the rest is kept (a new or ended subscription starts from the
   * briefing's delivery time and zone, and every topic). A topic id the briefing does not have is
   * refused with a StoreError. Words and outlets of `change` are merged into the stored filters
   * (a StoreError `filters_full` or `mutes_full` past 20). A paused subscription stays paused
   * unless `change.resume` (subscribing again). Reading, merging and writing happen here, never in
   * a channel.
   */
  updateSubscription(definition: BriefingDefinition, ref: ChannelRef, change?: SubscriptionChange): Promise<Subscription>;
  /** Ends a destination's subscription and deletes its rows (time, topics, ledger); returns whether there was one. */
  unsubscribe(ref: ChannelRef, briefingId: string): Promise<boolean>;
  /** The live (active or paused) subscriptions of a destination (and forum thread), one per briefing. */
  subscriptionsOf(ref: ChannelRef): Promise<Subscription[]>;
  /** The subscription of a destination to a briefing, if any (whatever its status). */
  subscription(ref: ChannelRef, briefingId: string): Promise<Subscription | undefined>;
  /** Pauses or resumes a destination's subscriptions (the bot was blocked, kicked, re-added). */
  setPaused(ref: Pick<ChannelRef, 'platform' | 'destination'>, paused: boolean, reason: string): Promise<number>;
  /** Resumes the subscriptions of one forum topic that were paused because the topic was closed (it was reopened); returns how many. */
  resumeReopenedTopic(ref: Required<Pick<ChannelRef, 'platform' | 'destination' | 'threadId'>>): Promise<number>;
  /**
   * Moves a destination's subscriptions to its new id (a Telegram group that became a supergroup),
   * settings and all; returns how many moved. See `Store.migrateDestination`.
   */
  moveDestination(ref: Pick<ChannelRef, 'platform' | 'destination'>, to: string): Promise<number>;
  /** Whether a subscription was sent an edition at or after `since` (epoch ms). */
  deliveredSince(subscriptionId: string, since: number): Promise<boolean>;
}

/** Whether a model wrote part of an item (its headline or a bullet). */
function hasAiText(item: BriefingItem): boolean {
  return item.digest.headlineMode === 'ai' || item.digest.bullets.some((b) => b.mode === 'ai');
}

/** What the written-story cache keeps for an answer that could not be used. */
const UNUSABLE: WrittenStory = { headline: '', bullets: [] };

const sleepReal = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Longest stretch of composing digests before the event loop gets a turn (ms). */
const COMPOSE_SLICE_MS = 20;
/** Digests written to the cache per store call. */
const CACHE_BATCH = 500;

/** Lets the event loop run what is waiting (I/O, timers) before going on. */
const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Creates the briefing service.
 *
 * @example
 * const service = createBriefingService({ store, sourcesFor, clock: { now: () => new Date() }, log });
 * const edition = await service.getOrComposeEdition(morning); // composed once, then read from the store
 */
export function createBriefingService(deps: BriefingServiceDeps): BriefingService {
  const { store, log, clock } = deps;
  const owner = deps.owner ?? `service-${Math.random().toString(36).slice(2, 10)}`;
  const leaseMs = deps.composeLeaseMs ?? 120_000;
  const repeatLookbackMs = deps.repeatLookbackMs ?? 48 * 3_600_000;
  const sleep = deps.sleep ?? sleepReal;
  const inFlight = new Map<string, Promise<Edition>>();
  // Compositions ahead of their slot (undefined: another instance holds the claim).
  const ahead = new Map<string, Promise<Edition | undefined>>();
  const editions = new Map<string, Edition>();
  const definitions = new Map((deps.definitions ?? []).map((d) => [d.id, d]));

  async function readArticles(definition: BriefingDefinition, window: EditionWindow | undefined): Promise<Article[]> {
    const articles: Article[] = [];
    // The same article (same canonical URL or content hash) from two sources is read once.
    const seen = new Set<string>();
    const sources = deps.sourcesFor(definition);
    // Polled sources: what arrived within the edition's window, as the poller kept it.
    const polled = window ? [...new Set(sources.flatMap((s) => (s.arrivalKey ? [s.arrivalKey] : [])))] : [];
    if (window && polled.length > 0) {
      // An article published long before the window is old news that arrived again (a feed that still
      // carries it, polled after the clean-up forgot its arrival): not news for this edition.
      const stale = window.from - (deps.arrivals?.maxWindowMs ?? 0);
      for (const { article } of await store.listArrivals(polled, window.from, window.to)) {
        if (seen.has(article.id)) continue;
        const published = article.published ? Date.parse(article.published) : Number.NaN;
        if (published < stale) continue;
        seen.add(article.id);
        articles.push(article);
      }
    }
    for (const source of sources) {
      if (window && source.arrivalKey) continue;
      try {
        const result = await source.fetchArticles();
        for (const a of result.articles) {
          if (seen.has(a.id)) continue;
          seen.add(a.id);
          articles.push(a);
        }
        for (const err of result.errors) log.warn({ source: source.name, err: err.message }, sourceNoteMessage(err, Boolean(source.arrivalKey)));
      } catch (err) {
        // One failing source never stops the others.
        log.error({ source: source.name, err: (err as Error).message }, 'source failed');
      }
    }
    return articles;
  }

  /**
   * The digests of an edition's articles, in their order: the cache read in one batch, the
   * missing ones composed in slices of at most COMPOSE_SLICE_MS between which the event loop
   * runs (/healthz, webhooks, Slack acks go on while ten thousand articles are composed), then
   * written to the cache in batches.
   */
  async function digestsOf(articles: readonly Article[]): Promise<Digest[]> {
    const cached = await store.getCachedDigests(
      articles.map((a) => a.id),
      COMPOSER_VERSION,
    );
    const digests: Digest[] = [];
    const fresh: { article: Article; digest: Digest }[] = [];
    let slice = performance.now();
    for (const article of articles) {
      const hit = cached.get(article.id);
      if (hit) {
        digests.push(hit);
        continue;
      }
      const digest = composeDigest(article, deps.compose);
      digests.push(digest);
      fresh.push({ article, digest });
      if (performance.now() - slice >= COMPOSE_SLICE_MS) {
        await yieldToEventLoop();
        slice = performance.now();
      }
    }
    for (let i = 0; i < fresh.length; i += CACHE_BATCH) {
      await store.putCachedDigests(fresh.slice(i, i + CACHE_BATCH), COMPOSER_VERSION, clock.now().getTime());
      await yieldToEventLoop();
    }
    return digests;
  }


  /**
   * LLM mode: the top stories written by the model behind the guard, each answer read from or put
   * in the written-story cache; stories not written by `deadline` (epoch ms) stay extractive. Once
   * `stop` aborts (another instance took the edition over), no story is sent to the model any more
   * and none is waited for: the rest stay extractive, and the other instance's edition is kept.
   */
  async function writeWithModel(definition: BriefingDefinition, clustered: ClusteredStories, articles: readonly Article[], deadline: number, rank: RankOptions, stop?: AbortSignal): Promise<ClusteredStories> {
    const w = deps.writing!;
    const byId = new Map(articles.map((a) => [a.id, a]));
    const { model, promptVersion } = w.writer;
    let cached = 0;
    let late = 0;
    let stopped = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const LATE = Symbol('late');
    const STOPPED = Symbol('stopped');
    let due = false;
    const expired = new Promise<typeof LATE>((resolve) => {
      timer = setTimeout(() => {
        due = true;
        resolve(LATE);
      }, Math.max(0, deadline - clock.now().getTime()));
    });
    const taken = new Promise<typeof STOPPED>((resolve) => {
      if (stop?.aborted) resolve(STOPPED);
      else stop?.addEventListener('abort', () => resolve(STOPPED), { once: true });
    });
    const write = async (request: StoryToWrite): Promise<WrittenStory | undefined> => {
      const key = model && promptVersion ? { storyHash: request.id, model, promptVersion } : undefined;
      if (key) {
        const hit = await store.getCachedStory(key).catch((err: unknown) => void log.warn({ briefing: definition.id, err: (err as Error).message }, 'written-story cache not read: asking the model'));
        if (hit) {
          cached++;
          // An empty headline records an answer that could not be used: not asked for again.
          return hit.headline ? hit : undefined;
        }
      }
      if (stop?.aborted) {
        stopped++;
        return undefined;
      }
      // A story whose place in the briefing freed up after the deadline is not sent.
      if (due) {
        late++;
        return undefined;
      }
      const options = stop ? { signal: stop } : {};
      const attempt = w.writer.attempt ? (r: StoryToWrite) => w.writer.attempt!(r, options) : async (r: StoryToWrite) => {
        const story = await w.writer.writeStory(r, options);
        return { ...(story ? { story } : {}), answered: story !== undefined };
      };
      // An answer that comes after the deadline is still cached: the next edition of the story uses it.
      const call = attempt(request)
        .then(async ({ story, answered }) => {
          if (answered && key) {
            await store.putCachedStory(key, story ?? UNUSABLE, clock.now().getTime()).catch((err: unknown) => log.warn({ err: (err as Error).message }, 'written story not cached'));
          }
          return story;
        })
        // The client reports its own failures (timeouts, HTTP errors); anything else thrown is said here, then the story goes out extractive.
        .catch((err: unknown) => void log.warn({ briefing: definition.id, err: (err as Error).message }, 'the story writer failed: the story goes out extractive'));
      const r = await Promise.race([call, expired, taken]);
      if (r === LATE) {
        late++;
        return undefined;
      }
      if (r === STOPPED) {
        stopped++;
        return undefined;
      }
      return r;
    };
    try {
      // Only stories the briefing would show are sent: its maxItems first, then any that a story left out makes room for.
      const briefing = { maxItems: rank.maxItems ?? DEFAULT_BRIEFING_OPTIONS.maxItems, shown: (c: ClusteredStories) => new Set(rankStories(c, rank).groups.flatMap((g) => g.items.map((i) => i.digest.articleId))) };
      const result = await writeStories(clustered, { write, articleOf: (id) => byId.get(id), lexicon: w.lexicon, maxStories: w.maxStories, briefing, ...(w.guard ? { guard: w.guard } : {}) });
      const at = clock.now().getTime();
      for (const r of result.rejections) {
        log.warn(
          { briefing: definition.id, story: r.storyId, article: r.articleId, target: r.target, reasons: r.reasons, detail: r.detail, replacement: r.replacement },
          `guard rejected an AI ${r.target} (${r.reasons.join(', ')}): ${r.replacement === 'extractive' ? 'the extractive one is shown' : 'dropped'}`,
        );
        w.onRejection?.({ ...r, briefingId: definition.id, at });
      }
      const fellBack = result.fellBack;
      if (stopped > 0) {
        log.warn({ briefing: definition.id, stories: stopped, writer: w.writer.name }, 'another instance took this edition over: no more stories sent to the model, its edition is the one kept');
      } else if (fellBack > 0) {
        log.warn(
          { briefing: definition.id, stories: fellBack, late, asked: result.asked, writer: w.writer.name },
          late > 0 ? 'the model did not answer before the edition was due: those stories go out extractive' : 'the model gave no usable answer for some stories (endpoint down, slow or answer unusable): those stories go out extractive',
        );
      }
      log.info({ briefing: definition.id, asked: result.asked, written: result.written, cached, extractive: fellBack, stopped, rejections: result.rejections.length }, 'stories written by the model');
      return result.clustered;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Composes the edition if this instance wins its claim. `wait`: when another instance holds the
   * claim, wait for its edition (true) or give up at once (false: undefined).
   */
  async function compose(definition: BriefingDefinition, date: string, slot: string, wait = true): Promise<Edition | undefined> {
    const key = { briefingId: definition.id, date, slot };
    for (;;) {
      const claim = await store.claimEdition(key, owner, leaseMs, clock.now().getTime());
      if (claim.state === 'exists') return claim.edition;
      if (claim.state === 'busy') {
        if (!wait) return undefined;
        // Another instance is composing it: wait for its edition.
        await sleep(250);
        continue;
      }
      // A model takes seconds per story: the claim is renewed while composing, so that no other
      // instance takes it over (and composes, and pays, again).
      let lost = false;
      const takenOver = new AbortController();
      const renew = setInterval(() => {
        store
          .claimEdition(key, owner, leaseMs, clock.now().getTime())
          .then((c) => {
            // The lease lapsed (a stalled process) and another instance took it: said once, the model
            // is asked nothing more (the other instance pays for it), and nothing is saved here.
            if (c.state !== 'claimed' && !lost) {
              lost = true;
              log.warn({ briefing: definition.id, date, slot, state: c.state }, 'the edition claim was taken over by another instance while composing');
              takenOver.abort();
            }
          })
          .catch((err: unknown) => log.warn({ briefing: definition.id, err: (err as Error).message }, 'renewing the edition claim failed'));
      }, Math.max(50, Math.floor(leaseMs / 3)));
      let edition: Edition | undefined;
      try {
        edition = await composeClaimed(definition, date, slot, false, takenOver.signal);
      } finally {
        clearInterval(renew);
      }
      if (edition) return edition;
      // Taken over: nothing was saved, so that the edition of the instance that holds the claim
      // (and paid the model) is the one kept; claim again: wait for it, or compose if it stopped too.
    }
  }

  /**
   * Composes an edition. A `preview` (feeds polled, asked for before its slot) is extractive and
   * stored nowhere: the edition of the slot is composed at the slot, from all that arrived by then.
   */
  async function composeClaimed(definition: BriefingDefinition, date: string, slot: string, preview = false, stop?: AbortSignal): Promise<Edition | undefined> {
    const started = Date.now();
    const now = clock.now().getTime();
    // Stories already sent are looked for in briefings that read feeds (a folder of samples is the same every day).
    const repeats = repeatLookbackMs > 0 && definition.sources.some((x) => x.kind === 'feed');
    const key = { briefingId: definition.id, date, slot, timeZone: definition.timeZone };
    const earlier = deps.arrivals || repeats ? await earlierEditions(store, key, now, Math.max(repeatLookbackMs, deps.arrivals?.maxWindowMs ?? 0)) : [];
    // With feeds polled: what arrived since the previous edition of this briefing and slot.
    const window = deps.arrivals ? windowAfter(earlier[0], now, deps.arrivals.maxWindowMs) : undefined;
    const articles = await readArticles(definition, window);
    const digests = await digestsOf(articles);
    const sent = repeats ? sentItems(earlier, now, repeatLookbackMs) : [];
    // Clustering gives the event loop turns too: a big day's edition never holds up /healthz or a Slack ack.
    let clustered = await clusterDigestsAsync(digests, { keepForeign: deps.writing !== undefined, ...(sent.length > 0 ? { earlier: sent, bulletsPerItem: definition.bulletsPerItem } : {}) });
    const rank: RankOptions = {
      briefingId: definition.id,
      title: definition.title,
      date,
      topics: definition.topics,
      ...(definition.categories ? { categories: definition.categories } : {}),
      maxItems: definition.maxItems,
      maxChars: definition.maxChars,
      bulletsPerItem: definition.bulletsPerItem,
    };
    if (deps.writing && !preview) {
      // Composed ahead, the slot is the deadline; composed late, the model gets a short budget.
      const due = zonedTimeToInstant(date, slot, definition.timeZone);
      const now = clock.now().getTime();
      const deadline = Math.min(Math.max(due, now + (deps.writing.lateBudgetMs ?? 30_000)), now + (deps.writing.maxWriteMs ?? 900_000));
      clustered = await writeWithModel(definition, clustered, articles, deadline, rank, stop);
    }
    const composed = rankStories(clustered, rank);
    // The slot rides with the briefing, so that a channel can link to this edition's page.
    const label = deps.writing?.aiLabel;
    const groups = label ? composed.groups.map((g) => ({ ...g, items: g.items.map((i) => (hasAiText(i) ? { ...i, aiLabel: label } : i)) })) : composed.groups;
    const briefing = { ...composed, groups, slot, ...(window ? { coverage: { ...window, articles: articles.length } } : {}) };
    if (preview) return { id: `preview:${definition.id}:${date}:${slot}`, briefingId: definition.id, date, slot, briefing, createdAt: clock.now().getTime() };
    // Another instance took the claim over while this one composed: its edition is the one to keep.
    if (stop?.aborted) return undefined;
    for (const w of briefing.warnings) log.warn({ briefing: definition.id }, w);
    const edition = await store.saveEdition({ briefingId: definition.id, date, slot, briefing }, clock.now().getTime());
    log.info(
      { briefing: definition.id, date, slot, articles: articles.length, items: briefing.groups.reduce((c, g) => c + g.items.length, 0), ms: Date.now() - started },
      'edition composed',
    );
    return edition;
  }

  /**
   * With feeds polled, an answer asked for before today's slot (a /briefing at 06:00, the console
   * at start) is a preview of what has arrived so far, not the slot's edition: storing it would
   * leave out everything that arrives between now and the slot. Undefined when the slot's edition
   * exists or is being composed, or when it is due.
   */
  async function previewBeforeSlot(definition: BriefingDefinition): Promise<Edition | undefined> {
    // Only a briefing that reads polled feeds gains news between now and its slot.
    if (!deps.arrivals || !deps.sourcesFor(definition).some((x) => x.arrivalKey)) return undefined;
    const now = clock.now();
    const date = toLocalParts(now, definition.timeZone).date;
    const slot = definition.deliveryTime;
    const key = `${definition.id}|${date}|${slot}`;
    if (now.getTime() >= zonedTimeToInstant(date, slot, definition.timeZone) || inFlight.has(key) || ahead.has(key)) return undefined;
    if (await service.cachedEdition(definition)) return undefined;
    return composeClaimed(definition, date, slot, true);
  }

  /** One read-merge-write of a subscription; undefined when another writer changed the row meanwhile. */
  const updateOnce = async (definition: BriefingDefinition, ref: ChannelRef, change: SubscriptionChange): Promise<Subscription | undefined> => {
    const existing = await store.findSubscription(ref, definition.id);
    const base = existing && existing.status !== 'gone' ? existing : undefined;
    let topics = change.topics ?? existing?.topics ?? [];
    if (change.toggleTopic !== undefined) topics = topics.includes(change.toggleTopic) ? topics.filter((t) => t !== change.toggleTopic) : [...topics, change.toggleTopic];
    const unknown = topics.filter((t) => !definition.topics.some((d) => d.id === t));
    // Only what is new is checked: a topic the briefing dropped since stays until the subscriber changes topics.
    if (unknown.some((t) => !(existing?.topics ?? []).includes(t))) throw new StoreError('bad_input', `topics: "${unknown.join('", "')}" is not a topic of the briefing "${definition.id}"`);
    // /filter and /mute change every subscription of a chat: a briefing it subscribes to later starts with the same words and mutes.
    const chatFilters = base ? undefined : (await service.subscriptionsOf(ref)).find((s) => s.briefingId !== definition.id && s.filters)?.filters;
    return store.replaceSubscriptionIf(
      {
        platform: ref.platform,
        destination: ref.destination,
        ...(ref.threadId ? { threadId: ref.threadId } : {}),
        briefingId: definition.id,
        deliveryTime: change.deliveryTime ?? base?.deliveryTime ?? definition.deliveryTime,
        timeZone: change.timeZone ?? base?.timeZone ?? definition.timeZone,
        topics,
        filters: mergeFilters(base?.filters ?? chatFilters, change),
      },
      clock.now().getTime(),
      existing,
      // Only subscribing again resumes a paused subscription (new words or mutes do not: the bot may still be out of the chat); an ended one starts anew.
      { resume: change.resume === true || existing?.status === 'gone' },
    );
  };
  const service: BriefingService = {
    localDate(definition, at = clock.now()) {
      return toLocalParts(at, definition.timeZone).date;
    },
    getOrComposeEdition(definition, date = toLocalParts(clock.now(), definition.timeZone).date, slot = definition.deliveryTime) {
      const key = `${definition.id}|${date}|${slot}`;
      let p = inFlight.get(key);
      if (!p) {
        // An ahead-of-time composition in progress here is joined, not repeated.
        const early = ahead.get(key);
        p = (early ? early.then((e) => e ?? compose(definition, date, slot)) : compose(definition, date, slot)).then((e) => e!).finally(() => inFlight.delete(key));
        inFlight.set(key, p);
      }
      return p;
    },
    composeAhead(definition, date, slot) {
      const key = `${definition.id}|${date}|${slot}`;
      const p = inFlight.get(key);
      if (p) return p;
      let early = ahead.get(key);
      if (!early) {
        early = compose(definition, date, slot, false).finally(() => ahead.delete(key));
        ahead.set(key, early);
      }
      return early;
    },
    briefingFor(subscription, edition) {
      return viewFor(edition.briefing, { topics: subscription.topics, ...(subscription.filters ? { filters: subscription.filters } : {}) }, definitions.get(subscription.briefingId));
    },
    async cachedEdition(definition) {
      const key = `${definition.id}|${toLocalParts(clock.now(), definition.timeZone).date}|${definition.deliveryTime}`;
      // Editions never change once stored: keep today's in memory for instant answers.
      const hit = editions.get(key);
      if (hit) return hit;
      const edition = await store.getEdition(definition.id, key.split('|')[1]!, definition.deliveryTime);
      if (edition) {
        if (editions.size > 32) editions.clear();
        editions.set(key, edition);
      }
      return edition;
    },
    async briefNow(definition, audience = {}) {
      const edition = (await previewBeforeSlot(definition)) ?? (await service.getOrComposeEdition(definition));
      return viewFor(edition.briefing, { topics: [], ...audience }, definition);
    },
    async cachedBriefing(definition, audience = {}) {
      const edition = await service.cachedEdition(definition);
      return edition && { editionId: edition.id, briefing: viewFor(edition.briefing, { topics: [], ...audience }, definition) };
    },
    async subscribe(input) {
      return store.upsertSubscription(input, clock.now().getTime());
    },
    async updateSubscription(definition, ref, change = {}) {
      // Read, merge, write only if the row is unchanged; another instance's write in between means reading again.
      for (let attempt = 1; ; attempt++) {
        const written = await updateOnce(definition, ref, change);
        if (written) return written;
        if (attempt >= MAX_UPDATE_ATTEMPTS) throw new StoreError('store_failed', `subscription of ${ref.platform} ${ref.destination} to "${definition.id}": changed by others ${attempt} times while being updated; try again`);
      }
    },
    async deliveredSince(subscriptionId, since) {
      return (await store.listDeliveries({ subscriptionId })).some((d) => d.status === 'sent' && d.updatedAt >= since);
    },
    async subscriptionsOf(ref) {
      const subs = await store.listSubscriptions({ platform: ref.platform, destination: ref.destination });
      return subs.filter((s) => s.status !== 'gone' && (s.threadId ?? '') === (ref.threadId ?? ''));
    },
    async subscription(ref, briefingId) {
      return store.findSubscription(ref, briefingId);
    },
    async unsubscribe(ref, briefingId) {
      const sub = await store.findSubscription(ref, briefingId);
      // Leaving deletes what we kept about the subscriber, not only pauses it.
      return sub ? store.deleteSubscription(sub.id) : false;
    },
    async moveDestination(ref, to) {
      return ref.destination === to ? 0 : store.migrateDestination(ref.platform, ref.destination, to, clock.now().getTime());
    },
    async setPaused(ref, paused, reason) {
      const subs = await store.listSubscriptions({ platform: ref.platform, destination: ref.destination });
      let n = 0;
      for (const s of subs) {
        if (s.status === 'gone') continue;
        if (paused === (s.status === 'paused')) continue;
        await store.setSubscriptionStatus(s.id, paused ? 'paused' : 'active', paused ? reason : undefined, clock.now().getTime());
        n++;
      }
      return n;
    },
    async resumeReopenedTopic(ref) {
      const subs = await store.listSubscriptions({ platform: ref.platform, destination: ref.destination });
      let n = 0;
      for (const s of subs) {
        if (s.threadId !== ref.threadId || s.status !== 'paused' || !TOPIC_CLOSED.test(s.statusReason ?? '')) continue;
        await store.setSubscriptionStatus(s.id, 'active', undefined, clock.now().getTime());
        n++;
      }
      return n;
    },
  };
  return service;
}

// How a delivery records a forum topic closed at send time (Telegram's words).
const TOPIC_CLOSED = /topic_closed|topic closed/i;
