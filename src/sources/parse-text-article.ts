/** Builds an Article from plain text or Markdown: the first line is the title, `#` lines are section headings. */
import type { Article, Section, SourceRef } from '../core/types.js';

const HEADING = /^#{1,6}\s+(.*)$/;

/**
 * Reads a plain-text or Markdown article. The first non-empty line is the title unless
 * `hasTitle` is false; each `# heading` starts a section; other non-empty lines are paragraphs.
 *
 * @example
 * parseTextArticle('عنوان الخبر\n\nالفقرة الأولى.\n## خلفية\nالفقرة الثانية.', { id: 'a', source: { name: 'ملف' } })
 * // → { title: 'عنوان الخبر', sections: [{ paragraphs: ['الفقرة الأولى.'] }, { heading: 'خلفية', paragraphs: ['الفقرة الثانية.'] }] }
 */
export function parseTextArticle(text: string, meta: { id: string; source: SourceRef; hasTitle?: boolean; published?: string; topics?: string[] }): Article {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim());
  let title: string | undefined;
  const sections: Section[] = [{ paragraphs: [] }];
  for (const line of lines) {
    if (line.length === 0) continue;
    const h = HEADING.exec(line);
    if (title === undefined && meta.hasTitle !== false) {
      title = h ? h[1]!.trim() : line;
      continue;
    }
    if (h) sections.push({ heading: h[1]!.trim(), paragraphs: [] });
    else sections.at(-1)!.paragraphs.push(line);
  }
  const nonEmpty = sections.filter((s, i) => s.paragraphs.length > 0 || (i > 0 && s.heading !== undefined));
  return {
    id: meta.id,
    ...(title !== undefined ? { title } : {}),
    ...(meta.published !== undefined ? { published: meta.published } : {}),
    source: meta.source,
    sections: nonEmpty.length > 0 ? nonEmpty : [{ paragraphs: [] }],
    ...(meta.topics !== undefined ? { topics: meta.topics } : {}),
  };
}
