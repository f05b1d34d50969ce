/** The option check every operator command shares: a misspelt option or a missing value is named, never ignored. */
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args.js';

const COMPOSE = { flags: ['--json'], values: { '--bullets': 'N', '--words': 'N' } };

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error('expected a UsageError');
}

describe('parseArgs', () => {
  it('returns the arguments, the flags given and the values of the options', () => {
    const args = parseArgs(['مقال.txt', '--bullets', '2', '--json'], COMPOSE);
    expect(args.positionals).toEqual(['مقال.txt']);
    expect(args.flags.has('--json')).toBe(true);
    expect(args.values.get('--bullets')).toBe('2');
    expect(args.values.has('--words')).toBe(false);
  });

  it('keeps "-" (standard input) as an argument', () => {
    expect(parseArgs(['-', '--json'], COMPOSE).positionals).toEqual(['-']);
  });

  it('names an unknown option and the one probably meant', () => {
    const err = usageError(() => parseArgs(['مقال.txt', '--bulets', '2'], COMPOSE));
    expect(err.message).toBe('unknown option --bulets (did you mean --bullets?); the options are --json, --bullets N, --words N');
  });

  it('names an option whose value is missing, at the end or before another option', () => {
    expect(usageError(() => parseArgs(['مقال.txt', '--words'], COMPOSE)).message).toBe('--words needs a value, e.g. --words N');
    expect(usageError(() => parseArgs(['--bullets', '--json', 'مقال.txt'], COMPOSE)).message).toBe('--bullets needs a value, e.g. --bullets N');
  });

  it('takes --help with any spec', () => {
    expect(parseArgs(['--help'], COMPOSE).flags.has('--help')).toBe(true);
  });
});
