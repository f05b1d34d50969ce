/** The Telegram channel: the bot (one Composer per command), its transport, HTML rendering within Telegram's limits, and the publisher. */
export { createTelegramChannel, deriveWebhookSecret } from './channel.js';
export type { TelegramChannel, TelegramChannelDeps } from './channel.js';
export { ALLOWED_UPDATES, createTelegramBot } from './bot.js';
export type { TelegramBotDeps } from './bot.js';
export { renderTelegram, telegramLength, TELEGRAM_MAX_CHARS } from './render.js';
export type { TelegramRenderOptions } from './render.js';
export { createTelegramPublisher, classifyTelegramError, telegramRateRules } from './publisher.js';
export type { TelegramPublisherOptions } from './publisher.js';
