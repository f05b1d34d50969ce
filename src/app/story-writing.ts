/** The app's LLM mode: the model client behind the guard, built from the configuration (src/llm imported only then). */
import { fileURLToPath } from 'node:url';
import { llmModeProblem, type Config } from '../config/index.js';
import { ConfigError } from '../core/errors.js';
import type { ComposerMetrics, Logger } from '../core/ports.js';
import type { GuardJournal, StoryWriting } from '../service/index.js';

/** The mark of AI-written items in messages when composer.markAiText is on. */
const AI_LABEL = 'ملخص آلي';

/** An endpoint as logs show it: scheme, host and path, never credentials or a query. */
function endpointForLog(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

/**
 * LLM mode (composer.mode "llm"): the model client (src/llm, imported only then), the guard's
 * lexicon, and where rejections go (the log, /metrics, the dashboard's journal). Undefined in
 * extractive mode. Throws the one ConfigError of a missing endpoint.
 */
export async function createStoryWriting(config: Config, log: Logger, metrics: ComposerMetrics): Promise<{ writing: StoryWriting; journal: GuardJournal } | undefined> {
  if (config.composer.mode !== 'llm') return undefined;
  const problem = llmModeProblem(config);
  if (problem) throw new ConfigError(`Invalid configuration:\n  - ${problem}`, [problem]);
  const llm = config.composer.llm;
  const [{ createOpenAiStoryWriter, DEFAULT_STORY_PROMPT_OPTIONS }, { loadWordLexicon, WORD_FREQ_PATH }, { createGuardJournal }, { DEFAULT_GUARD_STORY_OPTIONS, prepareLexicon }] = await Promise.all([
    import('../llm/index.js'),
    import('../eval/guard-eval.js'),
    import('../service/index.js'),
    import('../composer/index.js'),
  ]);
  const writer = createOpenAiStoryWriter(
    {
      baseUrl: llm.baseUrl!,
      model: llm.model!,
      ...(llm.apiKey ? { apiKey: llm.apiKey } : {}),
      timeoutMs: llm.timeoutMs,
      concurrency: llm.concurrency,
      maxOutputTokens: llm.maxOutputTokens,
      prompt: { ...DEFAULT_STORY_PROMPT_OPTIONS, maxInputTokens: llm.maxInputTokens, maxBullets: config.composer.maxBullets, maxBulletWords: config.composer.maxBulletWords },
    },
    { log, metrics: { tokens: (u) => metrics.tokens(u), outcome: (o) => metrics.outcome(o) } },
  );
  // A wrong URL, a refused key or a misspelt model is said at start, not at the first edition (the start goes on).
  void writer.check().then((c) => {
    const fields = { endpoint: endpointForLog(llm.baseUrl!), model: llm.model, detail: c.detail };
    if (c.ok) log.info(fields, 'model endpoint checked at start');
    else log.warn(fields, 'model endpoint check at start failed: stories are written extractively while calls fail');
  });
  const journal = createGuardJournal();
  const lexicon = loadWordLexicon(fileURLToPath(WORD_FREQ_PATH));
  // Its tables now, so that the first edition's guard does not pay for them.
  prepareLexicon(lexicon);
  log.info(
    { endpoint: endpointForLog(llm.baseUrl!), model: llm.model, apiKey: llm.apiKey ? 'set' : 'none', maxStories: llm.maxStories, concurrency: llm.concurrency, timeoutMs: llm.timeoutMs, maxOutputTokens: llm.maxOutputTokens },
    'composer in LLM mode: a model writes the top stories, the guard checks every bullet, extractive is the fallback',
  );
  return {
    journal,
    writing: {
      writer,
      lexicon,
      maxStories: llm.maxStories,
      // The guard holds bullets to the length the prompt asks for.
      guard: { ...DEFAULT_GUARD_STORY_OPTIONS, maxBulletWords: config.composer.maxBulletWords },
      ...(config.composer.markAiText ? { aiLabel: AI_LABEL } : {}),
      onRejection: (r) => {
        journal.record(r);
        for (const reason of r.reasons) metrics.guardRejection(r.target, reason);
      },
    },
  };
}
