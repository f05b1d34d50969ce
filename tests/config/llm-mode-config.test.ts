/** The composer's LLM mode in the configuration: keys from the environment, a secret kept out of messages, a start refused without an endpoint. */
import { mkdtempSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { ROOT } from '../helpers.js';
import { configError } from '../support/config.js';

describe('composer.mode in the configuration', () => {
  it('is extractive by default, with the LLM limits at their defaults and no ahead-of-time composing', () => {
    const config = loadConfig({ root: ROOT, env: {} });
    expect(config.composer.mode).toBe('extractive');
    expect(config.composer.aheadMinutes).toBeUndefined();
    expect(config.composer.markAiText).toBe(true);
    expect(config.composer.llm).toEqual({ maxStories: 12, concurrency: 2, timeoutMs: 60_000, maxInputTokens: 6000, maxOutputTokens: 900 });
  });

  it('reads the mode, the endpoint, the model, the key and the limits from the environment', () => {
    const config = loadConfig({
      root: ROOT,
      env: { COMPOSER_MODE: 'llm', LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'qwen2.5:7b', LLM_API_KEY: 'sk-test-secret-value', LLM_MAX_STORIES: '5', LLM_CONCURRENCY: '3', LLM_TIMEOUT_MS: '20000', LLM_MAX_OUTPUT_TOKENS: '2000', COMPOSER_AHEAD_MINUTES: '30' },
    });
    expect(config.composer.mode).toBe('llm');
    expect(config.composer.aheadMinutes).toBe(30);
    expect(config.composer.llm).toMatchObject({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b', apiKey: 'sk-test-secret-value', maxStories: 5, concurrency: 3, timeoutMs: 20_000, maxOutputTokens: 2000 });
  });

  it('stops the start with one clear message when llm mode has no endpoint', () => {
    const err = configError(() => loadConfig({ root: ROOT, env: { COMPOSER_MODE: 'llm', LLM_API_KEY: 'sk-test-secret-value' } }));
    expect(err.issues).toHaveLength(1);
    expect(err.message).toMatch(/composer\.mode \[config\]: "llm" needs a model endpoint, but LLM_BASE_URL and LLM_MODEL are not set/);
    expect(err.message).toContain('COMPOSER_MODE=extractive');
    expect(err.message).not.toContain('sk-test-secret-value');
    const noModel = configError(() => loadConfig({ root: ROOT, env: { COMPOSER_MODE: 'llm', LLM_BASE_URL: 'http://127.0.0.1:11434/v1' } }));
    expect(noModel.message).toMatch(/but LLM_MODEL is not set/);
  });

  it('refuses a base URL the client cannot call, saying why, and never echoes a key in it', () => {
    const bad = (url: string) => configError(() => loadConfig({ root: ROOT, env: { COMPOSER_MODE: 'llm', LLM_BASE_URL: url, LLM_MODEL: 'qwen2.5:7b', LLM_API_KEY: 'sk-test-secret-value' } }));
    for (const url of ['localhost:11434/v1', 'ftp://127.0.0.1/v1']) {
      const err = bad(url);
      expect(err.issues).toHaveLength(1);
      expect(err.message).toContain('composer.llm.baseUrl [environment: LLM_BASE_URL]: an http(s) URL such as "http://127.0.0.1:11434/v1"');
    }
    const withKey = bad('https://user:sk-test-secret-value@llm.example/v1');
    expect(withKey.message).toContain('no user or key in the URL: the key goes in LLM_API_KEY');
    expect(withKey.message).not.toContain('sk-test-secret-value');
    expect(bad('https://api.openai.com/v1/chat/completions').message).toContain('without "/chat/completions"');
    // With or without a trailing slash, with or without /v1: the client's paths are relative to it.
    for (const url of ['http://127.0.0.1:11434/v1/', 'http://127.0.0.1:11434/v1', 'http://127.0.0.1:4000']) {
      expect(loadConfig({ root: ROOT, env: { COMPOSER_MODE: 'llm', LLM_BASE_URL: url, LLM_MODEL: 'qwen2.5:7b' } }).composer.llm.baseUrl).toBe(url);
    }
  });

  it('refuses an API key in a config file, and never echoes it', () => {
    const root = mkdtempSync(join(tmpdir(), 'briefing-llm-config-'));
    cpSync(join(ROOT, 'config'), join(root, 'config'), { recursive: true });
    cpSync(join(ROOT, 'briefings'), join(root, 'briefings'), { recursive: true });
    writeFileSync(join(root, 'config', 'local.json'), JSON.stringify({ composer: { llm: { apiKey: 'sk-from-a-file-secret' } } }));
    const err = configError(() => loadConfig({ root, env: {} }));
    expect(err.message).toContain('composer.llm.apiKey [config]: set it in the environment (LLM_API_KEY)');
    expect(err.message).not.toContain('sk-from-a-file-secret');
  });

  it('refuses a key with a character an HTTP header cannot carry (pasted with it), naming the character but never the key', () => {
    const bad = (key: string) => configError(() => loadConfig({ root: ROOT, env: { COMPOSER_MODE: 'llm', LLM_BASE_URL: 'https://api.openai.com/v1', LLM_MODEL: 'gpt-4o-mini', LLM_API_KEY: key } }));
    for (const [key, shown] of [['sk-test-secret\u200bvalue', 'U+200B'], ['‘sk-test-secret-value’', 'U+2018'], ['sk-test-secret\nvalue', 'U+000A']] as const) {
      const err = bad(key);
      expect(err.issues).toHaveLength(1);
      expect(err.message).toContain(`composer.llm.apiKey [environment: LLM_API_KEY]: a character an HTTP header cannot carry (${shown}`);
      expect(err.message).not.toContain('secret');
    }
  });

  it('drops a "Bearer " pasted before the key (any case, spaces around it), so the endpoint is not sent "Bearer Bearer …"', () => {
    const read = (key: string) => loadConfig({ root: ROOT, env: { COMPOSER_MODE: 'llm', LLM_BASE_URL: 'https://api.openai.com/v1', LLM_MODEL: 'gpt-4o-mini', LLM_API_KEY: key } }).composer.llm.apiKey;
    for (const key of ['Bearer sk-test-secret-value', 'bearer sk-test-secret-value', '  BEARER   sk-test-secret-value  ', '"Bearer sk-test-secret-value"', 'Bearer\tsk-test-secret-value']) {
      expect(read(key)).toBe('sk-test-secret-value');
    }
    // Only a whole word "Bearer" is a prefix: a key that merely begins with the letters keeps them.
    expect(read('bearersk-test-secret-value')).toBe('bearersk-test-secret-value');
    // "Bearer" and nothing after it is no key: the start stops, saying so without echoing anything.
    const err = configError(() => read('Bearer '));
    expect(err.issues).toHaveLength(1);
    expect(err.message).toContain('composer.llm.apiKey [environment: LLM_API_KEY]: only "Bearer", no key after it');
  });

  it('names a bad mode', () => {
    const err = configError(() => loadConfig({ root: ROOT, env: { COMPOSER_MODE: 'gpt' } }));
    expect(err.message).toMatch(/composer\.mode \[environment: COMPOSER_MODE\]/);
  });
});
