/** Delivery: the outbox worker over the ledger, with pacing, retries and the channels' error classes. */
export { createDeliveryEngine } from './engine.js';
export type { DeliveryEngine, DeliveryEngineDeps, DeliveryEngineOptions } from './engine.js';
export { createRateLimiter } from './rate-limiter.js';
export type { RateLimiter } from './rate-limiter.js';
