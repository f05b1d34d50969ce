/** The article pages of ../shared/fixtures/pages that come with their expected body text. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A page with its expected body. */
export interface PageFixture {
  file: string;
  url: string;
  path: string;
  expected: string;
}

interface IndexEntry {
  file: string;
  url: string;
  expected: string;
}

function expectedText(dir: string, e: IndexEntry): string | undefined {
  // goose3's expected text for the CNN Arabic page is only its first characters; newspaper4k's
  // expected text of the same page is whole.
  const whole = e.file.replace(/\.goose3\.html$/, '.newspaper4k.expected.txt');
  if (whole !== e.file && existsSync(join(dir, whole))) return readFileSync(join(dir, whole), 'utf8').trim();
  const ref = e.expected.split(' ')[0]!;
  const path = join(dir, ref);
  if (!ref.includes('.') || !existsSync(path)) return undefined;
  const raw = readFileSync(path, 'utf8');
  if (ref.endsWith('.txt')) {
    const text = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(raw);
    return text ? text[1]!.trim() : raw.trim();
  }
  const json = JSON.parse(raw) as { content?: string; expected?: { cleaned_text?: string } };
  return json.content ?? json.expected?.cleaned_text;
}

/** The pages listed in INDEX.json whose expected body is present on disk. */
export function readPageFixtures(pagesDir: string): PageFixture[] {
  const index = JSON.parse(readFileSync(join(pagesDir, 'INDEX.json'), 'utf8')) as IndexEntry[];
  const out: PageFixture[] = [];
  for (const e of index) {
    const path = join(pagesDir, e.file);
    if (!existsSync(path)) continue;
    const expected = expectedText(pagesDir, e);
    if (expected) out.push({ file: e.file, url: e.url, path, expected });
  }
  return out;
}
