/**
 * A tolerant reading of a model's answer: the JSON object itself, or one inside a code fence or
 * prose ("Here is the brief: {…}"), for servers that ignore the requested schema. Then the shape
 * is checked: a headline and bullets with their sources.
 */
import type { WrittenStory } from '../core/ports.js';

/** Every balanced `{…}` block of a text, outermost first, strings and escapes respected. */
function objectBlocks(text: string): string[] {
  const out: string[] = [];
  for (let start = text.indexOf('{'); start >= 0 && out.length < 8; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    let inString = false;
    for (let i = start; i < text.length; i++) {
      const c = text[i]!;
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        out.push(text.slice(start, i + 1));
        break;
      }
    }
  }
  return out;
}

/** The first JSON object in a model's answer, or undefined when there is none that parses. */
export function extractJsonObject(answer: string): unknown {
  // gpt-oss writes channels (its "harmony" format); a server that does not split them hands them all
  // over: its analysis may hold drafts, the final channel alone is the answer, and an analysis
  // without one (cut at the token limit) is no answer.
  const finals = [...answer.matchAll(/<\|channel\|>\s*final\b[^<]*(?:<\|constrain\|>[^<]*)?<\|message\|>/g)];
  const last = finals[finals.length - 1];
  if (last) answer = answer.slice(last.index + last[0].length).replace(/<\|(?:return|end|call)\|>[\s\S]*$/, '');
  else if (/<\|channel\|>\s*analysis\b/.test(answer)) return undefined;
  // A reasoning model's thoughts (Qwen3, DeepSeek-R1 without a reasoning parser) may hold drafts: never read from them.
  // A section whose opening tag the chat template wrote (only its closing tag is in the answer) ends
  // where that tag is; one cut at the token limit (no closing tag) runs to the end of the answer.
  const trimmed = answer
    .replace(/^[\s\S]*?<\/(think|thinking)>/i, (m, tag: string) => (new RegExp(`<${tag}>`, 'i').test(m) ? m : ''))
    .replace(/<(think|thinking)>[\s\S]*?(<\/\1>|$)/gi, '')
    .trim();
  const candidates = [trimmed];
  for (const m of trimmed.matchAll(/```(?:json)?\s*([\s\S]*?)```/gi)) candidates.push(m[1]!.trim());
  candidates.push(...objectBlocks(trimmed));
  for (const c of candidates) {
    if (!c.startsWith('{')) continue;
    for (const text of [c, mended(c)]) {
      try {
        const v: unknown = JSON.parse(text);
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v;
        break;
      } catch {
        // mended, then the next candidate
      }
    }
  }
  return undefined;
}

/**
 * The slips of a model no schema holds, mended: a comma before `}` or `]`, a line break or tab
 * inside a string (written as such rather than escaped). Strings are otherwise left as they are.
 */
function mended(json: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i]!;
    if (inString) {
      if (c === '\\') {
        out += c + (json[i + 1] ?? '');
        i++;
      } else if (c === '"') {
        inString = false;
        out += c;
      } else out += c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : c;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === ',' && /^\s*[}\]]/.test(json.slice(i + 1, i + 64))) {
      // a trailing comma: dropped
    } else out += c;
  }
  return out;
}

/**
 * The written story in an answer, or why there is none: `parse` when no JSON object with a
 * non-empty `headline` and a `bullets` array is found. Bullets past `maxBullets` are dropped,
 * source numbers outside 1…`articleCount` ignored, a bare-string bullet gets no sources.
 */
export function parseStoryAnswer(answer: string, articleCount: number, maxBullets = 3): { story: WrittenStory } | { error: string } {
  const v = extractJsonObject(answer);
  if (v === undefined) return { error: 'no JSON object in the answer' };
  const o = v as Record<string, unknown>;
  if (typeof o.headline !== 'string' || o.headline.trim().length === 0) return { error: 'no headline' };
  if (!Array.isArray(o.bullets)) return { error: 'no bullets array' };
  const bullets: WrittenStory['bullets'] = [];
  for (const b of o.bullets.slice(0, maxBullets) as unknown[]) {
    const item = typeof b === 'string' ? { text: b } : (b as Record<string, unknown> | null);
    if (!item || typeof item.text !== 'string' || item.text.trim().length === 0) return { error: 'a bullet without text' };
    const raw = Array.isArray(item.sources) ? (item.sources as unknown[]) : [];
    const sources = [...new Set(raw.map(Number).filter((s) => Number.isInteger(s) && s >= 1 && s <= articleCount))];
    bullets.push({ text: item.text.trim(), sources });
  }
  return { story: { headline: o.headline.trim(), bullets } };
}
