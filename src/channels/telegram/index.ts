/** The Telegram channel: HTML rendering within Telegram's limits, and the publisher for the delivery engine. */
export { renderTelegram, renderItem, escapeHtml, visibleText, telegramLength, TELEGRAM_MAX_CHARS } from './render.js';
export { createTelegramPublisher, classifyTelegramError, telegramRateRules } from './publisher.js';
export type { TelegramPublisherOptions } from './publisher.js';
export { createTelegramBot, registerCommands, parseTimeArgs, COMMANDS } from './bot.js';
export type { TelegramBotDeps } from './bot.js';
export { startTelegramTransport } from './transport.js';
export type { TelegramTransportOptions } from './transport.js';
