/** Plain replies over Telegram's 4096 UTF-16 units go in several messages, cut between lines or words. */
import { describe, expect, it } from 'vitest';
import { splitPlainText } from '../../src/channels/telegram/chat.js';

describe('splitPlainText', () => {
  it('keeps a short text whole', () => {
    expect(splitPlainText('الوقت: 07:00\nالمنطقة: Asia/Riyadh')).toEqual(['الوقت: 07:00\nالمنطقة: Asia/Riyadh']);
  });

  it('cuts between lines, every part within the limit, nothing lost', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `كلمات محذوفة (-): النفط، الغاز، الذهب ${i}`);
    const parts = splitPlainText(lines.join('\n'), 1000);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(1000);
    expect(parts.join('\n')).toBe(lines.join('\n'));
  });

  it('cuts a line longer than the limit between Arabic words, and a word-less run never inside an emoji', () => {
    const line = Array.from({ length: 400 }, (_, i) => `الجزيرة${i}`).join(' ');
    const parts = splitPlainText(line, 500);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(500);
    expect(parts.join(' ')).toBe(line);
    const emoji = '😀'.repeat(600);
    const cut = splitPlainText(emoji, 501);
    for (const p of cut) expect(p).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    expect(cut.join('')).toBe(emoji);
  });
});
