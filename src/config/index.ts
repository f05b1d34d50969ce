/** Configuration: one zod schema and the loader that applies it to files and the environment. */
export { briefingProblems, jsonProblem, loadConfig, allowHostsFromEnv, fetchAllowHosts, fetchTimeoutMs, llmModeProblem } from './load-config.js';
export type { BriefingWarning, LoadConfigOptions } from './load-config.js';
export { BRIEFING_SCHEMA, isValidTimeZone } from './schema.js';
export type { Config } from './schema.js';
