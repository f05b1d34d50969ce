/** The use cases the channels and the schedule call: compose editions, brief on demand. */
export { createBriefingService } from './briefing-service.js';
export type { BriefingService, BriefingServiceDeps } from './briefing-service.js';
export { filterBriefing } from '../composer/index.js';
