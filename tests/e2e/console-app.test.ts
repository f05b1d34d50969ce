/** The offline default in-process: the console shows the morning briefing once at start, whether or not its slot is due. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { SILENT_LOGGER } from '../../src/core/ports.js';
import { instanceRoot } from './instances.js';
import { writeFileSync } from 'node:fs';

async function startAt(iso: string): Promise<string[]> {
  const root = instanceRoot({ concurrency: 2 });
  writeFileSync(join(root, 'config', 'local.json'), JSON.stringify({ port: 0 }));
  const config = loadConfig({ root, env: { SQLITE_PATH: join(root, 'data', 'b.db') } });
  const out: string[] = [];
  const app = await createApp(config, { root, log: SILENT_LOGGER, now: () => new Date(iso), write: (t) => out.push(t) });
  await app.start();
  await app.stop();
  return out;
}

describe('npm start on the console', () => {
  it('prints the briefing once when its slot is due (the scheduled delivery prints it)', async () => {
    const out = await startAt('2026-11-29T05:00:00Z'); // 08:00 in Riyadh: the 07:00 slot is due
    expect(out.filter((t) => t.includes('موجز الصباح — 2026-11-29'))).toHaveLength(1);
  });
  it('prints the briefing once at start before its slot', async () => {
    const out = await startAt('2026-11-29T02:00:00Z'); // 05:00 in Riyadh
    expect(out.filter((t) => t.includes('موجز الصباح — 2026-11-29'))).toHaveLength(1);
  });
});
