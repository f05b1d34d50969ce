/** The console channel: shows briefings in the terminal; always available, no token needed. */
export { createConsoleChannel } from './console-channel.js';
export type { ConsoleChannel, ConsoleChannelDeps } from './console-channel.js';
export { createConsolePublisher } from './console-publisher.js';
export type { ConsolePublisherOptions } from './console-publisher.js';
export { renderConsole } from './render.js';
export type { ConsoleRenderOptions } from './render.js';
