/**
 * `npm start` (under tsx) and `npm run start:prod` (the compiled dist/cli/main.js): loads the
 * configuration, shows the default briefing on the console and keeps the schedule running until
 * Ctrl-C. `--once` composes, prints and exits.
 */
import { createApp } from '../app.js';
import { loadConfig, type BriefingWarning } from '../config/index.js';
import { BriefingError } from '../core/errors.js';
import { PROJECT_ROOT } from './args.js';
import { createLogger } from './create-logger.js';

const HELP = `Usage: npm start [-- --once]   (or npm run start:prod [-- --once] after npm run build)

  --once    compose the default briefing, print it and exit
  --help    show this help

Configuration: config/default.json, config/local.json, briefings/*.json and the environment
(.env; see config/.env.example), all in the project root. Logs go to stderr: readable lines at
a terminal, JSON otherwise.`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const unknown = argv.filter((a) => a !== '--once');
  if (unknown.length > 0) {
    process.stderr.write(`Unknown option: ${unknown.join(' ')}\n${HELP}\n`);
    return 2;
  }
  const once = argv.includes('--once');
  // A briefing file that cannot be used is left out (and logged with what to fix); the others run.
  const briefingWarnings: BriefingWarning[] = [];
  const config = loadConfig({ root: PROJECT_ROOT, onBriefingLeftOut: (w) => briefingWarnings.push(w) });
  const app = await createApp(config, { root: PROJECT_ROOT, log: createLogger({ level: config.logLevel }), briefingWarnings });
  const stop = async (signal: string): Promise<void> => {
    process.stderr.write(`\n${signal}: stopping…\n`);
    await app.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  const briefing = await app.start({ once });
  if (once) {
    await app.stop();
    const items = briefing?.groups.reduce((c, g) => c + g.items.length, 0) ?? 0;
    if (items === 0) {
      process.stderr.write('لم يُنشأ أي موجز: لا توجد مقالات صالحة. / No briefing: no usable articles in the sources.\n');
      return 1;
    }
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (err: unknown) => {
    // Users see what went wrong and what to do, never a stack trace.
    const message = err instanceof BriefingError ? err.message : `Unexpected error: ${(err as Error).message ?? String(err)}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  },
);
