/** Loads configuration: config/default.json, then config/local.json, then the environment (.env via dotenv), validated once. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import dotenv from 'dotenv';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { closestName } from '../core/closest-name.js';
import { ConfigError } from '../core/errors.js';
import { BRIEFING_SCHEMA, CONFIG_SCHEMA, type Config } from './schema.js';

/** Options for {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Project root (default: process.cwd()). */
  root: string;
  /** Environment (default: process.env after reading `.env` in the root). */
  env?: NodeJS.ProcessEnv;
  /**
   * For a start (`npm start`): a briefing file that cannot be used (not JSON, not a valid
   * briefing) is left out and told here, once, and the other briefings load; with no usable
   * briefing at all the load still fails. Without it (the tools that check a configuration, the
   * tests) such a file is an error like any other.
   */
  onBriefingLeftOut?: (warning: BriefingWarning) => void;
}

/** A briefing file a start left out (or the default briefing it stood another in for), and what to fix. */
export interface BriefingWarning {
  /** The file as the config names it ("briefings/evening.json"), or "defaultBriefing [config]". */
  where: string;
  /** One line per problem: what is wrong and what to do. */
  problems: readonly string[];
}

type Json = Record<string, unknown>;

/** What each JSON syntax error means for the person editing the file. */
const JSON_ERRORS: Partial<Record<ReturnType<typeof printParseErrorCode>, string>> = {
  InvalidSymbol: 'a value that is not JSON: put text in double quotes',
  InvalidNumberFormat: 'a number that is not JSON',
  PropertyNameExpected: 'a key in double quotes expected (a comma before a closing brace?)',
  ValueExpected: 'a value expected (a comma before a closing bracket, or the file ends too early?)',
  ColonExpected: 'a colon expected after the key',
  CommaExpected: 'a comma expected between two entries (at the end of the line before?)',
  CloseBraceExpected: 'a closing } expected',
  CloseBracketExpected: 'a closing ] expected',
  EndOfFileExpected: 'more text after the end of the JSON object',
  InvalidCommentToken: 'a comment, which JSON does not allow: remove it',
  UnexpectedEndOfComment: 'a comment, which JSON does not allow: remove it',
  UnexpectedEndOfString: 'a string with no closing double quote',
  InvalidEscapeCharacter: 'a backslash escape that JSON does not know (write \\\\ for a backslash)',
  InvalidCharacter: 'a control character inside a string (write \\n for a new line)',
};

/**
 * Where and why a text is not JSON: "at line 3, column 5 (a comma expected …)". Never the text
 * itself: the line may hold a password (JSON.parse's own message quotes the text around the error).
 */
export function jsonProblem(text: string): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return 'not valid JSON';
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - (before.lastIndexOf('\n') + 1) + 1;
  return `not valid JSON at line ${line}, column ${column}: ${JSON_ERRORS[printParseErrorCode(first.error)] ?? 'a syntax error'}`;
}

/**
 * A JSON file that must hold an object; a problem becomes an issue naming the file and the line.
 * A UTF-8 byte-order mark (some editors write one) is skipped.
 */
function readJson(path: string, issues: string[], label = path): Json | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    issues.push(`${label}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): check that it exists and is readable`);
    return undefined;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') {
    issues.push(`${label}: the file is empty: write {} in it, or delete it`);
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    issues.push(`${label}: ${jsonProblem(text)}`);
    return undefined;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
  issues.push(`${label}: expected a JSON object ({ … })`);
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
  TRUST_PROXY: ['web', 'trustProxy'],
  COMPOSER_MODE: ['composer', 'mode'],
  COMPOSER_AHEAD_MINUTES: ['composer', 'aheadMinutes'],
  LLM_BASE_URL: ['composer', 'llm', 'baseUrl'],
  LLM_MODEL: ['composer', 'llm', 'model'],
  LLM_API_KEY: ['composer', 'llm', 'apiKey'],
  LLM_MAX_STORIES: ['composer', 'llm', 'maxStories'],
  LLM_CONCURRENCY: ['composer', 'llm', 'concurrency'],
  LLM_TIMEOUT_MS: ['composer', 'llm', 'timeoutMs'],
  LLM_MAX_OUTPUT_TOKENS: ['composer', 'llm', 'maxOutputTokens'],
} as const;

// Variables that hold a list: entries separated by commas or spaces.
const LIST_KEYS = new Set<string>(['FETCH_ALLOW_HOSTS']);

/**
 * The fetch allow list from FETCH_ALLOW_HOSTS alone (entries separated by commas or spaces), for
 * the command-line tools that fetch a URL without loading the whole configuration.
 */
export function allowHostsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (envValue(env.FETCH_ALLOW_HOSTS) ?? '').split(/[\s,]+/).filter(Boolean);
}

/**
 * The fetch allow list as the app reads it, for the command-line tools that fetch a URL without
 * loading the whole configuration (compose, extract, sources check): FETCH_ALLOW_HOSTS from the
 * environment or `.env` in the root, else `fetch.allowHosts` of config/local.json, else of
 * config/default.json. A file that cannot be read adds nothing here (the app's start names it).
 */
export function fetchAllowHosts(root: string, env?: NodeJS.ProcessEnv): string[] {
  if (env === undefined) {
    dotenv.config({ path: join(resolve(root), '.env'), quiet: true });
    env = process.env;
  }
  if (envValue(env.FETCH_ALLOW_HOSTS)) return allowHostsFromEnv(env);
  for (const name of ['local.json', 'default.json']) {
    const path = join(resolve(root), 'config', name);
    if (!existsSync(path)) continue;
    const fetch = readJson(path, [])?.fetch as Json | undefined;
    const hosts = fetch && typeof fetch === 'object' ? fetch.allowHosts : undefined;
    if (Array.isArray(hosts)) return hosts.filter((h): h is string => typeof h === 'string' && h.length > 0);
  }
  return [];
}

/**
 * `fetch.timeoutMs` of config/local.json, else of config/default.json, for `sources check`, which
 * gives a source the app's time unless told `--timeout`; undefined when neither sets a whole number.
 */
export function fetchTimeoutMs(root: string): number | undefined {
  for (const name of ['local.json', 'default.json']) {
    const path = join(resolve(root), 'config', name);
    if (!existsSync(path)) continue;
    const fetch = readJson(path, [])?.fetch as Json | undefined;
    const ms = fetch && typeof fetch === 'object' ? fetch.timeoutMs : undefined;
    if (typeof ms === 'number' && Number.isInteger(ms) && ms > 0) return ms;
  }
  return undefined;
}

/**
 * A variable's value as meant: spaces around it and one pair of quotes around the whole dropped.
 * dotenv removes them from `.env`, but `docker run --env-file .env` and compose's `env_file` pass
 * `PORT="3000"` on with its quotes, and a token pasted with a space after it fails as malformed.
 */
export function envValue(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  const quoted = /^(["'])(.*)\1$/s.exec(trimmed);
  return quoted ? quoted[2]!.trim() : trimmed;
}

function fromEnv(env: NodeJS.ProcessEnv): Json {
  const out: Json = {};
  for (const [name, path] of Object.entries(ENV_KEYS)) {
    const value = envValue(env[name]);
    if (value === undefined || value === '') continue;
    let node = out;
    path.slice(0, -1).forEach((k) => {
      node[k] = (node[k] as Json | undefined) ?? {};
      node = node[k] as Json;
    });
    node[path.at(-1)!] = LIST_KEYS.has(name) ? allowHostsFromEnv({ FETCH_ALLOW_HOSTS: value }) : value;
  }
  if (envValue(env.DATABASE_URL)) (out.store as Json).kind = 'postgres';
  return out;
}

const SECRET_PATHS = new Set(['telegram.token', 'telegram.webhookSecret', 'slack.botToken', 'slack.signingSecret', 'slack.appToken', 'store.url', 'web.adminToken', 'metrics.token', 'composer.llm.apiKey']);

/** Secrets that only the environment may set: a config file is often committed or shared. */
const ENV_ONLY_PATHS: readonly (readonly [string, string, string])[] = [
  ['web', 'adminToken', 'ADMIN_TOKEN'],
  ['metrics', 'token', 'METRICS_TOKEN'],
];

/** Where the values of the configuration came from, to say where a bad one is. */
interface Origins {
  env: NodeJS.ProcessEnv;
  /** The config files that exist, the later one winning: [label, contents]. */
  files: (readonly [string, Json])[];
  /** The briefings folder as written in the config (for labels) and the file of each briefing, by index. */
  briefingsDir: string;
  briefingFiles: string[];
}

function has(json: unknown, path: readonly PropertyKey[]): boolean {
  let node = json;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !(String(key) in node)) return false;
    node = (node as Json)[String(key)];
  }
  return true;
}

/** "environment: PORT", "config/local.json", "briefings/evening.json": where the value at `path` was set. */
function originOf(path: readonly PropertyKey[], origins: Origins): { where: string; path: readonly PropertyKey[] } {
  if (path[0] === 'briefings' && typeof path[1] === 'number' && origins.briefingFiles[path[1]] !== undefined) {
    return { where: `${origins.briefingsDir}/${origins.briefingFiles[path[1]]}`, path: path.slice(2) };
  }
  const dotted = path.map(String).join('.');
  for (const [name, keys] of Object.entries(ENV_KEYS)) {
    const set = Boolean(envValue(origins.env[name]));
    if (set && (dotted === keys.join('.') || dotted.startsWith(`${keys.join('.')}.`))) return { where: `environment: ${name}`, path };
  }
  if (path[0] === 'store' && envValue(origins.env.DATABASE_URL)) return { where: 'environment: DATABASE_URL', path };
  const file = origins.files.findLast(([, json]) => has(json, path));
  return { where: file ? file[0] : 'config', path };
}

/** The keys an object of the schema takes at `path` (through defaults, optionals, arrays and unions). */
function knownKeys(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const def = schema._zod.def as unknown as { type: string; shape?: Record<string, z.core.$ZodType>; innerType?: z.core.$ZodType; element?: z.core.$ZodType; options?: z.core.$ZodType[]; in?: z.core.$ZodType };
  if (def.innerType) return knownKeys(def.innerType, path);
  if (def.type === 'pipe' && def.in) return knownKeys(def.in, path);
  if (def.options) return [...new Set(def.options.flatMap((o) => knownKeys(o, path)))];
  if (def.type === 'array' && def.element) return path.length > 0 ? knownKeys(def.element, path.slice(1)) : [];
  if (def.type === 'object' && def.shape) {
    if (path.length === 0) return Object.keys(def.shape);
    const next = def.shape[String(path[0])];
    return next ? knownKeys(next, path.slice(1)) : [];
  }
  return [];
}

/** What to do about a key the schema does not have: the one probably meant, or the ones it takes. */
function unknownKeyHelp(key: string, known: readonly string[]): string {
  const best = closestName(key, known);
  if (best === key) return 'not a setting of this kind: check "kind" (store.url goes with "kind": "postgres")';
  if (best !== undefined) return `unknown key: did you mean "${best}"?`;
  return known.length > 0 ? `unknown key: remove it, or use one of ${known.map((k) => `"${k}"`).join(', ')}` : 'unknown key: remove it';
}

/**
 * What is wrong with one briefing file's contents, one line per problem ("path: what to do"), or
 * none: the same checks and words as at start, for the tools that read a single briefing file.
 */
export function briefingProblems(json: unknown): string[] {
  const parsed = BRIEFING_SCHEMA.safeParse(json);
  if (parsed.success) return [];
  return parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `${[...issue.path, key].map(String).join('.')}: ${unknownKeyHelp(key, knownKeys(BRIEFING_SCHEMA, issue.path))}`)
      : [`${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`],
  );
}

/** One line per problem: the key's path, where it was set, what was expected. */
function describe(issue: z.core.$ZodIssue, origins: Origins): string[] {
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(CONFIG_SCHEMA, issue.path);
    return issue.keys.map((key) => {
      const { where, path } = originOf([...issue.path, key], origins);
      return `${path.map(String).join('.')} [${where}]: ${unknownKeyHelp(key, known)}`;
    });
  }
  const { where, path } = originOf(issue.path, origins);
  const dotted = issue.path.map(String).join('.');
  // Secrets are named by their key, never echoed.
  // A number read from the environment that is no number: zod says "received NaN"; a missing value "received undefined".
  const plain = issue.message.replace('expected number, received NaN', 'expected a number, received text').replace(/^Invalid input: (expected .*), received undefined$/, 'missing: $1');
  const hinted = dotted === 'store.url' && plain.startsWith('missing') ? 'missing: set DATABASE_URL (postgres://user:password@host:5432/briefing), or "kind": "sqlite"' : plain;
  const message = SECRET_PATHS.has(dotted) ? hinted.replace(/received .*/, 'received a value of the wrong form') : hinted;
  return [`${path.map(String).join('.') || '(root)'} [${where}]: ${message}`];
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
 * Variables of `.env` that look like a misspelt setting ("TELEGRAM_TOKEN", "LOG_LEVLE"): the bot
 * would start without them, silently (no Telegram, the default level). One issue each, with the
 * name meant; other variables (POSTGRES_PASSWORD for compose, NODE_ENV) are left alone.
 */
function envFileSlips(path: string): string[] {
  if (!existsSync(path)) return [];
  let names: string[];
  try {
    names = Object.keys(dotenv.parse(readFileSync(path)));
  } catch {
    return [];
  }
  const known = Object.keys(ENV_KEYS);
  return names.flatMap((name) => {
    if (name in ENV_KEYS) return [];
    const meant = closestName(name, known) ?? known.find((k) => k.replace('_BOT_', '_') === name);
    return meant ? [`${name} [.env]: unknown variable: did you mean ${meant}?`] : [];
  });
}

/**
 * Reads and validates the configuration. Throws one {@link ConfigError} listing every bad key
 * with its path and what was expected; secrets are never part of the message.
 */
export function loadConfig(options: Partial<LoadConfigOptions> = {}): Config {
  const root = resolve(options.root ?? process.cwd());
  let env = options.env;
  const issues: string[] = [];
  if (env === undefined) {
    dotenv.config({ path: join(root, '.env'), quiet: true });
    env = process.env;
    issues.push(...envFileSlips(join(root, '.env')));
  }
  let raw: Json = {};
  const configFiles: (readonly [string, Json])[] = [];
  for (const name of ['default.json', 'local.json']) {
    const path = join(root, 'config', name);
    if (!existsSync(path)) continue;
    const json = readJson(path, issues, `config/${name}`);
    if (json) configFiles.push([`config/${name}`, structuredClone(json)]);
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
  // store.url in a config file means PostgreSQL, as DATABASE_URL does, unless that file also names the kind
  // (config/default.json says "sqlite": without this, a documented store.url would be ignored).
  for (const [, json] of configFiles) {
    const node = json.store as Json | undefined;
    if (node && typeof node === 'object' && typeof node.url === 'string' && node.kind === undefined && raw.store && typeof raw.store === 'object') (raw.store as Json).kind = 'postgres';
  }
  raw = merge(raw, fromEnv(env));
  if (raw.store && typeof raw.store === 'object' && (raw.store as Json).kind === 'postgres') delete (raw.store as Json).path;
  // The SQLite file lives in dataDir (DATA_DIR) unless store.path (SQLITE_PATH) names another.
  const store = (raw.store ?? { kind: 'sqlite' }) as Json;
  if ((store.kind ?? 'sqlite') === 'sqlite' && store.path === undefined) {
    raw.store = { ...store, kind: 'sqlite', path: join(typeof raw.dataDir === 'string' && raw.dataDir ? raw.dataDir : 'data', 'briefing.db') };
  }

  const briefingsDirName = typeof raw.briefingsDir === 'string' ? raw.briefingsDir : 'briefings';
  const briefingsDir = join(root, briefingsDirName);
  const briefings: unknown[] = [];
  const files: string[] = [];
  // Which file declared each briefing id first: two files with one id are an error, not a silent pick.
  const idFiles = new Map<string, string>();
  const leftOut: BriefingWarning[] = [];
  if (existsSync(briefingsDir)) {
    for (const name of readdirSync(briefingsDir).filter((f) => f.endsWith('.json')).sort()) {
      const label = `${briefingsDirName.replace(/\/+$/, '')}/${name}`;
      // A start leaves out a file it cannot use, told with what to fix; the other briefings run.
      const fileIssues: string[] = [];
      let json = readJson(join(briefingsDir, name), options.onBriefingLeftOut ? fileIssues : issues, label);
      if (json && options.onBriefingLeftOut) fileIssues.push(...briefingProblems(json).map((p) => p.replace(/^\(root\): /, '')));
      if (fileIssues.length > 0) {
        leftOut.push({ where: label, problems: fileIssues.map((p) => (p.startsWith(`${label}: `) ? p.slice(label.length + 2) : p)) });
        json = undefined;
      }
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
    const where = configFiles.findLast(([, json]) => typeof json.briefingsDir === 'string')?.[0];
    issues.push(`briefingsDir [${where ?? 'config'}]: the folder "${briefingsDirName}" does not exist in ${root}: create it with the briefings' .json files, or set briefingsDir to the folder that holds them`);
  }
  raw.briefings = briefings;

  const parsed = CONFIG_SCHEMA.safeParse(raw);
  const origins: Origins = { env, files: configFiles, briefingsDir: briefingsDirName.replace(/\/+$/, ''), briefingFiles: files };
  if (leftOut.length > 0 && briefings.length === 0) {
    // Left out, every one: nothing to run. The start fails naming each file and what to fix.
    issues.push(...leftOut.flatMap((w) => w.problems.map((p) => `${w.where}: ${p}`)));
    issues.push(`briefings [${origins.briefingsDir}]: no briefing file could be used: fix one of those above`);
  }
  // A folder whose only briefing files could not be read already has its issue per file: «at least one
  // briefing in the folder» after it would send the reader looking for a missing file.
  const unreadBriefings = briefings.length === 0 && (!existsSync(briefingsDir) || issues.some((i) => i.startsWith(`${origins.briefingsDir}/`)));
  if (!parsed.success) {
    const described = parsed.error.issues.filter((i) => !(unreadBriefings && i.path.length === 1 && i.path[0] === 'briefings'));
    issues.push(...described.flatMap((i) => describe(i, origins)));
  }
  if (issues.length > 0 || !parsed.success) {
    throw new ConfigError(`Invalid configuration:\n  - ${issues.join('\n  - ')}`, issues);
  }
  const config = parsed.data;
  const llmProblem = llmModeProblem(config);
  if (llmProblem) throw new ConfigError(`Invalid configuration:\n  - ${llmProblem}`, [llmProblem]);
  if (!config.briefings.some((b) => b.id === config.defaultBriefing)) {
    // No other briefing stands in for the default: commands and buttons that name no briefing mean
    // it, and would subscribe people to another. When its file is among those left out, the start
    // fails naming that file; otherwise defaultBriefing is misspelt.
    const msgs = leftOut.length === 0 ? [] : leftOut.flatMap((w) => w.problems.map((p) => `${w.where}: ${p}`));
    const loaded = config.briefings.map((b) => b.id).join(', ');
    // Its file, when one left out is named after it (one that is not JSON says no id).
    const own = leftOut.find((w) => w.where.endsWith(`/${config.defaultBriefing}.json`));
    msgs.push(
      leftOut.length === 0
        ? `defaultBriefing [config]: "${config.defaultBriefing}" is not one of the briefings (${loaded})`
        : own
          ? `defaultBriefing [config]: "${config.defaultBriefing}" is the briefing of ${own.where}, left out above: fix that file (the other briefings are ${loaded})`
          : `defaultBriefing [config]: "${config.defaultBriefing}" is not one of the briefings that loaded (${loaded}): set defaultBriefing to one of those, or fix the file above that declares "${config.defaultBriefing}"`,
    );
    throw new ConfigError(`Invalid configuration:\n  - ${msgs.join('\n  - ')}`, msgs);
  }
  for (const warning of leftOut) options.onBriefingLeftOut?.(warning);
  return Object.freeze(config);
}
