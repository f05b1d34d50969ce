/** `npm run eval -- guard --data FILE --out FILE`: one verdict per row, in input order, with reasons from the fixed vocabulary. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/eval/guard.js';

const TEXT = 'أعلنت وزارة الصحة التونسية تسجيل 120 إصابة جديدة بالحصبة في ولاية القيروان خلال أسبوع.\nوقال المدير الجهوي للصحة إن «حملة التلقيح ستشمل كل المدارس».';
const ROWS = [
  { id: 'a-1', title: 'الحصبة في القيروان', text: TEXT, summary: 'وزارة الصحة التونسية تسجل 120 إصابة جديدة بالحصبة في القيروان.', faithful: true, kind: 'reference' },
  { id: 'a-1', title: 'الحصبة في القيروان', text: TEXT, summary: 'وزارة الصحة التونسية تسجل 340 إصابة جديدة بالحصبة في القيروان.', faithful: false, kind: 'number' },
  { id: 'a-1', title: 'الحصبة في القيروان', text: TEXT, summary: 'وزارة الصحة تقول: «لن نغلق المدارس مهما ارتفع عدد الإصابات في البلاد».', faithful: false, kind: 'quote' },
];

describe('eval guard CLI', () => {
  it('writes { id, pass, reasons } for every row in input order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guard-eval-'));
    const data = join(dir, 'rows.jsonl');
    const out = join(dir, 'out.jsonl');
    writeFileSync(data, ROWS.map((r) => JSON.stringify(r)).join('\n'));
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(run(['guard', '--data', data, '--out', out])).toBe(0);
    } finally {
      write.mockRestore();
    }
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; pass: boolean; reasons: string[] });
    expect(lines.map((l) => l.id)).toEqual(['a-1', 'a-1', 'a-1']);
    expect(lines[0]).toEqual({ id: 'a-1', pass: true, reasons: [] });
    expect(lines[1]!.reasons).toEqual(['number']);
    expect(lines[2]!.reasons).toContain('quote');
    const vocabulary = new Set(['number', 'quote', 'name', 'novel', 'language', 'length', 'link', 'parse']);
    expect(lines.every((l) => l.reasons.every((r) => vocabulary.has(r)))).toBe(true);
  });

  it('says which file is missing', () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(run(['guard', '--data', '/nonexistent/guard.jsonl'])).toBe(2);
      expect(String(err.mock.calls[0]?.[0])).toMatch(/not found/);
    } finally {
      err.mockRestore();
    }
  });
});
