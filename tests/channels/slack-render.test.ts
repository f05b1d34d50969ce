/** The Slack renderer with hostile text: nothing a feed or a user writes can ping, link or mention. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripBidiControls } from '../../src/arabic/index.js';
import { escapeSlackText, renderSlack, slackSafeText, SLACK_MAX_SECTION_CHARS } from '../../src/channels/slack/render.js';
import { composeBriefing, composeDigest } from '../../src/composer/index.js';
import type { Briefing, BriefingItem, SourceRef } from '../../src/core/types.js';
import { foreignControls, LINK, sourceUrlsOf, textsOf } from './slack-render-controls.js';

const item = (headline: string, bullets: string[], sources: SourceRef[] = [{ name: 'المصدر', url: 'https://example.com/a' }], topic = 'عام'): BriefingItem => ({
  topic,
  sources,
  digest: { headline, bullets: bullets.map((text) => ({ text, section: 0, sourceSentence: text })), keyFigures: [], source: sources[0]!, articleId: headline, topics: [], importance: 1, warnings: [] },
});
const briefing = (items: BriefingItem[], title = 'موجز الصباح', topic = 'عام'): Briefing => ({ briefingId: 'morning', title, date: '2026-11-29', groups: [{ topic, items }], warnings: [] });

const HOSTILE = ['<!channel>', '<!here>', '<!everyone>', '<@U123>', '<#C42>', '<!subteam^S1>', '<http://evil.example|اضغط>', '<https://evil.example>', '<mailto:a@b.c|بريد>', '&lt;!channel&gt;', '&', '<', '>', '|', '*', '_', '~', '`'];

describe('renderSlack: mentions and links from a feed', () => {
  const title = 'عاجل <!channel> <!here> <@U123> <#C42> <http://evil.example|اضغط> & أكثر';
  const b = briefing([item(title, [`نقطة <!everyone> & <@U999>`], [{ name: 'وكالة <!here>', url: 'https://example.com/a?x=1&y=2' }])], 'موجز <!channel>', 'موضوع <@U1>');

  it('escapes & < > in the notification text, the header, every section and the context line', () => {
    const [m] = renderSlack(b);
    expect(stripBidiControls(m!.text)).toContain('&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;#C42&gt; &lt;http://evil.example|اضغط&gt; &amp; أكثر');
    expect(m!.text).not.toMatch(/<[!@#h]/);
    for (const t of textsOf(m!)) expect(foreignControls(t, sourceUrlsOf(b)), t).toEqual([]);
  });

  it('keeps its own source link, and only that', () => {
    const [m] = renderSlack(b);
    const links = textsOf(m!).flatMap((t) => [...t.matchAll(LINK)].map((x) => x[1]));
    expect(links).toEqual(['https://example.com/a?x=1&y=2']);
  });

  it('property: no "<!", "<@", "<#", "<http" or bare "&" in any Slack output that the renderer did not write', () => {
    const piece = fc.oneof(fc.constantFrom(...HOSTILE, 'خبر', 'الرياض', 'BBC', ' ', '\n'), fc.string({ maxLength: 12 }));
    const text = fc.array(piece, { maxLength: 30 }).map((a) => a.join(''));
    const url = fc.oneof(fc.constant(undefined), text, text.map((t) => `https://example.com/${t}`), fc.constantFrom('http://evil.example|<!channel>', 'https://a.example/<@U1>'));
    const source = fc.record({ name: text, url }).map((s) => (s.url === undefined ? { name: s.name } : { name: s.name, url: s.url }));
    const spec = fc.record({ headline: text, bullets: fc.array(text, { maxLength: 4 }), sources: fc.array(source, { minLength: 1, maxLength: 3 }) });
    fc.assert(
      fc.property(text, text, fc.array(spec, { minLength: 0, maxLength: 30 }), (t, topic, specs) => {
        const br = briefing(specs.map((s) => item(s.headline, s.bullets, s.sources)), t, topic);
        const urls = sourceUrlsOf(br);
        for (const m of renderSlack(br)) for (const x of textsOf(m)) if (foreignControls(x, urls).length > 0) return false;
        return true;
      }),
      { numRuns: 200 },
    );
  });
});

describe('renderSlack: length', () => {
  it('cuts a 4,900-character feed title at a word with «…», every section within 3000', () => {
    const words = Array.from({ length: 700 }, (_, i) => `كلمة${i}`).join(' ');
    expect(words.length).toBeGreaterThan(4900);
    const digest = composeDigest({ id: 'x', title: words, source: { name: 'مصدر', url: 'https://example.com/x' }, sections: [{ paragraphs: ['أعلنت الحكومة اليوم عن خطة جديدة لدعم الاقتصاد بقيمة مليار دولار خلال العام المقبل.'] }] });
    const b = composeBriefing([digest], { briefingId: 'morning', title: 'موجز', date: '2026-11-29', topics: [], maxChars: 20_000 });
    const msgs = renderSlack(b);
    for (const m of msgs) {
      expect(m.text.length).toBeLessThanOrEqual(3000);
      for (const bl of m.blocks) if (bl.type === 'section') expect(bl.text.text.length).toBeLessThanOrEqual(SLACK_MAX_SECTION_CHARS);
    }
    const section = msgs[0]!.blocks.find((bl) => bl.type === 'section' && bl.text.text.includes('كلمة0')) as { text: { text: string } };
    const headline = section.text.text.split('\n')[0]!;
    expect(headline.length).toBeLessThanOrEqual(302);
    expect(headline).toMatch(/كلمة\d+…\*$/);
  });

  it('keeps an item with 40 outlets and long bullets within 3000 by dropping bullets, then later outlets', () => {
    const sources = Array.from({ length: 40 }, (_, i) => ({ name: `وكالة الأنباء رقم ${i} `.repeat(8), url: `https://example.com/${'a'.repeat(900)}/${i}` }));
    const [m] = renderSlack(briefing([item('عنوان', Array.from({ length: 6 }, () => 'جملة طويلة '.repeat(80)), sources)]));
    for (const bl of m!.blocks) if (bl.type === 'section') expect(bl.text.text.length).toBeLessThanOrEqual(SLACK_MAX_SECTION_CHARS);
    expect(JSON.stringify(m)).toContain('أخرى');
  });
});

describe('escapeSlackText and slackSafeText', () => {
  it('escapes the three control characters and nothing else', () => {
    expect(escapeSlackText('<!here> & "x" \'y\'')).toBe('&lt;!here&gt; &amp; "x" \'y\'');
  });
  it('echoes a user\'s words escaped and cut at a word', () => {
    const echoed = slackSafeText(`<!channel> ${'اقتصاد '.repeat(100)}`, 60);
    expect(echoed.length).toBeLessThanOrEqual(60);
    expect(stripBidiControls(echoed)).toMatch(/^&lt;!channel&gt; اقتصاد/);
    expect(echoed.endsWith('…')).toBe(true);
    expect(echoed).not.toContain('<');
  });
});
