/**
 * A {@link StoryWriter} behind any OpenAI-compatible chat-completions server (Ollama, vLLM,
 * llama.cpp's server, LiteLLM, OpenAI), through the official `openai` client. One call per
 * story; structured output (a JSON schema) with a tolerant parse for servers that ignore it;
 * retries with backoff on 429 and 5xx that honour `Retry-After` (up to a cap); a timeout; a
 * concurrency limit; a circuit breaker, so that an endpoint that is down or slow costs callers
 * nothing but a fallback to the extractive composer, logged once. Token counts from the
 * responses go to a metrics callback.
 */
import OpenAI from 'openai';
import type { Logger, StoryToWrite, StoryWriteOptions, StoryWriter, WrittenStory } from '../core/ports.js';
import { createCircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker.js';
import { createLimiter } from './limiter.js';
import { parseStoryAnswer } from './parse-story-json.js';
import { buildStoryMessages, DEFAULT_STORY_PROMPT_OPTIONS, PROMPT_VERSION, storyJsonSchema, type StoryPromptOptions } from './story-prompt.js';
import { retryAfterMs } from '../core/retry-after.js';

/**
 * How one call ended. `ok`, `parse`, `refused` and `too-long` (the story's prompt does not fit the
 * model's context window, even cut once) mean the endpoint answered; the rest but `cancelled` count
 * against the circuit.
 */
export type LlmOutcome = 'ok' | 'parse' | 'refused' | 'too-long' | 'timeout' | 'rate-limited' | 'server-error' | 'unreachable' | 'rejected' | 'circuit-open' | 'cancelled';

/** Where the writer reports what it spent and how calls ended (e.g. Prometheus counters on /metrics). */
export interface LlmMetrics {
  /** Tokens a response reported. */
  tokens(usage: { model: string; promptTokens: number; completionTokens: number }): void;
  /** A story's call ended in `outcome`. */
  outcome(outcome: LlmOutcome): void;
}

/** Metrics that go nowhere. */
export const NO_LLM_METRICS: LlmMetrics = { tokens() {}, outcome() {} };

/** Settings of the writer (no secret but `apiKey`, which is never logged). */
export interface LlmWriterOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:11434/v1` (Ollama) or `https://api.openai.com/v1`. */
  baseUrl: string;
  /** The model name the server knows. */
  model: string;
  /** API key; local servers need none. */
  apiKey?: string;
  /** Time allowed for one HTTP call, the whole answer read (default 60,000 ms). */
  timeoutMs: number;
  /** Retries after a 429, a 5xx, a timeout or a lost connection (default 2). */
  maxRetries: number;
  /** A `Retry-After` longer than this is not waited for: the story falls back instead (default 30,000 ms). */
  maxRetryWaitMs: number;
  /** First backoff when the server gives no `Retry-After`, doubling per retry up to 8 s (default 500 ms). */
  backoffMs: number;
  /** Stories in flight at once (default 2). */
  concurrency: number;
  /** Tokens the model may write (default 900). */
  maxOutputTokens: number;
  /** Sampling temperature (default 0.2). */
  temperature: number;
  /** Ask for structured output with a JSON schema (default true); turned off by itself when the server refuses `response_format`. */
  structuredOutput: boolean;
  /** The prompt's limits. */
  prompt: StoryPromptOptions;
  /** The circuit breaker. */
  breaker: CircuitBreakerOptions;
}

/** Defaults of everything but the endpoint and the model. */
export const DEFAULT_LLM_WRITER_OPTIONS: Readonly<Omit<LlmWriterOptions, 'baseUrl' | 'model' | 'apiKey'>> = {
  timeoutMs: 60_000,
  maxRetries: 2,
  maxRetryWaitMs: 30_000,
  backoffMs: 500,
  concurrency: 2,
  maxOutputTokens: 900,
  temperature: 0.2,
  structuredOutput: true,
  prompt: DEFAULT_STORY_PROMPT_OPTIONS,
  breaker: { failureThreshold: 3, openMs: 60_000 },
};

/** What one story's call gave: the story, or the outcome that sends the story to the fallback. */
export interface LlmWriteResult {
  outcome: LlmOutcome;
  story?: WrittenStory;
  /** Why it failed, for logs (never a secret). */
  detail?: string;
  /** Tokens the response reported. */
  usage?: { promptTokens: number; completionTokens: number };
  /** HTTP calls made (retries included). */
  attempts: number;
  /** The server asked not to be called for this long (a `Retry-After` longer than allowed). */
  holdMs?: number;
}

/** What a look at the endpoint found (its model list): `ok` false says what the operator should fix. */
export interface LlmEndpointCheck {
  ok: boolean;
  detail: string;
}

/** The OpenAI-compatible writer: the port's `writeStory`, plus `write` with the outcome, and the circuit's state. */
export interface LlmStoryWriter extends StoryWriter {
  write(story: StoryToWrite, options?: StoryWriteOptions): Promise<LlmWriteResult>;
  /**
   * Asks the endpoint for its model list (no tokens spent), so that a wrong URL, a refused key or a
   * misspelt model shows at start rather than at the first edition. An endpoint without a model
   * list is not held against it.
   */
  check(): Promise<LlmEndpointCheck>;
  circuit(): CircuitState;
  readonly model: string;
  readonly promptVersion: string;
  /** Model and prompt version: with the story's content hash, the key of a digest cache. */
  readonly cacheKey: string;
}

/** Dependencies of the writer. */
export interface LlmWriterDeps {
  log?: Logger;
  metrics?: LlmMetrics;
  /** Clock for the circuit breaker (epoch ms). */
  now?: () => number;
  /** Waits between retries (tests may shorten it; default a timer). */
  sleep?: (ms: number) => Promise<void>;
}

interface Failure {
  outcome: LlmOutcome;
  detail: string;
  retryable: boolean;
  /** What the server asked us to wait, in ms. */
  retryAfterMs?: number;
}

// The wait a 429 or 503 asks for is read as sources read it.
export { retryAfterMs };

/** An error object a server sent with a 200 (a proxy or a model server failing after its headers). */
class ErrorIn200 extends Error {}

/** A 200 that is no chat completion at all: a proxy's sign-in page, a web UI's page, some other JSON. */
class NotACompletion extends Error {}

/** A stream that ended before its finish reason (cut by a proxy or a restart): what came is part of an answer at most. */
class StreamCut extends Error {}

function classify(err: unknown): Failure {
  if (err instanceof ErrorIn200) return { outcome: 'server-error', detail: `error in a 200 answer: ${err.message}`, retryable: true };
  // The same page comes back in a second: not retried, but counted against the endpoint (and never cached as the model's answer).
  if (err instanceof StreamCut) return { outcome: 'server-error', detail: err.message, retryable: true };
  if (err instanceof NotACompletion) return { outcome: 'server-error', detail: `${err.message}, not a chat completion: check LLM_BASE_URL and any proxy in front of the server`, retryable: false };
  // The caller gave the story up (another instance took its edition over): not the endpoint's fault.
  if (err instanceof OpenAI.APIUserAbortError) return { outcome: 'cancelled', detail: 'given up by the caller', retryable: false };
  if (err instanceof OpenAI.APIConnectionTimeoutError) return { outcome: 'timeout', detail: 'no answer within the timeout', retryable: true };
  if (err instanceof OpenAI.APIConnectionError) return { outcome: 'unreachable', detail: `connection failed: ${err.message}`, retryable: true };
  if (err instanceof OpenAI.APIError) {
    const status = err.status ?? 0;
    const after = retryAfterMs(err.headers);
    // A refused key (401, 403) is logged by its status alone: some servers echo the key they were sent.
    const detail =
      status === 401 || status === 403
        ? `HTTP ${status}: the endpoint refused the API key (check LLM_API_KEY)`
        : `HTTP ${status}: ${err.message.slice(0, 200)}${status === 404 ? ' (check LLM_BASE_URL, which for most servers ends in /v1, and LLM_MODEL)' : ''}`;
    const base = { detail, ...(after !== undefined ? { retryAfterMs: after } : {}) };
    // A spent quota (OpenAI's insufficient_quota: a 429 without Retry-After) does not come back in a second: not retried.
    if (status === 429) return { outcome: 'rate-limited', retryable: !(err.code === 'insufficient_quota' || err.type === 'insufficient_quota'), ...base };
    if (status >= 500 || status === 408 || status === 409) return { outcome: 'server-error', retryable: true, ...base };
    // A content filter that turns this story's prompt down (war news): the endpoint works; the story is refused, as a refusal in a 200 is.
    if (status === 400 && (['content_filter', 'content_policy_violation', 'invalid_prompt'].includes(String(err.code)) || /content[ _]?filter|content management policy|ContentPolicyViolation|flagged as potentially violating/i.test(err.message))) {
      return { outcome: 'refused', retryable: false, detail: `HTTP 400: the prompt was turned down by a content filter: ${err.message.slice(0, 200)}` };
    }
    return { outcome: 'rejected', retryable: false, ...base };
  }
  return { outcome: 'unreachable', detail: (err as Error)?.message ?? String(err), retryable: false };
}

/** What a chat completion said, however the server shaped it. */
interface Completion {
  content: string;
  refusal?: string;
  finishReason?: string;
  usage?: { promptTokens: number; completionTokens: number };
  /** An error object a server sent with a 200. */
  error?: string;
  /** What came instead of a chat completion (an HTML page, JSON without `choices`), said as such. */
  notCompletion?: string;
  /** Server-sent events that ended before a finish reason. */
  cut?: boolean;
}

/** What a 200 that is no chat completion was, for the operator: an HTML page (with its title), or the start of the text. */
function describeNonCompletion(text: string): string {
  if (/^\s*</.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.replace(/\s+/g, ' ').trim().slice(0, 80);
    return `an HTML page${title ? ` («${title}»)` : ''}`;
  }
  const start = text.replace(/\s+/g, ' ').trim().slice(0, 80);
  return start ? `a text («${start}»)` : 'an empty body';
}

/** The text of a message's content: a string, or an array of parts (`{type: "text", text}`); `null` is none. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((p) => (typeof p === 'string' ? p : p && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join('');
}

function usageOf(u: unknown): Completion['usage'] {
  if (!u || typeof u !== 'object') return undefined;
  const { prompt_tokens: p, completion_tokens: c } = u as { prompt_tokens?: unknown; completion_tokens?: unknown };
  return { promptTokens: typeof p === 'number' ? p : 0, completionTokens: typeof c === 'number' ? c : 0 };
}

function errorText(e: unknown): string {
  const m = e && typeof e === 'object' ? (e as { message?: unknown }).message : e;
  return (typeof m === 'string' ? m : JSON.stringify(m ?? e)).slice(0, 200);
}

/**
 * Reads a response: a chat completion (content a string or parts; as JSON, or as text when a proxy
 * labels it so), or — from a server that streams
 * although no stream was asked for, which the client then hands over as text — its server-sent
 * events, the deltas joined. An `error` object in a 200 is kept as such.
 */
function readCompletion(res: unknown): Completion {
  // A completion a proxy labelled text/plain: the client hands it over as text.
  if (typeof res === 'string' && /^\s*\{/.test(res)) {
    try {
      return readCompletion(JSON.parse(res) as unknown);
    } catch {
      // not JSON after all: read as events below
    }
  }
  if (typeof res === 'string') {
    let content = '';
    let refusal = '';
    let finishReason: string | undefined;
    let usage: Completion['usage'];
    let error: string | undefined;
    let events = 0;
    for (const line of res.split(/\r?\n/)) {
      const data = /^data:\s?(.*)$/.exec(line)?.[1]?.trim();
      if (!data || data === '[DONE]') continue;
      let event: { choices?: { delta?: { content?: unknown; refusal?: unknown }; finish_reason?: string | null }[]; usage?: unknown; error?: unknown };
      try {
        event = JSON.parse(data) as typeof event;
      } catch {
        continue;
      }
      events++;
      if (event.error) error = errorText(event.error);
      const choice = event.choices?.[0];
      content += contentText(choice?.delta?.content);
      if (typeof choice?.delta?.refusal === 'string') refusal += choice.delta.refusal;
      if (choice?.finish_reason) finishReason = choice.finish_reason;
      usage = usageOf(event.usage) ?? usage;
    }
    if (events === 0) return { content: '', notCompletion: describeNonCompletion(res) };
    // Events that end before a finish reason: a stream cut short, not the whole answer.
    if (!finishReason && !error) return { content: '', cut: true };
    return { content, ...(refusal ? { refusal } : {}), ...(finishReason ? { finishReason } : {}), ...(usage ? { usage } : {}), ...(error ? { error } : {}) };
  }
  const r = (res ?? {}) as { choices?: { message?: { content?: unknown; refusal?: unknown }; finish_reason?: string | null }[]; usage?: unknown; error?: unknown };
  if (!r.error && !Array.isArray(r.choices)) return { content: '', notCompletion: 'a JSON answer without choices' };
  const choice = r.choices?.[0];
  const usage = usageOf(r.usage);
  return {
    content: contentText(choice?.message?.content),
    ...(typeof choice?.message?.refusal === 'string' && choice.message.refusal ? { refusal: choice.message.refusal } : {}),
    ...(choice?.finish_reason ? { finishReason: choice.finish_reason } : {}),
    ...(usage ? { usage } : {}),
    ...(r.error && !choice ? { error: errorText(r.error) } : {}),
  };
}

/**
 * A refusal that says the server does not take `response_format` (json_schema) or cannot follow
 * this schema: asked again without it. A 400 mostly; TGI's 422 (its body cannot be read into its
 * request type), a 500 from llama.cpp's forks ("response_format type must be one of …"); vLLM
 * names its grammar backend ("JSON schema … not supported by xgrammar"), llama.cpp its grammar,
 * Gemini the field of its own request the schema goes to (`generation_config.response_schema`).
 */
function refusesStructuredOutput(err: unknown): boolean {
  if (!(err instanceof OpenAI.APIError) || ![400, 422, 500].includes(err.status ?? 0)) return false;
  if (!/response_format|response_schema|json[ _-]?schema|structured|grammar|guided/i.test(err.message)) return false;
  // A 500 may be a passing failure that names the grammar ("CUDA out of memory while compiling grammar"): only an explicit refusal counts.
  return err.status !== 500 || /not supported|response_format type must be|must be one of/i.test(err.message);
}

/**
 * A refusal of a call that does not stream: "This model only support stream mode, please enable the
 * stream parameter" (Alibaba's QwQ), "enable_thinking must be set to false for non-streaming calls"
 * (Qwen3 there with thinking on).
 */
function refusesNonStreaming(err: unknown): boolean {
  return err instanceof OpenAI.APIError && [400, 422].includes(err.status ?? 0) && /only supports? stream|stream mode|enable the stream|stream must be (set to )?true|non-streaming calls|requires? stream(ing)?\b/i.test(err.message);
}

/**
 * A streamed answer read to its end, as the completion it would have been: content, refusal, finish
 * reason and usage. A stream without any completion chunk (an HTML page in stream mode) is no
 * completion; one that ends before its finish reason was cut short (by a proxy, a restart).
 */
async function collectStream(stream: AsyncIterable<unknown>, aborted: () => boolean): Promise<unknown> {
  let content = '';
  let refusal = '';
  let finishReason: string | null = null;
  let usage: unknown;
  let chunks = 0;
  for await (const chunk of stream) {
    const c = (chunk ?? {}) as { choices?: { delta?: { content?: unknown; refusal?: unknown }; finish_reason?: string | null }[]; usage?: unknown };
    const choice = c.choices?.[0];
    if (choice) chunks++;
    content += contentText(choice?.delta?.content);
    if (typeof choice?.delta?.refusal === 'string') refusal += choice.delta.refusal;
    if (choice?.finish_reason) finishReason = choice.finish_reason;
    if (c.usage) usage = c.usage;
  }
  // The client ends a stream it was told to stop as if it had ended: the caller says what that was.
  if (!aborted()) {
    if (chunks === 0) throw new NotACompletion('a stream with no chat completion chunk');
    if (!finishReason) throw new StreamCut('the stream ended without a finish reason (cut short by a proxy or a restart)');
  }
  return { object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content, ...(refusal ? { refusal } : {}) }, finish_reason: finishReason }], ...(usage ? { usage } : {}) };
}

/**
 * A refusal because the prompt and the answer's room do not fit the model's context window
 * (vLLM: "maximum context length is 4096 tokens. However, you requested …"; llama.cpp's server:
 * "the request exceeds the available context size", with n_ctx and n_prompt_tokens; OpenAI:
 * context_length_exceeded; LiteLLM: ContextWindowExceededError; TGI's 422 "Input validation
 * error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: 4500 `inputs` tokens …", or
 * "`inputs` must have less than 4095 tokens. Given: 4500", a limit on the prompt alone, which is
 * the window less the answer's `room`): the sizes it gives, if any.
 */
function contextOverflow(err: unknown, room: number): { context?: number; prompt?: number } | undefined {
  if (!(err instanceof OpenAI.APIError) || ![400, 413, 422, 500].includes(err.status ?? 0)) return undefined;
  const body = err.error && typeof err.error === 'object' ? (err.error as Record<string, unknown>) : {};
  const text = `${err.message} ${typeof body.type === 'string' ? body.type : ''} ${typeof body.code === 'string' ? body.code : ''}`;
  if (!/maximum context length|context[ _]length[ _]exceeded|exceeds? the (available )?context|context[ _]window|exceed_context_size|ContextWindowExceeded|prompt is too long|too many tokens|`?inputs`? tokens \+ `?max_new_tokens`? must be <=|`?inputs`? must have less than \d+ tokens/i.test(text)) return undefined;
  const num = (v: unknown): number | undefined => (typeof v === 'number' && v > 0 ? v : undefined);
  const first = (re: RegExp): number | undefined => {
    const m = re.exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const inputLimit = first(/`?inputs`? must have less than (\d+) tokens/i);
  const context =
    num(body.n_ctx) ??
    first(/maximum context length is (\d+)/i) ??
    first(/context (?:size|window|length) (?:is |of )?(\d+)/i) ??
    first(/`?max_new_tokens`? must be <= (\d+)/i) ??
    (inputLimit !== undefined ? inputLimit + room : undefined);
  const prompt = num(body.n_prompt_tokens) ?? first(/\((\d+) in the messages/i) ?? first(/(?:resulted in|has|contains) (\d+) (?:input )?tokens/i) ?? first(/Given: (\d+)/);
  return { ...(context ? { context } : {}), ...(prompt ? { prompt } : {}) };
}

/** The endpoint as logs show it: its host only (a base URL may carry credentials or a query). */
function endpointHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(not a URL)';
  }
}

/** The endpoint as a message may show it: scheme, host and path (no credentials, no query, no trailing slash). */
function endpointPath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`.replace(/\/+$/, '');
  } catch {
    return '(not a URL)';
  }
}

/**
 * The articles' budget (in {@link estimateTokens}'s units) that should fit a context window an
 * error gave. The server's count of the prompt is shared out by characters: what is not the
 * articles (the instructions, the fences, the request) keeps its share, the articles get what the
 * window leaves after it and the answer's room, less a tenth. Without the server's count: at most
 * 60 % of the window, at most half of the articles; without the window: half of the articles.
 */
function smallerBudget(messages: readonly { content: string }[], articleChars: number, overflow: { context?: number; prompt?: number }, room: number): number {
  const articles = Math.ceil(articleChars / 3);
  if (overflow.context === undefined) return Math.floor(articles / 2);
  const target = overflow.context - room;
  if (overflow.prompt === undefined) return Math.floor(Math.min(target * 0.6, articles / 2));
  const total = messages.reduce((n, m) => n + m.content.length, 0);
  const perChar = overflow.prompt / total;
  const rest = (total - articleChars) * perChar;
  return Math.floor(((target - rest) * 0.9) / perChar / 3);
}

/**
 * fetch for the client: an error body with its message at the top (`{"object": "error", "message":
 * …}`, vLLM before its OpenAI-shaped errors), in FastAPI's `{"detail": …}` (a string, or a list
 * of validation errors) or in a list of one (`[{"error": …}]`, Gemini's OpenAI endpoint) is
 * handed over as `{"error": {…}}`, which the client reads; it kept only
 * "400 status code (no body)", so a context window, a refused schema or a missing model went unsaid.
 */
async function withErrorMessage(url: string | URL | Request, init?: RequestInit): Promise<Response> {
  const res = await fetch(url, init);
  if (res.ok || !/json/i.test(res.headers.get('content-type') ?? '')) return res;
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  // Gemini's OpenAI endpoint sends its errors as a list of one: `[{"error": {…}}]`.
  const one = Array.isArray(body) && body.length === 1 ? (body[0] as unknown) : body;
  const top = one && typeof one === 'object' && !Array.isArray(one) ? (one as Record<string, unknown>) : undefined;
  let fixed = text;
  if (top && top !== body && top.error !== undefined) fixed = JSON.stringify(top);
  else if (top && top.error === undefined && typeof top.message === 'string') fixed = JSON.stringify({ error: top });
  else if (top && top.error === undefined && top.detail !== undefined) fixed = JSON.stringify({ error: { message: detailText(top.detail) } });
  // The body is read (and decoded) already: its length and encoding headers no longer describe it.
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  headers.delete('content-encoding');
  return new Response(fixed, { status: res.status, statusText: res.statusText, headers });
}

/** FastAPI's `detail`: a string, or validation errors (`[{loc: ["body", "response_format", "type"], msg}]`) as "body.response_format.type: msg". */
function detailText(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    return detail
      .map((d) => {
        const e = (d ?? {}) as { loc?: unknown; msg?: unknown };
        const loc = Array.isArray(e.loc) ? `${e.loc.join('.')}: ` : '';
        return `${loc}${typeof e.msg === 'string' ? e.msg : JSON.stringify(d)}`;
      })
      .join('; ');
  }
  return JSON.stringify(detail);
}

/** What one request was sent with, of what the writer adapts to the server. */
interface Sent {
  structured: boolean;
  streaming: boolean;
  tokenLimit: 'max_tokens' | 'max_completion_tokens';
  withTemperature: boolean;
}

/** Articles cut to fewer tokens than this are not worth a call. */
const MIN_CONTEXT_BUDGET = 100;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates the writer.
 *
 * @example
 * const writer = createOpenAiStoryWriter({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b' }, { log });
 * const written = await writer.writeStory(story); // undefined → compose this story extractively
 */
export function createOpenAiStoryWriter(
  settings: Pick<LlmWriterOptions, 'baseUrl' | 'model'> & Partial<LlmWriterOptions>,
  deps: LlmWriterDeps = {},
): LlmStoryWriter {
  const o: LlmWriterOptions = { ...DEFAULT_LLM_WRITER_OPTIONS, ...settings };
  const metrics = deps.metrics ?? NO_LLM_METRICS;
  const sleep = deps.sleep ?? delay;
  const now = deps.now ?? Date.now;
  const log = deps.log;
  // Retries are ours (capped Retry-After, an overall budget), so the client's own are off.
  const client = new OpenAI({ baseURL: o.baseUrl, apiKey: o.apiKey ?? 'none', timeout: o.timeoutMs, maxRetries: 0, fetch: withErrorMessage });
  let lastFailure: string | undefined;
  const breaker = createCircuitBreaker(
    o.breaker,
    (state, previous) => {
      // Said once while it lasts: a failed trial call (half-open → open) is not news.
      if (state === 'open' && previous === 'half-open') log?.debug({ model: o.model, lastFailure: lastFailure ?? 'unknown' }, 'model endpoint still failing');
      // With the last failure's reason: a refused key or a wrong model name is not "down or slow".
      else if (state === 'open') log?.warn({ model: o.model, endpoint: endpointHost(o.baseUrl), lastFailure: lastFailure ?? 'unknown' }, 'model endpoint failing (down, slow or refusing the calls): stories are written extractively until it answers again');
      else if (state === 'closed') log?.info({ model: o.model, endpoint: endpointHost(o.baseUrl) }, 'model endpoint answers again');
    },
    now,
  );
  const limiter = createLimiter(o.concurrency);
  let structured = o.structuredOutput;
  // A server that answers only streams (Alibaba's QwQ, Qwen3 with thinking on): asked with stream: true from then on.
  let streaming = false;
  // OpenAI's reasoning models (o-series, gpt-5) refuse max_tokens and any temperature but the default.
  let tokenLimit: 'max_tokens' | 'max_completion_tokens' = 'max_tokens';
  let withTemperature = true;
  /** A 400 refusing one of those parameters: the request is adapted for good, and the change logged once. */
  const adaptTo = (err: unknown, sent: Sent): boolean => {
    if (!(err instanceof OpenAI.APIError) || err.status !== 400) return false;
    if (sent.tokenLimit === 'max_tokens' && /max_tokens/.test(err.message) && /max_completion_tokens/.test(err.message)) {
      if (tokenLimit === 'max_tokens') log?.info({ model: o.model }, 'the model takes max_completion_tokens instead of max_tokens; asking with it');
      tokenLimit = 'max_completion_tokens';
      return true;
    }
    if (sent.withTemperature && /temperature/i.test(err.message) && /unsupported|not supported|does not support|only the default/i.test(err.message)) {
      if (withTemperature) log?.info({ model: o.model }, 'the model takes no temperature; asking with its default');
      withTemperature = false;
      return true;
    }
    return false;
  };

  // A model whose context window turned out smaller than a story's prompt: the articles' budget
  // that fitted, for every later story too (said once).
  let contextBudget: number | undefined;
  let contextSaid = false;
  let cutSaid = false;
  const sayContext = (fields: Record<string, unknown>, msg: string): void => {
    if (contextSaid) log?.debug({ model: o.model, ...fields }, msg);
    else log?.warn({ model: o.model, ...fields }, msg);
    contextSaid = true;
  };

  async function call(story: StoryToWrite, signal?: AbortSignal): Promise<LlmWriteResult> {
    let budget = Math.min(o.prompt.maxInputTokens, contextBudget ?? Infinity);
    let messages = buildStoryMessages(story, { ...o.prompt, maxInputTokens: budget });
    let shrunk = false;
    let attempts = 0;
    for (let retry = 0; ; retry++) {
      if (signal?.aborted) return { outcome: 'cancelled', detail: 'given up by the caller', attempts };
      attempts++;
      // The client's timeout ends when the headers come; a body that stalls after them is cut by
      // this one, which covers the whole call (and a story given up by its caller ends it too).
      const attempt = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        attempt.abort();
      }, o.timeoutMs);
      const cancel = (): void => attempt.abort();
      signal?.addEventListener('abort', cancel, { once: true });
      // What this request is sent with: its refusal is judged by it, whatever another call has changed since.
      const sent: Sent = { structured, streaming, tokenLimit, withTemperature };
      try {
        const params = {
          model: o.model,
          messages,
          ...(sent.withTemperature ? { temperature: o.temperature } : {}),
          // max_completion_tokens also counts a reasoning model's hidden reasoning: room for it besides the answer.
          [sent.tokenLimit]: sent.tokenLimit === 'max_tokens' ? o.maxOutputTokens : o.maxOutputTokens * 4,
          ...(sent.structured ? { response_format: { type: 'json_schema' as const, json_schema: { name: 'story_brief', strict: true, schema: storyJsonSchema(o.prompt) } } } : {}),
        };
        const res = sent.streaming
          ? await collectStream(await client.chat.completions.create({ ...params, stream: true }, { signal: attempt.signal }), () => attempt.signal.aborted)
          : await client.chat.completions.create(params, { signal: attempt.signal });
        // The client ends a stream it was told to stop as if it had ended: what came is no answer (a timeout, or given up).
        if (attempt.signal.aborted) throw new OpenAI.APIUserAbortError();
        const { content, refusal, finishReason, usage, error, notCompletion, cut } = readCompletion(res);
        if (usage) metrics.tokens({ model: o.model, ...usage });
        if (error !== undefined) throw new ErrorIn200(error);
        if (notCompletion !== undefined) throw new NotACompletion(notCompletion);
        if (cut) throw new StreamCut('the server-sent events ended without a finish reason (cut short by a proxy or a restart)');
        if (refusal || finishReason === 'content_filter') return { outcome: 'refused', detail: refusal ?? 'content filter', attempts, ...(usage ? { usage } : {}) };
        const parsed = parseStoryAnswer(content, story.articles.length, o.prompt.maxBullets);
        if ('error' in parsed) {
          if (finishReason === 'length') {
            // Said once: the operator can raise the limit (the cache key carries it, so those stories are asked again).
            // A reasoning model's limit (max_completion_tokens) is four times the setting: the one sent is named.
            const limit = sent.tokenLimit === 'max_tokens' ? `${o.maxOutputTokens}` : `${o.maxOutputTokens * 4} ${sent.tokenLimit}, reasoning included`;
            if (!cutSaid) log?.warn({ model: o.model, maxOutputTokens: o.maxOutputTokens }, `an answer was cut at the token limit (${limit}) and could not be read: such stories are written extractively; raise LLM_MAX_OUTPUT_TOKENS if this recurs`);
            cutSaid = true;
          }
          return { outcome: 'parse', detail: finishReason === 'length' ? `${parsed.error}: the answer was cut at the token limit` : parsed.error, attempts, ...(usage ? { usage } : {}) };
        }
        return { outcome: 'ok', story: parsed.story, attempts, ...(usage ? { usage } : {}) };
      } catch (err) {
        if (signal?.aborted) return { outcome: 'cancelled', detail: 'given up by the caller', attempts };
        if (sent.structured && refusesStructuredOutput(err)) {
          // Said once: another call in flight may have met the same refusal first.
          if (structured) log?.warn({ model: o.model, message: redact((err as Error).message.slice(0, 200)) }, 'the model server does not take a JSON schema; asking for JSON in the prompt only from now on');
          structured = false;
          retry--;
          continue;
        }
        if (!sent.streaming && refusesNonStreaming(err)) {
          if (!streaming) log?.info({ model: o.model }, 'the model server answers only streams; asking with stream: true');
          streaming = true;
          retry--;
          continue;
        }
        if (adaptTo(err, sent)) {
          retry--;
          continue;
        }
        const room = sent.tokenLimit === 'max_tokens' ? o.maxOutputTokens : o.maxOutputTokens * 4;
        const overflow = contextOverflow(err, room);
        if (overflow) {
          // The prompt and the answer's room do not fit the model's context window: asked once more
          // with the articles cut to what should fit; a story that still does not fit falls back
          // (the endpoint works: nothing counted against it).
          // The articles' part of the prompt: all of it but what a prompt without articles has.
          const articleChars = messages[1]!.content.length - buildStoryMessages(story, { ...o.prompt, maxInputTokens: 0 })[1]!.content.length;
          const next = smallerBudget(messages, articleChars, overflow, room);
          const window = overflow.context !== undefined ? `${overflow.context} tokens` : 'its size not given';
          if (!shrunk && next >= MIN_CONTEXT_BUDGET && next < Math.min(budget, Math.ceil(articleChars / 3))) {
            shrunk = true;
            budget = next;
            contextBudget = Math.min(contextBudget ?? Infinity, next);
            sayContext(
              { contextWindow: window, articleTokens: next },
              `the model's context window is smaller than a story's prompt: articles are cut to about ${next} tokens from now on (raise the server's context size, or lower composer.llm.maxInputTokens)`,
            );
            messages = buildStoryMessages(story, { ...o.prompt, maxInputTokens: budget });
            retry--;
            continue;
          }
          const detail = `the story does not fit the model's context window (${window}) beside ${room} tokens for the answer${shrunk ? `, even with its articles cut to about ${budget} tokens` : ''}`;
          sayContext({ contextWindow: window }, `${detail}: such stories are written extractively (raise the server's context size)`);
          return { outcome: 'too-long', detail, attempts };
        }
        const f = timedOut ? { outcome: 'timeout' as const, detail: 'no whole answer within the timeout', retryable: true } : classify(err);
        if (!f.retryable || retry >= o.maxRetries) return { outcome: f.outcome, detail: f.detail, attempts };
        const wait = f.retryAfterMs ?? Math.min(o.backoffMs * 2 ** retry, 8000) * (1 - Math.random() * 0.25);
        if (wait > o.maxRetryWaitMs) return { outcome: f.outcome, detail: `${f.detail}; asked to wait ${Math.round(wait / 1000)} s, more than allowed`, attempts, ...(f.retryAfterMs !== undefined ? { holdMs: f.retryAfterMs } : {}) };
        // Given up while it waits (another instance took the edition over): no slot held for nothing.
        if (signal) {
          let onAbort: (() => void) | undefined;
          await Promise.race([sleep(wait), new Promise<void>((resolve) => signal.addEventListener('abort', (onAbort = () => resolve()), { once: true }))]);
          signal.removeEventListener('abort', onAbort!);
        } else await sleep(wait);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', cancel);
      }
    }
  }

  // Some servers and proxies echo the key they were sent in an error body ("invalid token sk-…").
  const redact = (text: string): string => (o.apiKey && text.includes(o.apiKey) ? text.split(o.apiKey).join('[LLM_API_KEY]') : text);

  async function check(): Promise<LlmEndpointCheck> {
    const attempt = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      attempt.abort();
    }, Math.min(o.timeoutMs, 10_000));
    try {
      const { data: page, response } = await client.models.list({ signal: attempt.signal }).withResponse();
      // A proxy's sign-in page or a web UI answers any path with a 200: not the server's model list.
      if (/html/i.test(response.headers.get('content-type') ?? '')) {
        return { ok: false, detail: `${endpointPath(o.baseUrl)}/models answered with an HTML page, not a model list: check LLM_BASE_URL and any proxy in front of the server` };
      }
      const ids = (page.data ?? []).map((m) => String(m.id));
      // Ollama lists "qwen2.5:latest" for "qwen2.5"; some servers prefix ids ("models/…").
      const listed = ids.length === 0 || ids.some((id) => id === o.model || id === `${o.model}:latest` || id.endsWith(`/${o.model}`));
      if (listed) return { ok: true, detail: ids.length === 0 ? 'the endpoint answers (its model list is empty)' : `the endpoint answers and lists the model` };
      // llama.cpp's server lists the one model it was started with (its file or alias) and serves it whatever name a call gives
      // (not in its router mode, whose entries carry a status and whose names count).
      const only = page.data[0] as unknown as Record<string, unknown> | undefined;
      if (ids.length === 1 && only?.owned_by === 'llamacpp' && only.status === undefined) return { ok: true, detail: redact(`the endpoint serves one model (${ids[0]}), whatever LLM_MODEL says`) };
      const shown = ids.slice(0, 8).join(', ');
      return { ok: false, detail: redact(`the endpoint does not list the model "${o.model}" (it lists ${shown}${ids.length > 8 ? `, and ${ids.length - 8} more` : ''}): check LLM_MODEL`) };
    } catch (err) {
      if (timedOut) return { ok: false, detail: 'no answer within the timeout' };
      if (err instanceof OpenAI.APIError && (err.status === 404 || err.status === 405)) {
        // Ollama's or vLLM's address without /v1 (a common slip): their routes are one level down.
        const base = endpointPath(o.baseUrl);
        if (!/\/v1$/.test(base)) {
          const found = await fetch(`${o.baseUrl.replace(/\/+$/, '')}/v1/models`, { headers: { authorization: `Bearer ${o.apiKey ?? 'none'}` }, signal: attempt.signal }).then(
            (r) => r.ok,
            () => false,
          );
          if (found) return { ok: false, detail: `no model list at ${base}/models, but one at ${base}/v1/models: LLM_BASE_URL should probably end in /v1` };
        }
        // No model list on this server (or not at this path): the first call will tell.
        return { ok: true, detail: 'the endpoint has no model list; the model is checked by the first call' };
      }
      return { ok: false, detail: redact(classify(err).detail) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The half-open circuit's trial call while it is in flight (settles, never rejects). */
  let trial: Promise<unknown> | undefined;

  async function write(story: StoryToWrite, options: StoryWriteOptions = {}): Promise<LlmWriteResult> {
    if (story.articles.length === 0) return { outcome: 'parse', detail: 'a story without articles', attempts: 0 };
    const { signal } = options;
    return limiter.run(async () => {
      // Given up while it waited its turn: never sent.
      if (signal?.aborted) {
        metrics.outcome('cancelled');
        return { outcome: 'cancelled' as const, detail: 'given up by the caller', attempts: 0 };
      }
      let pass = breaker.allow();
      // A half-open circuit's trial call is in flight: its verdict is waited for (the endpoint back:
      // this story is written too; still down: it falls back then), where every story of an edition
      // composed after an outage but the trial went out extractive at once.
      while (!pass && trial) {
        let onAbort: (() => void) | undefined;
        await Promise.race([trial, new Promise<void>((resolve) => signal?.addEventListener('abort', (onAbort = () => resolve()), { once: true }))]);
        if (onAbort) signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) {
          metrics.outcome('cancelled');
          return { outcome: 'cancelled' as const, detail: 'given up by the caller', attempts: 0 };
        }
        pass = breaker.allow();
      }
      if (!pass) {
        metrics.outcome('circuit-open');
        return { outcome: 'circuit-open' as const, detail: 'endpoint down or slow (circuit open)', attempts: 0 };
      }
      const running = call(story, signal);
      if (pass === 'trial') {
        const settled: Promise<unknown> = running.then(
          () => undefined,
          () => undefined,
        );
        trial = settled;
        // Cleared once the breaker has heard the verdict (below, in this same turn after the await).
        void settled.then(() => {
          if (trial === settled) trial = undefined;
        });
      }
      const r = await running;
      if (r.detail) r.detail = redact(r.detail);
      if (r.outcome === 'ok' || r.outcome === 'parse' || r.outcome === 'refused' || r.outcome === 'too-long') breaker.success(pass);
      else if (r.outcome !== 'cancelled') {
        lastFailure = `${r.outcome}: ${r.detail ?? ''}`;
        // A server that asked not to be called for long (a spent quota) is not called until then.
        breaker.failure(pass, r.holdMs);
      } else breaker.release(pass);
      metrics.outcome(r.outcome);
      if (r.outcome !== 'ok') log?.debug({ story: story.id, outcome: r.outcome, detail: r.detail }, 'model answer not used; the story falls back to extractive');
      return r;
    });
  }

  // The prompt's limits are part of its version: an answer written for 30 words a bullet is not
  // reused once the operator asks for 12 (the guard would turn it down). So is the answer's token
  // limit: an answer cut at 900 tokens is cached as unusable, and asked for again once the operator
  // raises the limit. The defaults keep the bare version, so that answers cached before this keep
  // their key.
  const p = o.prompt;
  const d = DEFAULT_STORY_PROMPT_OPTIONS;
  const promptVersion =
    (p.maxBullets === d.maxBullets && p.maxBulletWords === d.maxBulletWords && p.maxInputTokens === d.maxInputTokens
      ? PROMPT_VERSION
      : `${PROMPT_VERSION}+b${p.maxBullets}w${p.maxBulletWords}t${p.maxInputTokens}`) +
    (o.maxOutputTokens === DEFAULT_LLM_WRITER_OPTIONS.maxOutputTokens ? '' : `+o${o.maxOutputTokens}`);
  return {
    name: `llm:${o.model}`,
    model: o.model,
    promptVersion,
    cacheKey: `${o.model}|${promptVersion}`,
    write,
    check,
    async writeStory(story, options) {
      return (await write(story, options)).story;
    },
    async attempt(story, options) {
      const r = await write(story, options);
      return { ...(r.story ? { story: r.story } : {}), answered: r.outcome === 'ok' || r.outcome === 'parse' || r.outcome === 'refused' };
    },
    circuit: () => breaker.state(),
  };
}
