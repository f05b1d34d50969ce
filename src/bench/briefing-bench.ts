/**
 * The briefing part of `npm run bench`: one day of N articles through the whole path of an
 * edition, in phases (the folder source reading the day, digests, clustering, ranking, rendering
 * for Telegram), each timed and put against the tokenize floor over the same articles, at N and
 * at N/4 (how each phase grows), with the peak RSS of the process that composed it (each day
 * runs in a child process: briefing-child.ts).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderTelegram } from '../channels/telegram/index.js';
import { clearComposerCaches, clusterDigests, composeDigest, rankStories } from '../composer/index.js';
import type { Article } from '../core/types.js';
import { createFolderSource } from '../sources/index.js';
import { floorPass } from './floor.js';

/** Options for {@link runBriefingBench}. */
export interface BriefingBenchOptions {
  /** The labelled Arabic news (`topics/ant-train.jsonl`). */
  antTrainPath: string;
  /** The folder of corpus days (`corpus/*.jsonl`). */
  corpusDir: string;
  /** Articles in the day (default 10,000). */
  articles: number;
  write: (line: string) => void;
}

/** The phases, in the order of an edition. */
export const BRIEFING_PHASES = ['read (folder source)', 'digests', 'clustering', 'ranking', 'rendering'] as const;
type Phase = (typeof BRIEFING_PHASES)[number];

/** Times of one run over a day. */
export interface BriefingRun {
  articles: number;
  floorMs: number;
  /** Wall-clock time of each phase (ms). */
  phases: Record<Phase, number>;
  /** CPU time of each phase (ms, user + system): steadier than the wall clock on a shared machine. */
  cpu: Record<Phase | 'floor', number>;
  stories: number;
  items: number;
}

interface Row {
  title?: string | null;
  text?: string | null;
  outlet?: string;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An RFC 822 date, as feeds write it. */
function rfc822(t: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[t.getUTCDay()]}, ${p(t.getUTCDate())} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())} +0000`;
}

function readRows(path: string): Row[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as Row);
}

/**
 * Writes a day of `count` articles into `dir` as the folder source's JSON files: the corpus days
 * and the labelled news, in that order (again, with a suffix, when more are asked for than there
 * are), published over the 24 hours of one day in RFC 822.
 */
export function writeDay(dir: string, rows: readonly Row[], count: number): void {
  mkdirSync(dir, { recursive: true });
  const start = Date.UTC(2018, 1, 18);
  for (let i = 0; i < count; i++) {
    const r = rows[i % rows.length]!;
    const round = Math.floor(i / rows.length);
    const json = {
      title: `${r.title ?? ''}${round > 0 ? ` (${round})` : ''}`,
      text: r.text ?? '',
      source: r.outlet ?? 'corpus',
      url: `https://example.com/${i}`,
      published: rfc822(new Date(start + Math.floor((i * 86_400_000) / count))),
    };
    writeFileSync(join(dir, `${String(i).padStart(6, '0')}.json`), JSON.stringify(json));
  }
}

/** Runs `fn`; returns its result, its wall-clock time and its CPU time (ms). */
function time<T>(fn: () => T): [T, number, number] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [out, ms, (c.user + c.system) / 1000];
}

/** One edition of the day in `dir`, phase by phase. */
export async function runDay(dir: string): Promise<BriefingRun> {
  const source = createFolderSource({ path: dir, name: 'day' });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const { articles } = await source.fetchArticles();
  const readMs = performance.now() - t0;
  const readCpu = process.cpuUsage(c0);
  // The floor, article by article (no second copy of the day's text is kept).
  const [, floorMs, floorCpu] = time(() => articles.reduce((n, a: Article) => n + floorPass(`${a.title ?? ''}\n${a.sections.flatMap((x) => x.paragraphs).join('\n')}`), 0));
  // Cold word caches, as on a new day's news.
  clearComposerCaches();
  const [digests, digestMs, digestCpu] = time(() => articles.map((a) => composeDigest(a)));
  const [clustered, clusterMs, clusterCpu] = time(() => clusterDigests(digests));
  const [briefing, rankMs, rankCpu] = time(() => rankStories(clustered, { briefingId: 'bench', title: 'موجز الصباح', date: '2018-02-18', topics: [] }));
  const [, renderMs, renderCpu] = time(() => renderTelegram(briefing));
  return {
    articles: articles.length,
    floorMs,
    phases: { 'read (folder source)': readMs, digests: digestMs, clustering: clusterMs, ranking: rankMs, rendering: renderMs },
    cpu: { floor: floorCpu, 'read (folder source)': (readCpu.user + readCpu.system) / 1000, digests: digestCpu, clustering: clusterCpu, ranking: rankCpu, rendering: renderCpu },
    stories: clustered.stories.length,
    items: briefing.groups.reduce((n, g) => n + g.items.length, 0),
  };
}

/** Runs {@link runDay} on `warmDir` then `dayDir` in a child process (briefing-child.ts); returns the second run and the child's peak RSS. */
function runChild(warmDir: string, dayDir: string): BriefingRun & { rssMb: number } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./briefing-child.ts', import.meta.url)), warmDir, dayDir], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    timeout: 60 * 60_000,
  });
  if (child.status !== 0) throw new Error(`the briefing bench's child process failed: ${child.stderr.split('\n').slice(-5).join(' ')}`);
  return JSON.parse(child.stdout) as BriefingRun & { rssMb: number };
}

/** Runs the benchmark and prints its report; returns both runs for tests. */
export async function runBriefingBench(options: BriefingBenchOptions): Promise<{ full: BriefingRun; quarter: BriefingRun; rssMb: number }> {
  const { write } = options;
  const rows = [...readdirSync(options.corpusDir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) => readRows(join(options.corpusDir, f))), ...readRows(options.antTrainPath)];
  const n = options.articles;
  const q = Math.max(1, Math.round(n / 4));
  const root = mkdtempSync(join(tmpdir(), 'briefing-bench-'));
  try {
    writeDay(join(root, 'warm'), rows.slice(rows.length - 200), Math.min(200, n));
    writeDay(join(root, 'quarter'), rows, q);
    writeDay(join(root, 'full'), rows, n);
    write(`briefing bench: a day of ${n} articles (and of ${q}) from ${rows.length} corpus and labelled articles, folder source → digests → clustering → ranking → Telegram rendering`);
    // Each day in a process of its own (warmed up on a small day first), so that its peak RSS is
    // the edition's, not that of the parent holding the source rows, nor of the other day.
    const quarter = runChild(join(root, 'warm'), join(root, 'quarter'));
    const full = runChild(join(root, 'warm'), join(root, 'full'));
    const rssMb = full.rssMb;

    write('');
    write(`${'phase'.padEnd(22)} ${`ms at ${n}`.padStart(12)} ${'÷ floor'.padStart(9)} ${`ms at ${q}`.padStart(12)} ${`${n} ÷ ${q}`.padStart(12)} ${'CPU ms'.padStart(10)} ${'CPU ÷ floor'.padStart(12)} ${`CPU ${n} ÷ ${q}`.padStart(16)}`);
    const line = (name: string, ms: number, floor: number, msQ: number, cpu: number, cpuFloor: number, cpuQ: number): string =>
      `${name.padEnd(22)} ${ms.toFixed(0).padStart(12)} ${`${(ms / floor).toFixed(2)}×`.padStart(9)} ${msQ.toFixed(0).padStart(12)} ${(ms / msQ).toFixed(2).padStart(12)} ${cpu.toFixed(0).padStart(10)} ${`${(cpu / cpuFloor).toFixed(2)}×`.padStart(12)} ${(cpu / cpuQ).toFixed(2).padStart(16)}`;
    write(line('floor (tokenize)', full.floorMs, full.floorMs, quarter.floorMs, full.cpu.floor, full.cpu.floor, quarter.cpu.floor));
    let total = 0;
    let totalQ = 0;
    let cpu = 0;
    let cpuQ = 0;
    for (const p of BRIEFING_PHASES) {
      write(line(p, full.phases[p], full.floorMs, quarter.phases[p], full.cpu[p], full.cpu.floor, quarter.cpu[p]));
      total += full.phases[p];
      totalQ += quarter.phases[p];
      cpu += full.cpu[p];
      cpuQ += quarter.cpu[p];
    }
    write(line('edition', total, full.floorMs, totalQ, cpu, full.cpu.floor, cpuQ));
    write('');
    write(
      `clustering ÷ digests at ${n}: ${(full.phases.clustering / full.phases.digests).toFixed(3)} wall, ${(full.cpu.clustering / full.cpu.digests).toFixed(3)} CPU (target ≤ 0.5); ` +
        `clustering ${n} ÷ ${q}: ${(full.phases.clustering / quarter.phases.clustering).toFixed(2)} wall, ${(full.cpu.clustering / quarter.cpu.clustering).toFixed(2)} CPU (target ≤ 5)`,
    );
    write(`${full.articles} articles → ${full.stories} stories → ${full.items} items`);
    write(`peak RSS of the process that composed the ${n}-article edition: ${rssMb.toFixed(0)} MB (target ≤ 400 MB for 10,000); of the ${q}-article one: ${quarter.rssMb.toFixed(0)} MB`);
    return { full, quarter, rssMb };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
