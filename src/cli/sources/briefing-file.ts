/** The briefing file a `sources` command works on, and the one careful way it is changed. */
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { BRIEFING_SCHEMA, briefingProblems, jsonProblem, loadConfig } from '../../config/index.js';
import { ConfigError } from '../../core/errors.js';
import type { BriefingDefinition, SourceDefinition } from '../../core/types.js';
import { optionValue, PROJECT_ROOT } from '../args.js';

/** A briefing definition with the file it came from. */
export interface BriefingFile {
  /** Absolute path of the JSON file. */
  path: string;
  /** The file's text as read (its formatting is kept when sources are added). */
  text: string;
  definition: BriefingDefinition;
}

function validate(json: unknown, path: string): BriefingDefinition {
  const issues = briefingProblems(json);
  if (issues.length > 0) throw new ConfigError(`${path} is not a valid briefing:\n  - ${issues.join('\n  - ')}`, issues);
  return BRIEFING_SCHEMA.parse(json);
}

function read(path: string): BriefingFile {
  let text: string;
  let json: unknown;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    throw new ConfigError(`cannot read ${path}: check the path.`, [path], { cause: err });
  }
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${path}: ${jsonProblem(text)}`, [path], { cause: err });
  }
  return { path, text, definition: validate(json, path) };
}

/**
 * The briefing a command names: `--file PATH` (any briefing file, relative to the current
 * folder), else `--briefing ID` among the active briefings (briefings/*.json), else the
 * configured default briefing.
 */
export function openBriefingFile(argv: readonly string[], root = PROJECT_ROOT): BriefingFile {
  const file = optionValue(argv, '--file');
  if (file !== undefined) return read(resolve(file));
  const config = loadConfig({ root });
  const id = optionValue(argv, '--briefing') ?? config.defaultBriefing;
  const dir = isAbsolute(config.briefingsDir) ? config.briefingsDir : join(root, config.briefingsDir);
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    // loadConfig has read every file already (a byte-order mark skipped, as here).
    const json = JSON.parse(readFileSync(join(dir, name), 'utf8').replace(/^\uFEFF/, '')) as { id?: unknown };
    if (json.id === id) return read(join(dir, name));
  }
  const ids = config.briefings.map((b) => b.id).join(', ');
  throw new ConfigError(`no briefing "${id}" in ${relative(process.cwd(), dir) || dir} (briefings: ${ids})`, ['--briefing']);
}

/** A source as one line in the style of the briefing files: `{ "kind": "feed", "topics": ["a", "b"] }`. */
function oneLine(value: Record<string, unknown>): string {
  const item = (v: unknown): string => (Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]` : JSON.stringify(v));
  return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${item(v)}`).join(', ')} }`;
}

/**
 * The file's text with `sources` appended to its "sources" array, each written the way the
 * array's last element is (on one line, or spread over lines at the file's indentation); the
 * rest of the file (other sources, key order, one-line topics, spacing) is not touched. The
 * result is validated as a briefing before it is returned.
 */
export function withSourcesAdded(file: BriefingFile, sources: readonly SourceDefinition[]): string {
  const text = file.text;
  const array = findNodeAtLocation(parseTree(text) ?? { type: 'null', offset: 0, length: 0 }, ['sources']);
  if (!array || array.type !== 'array') throw new ConfigError(`${file.path} has no "sources" array to add to`, ['sources']);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const unit = /^([ \t]+)"/m.exec(text)?.[1] ?? '  ';
  const last = array.children?.at(-1);
  const lineStart = (offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;
  const arrayIndent = /^[ \t]*/.exec(text.slice(lineStart(array.offset)))![0];
  const before = last ? text.slice(lineStart(last.offset), last.offset) : '';
  // Elements that share a line with something else ("sources": [{ … }, { … }]) get a new one on the same line.
  const sameLine = last !== undefined && /\S/.test(before);
  const indent = last && !sameLine ? before : arrayIndent + unit;
  const spread = last !== undefined && text.slice(last.offset, last.offset + last.length).includes('\n');
  const render = (s: SourceDefinition): string => {
    const value = { kind: s.kind, url: s.url, name: s.name, language: s.language, topics: s.topics, ...(s.fullText ? { fullText: true } : {}) };
    return spread ? JSON.stringify(value, null, unit).split('\n').join(eol + indent) : oneLine(value);
  };
  const items = sources.map(render);
  let out: string;
  if (last) {
    // After the last element: ",\n<indent>{…}" for each (or ", {…}" when the elements share a line).
    const sep = sameLine ? ', ' : `,${eol}${indent}`;
    const at = last.offset + last.length;
    out = text.slice(0, at) + items.map((i) => sep + i).join('') + text.slice(at);
  } else {
    const at = array.offset + 1;
    const close = text.indexOf(']', at);
    out = `${text.slice(0, at)}${eol}${items.map((i) => indent + i).join(`,${eol}`)}${eol}${arrayIndent}${text.slice(close)}`;
  }
  validate(JSON.parse(out), file.path);
  return out;
}

/** Replaces the file in one rename, so that a crash or a full disk never leaves half a file. */
export function writeBriefingFile(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
