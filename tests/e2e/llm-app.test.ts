/**
 * The app in LLM mode against a fake OpenAI-compatible server on 127.0.0.1: the start shows the
 * briefing (guarded, with the extractive fallback), /metrics counts tokens, call outcomes and the
 * guard's rejections, the dashboard lists them, the API key never reaches the log; and llm mode
 * without an endpoint stops the start with one message.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type BriefingApp } from '../../src/app.js';
import { startFakeOpenAi, type FakeOpenAi } from '../../src/bench/fakes/fake-openai.js';
import { loadConfig, type Config } from '../../src/config/index.js';
import { ConfigError } from '../../src/core/errors.js';
import { createStoryWriting } from '../../src/app/story-writing.js';
import { instanceRoot } from './instances.js';
import { recordingLog } from '../support/recording-log.js';

const API_KEY = 'sk-test-0123456789-very-secret';
const ADMIN = 'admin-token-0123456789abcdef0123';

let fake: FakeOpenAi | undefined;
let app: BriefingApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  await fake?.close();
  fake = undefined;
});


describe('the app in LLM mode', () => {
  it('composes through the model behind the guard, counts tokens and rejections on /metrics, lists them on the dashboard, never logs the key', async () => {
    // The model invents a figure in every bullet: the guard rejects them all, the briefing stays extractive.
    fake = await startFakeOpenAi(() => ({
      kind: 'answer',
      content: JSON.stringify({ headline: 'موجز الأخبار', bullets: [{ text: 'ارتفع عدد الزوار إلى 987654 زائرا هذا العام', sources: [1] }] }),
      promptTokens: 120,
      completionTokens: 40,
    }));
    const root = instanceRoot({ concurrency: 2 });
    writeFileSync(join(root, 'config', 'local.json'), JSON.stringify({ port: 0, console: { enabled: true, showOnStart: true }, schedule: { enabled: false, catchUpMinutes: 180 } }));
    const config = loadConfig({
      root,
      env: { SQLITE_PATH: join(root, 'data', 'b.db'), COMPOSER_MODE: 'llm', LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'fake-model', LLM_API_KEY: API_KEY, ADMIN_TOKEN: ADMIN },
    });
    const log = recordingLog();
    const out: string[] = [];
    app = await createApp(config, { root, log, now: () => new Date('2026-11-29T02:00:00Z'), write: (t) => out.push(t) });
    await app.start();
    expect(out.filter((t) => t.includes('موجز الصباح — 2026-11-29'))).toHaveLength(1);
    expect(out.join('\n')).not.toContain('987654');
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests[0]!.authorization).toBe(`Bearer ${API_KEY}`);

    const base = `http://127.0.0.1:${app.port()}`;
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const n = fake.requests.length;
    expect(metrics).toContain(`briefing_llm_tokens_total{model="fake-model",kind="prompt"} ${120 * n}`);
    expect(metrics).toContain(`briefing_llm_tokens_total{model="fake-model",kind="completion"} ${40 * n}`);
    expect(metrics).toContain(`briefing_llm_stories_total{outcome="ok"} ${n}`);
    expect(metrics).toMatch(/briefing_guard_rejections_total\{target="bullet",reason="number"\} [1-9]/);

    const admin = await (await fetch(`${base}/admin`, { headers: { authorization: `Bearer ${ADMIN}` } })).text();
    expect(admin).toContain('ما رفضه الحارس');
    expect(admin).toContain('رقم لا يرد في المصادر');

    expect(log.lines.some((l) => /composer in LLM mode/.test(l.msg))).toBe(true);
    expect(log.lines.some((l) => /guard rejected an AI bullet/.test(l.msg))).toBe(true);
    expect(log.text()).not.toContain(API_KEY);
  });

  it('checks the endpoint at start: a refused key, a misspelt model or nothing listening is one warning, never with the key', async () => {
    const NO_METRICS = { tokens() {}, outcome() {}, guardRejection() {} };
    const root = instanceRoot({ concurrency: 2 });
    const startWith = async (env: Record<string, string>) => {
      const log = recordingLog();
      const config = loadConfig({ root, env: { SQLITE_PATH: join(root, 'data', 'b.db'), COMPOSER_MODE: 'llm', LLM_API_KEY: API_KEY, ...env } });
      await createStoryWriting(config, log, NO_METRICS);
      for (let i = 0; i < 100 && !log.lines.some((l) => /model endpoint check/.test(l.msg)); i++) await new Promise((r) => setTimeout(r, 50));
      const lines = log.lines.filter((l) => /model endpoint check/.test(l.msg));
      expect(lines).toHaveLength(1);
      expect(log.text()).not.toContain(API_KEY);
      return lines[0]!;
    };
    fake = await startFakeOpenAi(() => ({ kind: 'answer', content: '{}' }), { models: ['qwen2.5:7b', 'llama3.1:8b'], requireKey: 'sk-the-right-key-000' });
    const refused = await startWith({ LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'qwen2.5:7b' });
    expect(refused.level).toBe('warn');
    expect(refused.obj.detail).toBe('HTTP 401: the endpoint refused the API key (check LLM_API_KEY)');
    await fake.close();
    fake = await startFakeOpenAi(() => ({ kind: 'answer', content: '{}' }), { models: ['qwen2.5:7b', 'llama3.1:8b'] });
    const misspelt = await startWith({ LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'qwen2.5-7b' });
    expect(misspelt.level).toBe('warn');
    expect(misspelt.obj.detail).toBe('the endpoint does not list the model "qwen2.5-7b" (it lists qwen2.5:7b, llama3.1:8b): check LLM_MODEL');
    const good = await startWith({ LLM_BASE_URL: `${fake.baseUrl}/`, LLM_MODEL: 'qwen2.5:7b' });
    expect(good.level).toBe('info');
    // Ollama's address without /v1: its OpenAI-compatible routes are not there.
    const noV1 = await startWith({ LLM_BASE_URL: fake.baseUrl.replace(/\/v1$/, ''), LLM_MODEL: 'qwen2.5:7b' });
    expect(noV1.level).toBe('warn');
    expect(noV1.obj.detail).toBe(`no model list at ${fake.baseUrl.replace(/\/v1$/, '')}/models, but one at ${fake.baseUrl}/models: LLM_BASE_URL should probably end in /v1`);
    const port = Number(new URL(fake.baseUrl).port);
    await fake.close();
    fake = undefined;
    const gone = await startWith({ LLM_BASE_URL: `http://127.0.0.1:${port}/v1`, LLM_MODEL: 'qwen2.5:7b' });
    expect(gone.level).toBe('warn');
    expect(String(gone.obj.detail)).toMatch(/^connection failed/);
  });

  it('stops the start with one clear message when llm mode has no endpoint', async () => {
    const root = instanceRoot({ concurrency: 2 });
    const base = loadConfig({ root, env: { SQLITE_PATH: join(root, 'data', 'b.db') } });
    const config: Config = { ...base, composer: { ...base.composer, mode: 'llm' } };
    const err = await createApp(config, { root, log: recordingLog() }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).issues).toHaveLength(1);
    expect((err as Error).message).toMatch(/"llm" needs a model endpoint, but LLM_BASE_URL and LLM_MODEL are not set/);
  });
});
