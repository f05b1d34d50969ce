/**
 * The load of `npm run bench -- slack`, from a process of its own so that the client's work does
 * not slow the server it measures. Arguments: URL, signing secret, concurrent commands,
 * response_url base. Prints one JSON line: the latency of each command and whether it was acked.
 */
import { createHmac } from 'node:crypto';

const [url, secret, countArg, responseBase] = process.argv.slice(2);
const count = Number(countArg);

async function one(i: number): Promise<{ ms: number; ok: boolean }> {
  const body = new URLSearchParams({ command: '/briefing', text: i % 5 === 0 ? 'رياضة' : '', channel_id: `C${i}`, user_id: `U${i}`, team_id: 'T1', response_url: `${responseBase}${i}`, trigger_id: 't' }).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const sig = `v0=${createHmac('sha256', secret!).update(`v0:${ts}:${body}`).digest('hex')}`;
  const t0 = performance.now();
  const res = await fetch(url!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig }, body });
  const text = await res.text();
  return { ms: performance.now() - t0, ok: res.status === 200 && text.includes('موجز') };
}

// Warm-up, both sides: the JIT, and one keep-alive connection per concurrent command.
await Promise.all(Array.from({ length: count }, (_, i) => one(i)));
const results = await Promise.all(Array.from({ length: count }, (_, i) => one(i)));
process.stdout.write(`${JSON.stringify(results)}\n`);
