import { describe, expect, it } from 'vitest';
import { sendInParts } from '../../src/core/index.js';
import type { SendErrorClass } from '../../src/core/index.js';

class Failure extends Error {
  constructor(readonly cls: SendErrorClass) {
    super(cls.kind);
  }
}
const classify = (e: unknown): SendErrorClass => (e instanceof Failure ? e.cls : { kind: 'transient', reason: String(e) });

/** A platform that fails as scripted per call, and records what it posted. */
function platform(script: (SendErrorClass | undefined)[]) {
  const posted: string[] = [];
  let call = 0;
  return {
    posted,
    send: async (part: string): Promise<string> => {
      const fail = script[call++];
      if (fail) throw new Failure(fail);
      posted.push(part);
      return `id-${posted.length}`;
    },
  };
}

describe('sendInParts', () => {
  const parts = ['الجزء الأول', 'الجزء الثاني', 'الجزء الثالث'];

  it('posts every part in order and returns their ids', async () => {
    const p = platform([]);
    expect(await sendInParts(parts, p.send, classify)).toEqual({ messageIds: ['id-1', 'id-2', 'id-3'] });
    expect(p.posted).toEqual(parts);
  });

  it("throws the first part's failure: nothing was posted, the caller may retry", async () => {
    const p = platform([{ kind: 'retry-after', seconds: 5 }]);
    await expect(sendInParts(parts, p.send, classify)).rejects.toThrow('retry-after');
    expect(p.posted).toEqual([]);
  });

  it('waits out a rate limit on a later part (capped) and goes on, never posting a part twice', async () => {
    const slept: number[] = [];
    const p = platform([undefined, { kind: 'retry-after', seconds: 7 }, { kind: 'retry-after', seconds: 600 }]);
    const out = await sendInParts(parts, p.send, classify, { sleep: async (ms) => void slept.push(ms), maxWaitSeconds: 60 });
    expect(out.messageIds).toHaveLength(3);
    expect(p.posted).toEqual(parts);
    expect(slept).toEqual([7_000, 60_000]);
  });

  it('ends with the parts already posted on any other later failure, or after too many rate limits', async () => {
    const gone = platform([undefined, { kind: 'gone', reason: 'channel_not_found' }]);
    expect(await sendInParts(parts, gone.send, classify)).toEqual({ messageIds: ['id-1'], incomplete: expect.stringMatching(/^part 2 of 3 refused/) });
    const limited = platform([undefined, ...Array.from({ length: 4 }, () => ({ kind: 'retry-after' as const, seconds: 1 }))]);
    expect(await sendInParts(parts, limited.send, classify, { sleep: async () => undefined, maxWaits: 3 })).toEqual({ messageIds: ['id-1'], incomplete: 'part 2 of 3 refused (still rate limited after 3 waits)' });
  });
});
