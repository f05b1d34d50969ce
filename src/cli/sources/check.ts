/** `npm run sources -- check`: each source fetched once, and a health table. */
import { articleLanguage } from '../../composer/index.js';
import { fetchAllowHosts, fetchTimeoutMs } from '../../config/index.js';
import { withoutUrlSecrets } from '../../core/index.js';
import { checkSource, type SourceCheck } from '../../sources/index.js';
import { type OptionSpec, optionValue, PROJECT_ROOT } from '../args.js';
import { openBriefingFile } from './briefing-file.js';

/** One line for the help. */
export const USAGE = 'check [--briefing ID | --file PATH] [--timeout MS] [--json]   fetch each source once: items, newest, encoding, warnings, errors; exit 1 if one fails';

/** The options it takes, and how many other arguments. */
export const OPTIONS: OptionSpec = { flags: ['--json'], values: { '--briefing': 'ID', '--file': 'PATH', '--timeout': 'MS' } };
export const ARGUMENTS = 0;

/** Sources checked at once: a few, to be quick without hammering one publisher. */
const CONCURRENCY = 4;

async function checkAll<T>(items: readonly T[], check: (item: T) => Promise<SourceCheck>): Promise<SourceCheck[]> {
  const out: SourceCheck[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await check(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return out;
}

/** "2024-05-02T06:10:00.000Z" → "2024-05-02 06:10Z". */
function shortDate(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z` : '-';
}

/**
 * The health table: status, items, newest date (UTC), encoding, then the URL and the name (last,
 * so that Arabic names do not disturb the columns); warnings and errors indented below.
 */
export function formatChecks(checks: readonly SourceCheck[]): string {
  const lines = [`${'status'.padEnd(6)} ${'items'.padStart(5)}  ${'newest (UTC)'.padEnd(17)}  ${'encoding'.padEnd(12)}  source`];
  for (const c of checks) {
    const status = !c.ok ? 'FAIL' : c.warnings.length > 0 ? 'warn' : 'ok';
    lines.push(`${status.padEnd(6)} ${String(c.items).padStart(5)}  ${shortDate(c.newest).padEnd(17)}  ${(c.encoding ?? '-').padEnd(12)}  ${c.source.kind} ${withoutUrlSecrets(c.source.url)}  ${c.source.name}`);
    for (const w of c.warnings) lines.push(`         warning: ${w}`);
    for (const e of c.errors) lines.push(`         error: ${e}`);
  }
  const failed = checks.filter((c) => !c.ok).length;
  const warned = checks.filter((c) => c.ok && c.warnings.length > 0).length;
  lines.push('', `${checks.length} source(s): ${checks.length - failed - warned} ok, ${warned} with warnings, ${failed} failed`);
  return `${lines.join('\n')}\n`;
}

/** Checks every source of the briefing; exit 1 when at least one failed. */
export async function run(argv: string[]): Promise<number> {
  const { definition } = openBriefingFile(argv);
  const timeout = optionValue(argv, '--timeout');
  const timeoutMs = timeout === undefined ? fetchTimeoutMs(PROJECT_ROOT) : Number(timeout);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    process.stderr.write(`sources: --timeout takes milliseconds, e.g. --timeout 5000 (got "${timeout}")\n`);
    return 2;
  }
  // Fetched under the app's address policy; FETCH_ALLOW_HOSTS lets internal hosts through.
  const fetch = { ...(timeoutMs ? { timeoutMs } : {}), allowHosts: fetchAllowHosts(PROJECT_ROOT) };
  // The composer's own language check: a feed in Urdu (Arabic script) is no Arabic source.
  const checks = await checkAll(definition.sources, (s) => checkSource(s, { root: PROJECT_ROOT, fetch, languageOf: articleLanguage }));
  // The JSON is pasted where the table is (issues, CI logs): the source's address without its key too.
  if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(checks.map((c) => ({ ...c, source: { ...c.source, url: withoutUrlSecrets(c.source.url) } })), null, 2)}\n`);
  else process.stdout.write(`${definition.id} (${definition.title})\n${formatChecks(checks)}`);
  return checks.every((c) => c.ok) ? 0 : 1;
}
