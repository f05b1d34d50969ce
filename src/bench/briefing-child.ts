/**
 * One day of the briefing bench in a process of its own: a warm-up day, then the timed day,
 * phase by phase (see briefing-bench.ts). Prints one JSON object on stdout: the timed run and the
 * process's peak RSS in MB. Arguments: the warm-up day's folder, the timed day's folder.
 */
import { runDay } from './briefing-bench.js';
import { peakRssMb } from './measure.js';

const [warmDir, dayDir] = process.argv.slice(2);
await runDay(warmDir!);
const run = await runDay(dayDir!);
process.stdout.write(`${JSON.stringify({ ...run, rssMb: peakRssMb() })}\n`);
