/** The Slack channel: /briefing through bolt (a router and one file per sub-command), Block Kit rendering, and the publisher. */
export { createSlackChannel } from './app.js';
export type { SlackAppDeps, SlackChannel } from './app.js';
export { renderSlack, SLACK_MAX_BLOCKS, SLACK_MAX_SECTION_CHARS } from './render.js';
export type { SlackRenderOptions } from './render.js';
export type { SlackBlock, SlackMessage } from './render.js';
export { createSlackPublisher, classifySlackError } from './publisher.js';
export type { SlackPublisherOptions } from './publisher.js';
