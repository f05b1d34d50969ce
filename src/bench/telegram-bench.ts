/**
 * `npm run bench -- telegram`: one edition broadcast to many subscribers through the fake Bot API
 * at Telegram's limits (30 messages/s overall), by the real engine and publisher on a SQLite
 * file. Reports messages/s sustained, lost and duplicate messages, 429s and whether each was
 * honoured, and peak RSS. The floor is the limit itself: 30 messages/s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeBriefing, composeDigest } from '../composer/index.js';
import { createSqliteStore } from '../store/index.js';
import { startFakeBotApi } from './fakes/fake-bot-api.js';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const TOKEN = '123456:BENCH-TOKEN';

/** Runs the broadcast and prints the report. */
export async function runTelegramBench(options: { subscribers: number; concurrency: number; write: (line: string) => void }): Promise<{ perSecond: number; lost: number; duplicates: number; earlyRetries: number; rssMb: number }> {
  const { write } = options;
  const dir = mkdtempSync(join(tmpdir(), 'briefing-tg-bench-'));
  // The fake keeps no message texts here: its memory is not the bot's.
  const fake = await startFakeBotApi({ token: TOKEN, keepText: false });
  try {
    const store = createSqliteStore({ path: join(dir, 'bench.db') });
    // One chat in ten is a group (negative id), as in real audiences.
    const chats = Array.from({ length: options.subscribers }, (_, i) => (i % 10 === 0 ? `-100${i}` : String(10_000 + i)));
    for (const c of chats) await store.upsertSubscription({ platform: 'telegram', destination: c, briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 0);
    const digest = composeDigest({
      id: 'bench',
      title: 'المغرب يدعو إلى تعاون استخباراتي عادل في مواجهة المخاطر',
      source: { name: 'عينة', url: 'https://example.com/a' },
      sections: [{ paragraphs: ['دعا المغرب إلى تعاون أمني عادل ومتكافئ بين الدول في مواجهة المخاطر المشتركة، وقال مسؤول إن التعاون مع إسبانيا بلغ 37 في المئة.'] }],
    });
    const briefing = composeBriefing([digest], { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', topics: [] });
    const edition = await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing }, 0);
    await store.enqueueDeliveries(edition.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', 0);
    await store.close();
    write(`telegram bench: ${options.subscribers} subscribers (${chats.filter((c) => c.startsWith('-')).length} groups), concurrency ${options.concurrency}, fake Bot API at 30 messages/s`);
    // The broadcast runs in a process of its own, like the app would: its peak RSS is the app's.
    // Asynchronously: the fake server answers from this process meanwhile.
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./telegram-broadcast-child.ts', import.meta.url)), join(dir, 'bench.db'), fake.apiRoot, TOKEN, String(options.concurrency)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    if (code !== 0) throw new Error(`broadcast failed: ${stderr.split('\n').slice(-5).join(' ')}`);
    const { seconds, rssMb } = JSON.parse(stdout) as { seconds: number; rssMb: number };
    const check = createSqliteStore({ path: join(dir, 'bench.db') });
    const counts = await check.countDeliveries();
    await check.close();
    const perChat = new Map<string, number>();
    for (const m of fake.messages) perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
    const lost = chats.filter((c) => !perChat.has(c)).length;
    const duplicates = [...perChat.values()].filter((n) => n > 1).length;
    const perSecond = fake.stats.accepted / seconds;
    write(`${fake.stats.accepted} messages in ${seconds.toFixed(1)} s: ${perSecond.toFixed(1)} messages/s sustained (${((perSecond / 30) * 100).toFixed(0)} % of the 30/s limit)`);
    write(`lost ${lost}, duplicates ${duplicates}, ledger ${JSON.stringify(counts)}`);
    write(`429 answered ${fake.stats.tooManyRequests}, retried before retry_after ${fake.stats.earlyRetries}`);
    write(`peak RSS of the broadcasting process: ${rssMb.toFixed(0)} MB`);
    return { perSecond, lost, duplicates, earlyRetries: fake.stats.earlyRetries, rssMb };
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
