/** «ملخص آلي» beside the headline of an item a model wrote, in every renderer; nothing for extractive items. */
import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../src/channels/console/render.js';
import { renderSlack } from '../../src/channels/slack/render.js';
import { renderTelegram } from '../../src/channels/telegram/render.js';
import { renderEditionBody } from '../../src/channels/web/edition-page.js';
import type { Briefing, BriefingItem } from '../../src/core/types.js';

const source = { name: 'الرباط اليوم', url: 'https://rabat-today.example/r' };
const ai: BriefingItem = {
  digest: { headline: 'بنك المغرب يرفع سعر الفائدة', headlineMode: 'ai', bullets: [{ text: 'رفع البنك سعر الفائدة إلى 3 في المئة', mode: 'ai', sources: [source] }], keyFigures: [], source, articleId: 'a', topics: [], importance: 1, warnings: [] },
  sources: [source],
  topic: 'اقتصاد',
  aiLabel: 'ملخص آلي',
};
const extractive: BriefingItem = {
  digest: { headline: 'افتتاح معرض الكتاب', bullets: [{ text: 'افتتح معرض الكتاب أبوابه', section: 0, sourceSentence: 'افتتح معرض الكتاب أبوابه اليوم.' }], keyFigures: [], source, articleId: 'b', topics: [], importance: 0.5, warnings: [] },
  sources: [source],
  topic: 'اقتصاد',
};
const briefing: Briefing = { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', groups: [{ topic: 'اقتصاد', items: [ai, extractive] }], warnings: [] };
const count = (text: string): number => text.split('ملخص آلي').length - 1;

describe('the AI mark', () => {
  it('shows once per AI item on the console, Telegram, Slack and the web', () => {
    expect(count(renderConsole(briefing))).toBe(1);
    expect(renderConsole(briefing)).toContain('بنك المغرب يرفع سعر الفائدة (ملخص آلي)');
    const telegram = renderTelegram(briefing).join('\n');
    expect(count(telegram)).toBe(1);
    expect(telegram).toMatch(/<b>بنك المغرب يرفع سعر الفائدة<\/b> <i>ملخص آلي<\/i>/);
    const slack = JSON.stringify(renderSlack(briefing));
    expect(count(slack)).toBe(1);
    expect(slack).toContain('_ملخص آلي_');
    expect(count(String(renderEditionBody(briefing)))).toBe(1);
  });

  it('shows nothing when the operator turned the mark off (no aiLabel on the item)', () => {
    const { aiLabel: _off, ...unmarked } = ai;
    const b = { ...briefing, groups: [{ topic: 'اقتصاد', items: [unmarked, extractive] }] };
    expect(count(renderConsole(b)) + count(renderTelegram(b).join('')) + count(JSON.stringify(renderSlack(b))) + count(String(renderEditionBody(b)))).toBe(0);
  });
});
