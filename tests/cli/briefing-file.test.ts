import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBriefingFile, withSourcesAdded, type BriefingFile } from '../../src/cli/sources/briefing-file.js';
import { tempRoot } from '../support/config.js';
import { BRIEFING_SCHEMA } from '../../src/config/index.js';
import type { SourceDefinition } from '../../src/core/types.js';

const NEW: SourceDefinition[] = [
  { kind: 'feed', url: 'https://news.example/rss?a=1&b=2', name: 'أخبار "اليوم"', language: 'ar', topics: ['economy', 'sports'], fullText: true },
  { kind: 'feed', url: 'https://sport.example/feed', name: 'الرياضة', language: 'ar', topics: [] },
];

function file(text: string): BriefingFile {
  return { path: 'briefing.json', text, definition: BRIEFING_SCHEMA.parse(JSON.parse(text)) };
}

const header = (sources: string) => `{\n  "id": "t",\n  "title": "موجز",\n  "deliveryTime": "07:00",\n  "timeZone": "Asia/Riyadh",\n  "sources": ${sources},\n  "topics": [\n    { "id": "economy", "title": "اقتصاد", "keywords": ["الأسعار"] },\n    { "id": "sports", "title": "رياضة" }\n  ]\n}\n`;

describe('withSourcesAdded', () => {
  it('writes one-line sources after one-line sources, touching nothing else', () => {
    const text = header('[\n    { "kind": "folder", "url": "briefings/samples", "name": "العينات" }\n  ]');
    expect(withSourcesAdded(file(text), NEW)).toBe(
      header(
        '[\n    { "kind": "folder", "url": "briefings/samples", "name": "العينات" },\n' +
          '    { "kind": "feed", "url": "https://news.example/rss?a=1&b=2", "name": "أخبار \\"اليوم\\"", "language": "ar", "topics": ["economy", "sports"], "fullText": true },\n' +
          '    { "kind": "feed", "url": "https://sport.example/feed", "name": "الرياضة", "language": "ar", "topics": [] }\n  ]',
      ),
    );
  });

  it('spreads new sources over lines when the last one is spread, at the same indentation', () => {
    const text = header('[\n    {\n      "kind": "folder",\n      "url": "briefings/samples",\n      "name": "العينات"\n    }\n  ]');
    const out = withSourcesAdded(file(text), [NEW[1]!]);
    expect(out).toBe(
      header(
        '[\n    {\n      "kind": "folder",\n      "url": "briefings/samples",\n      "name": "العينات"\n    },\n' +
          '    {\n      "kind": "feed",\n      "url": "https://sport.example/feed",\n      "name": "الرياضة",\n      "language": "ar",\n      "topics": []\n    }\n  ]',
      ),
    );
  });

  it('keeps tabs and CRLF line endings', () => {
    const text = header('[\n    { "kind": "folder", "url": "briefings/samples", "name": "العينات" }\n  ]').replace(/ {2}/g, '\t').replace(/\n/g, '\r\n');
    const out = withSourcesAdded(file(text), [NEW[1]!]);
    expect(out).toContain('\t\t{ "kind": "folder", "url": "briefings/samples", "name": "العينات" },\r\n\t\t{ "kind": "feed", "url": "https://sport.example/feed"');
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('adds to sources written on one line', () => {
    const text = header('[{ "kind": "folder", "url": "briefings/samples", "name": "العينات" }]');
    expect(withSourcesAdded(file(text), [NEW[1]!])).toContain(
      '"sources": [{ "kind": "folder", "url": "briefings/samples", "name": "العينات" }, { "kind": "feed", "url": "https://sport.example/feed", "name": "الرياضة", "language": "ar", "topics": [] }],',
    );
  });

  it('refuses a result that is not a valid briefing', () => {
    const text = header('[\n    { "kind": "folder", "url": "briefings/samples", "name": "العينات" }\n  ]');
    expect(() => withSourcesAdded(file(text), [{ ...NEW[1]!, name: '' }])).toThrow(/not a valid briefing/);
  });
});

describe('openBriefingFile', () => {
  it('opens a briefing saved with a byte-order mark, as the app does', () => {
    const root = tempRoot();
    const path = join(root, 'briefings', 'morning.json');
    writeFileSync(path, `\uFEFF${readFileSync(path, 'utf8')}`);
    expect(openBriefingFile(['--briefing', 'morning'], root).definition.title).toBe('موجز الصباح');
  });
});

describe('openBriefingFile --file', () => {
  it('names a misspelt key with the one meant, as the app does at start', () => {
    const root = tempRoot();
    const path = join(root, 'briefings', 'morning.json');
    const morning = JSON.parse(readFileSync(path, 'utf8')) as { sources: Record<string, unknown>[] };
    morning.sources[0]!.fulltext = true;
    writeFileSync(path, JSON.stringify(morning));
    expect(() => openBriefingFile(['--file', path], root)).toThrow(/sources\.0\.fulltext: unknown key: did you mean "fullText"\?/);
  });
});
