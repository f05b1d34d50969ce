import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/delivery/index.js';

describe('createRateLimiter', () => {
  it('spaces sends to one chat 1 s apart', () => {
    const l = createRateLimiter();
    const rules = [{ key: 'chat:1', limit: 1, perMs: 1000 }];
    expect([l.reserve(rules, 0), l.reserve(rules, 0), l.reserve(rules, 0)]).toEqual([0, 1000, 2000]);
  });

  it('gives back a reservation that did not go out: the next send takes its place', () => {
    const l = createRateLimiter();
    const rules = [{ key: 'global', limit: 2, perMs: 1000 }];
    expect(l.reserve(rules, 0)).toBe(0);
    l.release(rules, 0);
    expect([l.reserve(rules, 0), l.reserve(rules, 0), l.reserve(rules, 0)]).toEqual([0, 0, 1000]);
  });

  it('keeps a given-back instant in a full window, whose earlier instants it pushed out', () => {
    const l = createRateLimiter();
    const rules = [{ key: 'chat:1', limit: 1, perMs: 1000 }];
    expect([l.reserve(rules, 0), l.reserve(rules, 0)]).toEqual([0, 1000]);
    // The send at 0 went out, the one at 1000 did not; the window no longer holds 0.
    l.release(rules, 1000);
    expect(l.reserve(rules, 500)).toBe(1500);
  });

  it('lets 30 sends through per second overall, then waits', () => {
    const l = createRateLimiter();
    const waits = Array.from({ length: 31 }, (_, i) => l.reserve([{ key: 'global', limit: 30, perMs: 1000 }, { key: `chat:${i}`, limit: 1, perMs: 1000 }], 0));
    expect(waits.slice(0, 30).every((w) => w === 0)).toBe(true);
    expect(waits[30]).toBe(1000);
  });

  it('applies every rule: 20 per minute in a group even when the chat rule allows more', () => {
    const l = createRateLimiter();
    const rules = [{ key: 'group:-1', limit: 20, perMs: 60_000 }];
    const waits = Array.from({ length: 21 }, () => l.reserve(rules, 0));
    expect(waits[19]).toBe(0);
    expect(waits[20]).toBe(60_000);
  });

  it('keeps to its share of a bot-wide rule when instances share the bot, and to all of a chat rule', () => {
    const l = createRateLimiter();
    l.setShare(2);
    const bot = { key: 'telegram:global', limit: 30, perMs: 1000, scope: 'bot' as const };
    const waits = Array.from({ length: 31 }, (_, i) => l.reserve([bot, { key: `chat:${i}`, limit: 1, perMs: 1000 }], 0));
    // 15 a second for this instance, bursts included: the other takes the other 15.
    expect(waits.slice(0, 15).every((w) => w === 0)).toBe(true);
    expect(waits[15]).toBe(1000);
    expect(waits[30]).toBe(2000);
    // A rule of one send per window: windows twice as long.
    const spacing = { key: 'telegram:spacing', limit: 1, perMs: 34, scope: 'bot' as const };
    expect([l.reserve([spacing], 0), l.reserve([spacing], 0)]).toEqual([0, 68]);
    const chat = [{ key: 'chat:x', limit: 1, perMs: 1000 }];
    expect([l.reserve(chat, 0), l.reserve(chat, 0)]).toEqual([0, 1000]);
    l.setShare(1);
    expect(l.share()).toBe(1);
  });

  it('holds the bot-wide sends of a joining instance until the others have shrunk and their window has passed', () => {
    const l = createRateLimiter();
    l.setShare(2);
    l.holdShared(4_000);
    const bot = { key: 'telegram:global', limit: 30, perMs: 1000, scope: 'bot' as const };
    const chat = { key: 'chat:1', limit: 1, perMs: 1000 };
    // The bot-wide rule waits for the hold and one whole window after it; a chat rule alone does not.
    expect(l.reserve([bot, chat], 0)).toBe(5_000);
    expect(l.reserve([{ key: 'chat:2', limit: 1, perMs: 1000 }], 0)).toBe(0);
    // After the hold, this instance's share as before: 15 a second.
    const waits = Array.from({ length: 15 }, () => l.reserve([bot], 5_000));
    expect(waits.slice(0, 14).every((w) => w === 0)).toBe(true);
    expect(waits[14]).toBe(1000);
    // A hold never moves earlier.
    l.holdShared(1_000);
    expect(l.reserve([{ key: 'telegram:spacing', limit: 1, perMs: 34, scope: 'bot' as const }], 0)).toBe(4_000 + 34);
  });

  it('moves a late send to the instant it left, so that the next ones keep their distance from it', () => {
    const l = createRateLimiter();
    const spacing = [{ key: 'spacing', limit: 1, perMs: 100 }];
    expect([l.reserve(spacing, 0), l.reserve(spacing, 0)]).toEqual([0, 100]);
    // The first left at 250 instead of 0 (the second's reservation already pushed it out of the window).
    l.settle(spacing, 0, 250);
    expect(l.reserve(spacing, 250)).toBe(100);
    // A window of 30 a second: 20 left at 0, 10 were late and left at 500.
    const l2 = createRateLimiter();
    const bot = [{ key: 'bot', limit: 30, perMs: 1000 }];
    for (let i = 0; i < 30; i++) l2.reserve(bot, 0);
    for (let i = 0; i < 10; i++) l2.settle(bot, 0, 500);
    // At 1,000 the 20 have left the window: 20 more may go at once, the next waits for the late 10.
    const waits = Array.from({ length: 21 }, () => l2.reserve(bot, 1000));
    expect(waits.slice(0, 20).every((w) => w === 0)).toBe(true);
    expect(waits[20]).toBe(500);
    // Without the settle, the 21st would have gone at once too.
    const l3 = createRateLimiter();
    for (let i = 0; i < 30; i++) l3.reserve(bot, 0);
    expect(Array.from({ length: 21 }, () => l3.reserve(bot, 1000))[20]).toBe(0);
  });

  it('holds one destination after a retry-after and leaves the others alone', () => {
    const l = createRateLimiter();
    l.block('dest:a', 5_000);
    expect(l.reserve([{ key: 'dest:a', limit: 100, perMs: 1 }], 0)).toBe(5_000);
    expect(l.reserve([{ key: 'dest:b', limit: 100, perMs: 1 }], 0)).toBe(0);
  });
});
