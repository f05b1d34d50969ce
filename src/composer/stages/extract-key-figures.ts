/**
 * Stage 6: key figures: numbers with a unit ("في المئة", "مليون", "دولار", …), the word a
 * magnitude counts ("45 ألف متفرج"), and up to three words before them that say what they
 * count, as written. The selected sentences are read first, then
 * the others by score, so the figures a reader most needs come first:
 * "… مع إسبانيا في المرتبة الأولى بنسبة 37 في المئة، …" → "في المرتبة الأولى بنسبة 37 في المئة".
 */
import { isStopWord, normalizeArabic } from '../../arabic/index.js';
import type { AnyDraftStage } from '../draft.js';

/** Most figures kept (default of {@link createExtractKeyFigures}). */
export const DEFAULT_MAX_KEY_FIGURES = 6;

const NUMBER_WORD = /^[^\s0-9\u0660-\u0669]{0,3}[0-9\u0660-\u0669][0-9\u0660-\u0669.,\u066B\u066C]*%?[\u060C,.]?$/;
const UNITS = new Set(
  ['في المئة', 'في المائة', 'بالمئة', 'بالمائة', '%', 'مليون', 'ملايين', 'مليار', 'مليارات', 'ألف', 'آلاف', 'دولار', 'دولارا', 'يورو',
    'درهم', 'دينار', 'جنيه', 'ريال', 'ليرة', 'شخصا', 'شخص', 'قتيلا', 'قتلى', 'جريحا', 'عاما', 'سنوات', 'يوما', 'أيام', 'ساعة',
    'كيلومتر', 'كلم', 'طن', 'برميل', 'نقطة', 'مرة', 'مرات', 'دولة', 'دول'].map((u) => normalizeArabic(u)),
);
/** Units that say how many, not of what: the word after them is taken too ("45 ألف متفرج"). */
const MAGNITUDES = new Set(['مليون', 'ملايين', 'مليار', 'مليارات', 'ألف', 'آلاف'].map((u) => normalizeArabic(u)));
const ARABIC_WORD = /^[\u0621-\u064A\u0660-\u0669\u064B-\u0652]+[\u060C,.:؛]?$/;
const PUNCT_END = /[\u060C,.:؛]+$/;
const CLAUSE_END = /[\u060C,:؛]$/;

function figuresOf(text: string): string[] {
  const words = text.split(/\s+/);
  const out: string[] = [];
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (!NUMBER_WORD.test(w)) continue;
    const one = normalizeArabic((words[k + 1] ?? '').replace(PUNCT_END, ''));
    const two = normalizeArabic(`${words[k + 1] ?? ''} ${(words[k + 2] ?? '').replace(PUNCT_END, '')}`);
    let end: number;
    if (!PUNCT_END.test(w) && UNITS.has(two)) end = k + 3;
    else if (!PUNCT_END.test(w) && UNITS.has(one)) end = k + 2;
    else if (/%[\u060C,.]?$/.test(w)) end = k + 1;
    else continue; // a bare number (a year, a count without a unit) says little on its own
    const unit = words[end - 1]!;
    const counted = words[end];
    if (MAGNITUDES.has(normalizeArabic(unit.replace(PUNCT_END, ''))) && !PUNCT_END.test(unit) && counted !== undefined && ARABIC_WORD.test(counted) && !isStopWord(normalizeArabic(counted.replace(PUNCT_END, '')))) end++;
    let begin = k;
    while (begin > 0 && k - begin < 3 && !CLAUSE_END.test(words[begin - 1]!)) begin--;
    out.push(words.slice(begin, end).join(' ').replace(/^["“«(]+|[\s\u060C,:؛.”»")]+$/g, ''));
  }
  return out;
}

/** Collects up to `limit` distinct figures. */
export function createExtractKeyFigures(limit = DEFAULT_MAX_KEY_FIGURES): AnyDraftStage {
  return (draft) => {
    const chosen = new Set(draft.selected);
    const rest = draft.sentences
      .map((_, i) => i)
      .filter((i) => !chosen.has(i))
      .sort((a, b) => draft.sentences[b]!.score - draft.sentences[a]!.score);
    const figures: string[] = [];
    for (const i of [...draft.selected, ...rest]) {
      if (figures.length >= limit) break;
      const s = draft.sentences[i]!;
      if (!s.hasNumber) continue;
      for (const f of figuresOf(s.text)) if (figures.length < limit && !figures.includes(f)) figures.push(f);
    }
    return { ...draft, keyFigures: figures };
  };
}

/** The key-figure stage with its default limit. */
export const extractKeyFigures = createExtractKeyFigures();
