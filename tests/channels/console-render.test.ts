import { describe, expect, it } from 'vitest';
import { createConsolePublisher, renderConsole } from '../../src/channels/console/index.js';
import { composeBriefing, composeDigest } from '../../src/composer/index.js';
import { sampleArticle } from '../helpers.js';

const briefing = composeBriefing([composeDigest(sampleArticle())], {
  briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', topics: [{ id: 's', title: 'سياسة وأمن', keywords: ['الأمن'] }],
});

describe('renderConsole', () => {
  it('shows the title, the topic, the headline, the bullets and the source', () => {
    const text = renderConsole(briefing);
    expect(text).toContain('موجز الصباح — 2026-11-29');
    expect(text).toContain('■ سياسة وأمن');
    expect(text).toContain('المغرب يدعو إلى تعاون استخباراتي عادل في مواجهة المخاطر');
    expect(text).toContain(`• ${briefing.groups[0]!.items[0]!.digest.bullets[0]!.text}`);
    expect(text).toContain('المصادر: العرب');
    expect(text).not.toContain('\u001b[');
  });
  it('says so when a briefing is empty', () => {
    expect(renderConsole({ ...briefing, groups: [] })).toContain('لا توجد أخبار');
  });
});

describe('createConsolePublisher', () => {
  it('writes the rendered briefing and returns a message id', async () => {
    const out: string[] = [];
    const pub = createConsolePublisher({ write: (t) => out.push(t), color: true });
    const r = await pub.send({ platform: 'console', destination: 'stdout' }, briefing);
    expect(r.messageIds).toEqual(['console-1']);
    expect(out[0]).toContain('\u001b[1mموجز الصباح');
  });
});
