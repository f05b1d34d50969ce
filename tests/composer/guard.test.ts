/** The guard's pure parts: figures, quotations, clitic analyses, the word list, output checks, and the checks on text written for these tests. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildStoryIndex,
  checkOutput,
  analyzeText,
  DEFAULT_GUARD_OPTIONS,
  isRootlessUnknown,
  judgeAnalysis,
  checkStoryShape,
  clearGuardCaches,
  cliticAnalyses,
  featuresOf,
  fitNameModel,
  NAME_FEATURES,
  rootCandidates,
  sameRootLike,
  countWordForms,
  categoryVector,
  prepareLexicon,
  profileWord,
  figureValue,
  findFigures,
  findQuotes,
  guardBullet,
  guardText,
  inflectionKeys,
  normalizeLink,
  parseWordCounts,
  quoteKey,
  quoteSupport,
  serializeWordCounts,
  withinOneEdit,
  wordForms,
  wordKeys,
  slotEvidence,
  type SlotEvidence,
  type StoryIndex,
} from '../../src/composer/guard/index.js';
import { isStopWord, normalizeArabic, tokenize, tokenizeWords } from '../../src/arabic/index.js';
import { loadWordLexicon, WORD_FREQ_PATH } from '../../src/eval/index.js';
import { FormTable, formHash, StringIds } from '../../src/composer/guard/form-table.js';
import { nameScore, nameScoreReachesRootedBothWays } from '../../src/composer/guard/name-score.js';
import { NAME_MODEL } from '../../src/composer/guard/name-model.js';
import { createTopicAccumulator } from '../../src/composer/guard/topic-fit.js';
import { isFunctionWord } from '../../src/composer/guard/guard-text.js';
import { NUMBER_WORDS, numberWordValue } from '../../src/composer/guard/numbers.js';

const lexicon = loadWordLexicon(fileURLToPath(WORD_FREQ_PATH));

const SOURCE = {
  title: 'الحكومة المصرية ترفع أسعار الوقود بنسبة 15 في المئة',
  url: 'https://cairo-news.example/fuel',
  text: [
    'أعلنت وزارة البترول المصرية، صباح الجمعة، زيادة أسعار البنزين والسولار بنسبة ١٥٪ اعتبارا من اليوم.',
    'وقال وزير البترول طارق الملا في بيان إن «الزيادة ضرورية لخفض عجز الموازنة وتوجيه الدعم إلى مستحقيه».',
    'وأوضح البيان أن الحكومة وفرت ٣٫٥ مليار جنيه من دعم الوقود خلال العام المالي الماضي، وأن سعر لتر البنزين بلغ 12 جنيها.',
    'وتأتي الزيادة ضمن برنامج إصلاح اقتصادي اتفقت عليه مصر مع صندوق النقد الدولي.',
  ].join('\n'),
};
const index = buildStoryIndex([SOURCE], lexicon);

describe('findFigures', () => {
  it('reads Western, Arabic-Indic and Persian digits, ٫ ٬, scale words and percentages as values', () => {
    const f = findFigures('وفرت ٣٫٥ مليار جنيه، و١٬٢٠٠ موظف، و۱۵ في المئة، و2.5 مليون، و40 ألفا، و37%');
    expect(f.map((x) => x.scaled)).toEqual([3.5e9, 1200, 15, 2.5e6, 40_000, 37]);
    expect(f.map((x) => x.percent)).toEqual([false, false, true, false, false, true]);
  });

  it('tells a thousands comma from a decimal comma', () => {
    expect(figureValue('1,500')).toBe(1500);
    expect(figureValue('3,5')).toBe(3.5);
    expect(figureValue('1.500.000')).toBe(1_500_000);
  });
});

describe('isFunctionWord', () => {
  it('is a stop word, with an attached pronoun or not, after و or ف or not, on every form of the word list', () => {
    const TAILS = [['هما', 'كما'], ['هم', 'هن', 'ها', 'كم', 'كن', 'نا', 'ني'], ['ه', 'ك', 'ي']];
    const byDefinition = (w: string): boolean => {
      if (isStopWord(w)) return true;
      const t = TAILS.flat().find((x) => w.endsWith(x))?.length ?? 0;
      if (t > 0 && isStopWord(w.slice(0, w.length - t))) return true;
      return (w[0] === 'و' || w[0] === 'ف') && w.length > 2 && byDefinition(w.slice(1));
    };
    let yes = 0;
    for (const w of [...lexicon.forms!(), 'منه', 'عليها', 'وفيما', 'فلديهم', 'x', 'ي']) {
      expect(isFunctionWord(w)).toBe(byDefinition(w));
      if (byDefinition(w)) yes++;
    }
    expect(yes).toBeGreaterThan(300);
  });
});

describe('inflection keys', () => {
  it('are, for every third form of the word list, those of the definition in its order; a word has those of its analyses, each once', () => {
    const PREFIXES = ['ي', 'ت', 'ن', 'ا'];
    const SUFFIXES = ['يين', 'تان', 'تين', 'ات', 'ون', 'ين', 'ان', 'وا', 'يه', 'تم', 'ته', 'ه', 'ي', 'ت', 'ن', 'ا'];
    const byDefinition = (base: string): string[] => {
      const out = new Set<string>();
      if (!/^[\u0621-\u064A]/.test(base)) return [];
      const starts = [base];
      for (const p of PREFIXES) if (base.length - 1 >= 3 && base.startsWith(p)) starts.push(base.slice(1));
      for (const s0 of starts) {
        if (s0.length >= 3) out.add(s0);
        for (const x of SUFFIXES) if (s0.length - x.length >= 3 && s0.endsWith(x)) out.add(s0.slice(0, s0.length - x.length));
      }
      return [...out];
    };
    clearGuardCaches();
    let many = 0;
    for (const w of [...lexicon.forms!()].filter((_, i) => i % 3 === 0)) {
      expect(inflectionKeys(w)).toEqual(byDefinition(w));
      const keys = wordKeys(w);
      expect(keys).toEqual([...new Set(wordForms(w).flatMap(byDefinition))]);
      if (keys.length > 5) many++;
    }
    expect(many).toBeGreaterThan(1000);
  });
});

describe('numberWordValue', () => {
  it('reads a number word with one clitic or none, and nothing else, on every form of the word list', () => {
    const byDefinition = (w: string): number | undefined => {
      if (w.length > 7) return undefined;
      const direct = NUMBER_WORDS.get(w);
      if (direct !== undefined) return direct;
      return w[0] === 'و' || w[0] === 'ب' || w[0] === 'ل' ? NUMBER_WORDS.get(w.slice(1)) : undefined;
    };
    const words = [...lexicon.forms!(), ...[...NUMBER_WORDS.keys()].flatMap((k) => [k, `و${k}`, `ب${k}`, `ل${k}`, `ف${k}`, `وو${k}`]), '', 'و', 'ل', 'x', '12'];
    let found = 0;
    for (const w of words) {
      expect(numberWordValue(w)).toBe(byDefinition(w));
      if (byDefinition(w) !== undefined) found++;
    }
    expect(found).toBeGreaterThan(4 * NUMBER_WORDS.size - 10);
  });
});

describe('findQuotes', () => {
  it('finds «», "" and “” quotations, outermost only', () => {
    expect(findQuotes('قال: «الأمن "أولوية" مشتركة» وأضاف “لا تراجع”، ثم "انتهى"')).toEqual(['الأمن "أولوية" مشتركة', 'لا تراجع', 'انتهى']);
  });

  it('scores a verbatim quotation 1 and an invented one near 0', () => {
    expect(quoteSupport('الزيادة ضرورية لخفض عجز الموازنة', index)).toBe(1);
    expect(quoteSupport('لن نرفع الأسعار مرة أخرى قبل نهاية العام', index)).toBeLessThan(0.3);
  });
});

describe('short quotations', () => {
  it('checks a phrase of up to four words word by word, each word under another inflection too', () => {
    const idx = buildStoryIndex([{ text: 'وقال الصدر إن الحكومة الجديدة لن يقصي أحدا منها أي طرف.' }], lexicon);
    expect(quoteSupport('لن تقصي أحدا', idx)).toBe(1);
    expect(quoteSupport('سنقاطع الانتخابات المقبلة كلها', idx)).toBeLessThan(0.6);
  });

  it('never takes a lone alif for a supported word, in a story with Arabic words or with none (the empty form is no source word)', () => {
    const arabic = buildStoryIndex([{ text: 'زار الرئيس الفرنسي مدينة الرباط أمس' }], lexicon);
    const english = buildStoryIndex([{ text: 'Trump said hello to Macron in Paris' }], lexicon);
    const translated = buildStoryIndex([{ text: 'The army announced Plan A on Monday.', foreign: true }], lexicon);
    for (const idx of [arabic, english, translated]) {
      expect(idx.hasForm('')).toBe(false);
      expect(idx.hasAnyForm([''])).toBe(false);
      expect(quoteSupport('أ', idx)).toBe(0);
    }
    // In a translated story a quotation's Arabic words are the translation: its Latin-script words are checked.
    expect(guardText('أعلن الجيش «Plan أ» يوم الاثنين', translated, lexicon).pass).toBe(true);
    expect(guardText('قال الجيش إن «Biden قرر الانسحاب»', translated, lexicon).reasons).toEqual(['quote', 'name']);
    expect(guardText('قال الجيش إن «Plan A قرار نهائي»', translated, lexicon).pass).toBe(true);
  });
});

describe('token offsets', () => {
  it('are where each token first stands at or after the end of the one before (as analyzeText finds them)', () => {
    const texts = [
      SOURCE.text,
      'بلغ النمو 3.5٪ في 2024، و1,500 وظيفة… ثم 12.3.4 و٣٫٥ مليار (نحو 3.) واشنطن-Washington: «قال» 33 33 3 333 3.3',
      'Elon Musk وإيلون ماسك: ماسكماسك ماسك ماسك!! ÉCOLE école ـــ مُحَمَّد محمد',
    ].map((t) => normalizeArabic(t));
    let n = 0;
    for (const norm of texts) {
      let last = 0;
      const offsets = tokenizeWords(norm).map((w) => {
        const start = norm.indexOf(w, last);
        last = start + w.length;
        return start;
      });
      expect(tokenizeWords(norm).map((w, i) => [w, offsets[i]])).toEqual(tokenize(norm).map((t) => [t.text, t.start]));
      n += offsets.length;
    }
    expect(n).toBeGreaterThan(60);
  });
});

describe('slot evidence', () => {
  const painting = buildStoryIndex([{ title: 'لوحة نادرة للفنان عادل الخطيب في متحف الفنون', text: 'تسلم متحف الفنون لوحة نادرة رسمها الفنان عادل الخطيب بالألوان المائية قبل نصف قرن، ووضعها في قاعته الكبرى.' }], lexicon);

  it('sees a word put where a source has another, unrelated one, and a title word the text lacks', () => {
    const a = analyzeText('رسمها الفنان عادل منصور بالألوان المائية', painting, lexicon);
    const u = a.words.find((w) => w.word === 'منصور')!;
    // Fillers are quotation keys (one conjunction, article or preposition off): «الخطيب» is kept as «خطيب».
    expect(u.slot).toMatchObject({ both: true, fillers: [quoteKey('الخطيب')], fillerTitle: true });
    expect(featuresOf(u)).toMatchObject({ slotSwap: true, slotRelated: false, slotTitle: true });
  });

  it('tells another form of the source word in the same slot (a paraphrase) from a substitution', () => {
    const idx = buildStoryIndex([{ text: 'الحكومة أعادت فتح المعبر الحدودي أمام المسافرين.' }], lexicon);
    const u = analyzeText('الحكومة تعيد فتح المعبر', idx, lexicon).words.find((w) => w.word === 'تعيد')!;
    expect(u.slot.both).toBe(true);
    expect(featuresOf(u)).toMatchObject({ slotSwap: false, slotRelated: true });
  });

  it('reads the keyed streams as the string streams say, for every token of a text, with its set of keys or another', () => {
    // The definition, on the index's string streams and positions.
    const byStrings = (keys: readonly string[], t: number, idx: StoryIndex, inBullet: ReadonlySet<string>, titles: ReadonlySet<string>, isFunction: (w: string) => boolean): SlotEvidence => {
      const left = t > 0 ? keys[t - 1]! : undefined;
      const right = t + 1 < keys.length ? keys[t + 1]! : undefined;
      const fillers: string[] = [];
      let both = false;
      let l = false;
      let r = false;
      let sideTitle = false;
      const leftContent = left !== undefined && !isFunction(left);
      const rightContent = right !== undefined && !isFunction(right);
      if (left !== undefined) {
        const at = idx.positions.get(left) ?? [];
        for (let k = 0; k < at.length; k += 2) {
          const stream = idx.streams[at[k]!]!;
          const p = at[k + 1]!;
          const next = stream[p + 1];
          if (next === undefined || inBullet.has(next)) continue;
          if (leftContent && !isFunction(next)) l = true;
          if (leftContent && titles.has(next)) sideTitle = true;
          if (right === undefined) continue;
          for (let g = 1; g <= 2; g++) {
            if (stream[p + 1 + g] !== right) continue;
            const fill = stream.slice(p + 1, p + 1 + g);
            if (fill.some((f) => inBullet.has(f))) continue;
            both = true;
            for (const f of fill) if (!fillers.includes(f)) fillers.push(f);
          }
        }
      }
      if (right !== undefined && rightContent) {
        const at = idx.positions.get(right) ?? [];
        for (let k = 0; k < at.length && !(r && sideTitle); k += 2) {
          const stream = idx.streams[at[k]!]!;
          const prev = stream[at[k + 1]! - 1];
          if (prev !== undefined && !inBullet.has(prev) && !isFunction(prev)) r = true;
          if (prev !== undefined && titles.has(prev) && !inBullet.has(prev)) sideTitle = true;
        }
      }
      return { both, left: l, right: r, fillers, fillerTitle: fillers.some((f) => titles.has(f) && !inBullet.has(f)), sideTitle };
    };
    const two = buildStoryIndex(
      [
        { title: 'لوحة نادرة للفنان عادل الخطيب في متحف الفنون', text: 'تسلم متحف الفنون لوحة نادرة رسمها الفنان عادل الخطيب بالألوان المائية قبل نصف قرن، ووضعها في قاعته الكبرى. وقال مدير المتحف إن اللوحة هبة من عائلة الفنان.' },
        { title: 'Rare Adel Khatib watercolour', text: 'The city art museum was given a watercolour by Adel Khatib, painted 50 years ago and valued at 3000 dollars.' },
        { text: 'متحف الفنون يعرض لوحة مائية للفنان عادل الخطيب في قاعته الكبرى، وعائلة الفنان تهديها للمدينة مع 3000 دولار.' },
      ],
      lexicon,
    );
    let seen = 0;
    for (const idx of [painting, two]) {
      const titles = new Set(idx.titles.flatMap((t) => tokenizeWords(t)).filter((w) => w.length >= 2 && !isFunctionWord(w)).map(quoteKey));
      for (const text of ['رسمها الفنان عادل منصور بالألوان المائية', 'تسلم المتحف الوطني لوحة الفنان عادل الخطيب المائية قبل عام في قاعته', 'ووضع المتحف اللوحة النادرة في قاعة 3000 dollar Khatib', 'المتحف يعرض لوحة الفنان المجهولة']) {
        const keys = tokenizeWords(normalizeArabic(text)).map(quoteKey);
        for (const inBullet of [new Set(keys), new Set(keys.slice(1))]) {
          for (let t = 0; t < keys.length; t++) {
            const got = slotEvidence(keys, t, idx, inBullet);
            const want = byStrings(keys, t, idx, inBullet, titles, isFunctionWord);
            expect(got).toEqual(want);
            if (got.both || got.left || got.right || got.sideTitle) seen++;
          }
        }
      }
    }
    expect(seen).toBeGreaterThan(20);
  });

  it('finds nothing for a word whose neighbours never meet in a source', () => {
    const u = analyzeText('المتحف يعرض لوحة الفنان المجهولة', painting, lexicon).words.find((w) => w.word === 'المجهوله');
    expect(u?.slot.both ?? false).toBe(false);
  });
});

describe('roots', () => {
  it('lets derivations and broken plurals of one root meet, and not a foreign name', () => {
    expect(sameRootLike('اعادت', 'تعيد')).toBe(true);
    expect(sameRootLike('مقديشو', 'كوستا')).toBe(false);
    expect(rootCandidates('يدبران')).toContain('دبر');
    expect(rootCandidates('تدبير')).toContain('دبر');
    expect(rootCandidates('وطفلا').filter((r) => rootCandidates('اطفال').includes(r))).toEqual(['طفل']);
    expect(rootCandidates('تسفانغيراي')).toEqual([]);
  });

  it('gives, for every form of the word list, the candidates of the definition: affixes off, long vowels and hamza carriers out, three letters left', () => {
    const SUFFIXES = ['', 'يون', 'يين', 'يه', 'ون', 'ين', 'ان', 'ات', 'وا', 'تم', 'نا', 'ه', 'ي', 'ت', 'ا'];
    const PREFIXES = ['', 'است', 'ست', 'يست', 'تست', 'نست', 'مست', 'ي', 'ت', 'ن', 'ا', 'م', 'مت', 'ان', 'ات', 'يت', 'تت'];
    const byDefinition = (word: string): string[] => {
      const out = new Set<string>();
      for (const f of cliticAnalyses(word))
        for (const suf of SUFFIXES) {
          if (!f.endsWith(suf) || f.length - suf.length < 3) continue;
          const a = f.slice(0, f.length - suf.length);
          for (const pre of PREFIXES) {
            if (!a.startsWith(pre) || a.length - pre.length < 3) continue;
            const core = a.slice(pre.length).replace(/[اويءئؤ]/g, '');
            if (core.length === 3) out.add(core);
          }
        }
      return [...out];
    };
    const forms = [...lexicon.forms!()].filter((f) => /^[\u0621-\u064A]+$/.test(f));
    expect(forms.length).toBeGreaterThan(20_000);
    let some = 0;
    for (const f of forms) {
      const expected = byDefinition(f);
      expect(rootCandidates(f)).toEqual(expected);
      if (expected.length > 1) some++;
    }
    expect(some).toBeGreaterThan(1000);
  });
});

describe('rootless unknown words', () => {
  it('judges a word the corpus never uses, of no Arabic pattern and in no source, a name, and lets a spelling variant pass that rule', () => {
    const r = guardText('قال وزير البترول زوبيرسكي إن الزيادة ضرورية', index, lexicon);
    expect(r.findings).toContainEqual({ reason: 'name', detail: 'زوبيرسكي' });
    expect(judgeAnalysis(analyzeText('قال وزير البترول زوبيرسكي إن الزيادة ضرورية', index, lexicon), { ...DEFAULT_GUARD_OPTIONS, rootlessUnknownIsName: false, nameThreshold: 1.01 }).pass).toBe(true);
    const u = analyzeText('قال وزير البترول طارك الملا إن الزيادة ضرورية', index, lexicon).words.find((w) => w.word === 'طارك');
    expect(u === undefined || !isRootlessUnknown(u)).toBe(true);
  });
});

describe('nameScoreReachesRootedBothWays', () => {
  it('says what nameScore says with rooted false and true, at every threshold', () => {
    expect(NAME_FEATURES[NAME_FEATURES.length - 1]).toBe('rooted');
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    let disagree = 0;
    for (let n = 0; n < 2000; n++) {
      const f = { family: Math.floor(rnd() * 3000), affixShare: rnd(), verbForms: Math.floor(rnd() * 5), verbalNoun: rnd() < 0.2, fit: rnd(), afterName: rnd() < 0.2, inflected: rnd() < 0.3, near: rnd() < 0.3, length: 2 + Math.floor(rnd() * 10), slotSwap: rnd() < 0.2, slotRelated: rnd() < 0.1, slotSides: Math.floor(rnd() * 3), slotTitle: rnd() < 0.1, sideTitle: rnd() < 0.2, rooted: rnd() < 0.5 };
      const without = nameScore({ ...f, rooted: false }, NAME_MODEL);
      const withRoot = nameScore({ ...f, rooted: true }, NAME_MODEL);
      // Thresholds right at the scores as well as between.
      for (const t of [0.62, rnd(), without, withRoot]) {
        const reach = nameScoreReachesRootedBothWays(f, NAME_MODEL, t);
        expect([(reach & 1) !== 0, (reach & 2) !== 0]).toEqual([without >= t, withRoot >= t]);
        if (((reach & 1) !== 0) !== ((reach & 2) !== 0)) disagree++;
      }
    }
    expect(disagree).toBeGreaterThan(10);
  });
});

describe('fitNameModel', () => {
  it('keeps the weight of a feature left out at 0', () => {
    const base = { family: 0, affixShare: 0, verbForms: 0, verbalNoun: false, fit: 1, afterName: false, inflected: false, near: false, length: 5, slotSwap: false, slotRelated: false, slotSides: 0, slotTitle: false, sideTitle: false, rooted: false };
    const examples = [
      { features: { ...base, slotSwap: true, family: 3 }, label: 1 as const },
      { features: { ...base, slotSwap: true, family: 1 }, label: 1 as const },
      { features: { ...base, family: 900, affixShare: 0.6 }, label: 0 as const },
      { features: { ...base, family: 400, affixShare: 0.4, rooted: true }, label: 0 as const },
    ];
    const use = NAME_FEATURES.map((f) => f !== 'slot swapped');
    const m = fitNameModel(examples, { iterations: 200, learningRate: 0.1, l2: 1, use });
    expect(m.weights[NAME_FEATURES.indexOf('slot swapped') + 1]).toBe(0);
    expect(fitNameModel(examples, { iterations: 200, learningRate: 0.1, l2: 1 }).weights[NAME_FEATURES.indexOf('slot swapped') + 1]).toBeGreaterThan(0);
  });
});

describe('cliticAnalyses', () => {
  it('takes off conjunctions, prepositions, the article and pronouns, and keeps the word itself first', () => {
    const a = cliticAnalyses('وبالمغرب');
    expect(a[0]).toBe('وبالمغرب');
    expect(a).toContain('مغرب');
    expect(a).toContain('المغرب');
    expect(cliticAnalyses('حكومتها')).toContain('حكومه');
    expect(cliticAnalyses('للامن')).toContain('امن');
  });

  it('tries each pronoun a word ends with, on every form of the word list, as a plain scan of the pronouns does', () => {
    const PRONOUNS = ['هما', 'كما', 'هم', 'هن', 'ها', 'كم', 'كن', 'نا', 'ني', 'ه', 'ك', 'ي'];
    const add = (out: string[], w: string): void => void (out.includes(w) || out.push(w));
    const pronouns = (base: string, out: string[]): void => {
      for (const p of PRONOUNS) {
        if (base.length - p.length >= 3 && base.endsWith(p)) {
          const b = base.slice(0, base.length - p.length);
          add(out, b);
          if (b.endsWith('ت')) add(out, `${b.slice(0, -1)}ه`);
          if (b.endsWith('ئ') || b.endsWith('ؤ')) add(out, `${b.slice(0, -1)}ء`);
        }
      }
    };
    const byScan = (word: string): string[] => {
      const out = [word];
      for (const conj of ['', 'و', 'ف']) {
        if (conj !== '' && !(word[0] === conj && word.length - 1 >= 3)) continue;
        const rest = conj === '' ? word : word.slice(1);
        if (conj !== '') add(out, rest);
        pronouns(rest, out);
        const first = rest[0];
        if (first === 'ا' || first === 'ب' || first === 'ك' || first === 'ل') for (const art of ['بال', 'كال', 'لل', 'ال']) if (rest.startsWith(art) && rest.length - art.length >= 2) add(out, rest.slice(art.length));
        if ((first === 'ب' || first === 'ل' || first === 'ك') && rest.length - 1 >= 3) {
          add(out, rest.slice(1));
          pronouns(rest.slice(1), out);
        }
        if (first === 'س' && rest.length - 1 >= 3 && 'يتنا'.includes(rest[1] ?? '')) {
          add(out, rest.slice(1));
          pronouns(rest.slice(1), out);
        }
      }
      return out;
    };
    let withPronoun = 0;
    for (const w of [...lexicon.forms!()].filter((f) => /^[\u0621-\u064A]+$/.test(f))) {
      const a = cliticAnalyses(w);
      expect(a).toEqual(byScan(w));
      if (a.length > 2) withPronoun++;
    }
    expect(withPronoun).toBeGreaterThan(5000);
  });

  it('gives inflection keys that let a present tense meet its past', () => {
    const keys = (w: string) => new Set(cliticAnalyses(w).flatMap((f) => inflectionKeys(f)));
    const present = keys('تعلن');
    expect([...keys('اعلنت')].some((k) => present.has(k))).toBe(true);
  });
});

describe('buildStoryIndex', () => {
  it('keeps the tokens of each source as quotation keys, their positions by key in order, and the same by key number', () => {
    const sources = [
      SOURCE,
      { title: 'Egypt raises fuel prices', text: 'Egypt raised fuel prices by 15 percent, the ministry said on Friday.', foreign: true },
      { text: 'وقال الوزير إن الحكومة رفعت أسعار الوقود 15 في المئة، وإن الزيادة ضرورية للموازنة. Reuters' },
    ];
    const idx = buildStoryIndex(sources, lexicon);
    const streams = sources.map((s) => tokenizeWords(normalizeArabic(s.title ? `${s.title}\n${s.text}` : s.text)).map(quoteKey));
    const positions = new Map<string, number[]>();
    streams.forEach((stream, s) => stream.forEach((k, i) => (positions.get(k) ?? positions.set(k, []).get(k)!).push(s, i)));
    expect(idx.streams).toEqual(streams);
    expect([...idx.positions.entries()]).toEqual([...positions.entries()]);
    const ts = idx.tokenStreams;
    expect(ts.keys).toEqual([...positions.keys()]);
    expect(ts.streams.map((st) => Array.from(st, (n) => ts.keys[n]))).toEqual(streams);
    ts.keys.forEach((k, n) => {
      expect(ts.idOf(k)).toBe(n);
      expect(Array.from(ts.at.subarray(ts.start[n]!, ts.start[n + 1]!))).toEqual(positions.get(k));
    });
    expect(ts.idOf('زوبيرسكي')).toBe(-1);
  });

  it('answers hasForm and hasKey as its materialised forms and keys do, before and after the caches are emptied', () => {
    const probe = 'وقالت الحكومات المصريون إن البترولية ستخفض عجزها بالموازنات، وأوضحت لمستحقيها أن صندوقا دوليا يتفقان مع مصرية على الإصلاحات';
    const words = tokenizeWords(normalizeArabic(probe));
    for (const clear of [false, true]) {
      if (clear) clearGuardCaches();
      const fresh = buildStoryIndex([SOURCE], lexicon);
      const queries = words.flatMap((w) => [...wordForms(w).map((f) => ['form', f] as const), ...wordKeys(w).map((k) => ['key', k] as const)]);
      const answers = queries.map(([kind, q]) => (kind === 'form' ? fresh.hasForm(q) : fresh.hasKey(q)));
      expect(answers).toEqual(queries.map(([kind, q]) => (kind === 'form' ? fresh.forms.has(q) : fresh.keys.has(q))));
      // Both answers occur: the probe has words the source has only under another analysis or inflection.
      expect(answers).toContain(true);
      expect(answers).toContain(false);
    }
  });

  it('answers hasAnyForm and hasWritten as its materialised forms do, each on a fresh index (before any set is built)', () => {
    const probe = 'وقالت الحكومة حكومات المصريون وبالحكومة البترولية ستخفض الوقود عجزها موازنات وأوضحت لمستحقيها صندوقا دوليا والمصرية بالإصلاحات';
    const words = tokenizeWords(normalizeArabic(probe));
    const whole = buildStoryIndex([SOURCE], lexicon).forms;
    const answers = words.map((w) => buildStoryIndex([SOURCE], lexicon).hasAnyForm(wordForms(w)));
    expect(answers).toEqual(words.map((w) => wordForms(w).some((f) => whole.has(f))));
    expect(answers).toContain(true);
    expect(answers).toContain(false);
    // As written: a content word of the source itself, not one of its analyses.
    const written = new Set(tokenizeWords(normalizeArabic(`${SOURCE.title}\n${SOURCE.text}`)).filter((w) => !isStopWord(w)));
    const asWritten = words.map((w) => buildStoryIndex([SOURCE], lexicon).hasWritten(w));
    expect(asWritten).toEqual(words.map((w) => written.has(w)));
    expect(asWritten).toContain(true);
  });

  it('answers hasForm for forms of two letters as its materialised forms do, on a fresh index', () => {
    const story = { text: 'وقال إن الحل بيد الحكومة وإن حلها قريب، وإن الدولة تحتاج إلى كل دعم وأن مدته عام' };
    const whole = buildStoryIndex([story], lexicon).forms;
    const probes = ['حل', 'يد', 'كل', 'مد', 'مده', 'دعم', 'حلت', 'قل', 'عم', 'ال'];
    const answers = probes.map((f) => buildStoryIndex([story], lexicon).hasForm(f));
    expect(answers).toEqual(probes.map((f) => whole.has(f)));
    // «الحل» gives «حل», «مدته» gives «مده»; «بيد» is too short to lose its «ب».
    expect([answers[0], answers[4], answers[1]]).toEqual([true, true, false]);
  });

  it('answers hasKey as its materialised inflection keys do, on a fresh index', () => {
    const probe = 'وقالت الحكومة حكومات المصريون يعلن أعلنوا تعلنان البترولية ستخفض الوقود عجزها موازنات وأوضحت يوضحون لمستحقيها صندوقا دوليا الإصلاحات اتفقوا يتفق';
    const keys = [...new Set(tokenizeWords(normalizeArabic(probe)).flatMap((w) => wordKeys(w)))];
    const whole = buildStoryIndex([SOURCE], lexicon).keys;
    const fresh = buildStoryIndex([SOURCE], lexicon);
    const answers = keys.map((k) => fresh.hasKey(k));
    expect(answers).toEqual(keys.map((k) => whole.has(k)));
    expect(answers.filter(Boolean).length).toBeGreaterThan(5);
    expect(answers).toContain(false);
  });

  it('finds a form one edit from a source form as a scan of every form does, on a fresh index', () => {
    const whole = buildStoryIndex([SOURCE], lexicon).forms;
    const scan = (f: string): boolean => [...whole].some((g) => g.length >= Math.max(4, f.length - 1) && g.length <= f.length + 1 && withinOneEdit(f, g));
    // Each source form of four letters or more, changed once and twice: a letter swapped at the
    // middle, one dropped, one put in, the last one replaced (the «ه» of a feminine ending by «ت»).
    const probes = new Set<string>();
    for (const g of [...whole].filter((x) => x.length >= 4 && /^[\u0621-\u064A]+$/.test(x))) {
      const h = g.length >> 1;
      const swapped = g.slice(0, h - 1) + g[h] + g[h - 1] + g.slice(h + 1);
      probes.add(swapped);
      probes.add(g.slice(0, h) + g.slice(h + 1));
      probes.add(g.slice(0, 1) + 'ق' + g.slice(1));
      probes.add(g.slice(0, -1) + (g.endsWith('ه') ? 'ت' : 'ه'));
      probes.add(swapped.slice(0, -1) + 'ز');
      probes.add('م' + g.slice(0, -1) + 'ن');
    }
    const fresh = buildStoryIndex([SOURCE], lexicon);
    const list = [...probes].filter((f) => f.length >= 4);
    const answers = list.map((f) => fresh.hasNear(f, 4));
    expect(answers).toEqual(list.map(scan));
    expect(answers.filter(Boolean).length).toBeGreaterThan(50);
    expect(answers.filter((x) => !x).length).toBeGreaterThan(20);
    // Another shortest length on the same index is answered for itself, not from the answers for 4.
    const scan6 = (f: string): boolean => [...whole].some((g) => g.length >= Math.max(6, f.length - 1) && g.length <= f.length + 1 && withinOneEdit(f, g));
    const answers6 = list.map((f) => fresh.hasNear(f, 6));
    expect(answers6).toEqual(list.map(scan6));
    expect(answers6.filter((x, i) => x !== answers[i]).length).toBeGreaterThan(10);
  });

  it('finds a source word sharing a candidate root as a scan of the roots of every source word does', () => {
    // «مفتي» and «كورتني» have roots with a «ه» they do not spell: «مفته», «كورته» before the pronoun.
    const story = { title: 'مفتي الديار يصدر فتوى', text: `${SOURCE.text}\nوقالت زوجتي إن كورتني زارت مدينتي مع السفير السوفيتي.` };
    const idx = buildStoryIndex([story], lexicon);
    const storyWords = [...idx.positions.keys()].filter((k) => k.length >= 3 && !isStopWord(k));
    const rootedByScan = (w: string): boolean => rootCandidates(w).some((r) => storyWords.some((k) => rootCandidates(k).includes(r)));
    const probes = tokenizeWords(normalizeArabic('المفوه كره تكريم الكراهية زواج مدن مدينه سوفيات الافتاء استفتاء يفتي أعلنوا الوزارات يبترل مستحقون خفضها الموازين المعجزة صناديق'));
    const rooted = probes.map((w) => analyzeText(w, buildStoryIndex([story], lexicon), lexicon).words.find((u) => u.word === w)?.rooted);
    expect(rooted).toEqual(probes.map((w) => (analyzeText(w, idx, lexicon).words.some((u) => u.word === w) ? rootedByScan(w) : undefined)));
    expect(rooted.filter((x) => x === true).length).toBeGreaterThan(4);
    expect(rooted).toContain(false);
    expect(rooted[0]).toBe(true); // «المفوه» meets «مفتي» on «فوه»
  });

  it('lists its forms by length for the near check', () => {
    for (const n of [2, 4, 6]) expect(new Set(index.formsOfLength(n))).toEqual(new Set([...index.forms].filter((f) => f.length === n)));
  });
});

describe('withinOneEdit', () => {
  it('accepts one insertion, deletion, substitution or swap of neighbours, and nothing more', () => {
    expect(withinOneEdit('سورس', 'سوروس')).toBe(true);
    expect(withinOneEdit('الكنسيت', 'الكنيست')).toBe(true);
    expect(withinOneEdit('تونس', 'تونسي')).toBe(true);
    expect(withinOneEdit('تونس', 'باريس')).toBe(false);
  });
});

describe('word lists', () => {
  it('serializes counts with categories and reads them back', () => {
    const counted = countWordForms([
      { text: 'فاز الفريق بالمباراة والفريق سعيد', category: 'sport' },
      { text: 'ارتفع سعر النفط والفريق الاقتصادي يراقب', category: 'economy' },
    ]);
    const lex = parseWordCounts(serializeWordCounts(counted, { minCount: 1, maxForms: 100 }));
    expect(lex.count('والفريق')).toBe(2);
    expect(lex.docs('والفريق')).toEqual([1, 1]);
    expect(lex.categories).toEqual(['sport', 'economy']);
    expect(() => parseWordCounts('not a list')).toThrow(/word-freq/);
  });

  it('prepares the tables it derives from a list once: the same category distributions and profiles, kept when the word caches are emptied', () => {
    const counted = countWordForms([
      { text: 'فاز الفريق بالمباراة والفريق سعيد', category: 'sport' },
      { text: 'ارتفع سعر النفط والفريق الاقتصادي يراقب', category: 'economy' },
    ]);
    const text = serializeWordCounts(counted, { minCount: 1, maxForms: 100 });
    const lazy = parseWordCounts(text);
    const prepared = parseWordCounts(text);
    prepareLexicon(prepared);
    for (const w of ['والفريق', 'النفط', 'سعيد']) {
      expect(categoryVector(w, prepared)).toEqual(categoryVector(w, lazy));
      expect(profileWord(w, prepared)).toEqual(profileWord(w, lazy));
    }
    const before = categoryVector('والفريق', prepared);
    expect(before).toBeDefined();
    clearGuardCaches();
    // The very same table entry: emptying the word caches did not make the table again.
    const after = categoryVector('والفريق', prepared);
    expect(after?.buffer).toBe(before!.buffer);
    expect(after?.byteOffset).toBe(before!.byteOffset);
  });

  it('ships a list counted from tens of thousands of Arabic news words', () => {
    expect(lexicon.size).toBeGreaterThan(20_000);
    expect(lexicon.count('الحكومه')).toBeGreaterThan(100);
  });
});

describe('guardText', () => {
  it('passes a faithful paraphrase with the same figures in other digits', () => {
    expect(guardText('رفعت الحكومة المصرية أسعار الوقود 15 في المئة بعد أن وفرت 3.5 مليار جنيه من الدعم', index, lexicon).pass).toBe(true);
    expect(guardText('قال طارق الملا إن «الزيادة ضرورية لخفض عجز الموازنة»', index, lexicon).pass).toBe(true);
  });

  it('fails a changed figure, a changed scale, an invented quotation and an invented name', () => {
    expect(guardText('رفعت الحكومة أسعار الوقود 20 في المئة', index, lexicon).reasons).toEqual(['number']);
    expect(guardText('وفرت الحكومة 3.5 مليون جنيه من الدعم', index, lexicon).reasons).toEqual(['number']);
    expect(guardText('قال الوزير: «لن نرفع الأسعار مرة أخرى قبل نهاية العام المقبل»', index, lexicon).reasons).toContain('quote');
    const name = guardText('قال وزير البترول ماتياس فيلدكامب إن الزيادة ضرورية', index, lexicon);
    expect(name.reasons).toContain('name');
  });

  it('fails a sentence of another story appended to a faithful one (novel)', () => {
    const r = guardText('رفعت الحكومة المصرية أسعار الوقود 15 في المئة. وتوج فريق برشلونة بلقب الدوري الإسباني بعد فوزه على ريال مدريد في ملعب كامب نو.', index, lexicon);
    expect(r.pass).toBe(false);
    expect(r.reasons.some((x) => x === 'novel' || x === 'name')).toBe(true);
  });

  it('checks only figures, Latin-script names and Latin quotations against a translated original', () => {
    const en = buildStoryIndex([{ text: 'Egypt raised fuel prices by 15% on Friday, oil minister Tarek El Molla said.', foreign: true }], lexicon);
    expect(en.translated).toBe(true);
    expect(guardText('رفعت مصر أسعار الوقود بنسبة 15 في المئة يوم الجمعة', en, lexicon).pass).toBe(true);
    expect(guardText('رفعت مصر أسعار الوقود بنسبة 25 في المئة', en, lexicon).reasons).toEqual(['number']);
    expect(guardText('قال وزير البترول Molla إن الأسعار ارتفعت', en, lexicon).pass).toBe(true);
    expect(guardText('قال وزير البترول Madbouly إن الأسعار ارتفعت', en, lexicon).reasons).toEqual(['name']);
  });
});

describe('checkOutput', () => {
  it('fails English (language), more than 30 words (length) and a link that is not a source\'s (link)', () => {
    expect(checkOutput('Egypt raised fuel prices by fifteen percent on Friday').reasons).toEqual(['language']);
    expect(checkOutput(Array.from({ length: 31 }, () => 'كلمة').join(' ')).reasons).toEqual(['length']);
    const links = new Set([normalizeLink(SOURCE.url)]);
    expect(checkOutput('التفاصيل في https://cairo-news.example/fuel/', { sourceLinks: links }).pass).toBe(true);
    expect(checkOutput('التفاصيل والجوائز في http://win-prizes.example/now', { sourceLinks: links }).reasons).toEqual(['link']);
  });

  it('guardBullet joins the source checks and the output checks', () => {
    expect(guardBullet('رفعت الحكومة المصرية أسعار الوقود 15 في المئة، والتفاصيل في http://win-prizes.example', index, lexicon).reasons).toEqual(expect.arrayContaining(['link']));
  });
});

describe('checkStoryShape', () => {
  it('reads a headline and bullets with their sources, and says parse otherwise', () => {
    expect(checkStoryShape({ headline: 'عنوان', bullets: [{ text: 'نقطة', sources: [1, 9, '2'] }, 'نقطة ثانية'] }, 2)).toEqual({
      story: { headline: 'عنوان', bullets: [{ text: 'نقطة', sources: [1, 2] }, { text: 'نقطة ثانية', sources: [] }] },
    });
    expect(checkStoryShape({ bullets: [] }, 1)).toMatchObject({ reason: 'parse' });
    expect(checkStoryShape('نص', 1)).toMatchObject({ reason: 'parse' });
  });
});

describe('FormTable', () => {
  it('finds every form of the shipped list at its place, and no form it lacks', () => {
    const forms = [...lexicon.forms!()];
    const table = new FormTable(forms);
    expect(forms.length).toBeGreaterThan(20_000);
    forms.forEach((f, i) => expect(table.place(f)).toBe(i));
    for (const absent of ['زوبيرسكي', 'والزوبيرسكيون', 'xqzv', '']) expect(table.place(absent)).toBe(-1);
    // The 53-bit hashes of the list's forms are all distinct.
    expect(new Set(forms.map(formHash)).size).toBe(forms.length);
  });

  it('tells apart forms of the same hash by their letters; a lacking form is taken for a held one only when their hashes are equal', () => {
    // A hash by length: «بيت» and «قلم» meet, «مدرسة» is alone.
    const table = new FormTable(['بيت', 'قلم', 'مدرسة', 'و'], (f) => f.length);
    expect(table.place('بيت')).toBe(0);
    expect(table.place('قلم')).toBe(1);
    expect(table.place('مدرسة')).toBe(2);
    expect(table.place('و')).toBe(3);
    expect(table.place('باب')).toBe(-1); // a shared hash: compared by letters
    expect(table.place('جامعة')).toBe(2); // the hash alone decides: the trade the real hash makes at 53 bits
    expect(table.place('مستشفيات')).toBe(-1);
    for (const f of ['بيت', 'قلم', 'مدرسة', 'و', 'باب', 'جامعة', 'مستشفيات']) expect(table.placeOfHash(table.hashOf(f), f)).toBe(table.place(f));
  });
});

describe('StringIds', () => {
  it('numbers strings in order of first addition as a Map does, through growth and shared slots', () => {
    const words = [...lexicon.forms!()].filter((_, i) => i % 7 === 0);
    const stream = [...words, ...words.slice(0, 500), 'x', '', 'x', 'A', 'a', ...words.slice(100, 900).reverse()];
    const ids = new StringIds(4);
    const map = new Map<string, number>();
    for (const w of stream) {
      const had = map.has(w);
      if (!had) map.set(w, map.size);
      expect(ids.add(w)).toBe(map.get(w));
      expect(ids.added).toBe(!had);
    }
    expect(ids.size).toBe(map.size);
    expect(ids.words).toEqual([...map.keys()]);
    for (const w of [...map.keys()]) expect(ids.get(w)).toBe(map.get(w));
    for (const w of ['زوبيرسكي', 'y', 'xx', 'qqqq']) expect(map.has(w) ? -2 : ids.get(w)).toBe(-1);
  });
});

describe('topic accumulator', () => {
  it('sums many forms at once exactly as one after another', () => {
    const forms = [...lexicon.forms!()].filter((_, i) => i % 97 === 0).concat(['زوبيرسكي', 'الحكومه', 'xqzv']);
    const times = forms.map((_, i) => 1 + (i % 5));
    const one = createTopicAccumulator(lexicon);
    forms.forEach((f, i) => one.addForm(f, times[i]));
    const many = createTopicAccumulator(lexicon);
    many.addForms(forms, times, forms.length);
    expect(forms.length).toBeGreaterThan(500);
    expect(Array.from(many.vector()!)).toEqual(Array.from(one.vector()!));
    const part = createTopicAccumulator(lexicon);
    part.addForms(forms, times, 3);
    const first3 = createTopicAccumulator(lexicon);
    forms.slice(0, 3).forEach((f, i) => first3.addForm(f, times[i]));
    expect(Array.from(part.vector()!)).toEqual(Array.from(first3.vector()!));
  });
});
