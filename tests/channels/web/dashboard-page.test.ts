import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderDashboardPage } from '../../../src/channels/web/index.js';
import type { OperationsReport } from '../../../src/service/index.js';

const site = { stylesheetPath: '/assets/style.0000000000000000.css' };
const report: OperationsReport = { generatedAt: Date.parse('2026-11-29T07:00:00Z'), briefings: [], otherFeeds: [] };

describe('renderDashboardPage', () => {
  it('shows no guard section while the LLM guard records nothing (the mode does not exist yet)', () => {
    const { document } = parseHTML(renderDashboardPage(site, report));
    expect(document.querySelector('#guard')).toBeNull();
  });

  it('shows the guard\'s rejections, escaped, once the report carries them', () => {
    const { document } = parseHTML(
      renderDashboardPage(site, { ...report, guard: { rejections: [{ at: report.generatedAt, briefingId: 'morning', reason: 'ملخص يضيف <b>ادعاء</b> ليس في المصدر' }] } }),
    );
    expect(document.querySelector('#guard')?.textContent).toBe('ما رفضه الحارس');
    const item = document.querySelector('section[aria-labelledby=guard] li')!;
    expect(item.querySelector('b')).toBeNull();
    expect(item.textContent).toContain('<b>ادعاء</b>');
  });
});
