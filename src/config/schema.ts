/** The one zod schema for configuration: config/*.json, briefings/*.json and the environment. */
import { z } from 'zod';
import { closestName } from '../core/closest-name.js';
import { isValidTimeZone } from '../core/time.js';
import { TOPIC_CLASSES } from '../core/topic-classes.js';
import { isHostOrCidr } from './host-rule.js';

export { isValidTimeZone };

/** HH:MM, 24-hour; "7:30" is answered with the "07:30" meant. */
const HHMM = z.string().superRefine((time, ctx) => {
  if (/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return;
  const short = /^(\d):([0-5]\d)$/.exec(time.trim());
  ctx.addIssue({ code: 'custom', message: `a time as HH:MM (24-hour), e.g. "07:30"${short ? `: did you mean "0${short[1]}:${short[2]}"?` : ''}` });
});

/**
 * Whether a URL's user and password hold characters that end them early unless percent-encoded:
 * a second "@", or "/", "?", "#" or a space before the "@" that ends them.
 */
export function userinfoNeedsEncoding(url: string): boolean {
  const rest = url.slice(url.indexOf('://') + 3);
  const query = rest.indexOf('?');
  const main = query >= 0 ? rest.slice(0, query) : rest;
  // Two "@" before the query: the first belongs to the password.
  if ((main.match(/@/g)?.length ?? 0) > 1) return true;
  const at = main.lastIndexOf('@');
  if (at >= 0) return /[/# ]/.test(main.slice(0, at));
  // "bob:pa?ss@host": the "?" cut the password, and its "@" landed in the query.
  return query >= 0 && !/[/#]/.test(rest.slice(0, query)) && rest.indexOf('@', query) > query && /^[^@]*:/.test(rest.slice(0, query));
}

let zoneNames: string[] | undefined;

/**
 * The IANA zone probably meant by a misspelt or partial name: "Asia/Riyad" → "Asia/Riyadh",
 * "Riyadh" or "riyadh" → "Asia/Riyadh" (a city alone, as people write it); undefined when none is close.
 */
export function closestTimeZone(name: string): string | undefined {
  zoneNames ??= ['UTC', ...Intl.supportedValuesOf('timeZone')];
  const trimmed = name.trim();
  if (!trimmed) return undefined;
  const whole = closestName(trimmed, zoneNames);
  if (whole) return whole;
  const city = trimmed.replace(/\s+/g, '_');
  const byCity = new Map(zoneNames.filter((z) => z.includes('/')).map((z) => [z.slice(z.lastIndexOf('/') + 1), z]));
  const best = closestName(city, [...byCity.keys()]);
  return best === undefined ? undefined : byCity.get(best);
}

/** An IANA time zone name. */
const TIME_ZONE = z.string().superRefine((zone, ctx) => {
  if (isValidTimeZone(zone)) return;
  const meant = closestTimeZone(zone);
  ctx.addIssue({ code: 'custom', message: `an IANA time zone such as "Asia/Riyadh" or "Africa/Casablanca"${meant ? `: did you mean "${meant}"?` : ''}` });
});

const SOURCE = z.strictObject({
  kind: z.enum(['folder', 'feed', 'page']),
  url: z.string().min(1),
  name: z.string().min(1),
  language: z.string().default('ar'),
  topics: z.array(z.string()).default([]),
  /** For feeds: complete teaser items from their pages. */
  fullText: z.boolean().default(false),
  /** For feeds: minutes between polls of this feed (default: the config's feeds.pollMinutes). */
  pollMinutes: z.number().int().min(1).max(24 * 60).optional(),
});

/** A class of the topic classifier, by its name in the training data. */
const TOPIC_CLASS = z.enum(TOPIC_CLASSES, { error: () => `one of the classifier's classes: ${TOPIC_CLASSES.join(', ')}` });

// Topic and briefing ids ride in Telegram's button data (at most 64 bytes with the chat id): short, ASCII.
const TOPIC = z.strictObject({
  id: z.string().regex(/^[a-z0-9_-]{1,20}$/, 'lower-case letters, digits, _ and -, at most 20 (it rides in Telegram button data)'),
  title: z.string().min(1),
  keywords: z.array(z.string().min(1)).default([]),
  /** Classes of the topic classifier this topic takes; none: keywords only. */
  classes: z.array(TOPIC_CLASS).default([]),
  /** Its keywords are tried before the classifier's class: for a subject the classes lack (weather). */
  keywordsFirst: z.boolean().default(false),
  /** How many of its keywords a story must match for the keywords to place it here. */
  minKeywords: z.number().int().min(1).max(10).default(1),
});

/** A briefing definition (briefings/*.json). */
export const BRIEFING_SCHEMA = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,20}$/, 'lower-case letters, digits and dashes, at most 20'),
  title: z.string().min(1),
  deliveryTime: HHMM,
  timeZone: TIME_ZONE,
  sources: z.array(SOURCE).min(1, 'at least one source'),
  topics: z.array(TOPIC).default([]),
  /** An outlet's category (a feed item's <category>, as written) → the classifier's class it means. */
  categories: z.record(z.string().min(1), TOPIC_CLASS).default({}),
  maxItems: z.number().int().min(1).max(50).default(10),
  maxChars: z.number().int().min(200).max(20000).default(3500),
  bulletsPerItem: z.number().int().min(1).max(5).default(2),
}).superRefine((briefing, ctx) => {
  // A source's "topics" pins its stories to topics of this briefing (by id or title): a name that
  // is none of them would pin nothing, silently.
  // A topic that needs more keywords than it has could never take a story by them.
  briefing.topics.forEach((t, i) => {
    // Keywords written two ways («أمطار», «الأمطار») count once when stories are matched.
    const distinct = new Set(t.keywords.map((k) => k.trim().replace(/[\u064B-\u0652]/g, '').replace(/[أإآ]/g, 'ا').replace(/^(?:وال|ال)(?=\S{2})/, ''))).size;
    if (t.minKeywords > 1 && t.minKeywords > distinct) {
      ctx.addIssue({ code: 'custom', path: ['topics', i, 'minKeywords'], message: `${t.minKeywords} keywords needed, but the topic has ${distinct} (a keyword written with and without «ال» counts once): lower minKeywords or add keywords` });
    }
  });
  const known = new Set(briefing.topics.flatMap((t) => [t.id, t.title]));
  const ids = briefing.topics.map((t) => t.id).join(', ');
  briefing.sources.forEach((source, i) =>
    source.topics.forEach((topic, j) => {
      if (known.has(topic)) return;
      const meant = closestName(topic, [...known]);
      const help = meant ? `did you mean "${meant}"?` : ids ? `use the id or title of one of its topics (${ids})` : 'it has no topics: add them under "topics", or leave the source\'s "topics" empty';
      ctx.addIssue({ code: 'custom', path: ['sources', i, 'topics', j], message: `"${topic}" is not a topic of this briefing: ${help}` });
    }),
  );
});

const LOG_LEVEL = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** The whole configuration, after defaults, files and environment are merged. */
export const CONFIG_SCHEMA = z.strictObject({
  logLevel: LOG_LEVEL.default('info'),
  /**
   * Folder for local state, relative to the project root or absolute: the SQLite file is
   * `<dataDir>/briefing.db` unless `store.path` (SQLITE_PATH) names another (default "data").
   */
  dataDir: z.string().min(1).default('data'),
  store: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('sqlite'), path: z.string().min(1) }),
      z.strictObject({
        kind: z.literal('postgres'),
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
          // "postgres://bob:Tr0ub@dor/x@db/briefing" reads as host "dor": the driver connects elsewhere and a message shows part of the password.
          .refine(
            (url) => !/^postgres(ql)?:\/\//.test(url) || !userinfoNeedsEncoding(url),
            'a user or password holding @, /, #, ? or a space must be written percent-encoded (@ → %40, / → %2F, # → %23, ? → %3F, space → %20)',
          ),
      }),
    ])
    .default({ kind: 'sqlite', path: 'data/briefing.db' }),
  /** Fetching feeds, pages and their items (the operator's own endpoints are not filtered). */
  fetch: z
    .strictObject({
      /**
       * Hosts (exact names) and address ranges (CIDR, or one IP) that sources may reach although
       * they resolve to a loopback, private or link-local address: the operator's internal
       * feeds. Everything else inside is refused. Default: none.
       */
      allowHosts: z.array(z.string().min(1).refine(isHostOrCidr, 'a host name, an IP address or a CIDR range such as 10.0.0.0/8')).default([]),
      /** Time a feed or page has to answer, its body read to the end (milliseconds): a slow site's feed needs more. */
      timeoutMs: z.number().int().min(1_000).max(120_000).default(10_000),
    })
    .default({ allowHosts: [], timeoutMs: 10_000 }),
  briefingsDir: z.string().min(1).default('briefings'),
  /** The briefing shown by the console channel and answered on demand. */
  defaultBriefing: z.string().min(1).default('morning'),
  composer: z
    .strictObject({
      maxBullets: z.number().int().min(1).max(10).default(3),
      maxBulletWords: z.number().int().min(8).max(80).default(30),
      /**
       * "extractive" (default, offline): bullets are the articles' own sentences, compressed.
       * "llm": a model behind an OpenAI-compatible endpoint writes each story (composer.llm), every
       * bullet checked by the guard, falling back to extractive (COMPOSER_MODE).
       */
      mode: z.enum(['extractive', 'llm']).default('extractive'),
      /** Minutes before its slot that an edition is composed (default 15 in llm mode, 0 otherwise). */
      aheadMinutes: z.coerce.number().int().min(0).max(180).optional(),
      /** Whether messages mark AI-written text with «ملخص آلي» (default true). */
      markAiText: z.boolean().default(true),
      /** The model endpoint, for mode "llm". */
      llm: z
        .strictObject({
          /** Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 (LLM_BASE_URL). */
          baseUrl: z
            .string()
            .url({ protocol: /^https?$/, message: 'an http(s) URL such as "http://127.0.0.1:11434/v1"' })
            // fetch refuses a URL with credentials: every call would fail as "unreachable".
            .refine((u) => !/^[a-z]+:\/\/[^/?#]*@/i.test(u), 'no user or key in the URL: the key goes in LLM_API_KEY')
            .refine((u) => !/\/chat\/completions\/?$/i.test(u.split(/[?#]/)[0]!), 'the base URL, without "/chat/completions" (the client adds it), e.g. "https://api.openai.com/v1"')
            .optional(),
          /** The model name the server knows, e.g. "qwen2.5:7b" (LLM_MODEL). */
          model: z.string().min(1).optional(),
          /**
           * API key (LLM_API_KEY, environment only: a secret); local servers need none. A "Bearer "
           * pasted before it (any case) is dropped: the client adds its own, and "Bearer Bearer …" is a 401.
           */
          apiKey: z
            .preprocess(
              (v) => (typeof v === 'string' ? v.trim().replace(/^bearer(?:\s+|$)/i, '') : v),
              z
                .string()
                .min(1, 'only "Bearer", no key after it')
                // fetch cannot send such a header: every call would fail as "unreachable" with a message that names no key.
                .superRefine((key, ctx) => {
                  const chars = [...key];
                  const at = chars.findIndex((c) => {
                    const code = c.codePointAt(0)!;
                    return code > 0xff || (code < 0x20 && code !== 0x09) || code === 0x7f;
                  });
                  if (at >= 0) {
                    const code = chars[at]!.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
                    ctx.addIssue({ code: 'custom', message: `a character an HTTP header cannot carry (U+${code}, character ${at + 1} of ${chars.length}): pasted with the key? Set it again, as plain text` });
                  }
                }),
            )
            .optional(),
          /** Stories per edition sent to the model at most; the rest are extractive (default 12). */
          maxStories: z.coerce.number().int().min(1).max(100).default(12),
          /** Stories written at once (default 2). */
          concurrency: z.coerce.number().int().min(1).max(32).default(2),
          /** Time allowed for one call, in ms (default 60,000). */
          timeoutMs: z.coerce.number().int().min(1000).max(600_000).default(60_000),
          /** Tokens the articles of one story may take in the prompt (default 6000). */
          maxInputTokens: z.coerce.number().int().min(500).max(200_000).default(6000),
          /** Tokens the model may write for one story (default 900; a reasoning model gets four times as many, its hidden reasoning counted too) (LLM_MAX_OUTPUT_TOKENS). */
          maxOutputTokens: z.coerce.number().int().min(200).max(32_000).default(900),
        })
        .default({ maxStories: 12, concurrency: 2, timeoutMs: 60_000, maxInputTokens: 6000, maxOutputTokens: 900 }),
    })
    .default({ maxBullets: 3, maxBulletWords: 30, mode: 'extractive', markAiText: true, llm: { maxStories: 12, concurrency: 2, timeoutMs: 60_000, maxInputTokens: 6000, maxOutputTokens: 900 } }),
  /** Prometheus metrics at /metrics. */
  metrics: z
    .strictObject({
      /**
       * Bearer token /metrics asks for (env METRICS_TOKEN only: a secret). Without one, /metrics
       * answers only requests from this machine.
       */
      token: z.string().min(16, 'at least 16 characters').optional(),
    })
    .default({}),
  /** Port of the instance's HTTP server (/healthz, /metrics, channel webhooks). */
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * Public base URL of this instance (e.g. https://briefing.example.com): messages end with a link
   * to their edition's page, and feeds and Open Graph tags use absolute links. No trailing slash.
   */
  publicUrl: z
    .string()
    .url('an absolute URL such as "https://briefing.example.com"')
    .regex(/^https?:\/\/[^?#]*$/i, 'an http(s) URL without a query or fragment, such as "https://briefing.example.com"')
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  web: z
    .strictObject({
      /** Edition pages, archive and Atom feeds on PORT (default true; off for a briefing kept internal). */
      enabled: z.boolean().default(true),
      /** The operator's dashboard at /admin is on when this is set (ADMIN_TOKEN, environment only). */
      adminToken: z.string().min(16, 'at least 16 characters (e.g. the output of `openssl rand -hex 32`)').max(512).optional(),
      /** A reverse proxy in front appends the client's address to X-Forwarded-For (TRUST_PROXY): the dashboard's lockout counts that address (default false). */
      trustProxy: z.preprocess((v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v), z.boolean()).default(false),
    })
    .default({ enabled: true, trustProxy: false }),
  /** Name of this instance in the ledger's claims (default: host name and process id). */
  instanceName: z.string().min(1).max(64).optional(),
  delivery: z
    .strictObject({
      /** Sends in flight at once. */
      concurrency: z.number().int().min(1).max(256).default(16),
      /** A send with no answer after this long is marked unknown (never sent twice). */
      sendTimeoutMs: z.number().int().min(1000).max(300_000).default(30_000),
      /** Transient failures are retried at most this many times. */
      maxAttempts: z.number().int().min(1).max(50).default(8),
      /**
       * How often each instance tells the store it is alive; instances share the bot-wide rate
       * limits (Telegram's 30 messages a second) among those heard from within three of these.
       */
      heartbeatMs: z.number().int().min(100).max(60_000).default(2_000),
    })
    .default({ concurrency: 16, sendTimeoutMs: 30_000, maxAttempts: 8, heartbeatMs: 2_000 }),
  console: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Print the default briefing once at start (default true). */
      showOnStart: z.boolean().default(true),
    })
    .default({ enabled: true, showOnStart: true }),
  /** Feeds read all day: polled in the background, their articles kept as they arrive. */
  feeds: z
    .strictObject({
      /** Poll feeds in the background while the schedule runs (default true); off: feeds are read when an edition is composed. */
      poll: z.boolean().default(true),
      /** Minutes between two polls of a feed, unless its source sets pollMinutes (default 15). */
      pollMinutes: z.number().int().min(1).max(24 * 60).default(15),
    })
    .default({ poll: true, pollMinutes: 15 }),
  /** What an edition covers. */
  edition: z
    .strictObject({
      /**
       * An edition covers the feed articles that arrived since the previous edition of its
       * briefing and slot, at most this many hours back (default 36; also the first edition's reach).
       */
      maxWindowHours: z.number().int().min(1).max(14 * 24).default(36),
      /** A story sent in the editions of this many hours back is not sent again unless new outlets or facts join it (default 48). */
      repeatLookbackHours: z.number().int().min(0).max(14 * 24).default(48),
    })
    .default({ maxWindowHours: 36, repeatLookbackHours: 48 }),
  schedule: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Deliveries missed by at most this many minutes still go out after downtime. */
      catchUpMinutes: z.number().int().min(0).max(24 * 60).default(180),
    })
    .default({ enabled: true, catchUpMinutes: 180 }),
  /**
   * How long things are kept, in days; a daily clean-up forgets what is older. Cached articles'
   * texts go first; digests, the delivery ledger and editions (the web archive) later.
   */
  retention: z
    .strictObject({
      articlesDays: z.number().int().min(1).max(3650).default(7),
      digestsDays: z.number().int().min(1).max(3650).default(30),
      ledgerDays: z.number().int().min(1).max(3650).default(90),
      editionsDays: z.number().int().min(1).max(3650).default(365),
    })
    .default({ articlesDays: 7, digestsDays: 30, ledgerDays: 90, editionsDays: 365 }),
  telegram: z
    .strictObject({
      token: z.string().regex(/^\d+:[\w-]{20,}$/, 'a bot token from @BotFather, like 123456:ABC…').optional(),
      /** Bot API server: a self-hosted telegram-bot-api, or a test server. */
      apiRoot: z.string().url().optional(),
      /** Public URL of /telegram/webhook on this instance; polling when absent. */
      webhookUrl: z.string().url().optional(),
      /** Secret Telegram sends with every webhook call (checked, 401 otherwise). */
      webhookSecret: z.string().regex(/^[A-Za-z0-9_-]{8,256}$/, '8 to 256 letters, digits, _ or -').optional(),
    })
    .default({}),
  slack: z
    .strictObject({
      botToken: z.string().startsWith('xoxb-', 'a bot token starting with "xoxb-"').optional(),
      signingSecret: z.string().min(8).optional(),
      appToken: z.string().startsWith('xapp-', 'an app-level token starting with "xapp-"').optional(),
      /** Web API base URL, ending in /api/ (tests point it at a fake). */
      apiUrl: z.string().url().optional(),
      /** Who may change a channel's subscriptions, words and mutes: any member typing in it, or only workspace admins and owners (needs the users:read scope). */
      changesBy: z.enum(['members', 'admins']).default('members'),
    })
    .default({ changesBy: 'members' }),
  briefings: z.array(BRIEFING_SCHEMA).min(1, 'at least one briefing in the briefings folder'),
});

/** Validated configuration; passed down as Readonly. */
export type Config = Readonly<z.infer<typeof CONFIG_SCHEMA>>;
