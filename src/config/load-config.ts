/** Loads configuration: config/default.json, then config/local.json, then the environment (.env via dotenv), validated once. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import dotenv from 'dotenv';
import type { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { CONFIG_SCHEMA, type Config } from './schema.js';

/** Options for {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Project root (default: process.cwd()). */
  root: string;
  /** Environment (default: process.env after reading `.env` in the root). */
  env?: NodeJS.ProcessEnv;
}

type Json = Record<string, unknown>;

function readJson(path: string, issues: string[]): Json | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
    issues.push(`${path}: expected a JSON object`);
  } catch (err) {
    issues.push(`${path}: not valid JSON (${(err as Error).message})`);
  }
  return undefined;
}

function merge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      typeof v === 'object' && v !== null && !Array.isArray(v) && typeof b === 'object' && b !== null && !Array.isArray(b)
        ? merge(b as Json, v as Json)
        : v;
  }
  return out;
}

/** Environment variables and the config path each one sets. */
const ENV_KEYS = {
  LOG_LEVEL: ['logLevel'],
  PORT: ['port'],
  METRICS_TOKEN: ['metrics', 'token'],
  INSTANCE_NAME: ['instanceName'],
  DATA_DIR: ['dataDir'],
  SQLITE_PATH: ['store', 'path'],
  DATABASE_URL: ['store', 'url'],
  TELEGRAM_BOT_TOKEN: ['telegram', 'token'],
  TELEGRAM_API_ROOT: ['telegram', 'apiRoot'],
  TELEGRAM_WEBHOOK_URL: ['telegram', 'webhookUrl'],
  TELEGRAM_WEBHOOK_SECRET: ['telegram', 'webhookSecret'],
  SLACK_BOT_TOKEN: ['slack', 'botToken'],
  SLACK_SIGNING_SECRET: ['slack', 'signingSecret'],
  SLACK_APP_TOKEN: ['slack', 'appToken'],
  SLACK_API_URL: ['slack', 'apiUrl'],
  SLACK_CHANGES_BY: ['slack', 'changesBy'],
  FETCH_ALLOW_HOSTS: ['fetch', 'allowHosts'],
  PUBLIC_URL: ['publicUrl'],
  ADMIN_TOKEN: ['web', 'adminToken'],
  COMPOSER_MODE: ['composer', 'mode'],
  COMPOSER_AHEAD_MINUTES: ['composer', 'aheadMinutes'],
  LLM_BASE_URL: ['composer', 'llm', 'baseUrl'],
  LLM_MODEL: ['composer', 'llm', 'model'],
  LLM_API_KEY: ['composer', 'llm', 'apiKey'],
  LLM_MAX_STORIES: ['composer', 'llm', 'maxStories'],
  LLM_CONCURRENCY: ['composer', 'llm', 'concurrency'],
  LLM_TIMEOUT_MS: ['composer', 'llm', 'timeoutMs'],
} as const;

// Variables that hold a list: entries separated by commas or spaces.
const LIST_KEYS = new Set<string>(['FETCH_ALLOW_HOSTS']);

/**
 * The fetch allow list from FETCH_ALLOW_HOSTS alone (entries separated by commas or spaces), for
 * the command-line tools that fetch a URL without loading the whole configuration.
 */
export function allowHostsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.FETCH_ALLOW_HOSTS ?? '').split(/[\s,]+/).filter(Boolean);
}

function fromEnv(env: NodeJS.ProcessEnv): Json {
  const out: Json = {};
  for (const [name, path] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    let node = out;
    path.slice(0, -1).forEach((k) => {
      node[k] = (node[k] as Json | undefined) ?? {};
      node = node[k] as Json;
    });
    node[path.at(-1)!] = LIST_KEYS.has(name) ? allowHostsFromEnv({ FETCH_ALLOW_HOSTS: value }) : value;
  }
  if (env.DATABASE_URL) (out.store as Json).kind = 'postgres';
  return out;
}

const SECRET_PATHS = new Set(['telegram.token', 'telegram.webhookSecret', 'slack.botToken', 'slack.signingSecret', 'slack.appToken', 'store.url', 'web.adminToken', 'metrics.token', 'composer.llm.apiKey']);

/** Secrets that only the environment may set: a config file is often committed or shared. */
const ENV_ONLY_PATHS: readonly (readonly [string, string, string])[] = [
  ['web', 'adminToken', 'ADMIN_TOKEN'],
  ['metrics', 'token', 'METRICS_TOKEN'],
];

function describe(issue: z.core.$ZodIssue, files: string): string {
  const path = issue.path.map(String).join('.');
  const where = path.startsWith('briefings.') ? `briefings (${files})` : 'config';
  // Secrets are named by their key, never echoed.
  const message = SECRET_PATHS.has(path) ? issue.message.replace(/received .*/, 'received a value of the wrong form') : issue.message;
  return `${path || '(root)'} [${where}]: ${message}`;
}

/**
 * Why the configured composer mode cannot run, in one sentence, or undefined: the LLM mode needs an
 * endpoint and a model (the API key is optional: local servers need none).
 */
export function llmModeProblem(config: Pick<Config, 'composer'>): string | undefined {
  if (config.composer.mode !== 'llm') return undefined;
  const { baseUrl, model } = config.composer.llm;
  if (baseUrl && model) return undefined;
  const missing = [baseUrl ? '' : 'LLM_BASE_URL', model ? '' : 'LLM_MODEL'].filter(Boolean).join(' and ');
  return `composer.mode [config]: "llm" needs a model endpoint, but ${missing} ${missing.includes(' and ') ? 'are' : 'is'} not set: set LLM_BASE_URL (e.g. http://127.0.0.1:11434/v1 for Ollama) and LLM_MODEL (e.g. qwen2.5:7b), or COMPOSER_MODE=extractive`;
}

/**
 * Reads and validates the configuration. Throws one {@link ConfigError} listing every bad key
 * with its path and what was expected; secrets are never part of the message.
 */
export function loadConfig(options: Partial<LoadConfigOptions> = {}): Config {
  const root = resolve(options.root ?? process.cwd());
  let env = options.env;
  if (env === undefined) {
    dotenv.config({ path: join(root, '.env'), quiet: true });
    env = process.env;
  }
  const issues: string[] = [];
  let raw: Json = {};
  for (const name of ['default.json', 'local.json']) {
    const path = join(root, 'config', name);
    if (!existsSync(path)) continue;
    const json = readJson(path, issues);
    if (json) raw = merge(raw, json);
  }
  for (const [section, key, variable] of ENV_ONLY_PATHS) {
    const node = raw[section];
    if (node && typeof node === 'object' && key in (node as Json)) {
      issues.push(`${section}.${key} [config]: set it in the environment (${variable}), never in a config file`);
      delete (node as Json)[key];
    }
  }
  const composerNode = raw.composer as Json | undefined;
  const llmNode = composerNode && typeof composerNode === 'object' ? (composerNode.llm as Json | undefined) : undefined;
  if (llmNode && typeof llmNode === 'object' && 'apiKey' in llmNode) {
    issues.push('composer.llm.apiKey [config]: set it in the environment (LLM_API_KEY), never in a config file');
    delete llmNode.apiKey;
  }
  raw = merge(raw, fromEnv(env));
  if (raw.store && typeof raw.store === 'object' && (raw.store as Json).kind === 'postgres') delete (raw.store as Json).path;
  // The SQLite file lives in dataDir (DATA_DIR) unless store.path (SQLITE_PATH) names another.
  const store = (raw.store ?? { kind: 'sqlite' }) as Json;
  if ((store.kind ?? 'sqlite') === 'sqlite' && store.path === undefined) {
    raw.store = { ...store, kind: 'sqlite', path: join(typeof raw.dataDir === 'string' && raw.dataDir ? raw.dataDir : 'data', 'briefing.db') };
  }

  const briefingsDir = join(root, typeof raw.briefingsDir === 'string' ? raw.briefingsDir : 'briefings');
  const briefings: unknown[] = [];
  const files: string[] = [];
  // Which file declared each briefing id first: two files with one id are an error, not a silent pick.
  const idFiles = new Map<string, string>();
  if (existsSync(briefingsDir)) {
    for (const name of readdirSync(briefingsDir).filter((f) => f.endsWith('.json')).sort()) {
      const json = readJson(join(briefingsDir, name), issues);
      if (json) {
        const id = typeof json.id === 'string' ? json.id : undefined;
        const first = id === undefined ? undefined : idFiles.get(id);
        if (id !== undefined && first !== undefined) {
          issues.push(`briefings [${first}, ${name}]: both declare the id "${id}"; give each briefing its own id`);
          continue;
        }
        if (id !== undefined) idFiles.set(id, name);
        briefings.push(json);
        files.push(name);
      }
    }
  } else {
    issues.push(`${briefingsDir}: the briefings folder does not exist`);
  }
  raw.briefings = briefings;

  const parsed = CONFIG_SCHEMA.safeParse(raw);
  if (!parsed.success) issues.push(...parsed.error.issues.map((i) => describe(i, files.join(', '))));
  if (issues.length > 0 || !parsed.success) {
    throw new ConfigError(`Invalid configuration:\n  - ${issues.join('\n  - ')}`, issues);
  }
  const config = parsed.data;
  const llmProblem = llmModeProblem(config);
  if (llmProblem) throw new ConfigError(`Invalid configuration:\n  - ${llmProblem}`, [llmProblem]);
  if (!config.briefings.some((b) => b.id === config.defaultBriefing)) {
    const msg = `defaultBriefing [config]: "${config.defaultBriefing}" is not one of the briefings (${config.briefings.map((b) => b.id).join(', ')})`;
    throw new ConfigError(`Invalid configuration:\n  - ${msg}`, [msg]);
  }
  return Object.freeze(config);
}
