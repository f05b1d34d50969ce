/** The model client's pure parts: reading answers, the prompt and its budget, the breaker, the limiter, Retry-After. */
import { describe, expect, it } from 'vitest';
import { buildStoryMessages, createCircuitBreaker, createLimiter, extractJsonObject, parseStoryAnswer, retryAfterMs, shareBudget, trimToTokens } from '../../src/llm/index.js';
import { ARABIC_STORY, GOOD_ANSWER } from './story-fixtures.js';

describe('extractJsonObject', () => {
  it('finds the object as is, in a code fence, or in prose (braces inside strings respected)', () => {
    expect(extractJsonObject(GOOD_ANSWER)).toMatchObject({ headline: expect.any(String) });
    expect(extractJsonObject('```json\n{"a": 1}\n```')).toEqual({ a: 1 });
    expect(extractJsonObject('هذا هو الملخص: {"a": "نص فيه } قوس", "b": [1]} شكرا')).toEqual({ a: 'نص فيه } قوس', b: [1] });
    expect(extractJsonObject('لا يوجد شيء هنا')).toBeUndefined();
    expect(extractJsonObject('{"a": ')).toBeUndefined();
  });
});

describe('extractJsonObject: the slips of a model no schema holds', () => {
  it('reads an object with trailing commas or a line break inside a string, and still nothing from a cut one', () => {
    expect(extractJsonObject('{"headline": "عنوان", "bullets": [{"text": "نقطة", "sources": [1, 2,],},],}')).toEqual({ headline: 'عنوان', bullets: [{ text: 'نقطة', sources: [1, 2] }] });
    expect(extractJsonObject('```json\n{"headline": "عنوان\nثان", "bullets": []}\n```')).toEqual({ headline: 'عنوان\nثان', bullets: [] });
    // A comma inside a string is text, not a slip.
    expect(extractJsonObject('{"headline": "أ ,}", "bullets": []}')).toEqual({ headline: 'أ ,}', bullets: [] });
    expect(extractJsonObject('{"headline": "عنوان", "bullets": [{"text": "نقطة",')).toBeUndefined();
  });
});

describe('extractJsonObject: gpt-oss answers a server did not split into channels', () => {
  it('reads the final channel, never a draft in the analysis channel, and nothing when the final one never came', () => {
    const draft = '{"headline": "مسودة بأرقام خاطئة", "bullets": []}';
    const final = '{"headline": "العنوان النهائي", "bullets": []}';
    const raw = `<|channel|>analysis<|message|>We need JSON like ${draft} but check the figures.<|end|><|start|>assistant<|channel|>final<|message|>${final}`;
    expect(extractJsonObject(raw)).toEqual({ headline: 'العنوان النهائي', bullets: [] });
    // The analysis cut at the token limit: no final channel, no answer.
    expect(extractJsonObject(`<|channel|>analysis<|message|>We need JSON like ${draft}`)).toBeUndefined();
    // A template that opened the analysis channel itself: only its end and the final channel are in the answer.
    expect(extractJsonObject(`We need JSON like ${draft}<|end|><|start|>assistant<|channel|>final<|message|>${final}<|return|>`)).toEqual({ headline: 'العنوان النهائي', bullets: [] });
  });
});

describe('parseStoryAnswer', () => {
  it('keeps at most maxBullets and only sources in range', () => {
    const raw = JSON.stringify({ headline: 'عنوان', bullets: [1, 2, 3, 4].map((i) => ({ text: `نقطة ${i}`, sources: [i, 0, 7] })) });
    const r = parseStoryAnswer(raw, 2, 3);
    expect('story' in r && r.story.bullets.map((b) => b.sources)).toEqual([[1], [2], []]);
  });

  it('says why when the shape is wrong', () => {
    expect(parseStoryAnswer('{"title": "x"}', 1)).toEqual({ error: 'no headline' });
    expect(parseStoryAnswer('{"headline": "x", "bullets": "y"}', 1)).toEqual({ error: 'no bullets array' });
  });
});

describe('buildStoryMessages', () => {
  it('fences each article, numbers it, and keeps the whole within the token budget', () => {
    const long = { ...ARABIC_STORY, articles: [{ ...ARABIC_STORY.articles[0]!, text: 'جملة طويلة عن الاقتصاد. '.repeat(2000) }, ARABIC_STORY.articles[1]!] };
    const [system, user] = buildStoryMessages(long, { maxInputTokens: 1000, maxBullets: 3, maxBulletWords: 30 });
    expect(system!.content).toMatch(/Modern Standard Arabic/);
    expect(user!.content.match(/<article id="\d"/g)).toEqual(['<article id="1"', '<article id="2"']);
    // The short article is whole; the long one takes the rest of about 1000 tokens (3 units each).
    expect(user!.content).toContain(ARABIC_STORY.articles[1]!.text);
    expect(user!.content.length).toBeLessThan(1000 * 3 + 1500);
  });

  it('shares a budget so that short texts keep everything', () => {
    expect(shareBudget([100, 5000, 50], 1000)).toEqual([100, 850, 50]);
    expect(trimToTokens('أ. ب. ج. د.', 100)).toBe('أ. ب. ج. د.');
  });
});

describe('createCircuitBreaker', () => {
  it('opens after the threshold, lets one trial through after openMs, and reports each change once', () => {
    let t = 0;
    const changes: string[] = [];
    const b = createCircuitBreaker({ failureThreshold: 2, openMs: 100 }, (s) => changes.push(s), () => t);
    b.failure();
    expect(b.allow()).toBe('call');
    b.failure();
    expect(b.allow()).toBe(false);
    t = 100;
    expect(b.allow()).toBe('trial');
    expect(b.allow()).toBe(false); // one trial at a time
    b.failure('trial');
    expect(b.state()).toBe('open');
    t = 200;
    expect(b.allow()).toBe('trial');
    b.success('trial');
    expect(changes).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });

  it('a call given up by its caller frees the trial only when it was the trial: a call from before the circuit opened lets no second trial out', () => {
    let t = 0;
    const b = createCircuitBreaker({ failureThreshold: 2, openMs: 100 }, () => {}, () => t);
    // A slow call goes out while the circuit is closed; two others fail and open it.
    const slow = b.allow();
    expect(slow).toBe('call');
    b.failure();
    b.failure();
    t = 100;
    const trial = b.allow();
    expect(trial).toBe('trial');
    // The slow call is given up (another instance took the edition over) while the trial is in flight.
    b.release(slow as 'call');
    expect(b.allow()).toBe(false);
    // The trial given up: another may go out.
    b.release(trial as 'trial');
    expect(b.allow()).toBe('trial');
  });

  it('holds the circuit open for a long Retry-After, but for one day at most', () => {
    let t = 0;
    const b = createCircuitBreaker({ failureThreshold: 3, openMs: 100 }, () => {}, () => t);
    b.failure('call', 99_999_999_000);
    expect(b.state()).toBe('open');
    t = 86_400_000 - 1;
    expect(b.allow()).toBe(false);
    t = 86_400_000;
    expect(b.allow()).toBe('trial');
  });
});

describe('createCircuitBreaker: calls from before the circuit opened', () => {
  it('a failure of a call that went out while the circuit was closed neither ends the trial in flight nor reopens the circuit; the trial decides', () => {
    let t = 0;
    const changes: string[] = [];
    const b = createCircuitBreaker({ failureThreshold: 2, openMs: 100 }, (s) => changes.push(s), () => t);
    const slow = b.allow();
    expect(slow).toBe('call');
    b.failure('call');
    b.failure('call');
    expect(b.state()).toBe('open');
    t = 100;
    expect(b.allow()).toBe('trial');
    // The slow call times out now: the circuit stays half-open and the trial stays the only one.
    b.failure('call');
    expect(b.state()).toBe('half-open');
    expect(b.allow()).toBe(false);
    // The trial succeeds: closed.
    b.success('trial');
    expect(b.state()).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
    // While open (before any trial), a stale call's failure does not push the trial back either.
    b.failure('call');
    b.failure('call');
    t = 150;
    b.failure('call');
    t = 200;
    expect(b.allow()).toBe('trial');
    // A stale call's long Retry-After is the server's word: it holds the circuit open.
    b.failure('call', 5_000);
    expect(b.state()).toBe('open');
  });
});

describe('createLimiter', () => {
  it('runs at most n tasks at once, in order', async () => {
    const l = createLimiter(2);
    let running = 0;
    let max = 0;
    const order: number[] = [];
    const gates: (() => void)[] = [];
    const tasks = [0, 1, 2, 3].map((i) =>
      l.run(async () => {
        running++;
        max = Math.max(max, running);
        order.push(i);
        await new Promise<void>((r) => gates.push(r));
        running--;
      }),
    );
    while (gates.length < 2) await Promise.resolve();
    expect(l.pending()).toBe(2);
    while (gates.length > 0 || order.length < 4) {
      gates.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(tasks);
    expect(max).toBe(2);
    expect(order).toEqual([0, 1, 2, 3]);
  });
});

describe('retryAfterMs', () => {
  it('reads retry-after-ms, Retry-After seconds and an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    // An empty retry-after-ms is no header: Retry-After is read, or there is no wait at all.
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '', 'retry-after': '3' }))).toBe(3000);
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '  ' }))).toBeUndefined();
    expect(retryAfterMs({ 'retry-after-ms': '' })).toBeUndefined();
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': new Date(10_000).toUTCString() }), 4000)).toBe(6000);
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });
});
