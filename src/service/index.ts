/** The use cases the channels and the schedule call: compose editions, brief on demand, manage subscriptions. */
export { createBriefingService } from './briefing-service.js';
export type { BriefingService, BriefingServiceDeps } from './briefing-service.js';
export { viewFor } from './audience-view.js';
export { parseDeliveryTime } from './parse-delivery-time.js';
export type { ParsedDeliveryTime } from './parse-delivery-time.js';
