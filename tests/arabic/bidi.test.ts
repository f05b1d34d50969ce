import { describe, expect, it } from 'vitest';
import { FSI, PDI, RLM, isolateLatinRuns, startsRightToLeft, stripBidiControls } from '../../src/arabic/index.js';

describe('isolateLatinRuns', () => {
  it('isolates a Latin run inside an Arabic line', () => {
    expect(isolateLatinRuns('قالت CNN إن الوضع هادئ')).toBe(`قالت ${FSI}CNN${PDI} إن الوضع هادئ`);
  });
  it('isolates a leading Latin run and marks the line right-to-left', () => {
    const out = isolateLatinRuns('BBC: انفجار في بيروت');
    expect(out).toBe(`${RLM}${FSI}BBC${PDI}: انفجار في بيروت`);
    expect(startsRightToLeft(out)).toBe(true);
  });
  it('keeps multi-word Latin names in one isolate', () => {
    expect(isolateLatinRuns('برنامج The Voice الجديد')).toBe(`برنامج ${FSI}The Voice${PDI} الجديد`);
  });
  it('leaves a Latin-only line as it is', () => {
    expect(isolateLatinRuns('Hello world')).toBe('Hello world');
  });
  it('with commands, isolates a bot command with its slash and Latin arguments, and opens a line that starts with one right to left', () => {
    expect(isolateLatinRuns('اكتب /help لقائمة الأوامر', { commands: true })).toBe(`اكتب ${FSI}/help${PDI} لقائمة الأوامر`);
    expect(isolateLatinRuns('مثال: /time 07:30 Asia/Riyadh', { commands: true })).toBe(`مثال: ${FSI}/time 07:30 Asia/Riyadh${PDI}`);
    expect(isolateLatinRuns('/filter +النفط -كرة', { commands: true })).toBe(`${RLM}${FSI}/filter${PDI} +النفط -كرة`);
    // Without the option, as before: the slash stays out.
    expect(isolateLatinRuns('اكتب /help', {})).toBe(`اكتب /${FSI}help${PDI}`);
  });
  it('removes bidi controls that came with the source (U+202B)', () => {
    expect(isolateLatinRuns('\u202Bعنوان الخبر')).toBe('عنوان الخبر');
  });
});

describe('startsRightToLeft', () => {
  it('skips isolates when finding the first strong letter', () => {
    expect(startsRightToLeft(`${FSI}BBC${PDI} خبر`)).toBe(true);
    expect(startsRightToLeft('BBC خبر')).toBe(false);
  });
  it('ignores digits and punctuation', () => {
    expect(startsRightToLeft('37 % من السكان')).toBe(true);
  });
});

describe('stripBidiControls', () => {
  it('removes LRM, RLM, embeddings and isolates', () => {
    expect(stripBidiControls('\u200Fنص\u202A\u2068x\u2069')).toBe('نصx');
  });
  it('removes the ARABIC LETTER MARK (U+061C) too, a Bidi_Control that Arabic keyboards type', () => {
    expect(stripBidiControls('\u061C-كرة \u061C٠٧:٣٠')).toBe('-كرة ٠٧:٣٠');
  });
});

describe('isolateLatinRuns: what is read left to right as one piece', () => {
  it('keeps a web address whole, with its query, and leaves the sentence\'s own punctuation after it outside', () => {
    expect(isolateLatinRuns('زوروا https://example.com/a/b?x=1&y=2 للمزيد')).toBe(`زوروا ${FSI}https://example.com/a/b?x=1&y=2${PDI} للمزيد`);
    expect(isolateLatinRuns('الموقع www.example.com/path?id=5.')).toBe(`الموقع ${FSI}www.example.com/path?id=5${PDI}.`);
    expect(isolateLatinRuns('المصدر (https://example.org/ar/news).')).toBe(`المصدر (${FSI}https://example.org/ar/news${PDI}).`);
    // After a Latin word, the address is its own run, whole; an Arabic comma ends it.
    expect(isolateLatinRuns('المصدر: Reuters https://example.com/a?b=1&c=2')).toBe(`المصدر: ${FSI}Reuters${PDI} ${FSI}https://example.com/a?b=1&c=2${PDI}`);
    expect(isolateLatinRuns('نشرها على https://example.com/a،وقال إنها صحيحة')).toBe(`نشرها على ${FSI}https://example.com/a${PDI}،وقال إنها صحيحة`);
  });
  it('keeps a quotation in Latin letters whole, with its quotation marks and the full stop inside them', () => {
    expect(isolateLatinRuns('وقال المتحدث: "We will not comment." ثم غادر.')).toBe(`وقال المتحدث: ${FSI}"We will not comment."${PDI} ثم غادر.`);
    expect(isolateLatinRuns('كتب “Game over!” على حسابه')).toBe(`كتب ${FSI}“Game over!”${PDI} على حسابه`);
    // Quotation marks around Arabic words are the sentence's: only the Latin run inside is isolated.
    expect(isolateLatinRuns('قالت "وكالة BBC" إن')).toBe(`قالت "وكالة ${FSI}BBC${PDI}" إن`);
  });
  it('keeps the digits that open a Latin word, a hashtag\'s or handle\'s sign, and the signs that end C++ or C# with their word', () => {
    expect(isolateLatinRuns('شبكات 5G الجديدة')).toBe(`شبكات ${FSI}5G${PDI} الجديدة`);
    expect(isolateLatinRuns('تابعوا #Bitcoin و@elonmusk الآن')).toBe(`تابعوا ${FSI}#Bitcoin${PDI} و${FSI}@elonmusk${PDI} الآن`);
    expect(isolateLatinRuns('بلغتي C++ وC# اليوم')).toBe(`بلغتي ${FSI}C++${PDI} و${FSI}C#${PDI} اليوم`);
    // A number standing apart from the word stays the sentence's.
    expect(isolateLatinRuns('في 2026 أعلنت Apple')).toBe(`في 2026 أعلنت ${FSI}Apple${PDI}`);
  });
});
