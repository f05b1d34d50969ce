/**
 * `node dist/cli/healthcheck.js [--path /healthz] [--url URL] [--timeout MS]`: asks the running
 * instance on this host for its health and exits 0 when it answers 2xx, 1 otherwise. Docker's
 * HEALTHCHECK and the systemd example use it: the slim Node image has no curl, and the port comes
 * from the same configuration the instance read (PORT, config/*.json).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/index.js';
import { withoutUrlSecrets } from '../core/index.js';
import { parseArgs, PROJECT_ROOT, runCli, UsageError } from './args.js';

/** What the check asks for when not told otherwise. */
export const DEFAULT_HEALTHCHECK = { path: '/healthz', timeoutMs: 5_000 } as const;

const USAGE = 'Usage: node dist/cli/healthcheck.js [--path /healthz] [--url URL] [--timeout MS]   exit 0 when this host\'s instance answers 2xx\n';

/**
 * The port as the start reads the configuration (a briefing file it left out does not fail the
 * check). When the configuration on disk no longer loads (a briefing file broken while the instance
 * runs on the one it read at start), the port is read without validating it: PORT, else `port` in
 * config/local.json or config/default.json, else 3000: the running instance is asked all the same.
 */
function configuredPort(): number {
  try {
    return loadConfig({ root: PROJECT_ROOT, onBriefingLeftOut: () => undefined }).port;
  } catch {
    const candidates = [process.env.PORT, ...['local.json', 'default.json'].map((f) => portInFile(join(PROJECT_ROOT, 'config', f)))];
    for (const c of candidates) {
      const port = Number(typeof c === 'string' ? c.trim().replace(/^["']|["']$/g, '') : c);
      if (c !== undefined && c !== '' && Number.isInteger(port) && port > 0 && port <= 65535) return port;
    }
    return 3000;
  }
}

function portInFile(file: string): unknown {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { port?: unknown }).port;
  } catch {
    return undefined;
  }
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: { '--path': '/healthz', '--url': 'URL', '--timeout': 'MS' } });
  if (args.flags.has('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.positionals.length > 0) throw new UsageError(`takes no argument but was given ${args.positionals.join(' ')}`);
  const path = args.values.get('--path') ?? DEFAULT_HEALTHCHECK.path;
  const timeoutMs = Number(args.values.get('--timeout') ?? DEFAULT_HEALTHCHECK.timeoutMs);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout takes milliseconds, e.g. --timeout 5000 (got "${args.values.get('--timeout')}")`);
  const url = args.values.get('--url') ?? `http://127.0.0.1:${configuredPort()}${path}`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.text()).slice(0, 200);
    process.stdout.write(`${res.status} ${body}\n`);
    return res.ok ? 0 : 1;
  } catch (err) {
    // fetch says only "fetch failed": its cause says why (ECONNREFUSED: nothing listens there).
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code ?? cause?.message;
    const why =
      code === 'ECONNREFUSED'
        ? 'connection refused: is the bot running, and is PORT (or --url) the port it listens on?'
        : (err as Error).name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : `${(err as Error).message}${code ? ` (${code})` : ''}`;
    // The address as given may hold a user and password: never printed.
    process.stderr.write(`healthcheck: ${withoutUrlSecrets(url)} did not answer: ${withoutUrlSecrets(why)}\n`);
    return 1;
  }
}

// Docker reserves exit code 2 in a HEALTHCHECK: a usage error is 1 (unhealthy) here.
runCli('healthcheck', main, { usageExitCode: 1 });
