/**
 * One app instance with its Telegram channel on, for the multi-instance Telegram tests: the real
 * app against the fake Bot API (TELEGRAM_API_ROOT) and the store of DATABASE_URL. It prints one
 * JSON line with its port once started, and runs until SIGTERM (or SIGKILL).
 */
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import type { Logger } from '../../src/core/ports.js';

const log: Logger = {
  debug() {},
  info() {},
  warn() {},
  error(o, msg) {
    process.stderr.write(`${msg} ${JSON.stringify(o)}\n`);
  },
};
const config = loadConfig({ root: process.env.ROOT!, env: process.env });
const app = await createApp(config, { root: process.env.ROOT!, log });
await app.start();
process.stdout.write(`${JSON.stringify({ port: app.port(), pid: process.pid })}\n`);
process.once('SIGTERM', () => void app.stop().then(() => process.exit(0)));
