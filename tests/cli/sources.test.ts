/** `npm run sources`: the operator's commands, run as the CLI is (a child process under tsx). */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { craftedRoutes, serveRoutes } from '../sources/local-feeds.js';

const tmp = mkdtempSync(join(tmpdir(), 'briefing-sources-'));

/**
 * Runs `npm run sources -- …` the way npm does (tsx, the project root as the current folder).
 * Asynchronously: the feeds it checks are served by this process.
 */
function sources(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/sources.ts'), ...args], {
    cwd: ROOT,
    env: { ...env, FETCH_ALLOW_HOSTS: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** A briefing file in the house style: one source per line, one-line topics. */
function briefingText(id: string, sourceLines: string[]): string {
  return `{
  "id": "${id}",
  "title": "موجز للاختبار",
  "deliveryTime": "06:30",
  "timeZone": "Africa/Cairo",
  "sources": [
${sourceLines.map((l) => `    ${l}`).join(',\n')}
  ],
  "topics": [
    { "id": "economy", "title": "اقتصاد", "keywords": ["الأسعار", "الأسواق"] }
  ],
  "maxItems": 8
}
`;
}

describe('npm run sources -- check', { timeout: 120_000 }, () => {
  let server: { base: string; close(): Promise<void> };
  beforeAll(async () => {
    server = await serveRoutes(craftedRoutes());
  });
  afterAll(() => server.close());

  it('prints a health table for a good feed, a 404 and a misdeclared encoding, and exits 1', async () => {
    const file = join(tmp, 'check.json');
    writeFileSync(
      file,
      briefingText('check', [
        `{ "kind": "feed", "url": "${server.base}/good.xml", "name": "الجيد", "topics": [] }`,
        `{ "kind": "feed", "url": "${server.base}/gone.xml", "name": "المحذوف", "topics": [] }`,
        `{ "kind": "feed", "url": "${server.base}/misdeclared.xml", "name": "الترميز الخاطئ", "topics": [] }`,
      ]),
    );
    const r = await sources(['check', '--file', file]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const row = (path: string) => lines.find((l) => l.includes(`${server.base}${path}`)) ?? '';
    expect(row('/good.xml')).toMatch(/^warn\s+3\s+2026-12-01 03:15Z\s+utf-8\s+feed /);
    expect(row('/gone.xml')).toMatch(/^FAIL\s+0\s+-\s+-\s+feed /);
    expect(row('/misdeclared.xml')).toMatch(/^warn\s+2\s+2026-12-01 03:15Z\s+windows-1256\s+feed /);
    expect(r.stdout).toMatch(/error: .*\/gone\.xml answered HTTP 404/);
    expect(r.stdout).toMatch(/warning: declared encoding iso-8859-1 does not match the bytes: decoded as windows-1256/);
    expect(r.stdout).toContain('3 source(s): 0 ok, 2 with warnings, 1 failed');
  });

  it('exits 0 when every source is usable, and --json gives the same facts', async () => {
    const file = join(tmp, 'check-ok.json');
    writeFileSync(file, briefingText('check-ok', [`{ "kind": "feed", "url": "${server.base}/misdeclared.xml", "name": "مصدر", "topics": [] }`, `{ "kind": "folder", "url": "briefings/samples", "name": "العينات" }`]));
    const r = await sources(['check', '--file', file, '--json']);
    expect(r.code).toBe(0);
    const checks = JSON.parse(r.stdout) as { ok: boolean; items: number; encoding?: string }[];
    expect(checks.map((c) => [c.ok, c.items, c.encoding])).toEqual([
      [true, 2, 'windows-1256'],
      [true, 4, undefined],
    ]);
  });

  it('never prints a feed\'s key: not in --json, not in list', async () => {
    const file = join(tmp, 'check-key.json');
    writeFileSync(file, briefingText('check-key', [`{ "kind": "feed", "url": "${server.base}/good.xml?api_key=SEKRET-41&lang=ar", "name": "مدفوع", "topics": [] }`]));
    const json = await sources(['check', '--file', file, '--json']);
    expect(json.stdout).toContain('api_key=***');
    expect(json.stdout).not.toContain('SEKRET-41');
    const list = await sources(['list', '--file', file]);
    expect(list.stdout).toContain('api_key=***&lang=ar');
    expect(list.stdout).not.toContain('SEKRET-41');
  });
});

describe('npm run sources -- export / import', { timeout: 180_000 }, () => {
  const feeds = [
    `{ "kind": "feed", "url": "https://news.example/ar/rss.xml?a=1&b=2", "name": "أخبار الاقتصاد", "language": "ar", "topics": ["economy"], "fullText": true }`,
    `{ "kind": "feed", "url": "https://sport.example/feed", "name": "الرياضة اليوم", "language": "ar", "topics": [] }`,
    `{ "kind": "folder", "url": "briefings/samples", "name": "العينات", "language": "ar", "topics": [] }`,
  ];

  it('exports OPML, and importing it into another briefing adds the same feeds, keeping the file as it was around them', async () => {
    const from = join(tmp, 'from.json');
    writeFileSync(from, briefingText('from', feeds));
    const exported = await sources(['export', '--file', from]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain('1 source(s) left out (OPML lists feeds): folder briefings/samples');
    const opml = join(tmp, 'from.opml');
    writeFileSync(opml, exported.stdout);

    const to = join(tmp, 'to.json');
    const before = briefingText('to', [`{ "kind": "folder", "url": "briefings/samples", "name": "العينات", "language": "ar", "topics": [] }`]);
    writeFileSync(to, before);
    const imported = await sources(['import', opml, '--file', to]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^added 2 feed\(s\) to .*to\.json \(to\); 0 already there; 0 outline\(s\) skipped/);

    const after = readFileSync(to, 'utf8');
    const fromFeeds = (JSON.parse(readFileSync(from, 'utf8')) as { sources: { kind: string }[] }).sources.filter((s) => s.kind === 'feed');
    const toSources = (JSON.parse(after) as { sources: { kind: string }[] }).sources;
    expect(toSources.slice(1)).toEqual(fromFeeds);
    // The file around the new sources is untouched: the first source, the one-line topic, the rest.
    const head = before.slice(0, before.indexOf('"topics": [] }') + '"topics": [] }'.length);
    const tail = before.slice(before.indexOf('\n  ],'));
    expect(after.startsWith(head)).toBe(true);
    expect(after.endsWith(tail)).toBe(true);

    // Again: every feed is a duplicate now, and the file does not change by a byte.
    const again = await sources(['import', opml, '--file', to]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^added 0 feed\(s\) .*; 2 already there/);
    expect(readFileSync(to, 'utf8')).toBe(after);
  });

  it('keeps the categories that name topics of the briefing, and says which it left out', async () => {
    const to = join(tmp, 'categories.json');
    writeFileSync(to, briefingText('categories', [`{ "kind": "folder", "url": "briefings/samples", "name": "العينات", "language": "ar", "topics": [] }`]));
    const opml = join(tmp, 'categories.opml');
    writeFileSync(opml, '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>قارئ</title></head><body>\n<outline type="rss" text="أخبار المال" xmlUrl="https://money.example/rss.xml" category="/economy,/أخبار عاجلة"/>\n</body></opml>\n');
    const r = await sources(['import', opml, '--file', to]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('sources: أخبار المال: categories "أخبار عاجلة" are no topic of categories, left out of its topics');
    const added = (JSON.parse(readFileSync(to, 'utf8')) as { sources: { url: string; topics: string[] }[] }).sources.at(-1)!;
    expect(added).toMatchObject({ url: 'https://money.example/rss.xml', topics: ['economy'] });
  });

  it('refuses a file that is not OPML and changes nothing', async () => {
    const to = join(tmp, 'refuse.json');
    const before = briefingText('refuse', [feeds[1]!]);
    writeFileSync(to, before);
    const bad = join(tmp, 'bad.opml');
    writeFileSync(bad, '<html><body>ليست قائمة</body></html>');
    const r = await sources(['import', bad, '--file', to]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not an OPML document|lists no feed/);
    expect(readFileSync(to, 'utf8')).toBe(before);
  });
});

describe('npm run sources -- list', { timeout: 120_000 }, () => {
  it('lists the default briefing\'s sources, and names the briefings when --briefing is unknown', async () => {
    const r = await sources(['list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^morning \(موجز الصباح\)/);
    expect(r.stdout).toMatch(/^folder ar\s+-\s+briefings\/samples {2}العينات المرفقة$/m);
    const unknown = await sources(['list', '--briefing', 'evening']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no briefing "evening"');
    expect(unknown.stderr).toContain('(briefings: morning)');
  });

  it('refuses --briefing without its briefing instead of using the default one, and a misspelt option', async () => {
    const missing = await sources(['list', '--briefing']);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('sources: --briefing needs a value, e.g. --briefing ID');
    const misspelt = await sources(['check', '--dryrun']);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toContain('sources: unknown option --dryrun');
  });

  it('rejects an unknown command', async () => {
    expect((await sources(['prune'])).code).toBe(2);
  });
});
