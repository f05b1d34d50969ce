/** Configuration: one zod schema and the loader that applies it to files and the environment. */
export { loadConfig, allowHostsFromEnv, ENV_KEYS, llmModeProblem } from './load-config.js';
export type { LoadConfigOptions } from './load-config.js';
export { CONFIG_SCHEMA, BRIEFING_SCHEMA, HHMM, TIME_ZONE, isValidTimeZone } from './schema.js';
export type { Config } from './schema.js';
