/** A start with one briefing file that is not JSON: the file is logged once with what to fix, and the bot runs the others (fake Bot API). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type BriefingApp } from '../../src/app.js';
import { startFakeBotApi, type FakeBotApi } from '../../src/bench/fakes/fake-bot-api.js';
import { loadConfig, type BriefingWarning } from '../../src/config/index.js';
import { recordingLog } from '../support/recording-log.js';
import { instanceRoot } from './instances.js';

const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ';
let fake: FakeBotApi | undefined;
let app: BriefingApp | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
  await fake?.close();
});

async function waitFor(pred: () => boolean, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) if (pred()) return;
  throw new Error('timed out');
}

describe('a start with a malformed briefing file', () => {
  it('logs the file once, as a warning with its path and what to fix, and answers in Telegram with the briefings that loaded', async () => {
    fake = await startFakeBotApi({ token: TOKEN });
    const root = instanceRoot({ concurrency: 4 });
    const morning = JSON.parse(readFileSync(join(root, 'briefings', 'morning.json'), 'utf8')) as Record<string, unknown>;
    // A comma forgotten after the title.
    writeFileSync(join(root, 'briefings', 'evening.json'), '{\n  "id": "evening",\n  "title": "موجز المساء"\n  "deliveryTime": "19:00"\n}\n');
    writeFileSync(join(root, 'briefings', 'noon.json'), JSON.stringify({ ...morning, id: 'noon', title: 'موجز الظهيرة', deliveryTime: '12:00' }));
    const briefingWarnings: BriefingWarning[] = [];
    const config = loadConfig({
      root,
      env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, SQLITE_PATH: join(root, 'data', 'b.db') },
      onBriefingLeftOut: (w) => briefingWarnings.push(w),
    });
    const log = recordingLog();
    app = await createApp(config, { root, log, now: () => new Date('2026-11-29T02:00:00Z'), briefingWarnings });
    await app.start();
    const update = {
      update_id: 1,
      message: { message_id: 1, date: 0, chat: { id: 77, type: 'private' }, from: { id: 77, is_bot: false, first_name: 'علي' }, text: '/briefings', entities: [{ type: 'bot_command', offset: 0, length: 10 }] },
    };
    fake.pushUpdate(update);
    await waitFor(() => fake!.messages.length > 0);
    expect(fake.messages[0]!.text).toContain('موجز الصباح');
    expect(fake.messages[0]!.text).toContain('موجز الظهيرة');
    expect(fake.messages[0]!.text).not.toContain('موجز المساء');
    const told = log.lines.filter((l) => l.msg.includes('evening.json'));
    expect(told).toHaveLength(1);
    expect(told[0]!.level).toBe('warn');
    expect(told[0]!.obj.file).toBe('briefings/evening.json');
    expect(told[0]!.msg).toMatch(/^briefings\/evening\.json: left out, the other briefings run: not valid JSON at line 4, column 3: a comma expected/);
    expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
