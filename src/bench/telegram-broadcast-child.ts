/**
 * The broadcasting instance of `npm run bench -- telegram`, in a process of its own so that its
 * peak RSS is the app's, not the set-up's or the fake server's. Arguments: SQLite path, Bot API
 * root, bot token, concurrency. Prints one JSON line: { seconds, rssMb }.
 */
import { createTelegramPublisher } from '../channels/telegram/index.js';
import { SILENT_LOGGER } from '../core/ports.js';
import { createSqliteStore } from '../store/index.js';
import { assembleDelivery, assembleService } from '../wiring.js';

const [dbPath, apiRoot, token, concurrency] = process.argv.slice(2);
const store = createSqliteStore({ path: dbPath! });
const parts = { store, definitions: [], clock: { now: () => new Date() }, log: SILENT_LOGGER, owner: 'bench' };
const { engine } = assembleDelivery({
  ...parts,
  service: assembleService(parts),
  publishers: { telegram: createTelegramPublisher({ token: token!, apiRoot: apiRoot! }) },
  delivery: { concurrency: Number(concurrency ?? 32), batchSize: 128 },
});
const started = performance.now();
engine.start();
for (;;) {
  const c = await store.countDeliveries();
  if ((c.pending ?? 0) + (c.claimed ?? 0) + (c.sending ?? 0) === 0) break;
  await new Promise((r) => setTimeout(r, 200));
}
const seconds = (performance.now() - started) / 1000;
await engine.stop(5000);
await store.close();
process.stdout.write(`${JSON.stringify({ seconds, rssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
