import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/core/errors.js';
import { createFolderSource, parseTextArticle } from '../../src/sources/index.js';
import { ROOT } from '../helpers.js';

describe('createFolderSource', () => {
  it('reads the bundled samples (.txt, .md, .json)', async () => {
    const { articles, errors } = await createFolderSource({ path: join(ROOT, 'briefings/samples'), name: 'عينات' }).fetchArticles();
    expect(errors).toEqual([]);
    expect(articles.length).toBeGreaterThanOrEqual(4);
    expect(articles.map((a) => a.title)).toContain('المغرب يدعو إلى تعاون استخباراتي عادل في مواجهة المخاطر');
    const md = articles.find((a) => a.title?.startsWith('موسم التمور'))!;
    expect(md.sections.map((s) => s.heading)).toEqual([undefined, 'التصدير']);
    const json = articles.find((a) => a.source.name === 'نص تجريبي')!;
    expect(json.published).toBe('2026-11-28T21:30:00Z');
  });

  it('reports a broken file and still reads the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-folder-'));
    writeFileSync(join(dir, 'good.txt'), 'عنوان\nنص الخبر هنا.');
    writeFileSync(join(dir, 'bad.json'), '{ "title": ');
    writeFileSync(join(dir, 'ignored.pdf'), 'x');
    const { articles, errors } = await createFolderSource({ path: dir }).fetchArticles();
    expect(articles).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(SourceError);
    expect(errors[0]!.message).toMatch(/bad\.json .*fix or remove the file/);
  });

  it('reports files that hold no article (a JSON of something else, an empty file, binary data) instead of counting them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-folder-'));
    writeFileSync(join(dir, 'good.json'), JSON.stringify({ title: 'افتتاح معرض الكتاب', text: 'افتتح وزير الثقافة اليوم معرض الكتاب بمشاركة أكثر من 500 دار نشر.' }));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }));
    writeFileSync(join(dir, 'empty.md'), '');
    writeFileSync(join(dir, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a, 0x00]));
    const { articles, errors } = await createFolderSource({ path: dir, name: 'مجلد' }).fetchArticles();
    expect(articles.map((a) => a.title)).toEqual(['افتتاح معرض الكتاب']);
    const messages = errors.map((e) => e.message).sort();
    expect(messages).toHaveLength(3);
    expect(messages[0]).toMatch(/empty\.md has no article text: .*fix or remove the file/);
    expect(messages[1]).toMatch(/image\.txt is binary data, not text: remove it from the folder/);
    expect(messages[2]).toMatch(/package\.json has no article text: a \.json article needs "text" or "paragraphs"/);
  });

  it('skips files over the size cap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-folder-'));
    writeFileSync(join(dir, 'big.txt'), 'ن'.repeat(2000));
    const { articles, errors } = await createFolderSource({ path: dir, maxFileBytes: 1000 }).fetchArticles();
    expect(articles).toEqual([]);
    expect(errors[0]!.message).toMatch(/over the 1000-byte limit/);
  });

  it('throws a SourceError for a missing folder', async () => {
    await expect(createFolderSource({ path: '/nonexistent/folder' }).fetchArticles()).rejects.toThrow(SourceError);
  });
});

describe('parseTextArticle', () => {
  it('takes the first line as title and # lines as section headings', () => {
    const a = parseTextArticle('\uFEFFعنوان الخبر\n\nالفقرة الأولى.\n## خلفية\nالفقرة الثانية.', { id: 'a', source: { name: 'ملف' } });
    expect(a.title).toBe('عنوان الخبر');
    expect(a.sections).toEqual([{ paragraphs: ['الفقرة الأولى.'] }, { heading: 'خلفية', paragraphs: ['الفقرة الثانية.'] }]);
  });
});
