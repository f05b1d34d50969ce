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
