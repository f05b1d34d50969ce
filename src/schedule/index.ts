/** The schedule: a node-cron tick every minute that plans the deliveries that are due. */
export { createSchedule } from './schedule.js';
export type { RetentionDays, Schedule, ScheduleDeps, TickResult } from './schedule.js';
export { createLeaseKeeper } from './lease-keeper.js';
export type { LeaseKeeper, LeaseKeeperDeps, LeaseKeeperOptions } from './lease-keeper.js';
export { createFeedPoller, feedLeaseName, DEFAULT_FEED_POLLER_OPTIONS } from './feed-poller.js';
export type { FeedPoller, FeedPollerDeps, FeedPollerOptions, PolledFeed, PollRound } from './feed-poller.js';
