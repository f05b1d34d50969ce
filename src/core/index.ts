/** Types, ports, errors and the small helpers shared by every module; depends on nothing. */
export * from './types.js';
export * from './ports.js';
export * from './errors.js';
export * from './time.js';
export * from './subscriptions.js';
export * from './send-parts.js';
export * from './topic-classes.js';
export * from './content-hash.js';
export * from './url-secrets.js';
export * from './retry-after.js';
