/** `npm run eval -- --composer llm` against a fake OpenAI-compatible server: ROUGE of the guarded digests beside the extractive composer's, and the guard's rejection rate. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../../src/bench/fakes/fake-openai.js';
import { runLlmEval } from '../../src/cli/eval/rouge-llm.js';
import { ROOT } from '../helpers.js';
import { ARABIC_STORY, GOOD_ANSWER, answer } from '../llm/story-fixtures.js';

const RATE_TEXT = ARABIC_STORY.articles[0]!.text;
const OTHER_TEXT = 'أعلن بنك المغرب رفع معدل الفائدة إلى 3 في المئة، وهو أعلى مستوى منذ سنوات.\nوأوضح الجواهري أن ارتفاع أسعار المواد الغذائية والطاقة دفع التضخم إلى مستويات قياسية.\nوتوقع المحللون أن تؤثر الزيادة على القروض العقارية والاستهلاكية.';

let fake: FakeOpenAi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function dataFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eval-llm-'));
  const path = join(dir, 'tiny-share.jsonl');
  const rows = [
    { id: 'r1', title: ARABIC_STORY.articles[0]!.title, text: RATE_TEXT, references: ['رفع بنك المغرب سعر الفائدة الرئيسي إلى 3 في المئة لكبح التضخم الذي بلغ 8.2 في المئة'] },
    { id: 'r2', title: null, text: OTHER_TEXT, references: ['رفع بنك المغرب معدل الفائدة إلى 3 في المئة وهو أعلى مستوى منذ سنوات'] },
  ];
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n'));
  return path;
}

const readRows = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe('eval --composer llm', () => {
  it('prints ROUGE of the guarded digests beside the extractive composer, and the rejection rate by reason', async () => {
    fake = await startFakeOpenAi((r) => ({
      kind: 'answer',
      content: JSON.stringify(r.body.messages).includes('عبد اللطيف الجواهري')
        ? GOOD_ANSWER
        : answer('بنك المغرب يرفع معدل الفائدة إلى 3 في المئة', [
            { text: 'رفع بنك المغرب معدل الفائدة إلى 3 في المئة وهو أعلى مستوى منذ سنوات', sources: [1] },
            { text: 'بلغ التضخم 12 في المئة بسبب أسعار المواد الغذائية والطاقة', sources: [1] },
          ]),
    }));
    const out: string[] = [];
    const path = dataFile();
    const outFile = join(mkdtempSync(join(tmpdir(), 'eval-llm-out-')), 'summaries.jsonl');
    const code = await runLlmEval([path], {
      settingFor: () => ({ kind: 'share', share: 0.3 }),
      readRows,
      argv: ['--composer', 'llm', '--out', outFile],
      env: { LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'fake-model' },
      root: ROOT,
      write: (s) => void out.push(s),
    });
    const text = out.join('');
    expect(code).toBe(0);
    expect(fake.requests).toHaveLength(2);
    expect(text).toMatch(/composer \(llm, guarded\)\s+\d+\.\d/);
    expect(text).toMatch(/composer \(extractive\)\s+\d+\.\d/);
    expect(text).toContain('model answered 2 of 2 articles');
    expect(text).toContain('guard rejected 1 of 5 AI bullets (20.0 %) and 0 of 2 AI headlines (0.0 %)');
    expect(text).toContain('rejections by reason: number 1');
    expect(text).toContain('tokens: 200 prompt, 100 completion; calls: ok 2');
    const summaries = readFileSync(outFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; summary: string });
    expect(summaries.map((s) => s.id)).toEqual(['r1', 'r2']);
    expect(summaries[1]!.summary).not.toContain('12 في المئة');
  });

  it('says what to set when no endpoint is configured', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await runLlmEval([dataFile()], { settingFor: () => ({ kind: 'share', share: 0.3 }), readRows, argv: [], env: {}, root: ROOT, write: () => {} });
      expect(code).toBe(2);
      expect(String(err.mock.calls[0]?.[0])).toMatch(/no model endpoint configured: set LLM_BASE_URL and LLM_MODEL/);
    } finally {
      err.mockRestore();
    }
  });
});
