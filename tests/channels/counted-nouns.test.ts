/** Every count a reader sees on the web pages and in the chat answers agrees with its number, past 100 too («103 نشرات», «111 نشرة»). */
import { describe, expect, it } from 'vitest';
import { editionCount } from '../../src/channels/web/archive-page.js';
import { deliveryDays, failureCount } from '../../src/channels/web/dashboard-page.js';
import { bulletinCount } from '../../src/channels/web/edition-page.js';
import { moreStories } from '../../src/channels/slack/commands/brief.js';
import { SLACK_TEXT } from '../../src/channels/slack/texts.js';
import { TEXT } from '../../src/channels/telegram/texts.js';

const COUNTS = [3, 11, 100, 103, 111, 1000, 1003];

describe('counts on the web pages', () => {
  it('a day\'s bulletins: the plural after 3–10 and after 103, the singular after 11–99, 100 and 1000', () => {
    expect(bulletinCount(2)).toBe('نشرتان');
    expect(COUNTS.map(bulletinCount)).toEqual(['3 نشرات', '11 نشرة', '100 نشرة', '103 نشرات', '111 نشرة', '1000 نشرة', '1003 نشرات']);
  });
  it('a month\'s editions in the archive', () => {
    expect(COUNTS.map(editionCount)).toEqual(['3 أعداد', '11 عددا', '100 عدد', '103 أعداد', '111 عددا', '1000 عدد', '1003 أعداد']);
  });
  it('the dashboard\'s failures in a row and its days', () => {
    expect(failureCount(0)).toBe('لا إخفاق');
    expect(COUNTS.map(failureCount)).toEqual(['3 إخفاقات متتالية', '11 إخفاقا متتاليا', '100 إخفاق متتال', '103 إخفاقات متتالية', '111 إخفاقا متتاليا', '1000 إخفاق متتال', '1003 إخفاقات متتالية']);
    expect([1, 2, 7, 14, 103].map(deliveryDays)).toEqual(['آخر يوم', 'آخر يومين', 'آخر 7 أيام', 'آخر 14 يوما', 'آخر 103 أيام']);
  });
});

describe('counts in the chat answers', () => {
  it('Slack\'s «and N more stories» under a /briefing answer', () => {
    expect([1, 2].map(moreStories)).toEqual(['وخبر آخر', 'وخبران آخران']);
    expect(COUNTS.map(moreStories)).toEqual(['و3 أخبار أخرى', 'و11 خبراً آخر', 'و100 خبر آخر', 'و103 أخبار أخرى', 'و111 خبراً آخر', 'و1000 خبر آخر', 'و1003 أخبار أخرى']);
  });
  it('the limits of words, muted outlets and topics a subscription keeps, on Telegram and Slack', () => {
    for (const full of [TEXT.filtersFull, SLACK_TEXT.filtersFull]) {
      expect(COUNTS.map((n) => full(n).split('.')[0])).toEqual(
        ['3 كلمات', '11 كلمة', '100 كلمة', '103 كلمات', '111 كلمة', '1000 كلمة', '1003 كلمات'].map((c) => `لا يتسع الاشتراك لأكثر من ${c}`),
      );
      expect(full(2)).toContain('لأكثر من كلمتين.');
    }
    for (const full of [TEXT.mutesFull, SLACK_TEXT.mutesFull]) {
      expect(COUNTS.map((n) => full(n).split('.')[0])).toEqual(
        ['3 مصادر مكتومة', '11 مصدراً مكتوماً', '100 مصدر مكتوم', '103 مصادر مكتومة', '111 مصدراً مكتوماً', '1000 مصدر مكتوم', '1003 مصادر مكتومة'].map((c) => `لا يتسع الاشتراك لأكثر من ${c}`),
      );
    }
    expect(COUNTS.map((n) => SLACK_TEXT.topicsFull(n).split('،')[0])).toEqual(
      ['3 مواضيع', '11 موضوعاً', '100 موضوع', '103 مواضيع', '111 موضوعاً', '1000 موضوع', '1003 مواضيع'].map((c) => `لا يتسع الاشتراك لأكثر من ${c}`),
    );
    // The limits the bot has: 20 of each.
    expect(TEXT.filtersFull(20)).toContain('لأكثر من 20 كلمة.');
  });
});
