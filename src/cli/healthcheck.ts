/**
 * `node dist/cli/healthcheck.js [--path /healthz] [--url URL] [--timeout MS]`: asks the running
 * instance on this host for its health and exits 0 when it answers 2xx, 1 otherwise. Docker's
 * HEALTHCHECK and the systemd example use it: the slim Node image has no curl, and the port comes
 * from the same configuration the instance read (PORT, config/*.json).
 */
import { loadConfig } from '../config/index.js';
import { optionValue, PROJECT_ROOT, runCli } from './args.js';

/** What the check asks for when not told otherwise. */
export const DEFAULT_HEALTHCHECK = { path: '/healthz', timeoutMs: 5_000 } as const;

async function main(argv: string[]): Promise<number> {
  const path = optionValue(argv, '--path') ?? DEFAULT_HEALTHCHECK.path;
  const timeoutMs = Number(optionValue(argv, '--timeout') ?? DEFAULT_HEALTHCHECK.timeoutMs);
  const url = optionValue(argv, '--url') ?? `http://127.0.0.1:${loadConfig({ root: PROJECT_ROOT }).port}${path}`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.text()).slice(0, 200);
    process.stdout.write(`${res.status} ${body}\n`);
    return res.ok ? 0 : 1;
  } catch (err) {
    process.stderr.write(`healthcheck: ${url} did not answer (${(err as Error).message})\n`);
    return 1;
  }
}

runCli('healthcheck', main);
