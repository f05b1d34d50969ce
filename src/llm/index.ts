/**
 * The model client: writes a story's headline and bullets through any OpenAI-compatible
 * chat-completions server. Imports only core (the StoryWriter port) and the `openai` package; the
 * guard in composer/guard checks everything it returns before a reader sees it.
 *
 * @example
 * import { createOpenAiStoryWriter } from './llm/index.js';
 * const writer = createOpenAiStoryWriter({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b' });
 * const written = await writer.writeStory({ id, articles: [{ outlet, title, text, url, language: 'ar' }] });
 */
export { createOpenAiStoryWriter, retryAfterMs, DEFAULT_LLM_WRITER_OPTIONS, NO_LLM_METRICS } from './openai-story-writer.js';
export type { LlmEndpointCheck, LlmStoryWriter, LlmWriteResult, LlmOutcome, LlmMetrics, LlmWriterOptions, LlmWriterDeps } from './openai-story-writer.js';
export { buildStoryMessages, systemPrompt, storyJsonSchema, estimateTokens, trimToTokens, shareBudget, PROMPT_VERSION, DEFAULT_STORY_PROMPT_OPTIONS } from './story-prompt.js';
export type { StoryPromptOptions } from './story-prompt.js';
export { extractJsonObject, parseStoryAnswer } from './parse-story-json.js';
export { createCircuitBreaker, DEFAULT_CIRCUIT_BREAKER_OPTIONS } from './circuit-breaker.js';
export type { CircuitBreaker, CircuitBreakerOptions, CircuitPass, CircuitState } from './circuit-breaker.js';
export { createLimiter } from './limiter.js';
export type { Limiter } from './limiter.js';
