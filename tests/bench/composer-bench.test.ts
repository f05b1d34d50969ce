/** Smoke test of `npm run bench` on a handful of real articles (skipped when ../shared is absent). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runComposerBench } from '../../src/bench/composer-bench.js';
import { readGuardRows } from '../../src/eval/index.js';
import { HAS_SHARED, SHARED_DIR } from '../helpers.js';

describe.skipIf(!HAS_SHARED)('runComposerBench', () => {
  it('times the floor, the composer and the three peers on the same articles and prints ratios and ROUGE', () => {
    const lines: string[] = [];
    const r = runComposerBench({
      corpusDir: join(SHARED_DIR, 'corpus'),
      eascPath: join(SHARED_DIR, 'eval', 'easc-dev.jsonl'),
      bbcPath: join(SHARED_DIR, 'eval', 'ant-bbc-dev.jsonl'),
      guardDevPath: join(SHARED_DIR, 'eval', 'guard-dev.jsonl'),
      warmup: 10,
      limit: 12,
      rounds: 1,
      skipPeers: false,
      write: (l) => lines.push(l),
    });
    const out = lines.join('\n');
    expect(r.composer.errors).toBe(0);
    expect(r.floor.totalMs).toBeGreaterThan(0);
    expect(r.peers.map((p) => p.system)).toEqual(['ts-textrank', 'node-summarizer', 'lexrank (child)']);
    expect(out).toMatch(/composer\s+\d+\s+[\d.]+\s+[\d.]+\s+[\d.]+×/);
    expect(out).toMatch(/peak RSS after composing the corpus: \d+ MB/);
    expect(r.classifier.errors).toBe(0);
    expect(out).toMatch(/topic classifier: [\d.]+ µs per article, [\d.]+× the composer's time per article/);
    expect(out).toContain('ANT-BBC dev (peers at 1 sentence)');
    // The guard on the composer's verbatim texts and on paraphrase-like ones, each against the composer.
    expect(out).toMatch(/^guard: [\d.]+ ms per checked text .* [\d.]+× the composer's/m);
    expect(out).toMatch(/^guard on paraphrase-like texts .*: [\d.]+ ms per checked text .* [\d.]+× the composer's/m);
    expect(out).toMatch(/^guard on faithful paraphrases .*: [\d.]+ ms per checked text .* [\d.]+× the composer's/m);
    expect(r.guardParaphrase.texts).toBe(r.guard.texts);
    expect(r.guardFaithful.texts).toBe(r.guard.texts);
    // A faithful paraphrase (words re-inflected only) is rejected hardly more than the verbatim text; words of another article are caught.
    expect(r.guardFaithful.rejected).toBeLessThan(r.guardParaphrase.rejected / 2);
    // And on guard-dev's rows, every one checked, against the composer on the same articles too.
    const devRows = readGuardRows(join(SHARED_DIR, 'eval', 'guard-dev.jsonl'));
    // (--limit takes the first articles of guard-dev too.)
    const articlesChecked = new Set(devRows.map((row) => `${row.id}\u0000${row.text.length}`));
    expect(articlesChecked.size).toBeGreaterThan(12);
    const firstTwelve = new Set([...articlesChecked].slice(0, 12));
    const devRowsChecked = devRows.filter((row) => firstTwelve.has(`${row.id}\u0000${row.text.length}`));
    expect(r.guardDev?.texts).toBe(devRowsChecked.length);
    // The corrupted copies are mostly caught, the standfirsts mostly pass.
    const corrupted = devRowsChecked.filter((row) => !row.faithful).length;
    expect(r.guardDev!.rejected).toBeGreaterThanOrEqual(Math.floor(corrupted * 0.8));
    expect(r.guardDev!.rejected).toBeLessThanOrEqual(corrupted + Math.ceil((devRowsChecked.length - corrupted) * 0.2));
    expect(out).toMatch(/^guard on guard-dev's standfirsts .*: [\d.]+ ms per checked text \(index share included\) = [\d.]+× the composer's [\d.]+ ms per article on those articles \(target ≤ 0\.2×\); [\d.]+× its time per corpus article$/m);
    // What building the twelve articles' indexes alone costs, every part made, and its share per text.
    expect(r.guardDevIndex?.articles).toBe(12);
    expect(r.guardDevIndex!.totalMs).toBeGreaterThan(0);
    expect(out).toMatch(/^ {2}building the indexes alone \(every part, 12 articles\): [\d.]+ ms per article = [\d.]+× the composer per article; [\d.]+× per text at [\d.]+ texts per article, before any word is checked$/m);
  }, 120_000);
});
