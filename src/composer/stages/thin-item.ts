/**
 * Thin items: a video or photo teaser («شاهد..», «بالفيديو..», «بالصور..», «فيديو:») whose text is a
 * line or two says little in a briefing. Its digest keeps a fraction of its importance, so that it
 * ranks below the stories with text, and never leads a story that another outlet tells in words;
 * when nothing else covers its story it still comes, after the others.
 * On ant-multisource 2018 (502 articles) the teasers by title run 20–90 words (CNN Arabic's
 * «شاهد..» clips), while articles that merely mention a video («تقنية الفيديو») run 150 and more.
 */
import type { Draft } from '../draft.js';

/** A teaser's importance is multiplied by this. */
export const THIN_IMPORTANCE_FACTOR = 0.3;
/** A teaser whose text has at most this many words is thin. */
export const THIN_MAX_WORDS = 90;

/** A title or lead that announces a video or photos: «شاهد..», «بالفيديو..», «في 90 ثانية.. شاهد», «فيديو غرافيك:», «(فيديو)». */
const TEASER = /^(?:[^.:]{0,40}(?:\.\.|…|:)\s*)?(?:شاهد|شاهدوا|بالفيديو|بالصور|بالفيديو والصور|فيديو|صور|فيديوغراف|فيديو غرافيك|انفوغراف|إنفوغراف)(?:\s*(?:\.\.|…|:|-|\s)|$)|\((?:فيديو|صور|بالفيديو|بالصور)\)\s*$/;

/** Whether the draft is a video or photo teaser with a line or two of text. */
export function isThinTeaser(draft: Draft): boolean {
  const lead = draft.sentences[0]?.text ?? '';
  if (!TEASER.test(draft.title) && !TEASER.test(lead)) return false;
  let words = 0;
  for (const s of draft.sentences) {
    words += s.wordCount;
    if (words > THIN_MAX_WORDS) return false;
  }
  return true;
}

/** The factor of a digest's importance: THIN_IMPORTANCE_FACTOR for a thin teaser, else 1. */
export function importanceFactor(draft: Draft): number {
  return isThinTeaser(draft) ? THIN_IMPORTANCE_FACTOR : 1;
}
