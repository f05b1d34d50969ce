import { describe, expect, it } from 'vitest';
import { topicMetrics, topicReport } from '../../src/eval/index.js';

describe('topicMetrics', () => {
  it('counts politics confusions as right over five classes only, and a story under «منوعات» as wrong', () => {
    const m = topicMetrics(['middleEast', 'internationalNews', 'sport', 'economy'], ['internationalNews', 'internationalNews', 'sport', null]);
    expect(m.accuracy6).toBe(0.5);
    expect(m.accuracy5).toBe(0.75);
    expect(m.other).toBe(1);
    const politics = m.perClass5.find((s) => s.label === 'politics')!;
    expect(politics).toMatchObject({ support: 2, precision: 1, recall: 1 });
    const economy = m.perClass5.find((s) => s.label === 'economy')!;
    expect(economy).toMatchObject({ support: 1, precision: 0, recall: 0, f1: 0 });
    // Classes present in the gold labels: politics 1, sport 1, economy 0.
    expect(m.macroF1_5).toBeCloseTo(2 / 3, 10);
  });

  it('counts each five-class confusion: gold rows by predicted column, «منوعات» in its own column', () => {
    const m = topicMetrics(['middleEast', 'economy', 'economy', 'culture', 'sport'], ['internationalNews', 'middleEast', 'economy', null, 'sport']);
    const row = (c: string): number[] => m.confusion5[['politics', 'economy', 'sport', 'technology', 'culture'].indexOf(c)]!;
    // Columns: politics, economy, sport, technology, culture, then «منوعات».
    expect(row('politics')).toEqual([1, 0, 0, 0, 0, 0]);
    expect(row('economy')).toEqual([1, 1, 0, 0, 0, 0]);
    expect(row('culture')).toEqual([0, 0, 0, 0, 0, 1]);
    expect(row('sport')).toEqual([0, 0, 1, 0, 0, 0]);
    expect(row('technology')).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('refuses predictions that do not match the gold labels one to one', () => {
    expect(() => topicMetrics(['sport'], [])).toThrow(/1 gold labels but 0 predictions/);
  });
});

describe('topicReport', () => {
  it('labels each row with its class or "other", and scores them', () => {
    const rows = [
      { id: 'r1', title: 'المنتخب يتأهل إلى نهائي كأس آسيا بعد فوزه بهدفين', text: 'تأهل المنتخب الوطني لكرة القدم إلى المباراة النهائية بعد فوزه على منافسه بهدفين مقابل هدف في الدقيقة الأخيرة.', category: 'sport' as const },
      { id: 'r2', title: null, text: 'zzqx', category: 'culture' as const },
    ];
    const r = topicReport(rows);
    expect(r.labels).toEqual([
      { id: 'r1', label: 'sport' },
      { id: 'r2', label: 'other' },
    ]);
    expect(r.metrics.accuracy6).toBe(0.5);
  });
});
