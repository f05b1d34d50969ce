/** The Telegram channel: the bot (one Composer per command), its transport, HTML rendering within Telegram's limits, and the publisher. */
export { createTelegramChannel, deriveWebhookSecret } from './channel.js';
export type { TelegramChannel, TelegramChannelDeps } from './channel.js';
export { createTelegramBot } from './bot.js';
export type { TelegramBotDeps } from './bot.js';
export { renderTelegram, renderItem, escapeHtml, visibleText, telegramLength, editionLinkHtml, TELEGRAM_MAX_CHARS, TELEGRAM_TEXT_CAPS } from './render.js';
export type { TelegramRenderOptions } from './render.js';
export { createTelegramPublisher, classifyTelegramError, telegramRateRules } from './publisher.js';
export type { TelegramPublisherOptions } from './publisher.js';
export { COMMANDS } from './texts.js';
