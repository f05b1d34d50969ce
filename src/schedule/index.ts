/** The schedule: a node-cron tick every minute that delivers the editions that are due. */
export { createSchedule } from './schedule.js';
export type { Schedule, ScheduleDeps } from './schedule.js';
