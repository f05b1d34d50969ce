/** Run as `node --import tsx extract-child.ts`, as `npm start` runs the app: extracts one page off the event loop and prints its sections. */
import { closeExtractPool, extractPageOffThread } from '../../../src/sources/index.js';

const para = 'أعلنت الهيئة العامة للطيران المدني اليوم عن توسعة جديدة في مطار المدينة تشمل صالة للمسافرين ومدرجا إضافيا، وقالت إن الأعمال ستنتهي خلال عامين.';
const html = `<html><head><title>توسعة المطار</title></head><body><article><h1>توسعة المطار</h1>${`<p>${para}</p>`.repeat(4)}</article></body></html>`;
const page = await extractPageOffThread(html, 'https://example.com/a', { timeoutMs: 120_000 });
process.stdout.write(`${JSON.stringify({ sections: page.sections.length, paragraphs: page.sections.flatMap((s) => s.paragraphs).length })}\n`);
await closeExtractPool();
