/**
 * A fake OpenAI-compatible chat-completions server on 127.0.0.1, for tests: each request gets
 * the reply a script chooses (an answer, an HTTP error with headers, a hang, a delay), and every
 * request is recorded with its parsed body and arrival time, so that tests can check what the
 * client sent and in which order.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers to one request. */
export type FakeReply =
  /** A 200 with `content` as the assistant message (and token counts). */
  | { kind: 'answer'; content: string; promptTokens?: number; completionTokens?: number; finishReason?: string; delayMs?: number }
  /** An HTTP error with headers (e.g. 429 with `Retry-After`) and an OpenAI-style error body. */
  | { kind: 'status'; status: number; headers?: Record<string, string>; message?: string }
  /** No answer at all until the server closes (a hang past the client's timeout). */
  | { kind: 'hang' }
  /** A 200's headers and the first part of its body, then nothing until the server closes (a stall mid-body). */
  | { kind: 'stall-body' }
  /** Any JSON body with a status (default 200): content as an array of parts, `null`, an error object in a 200, … */
  | { kind: 'raw'; status?: number; body: unknown; contentType?: string }
  /** A body sent as it is, not as JSON (default status 200): a proxy's HTML login page, a plain-text 422. */
  | { kind: 'text'; status?: number; body: string; contentType: string }
  /**
   * The answer as server-sent events (`text/event-stream`), `content` in chunks of `chunk` characters, usage in the last event;
   * with `stallAfter`, only that many chunks, then nothing until the server closes (a stream that stalls);
   * with `cut`, the content's chunks and then the end of the body, with no finish reason, usage or `[DONE]`
   * (a stream a proxy or a restart cut short).
   */
  | { kind: 'sse'; content: string; chunk?: number; stallAfter?: number; cut?: boolean }
  /** A 400 "response_format is not supported" when the request asks for a schema; the inner reply otherwise. */
  | { kind: 'no-schema'; otherwise: FakeReply };

/** One request as the fake received it. */
export interface FakeOpenAiRequest {
  /** Order of arrival, from 0. */
  n: number;
  path: string;
  /** The parsed JSON body (model, messages, response_format, …). */
  body: Record<string, unknown>;
  /** Epoch ms of arrival. */
  at: number;
  authorization?: string;
}

/** How the fake behaves beyond the chat script. */
export interface FakeOpenAiOptions {
  /** The model ids `GET /v1/models` lists (default `["fake-model"]`). */
  models?: string[];
  /** Their `owned_by` (default "fake"; llama.cpp's server says "llamacpp"). */
  ownedBy?: string;
  /** When set, a request without `Authorization: Bearer <requireKey>` gets a 401 (both routes). */
  requireKey?: string;
  /**
   * A small context window, as a server started with one answers (tokens counted as one per two
   * characters of the messages): "vllm" refuses a prompt whose tokens and `max_tokens` exceed it
   * (400 "maximum context length is …"), "llama.cpp" a prompt that alone fills it (400
   * exceed_context_size_error with n_ctx and n_prompt_tokens).
   */
  context?: { tokens: number; style: 'vllm' | 'llama.cpp' };
  /** When set, `GET /v1/models` answers this HTML page with a 200 instead of the list (a proxy's sign-in page). */
  modelsHtml?: string;
}

/** The fake's count of a request's prompt tokens: one per two characters of its messages. */
export function fakePromptTokens(body: Record<string, unknown>): number {
  const messages = Array.isArray(body.messages) ? (body.messages as { content?: unknown }[]) : [];
  return Math.ceil(messages.reduce((n, m) => n + (typeof m.content === 'string' ? m.content.length : 0), 0) / 2);
}

/** The refusal of a server whose context window the request does not fit, or undefined when it fits. */
function contextRefusal(body: Record<string, unknown>, context: NonNullable<FakeOpenAiOptions['context']>): unknown {
  const prompt = fakePromptTokens(body);
  const completion = Number(body.max_tokens ?? body.max_completion_tokens ?? 0);
  if (context.style === 'llama.cpp') {
    return prompt >= context.tokens ? { error: { code: 400, message: 'the request exceeds the available context size, try increasing it', type: 'exceed_context_size_error', n_prompt_tokens: prompt, n_ctx: context.tokens } } : undefined;
  }
  return prompt + completion > context.tokens
    ? {
        error: {
          message: `This model's maximum context length is ${context.tokens} tokens. However, you requested ${prompt + completion} tokens (${prompt} in the messages, ${completion} in the completion). Please reduce the length of the messages or completion.`,
          type: 'BadRequestError',
          param: null,
          code: 400,
        },
      }
    : undefined;
}

/** A running fake. */
export interface FakeOpenAi {
  /** Base URL for the client, ending in `/v1`. */
  readonly baseUrl: string;
  readonly requests: FakeOpenAiRequest[];
  /** Requests being answered right now, and the most at once so far. */
  readonly inFlight: { now: number; max: number };
  /** Replaces the script. */
  script(reply: (request: FakeOpenAiRequest) => FakeReply): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function completion(model: string, r: Extract<FakeReply, { kind: 'answer' }>, n: number): unknown {
  return {
    id: `chatcmpl-fake-${n}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: r.content }, finish_reason: r.finishReason ?? 'stop' }],
    usage: { prompt_tokens: r.promptTokens ?? 100, completion_tokens: r.completionTokens ?? 50, total_tokens: (r.promptTokens ?? 100) + (r.completionTokens ?? 50) },
  };
}

/**
 * Starts the fake on a free port of 127.0.0.1.
 *
 * @example
 * const fake = await startFakeOpenAi(() => ({ kind: 'answer', content: '{"headline":"…","bullets":[]}' }));
 * const writer = createOpenAiStoryWriter({ baseUrl: fake.baseUrl, model: 'fake' });
 */
export async function startFakeOpenAi(initial: (request: FakeOpenAiRequest) => FakeReply, options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  let reply = initial;
  const requests: FakeOpenAiRequest[] = [];
  const inFlight = { now: 0, max: 0 };
  const hanging = new Set<ServerResponse>();
  const answer = (req: FakeOpenAiRequest, res: ServerResponse, r: FakeReply): void => {
    const done = (): void => {
      inFlight.now--;
    };
    switch (r.kind) {
      case 'hang':
        hanging.add(res);
        res.on('close', () => {
          hanging.delete(res);
          done();
        });
        return;
      case 'stall-body':
        hanging.add(res);
        res.on('close', () => {
          hanging.delete(res);
          done();
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id":"chatcmpl-fake","object":"chat.completion","choices":[{"index":0,');
        return;
      case 'status':
        send(res, r.status, { error: { message: r.message ?? `fake error ${r.status}`, type: 'fake', code: null } }, r.headers);
        done();
        return;
      case 'raw':
        send(res, r.status ?? 200, r.body, r.contentType ? { 'content-type': r.contentType } : {});
        done();
        return;
      case 'text':
        res.writeHead(r.status ?? 200, { 'content-type': r.contentType });
        res.end(r.body);
        done();
        return;
      case 'sse': {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        const size = Math.max(1, r.chunk ?? 16);
        const event = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}, finishReason: string | null = null): string =>
          `data: ${JSON.stringify({ id: `chatcmpl-fake-${req.n}`, object: 'chat.completion.chunk', model: String(req.body.model ?? 'fake'), choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`;
        res.write(event({ role: 'assistant', content: '' }));
        if (r.stallAfter !== undefined) {
          for (let i = 0; i < Math.min(r.content.length, r.stallAfter * size); i += size) res.write(event({ content: r.content.slice(i, i + size) }));
          hanging.add(res);
          res.on('close', () => {
            hanging.delete(res);
            done();
          });
          return;
        }
        for (let i = 0; i < r.content.length; i += size) res.write(event({ content: r.content.slice(i, i + size) }));
        if (r.cut) {
          res.end();
          done();
          return;
        }
        res.write(event({}, { usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 } }, 'stop'));
        res.end('data: [DONE]\n\n');
        done();
        return;
      }
      case 'no-schema':
        if (req.body.response_format !== undefined) {
          send(res, 400, { error: { message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", type: 'invalid_request_error', code: null } });
          done();
          return;
        }
        answer(req, res, r.otherwise);
        return;
      case 'answer': {
        const go = (): void => {
          send(res, 200, completion(String(req.body.model ?? 'fake'), r, req.n));
          done();
        };
        if (r.delayMs) setTimeout(go, r.delayMs);
        else go();
      }
    }
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        send(res, 400, { error: { message: 'body is not JSON' } });
        return;
      }
      if (options.requireKey !== undefined && req.headers.authorization !== `Bearer ${options.requireKey}`) {
        send(res, 401, { error: { message: `Incorrect API key provided: ${req.headers.authorization ?? '(none)'}`, type: 'invalid_request_error', code: 'invalid_api_key' } });
        return;
      }
      // Served under /v1 only, as Ollama and vLLM do: a base URL without it gets 404s.
      if (req.method === 'GET' && req.url === '/v1/models' && options.modelsHtml !== undefined) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(options.modelsHtml);
        return;
      }
      if (req.method === 'GET' && req.url === '/v1/models') {
        send(res, 200, { object: 'list', data: (options.models ?? ['fake-model']).map((id) => ({ id, object: 'model', created: 0, owned_by: options.ownedBy ?? 'fake' })) });
        return;
      }
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        send(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
        return;
      }
      const record: FakeOpenAiRequest = { n: requests.length, path: req.url, body, at: Date.now(), ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) };
      requests.push(record);
      const tooLong = options.context ? contextRefusal(body, options.context) : undefined;
      if (tooLong) {
        send(res, 400, tooLong);
        return;
      }
      inFlight.now++;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      answer(record, res, reply(record));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    inFlight,
    script(next) {
      reply = next;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
