/** The name probably meant by a misspelt one: for settings and command-line options. */

/** Edits (insert, delete, replace, swap of neighbours) from a to b, compared without case. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[x.length]![y.length]!;
}

/**
 * The known name closest to `name`, when it is close enough to be a slip (one edit, or one per
 * four letters of the known name: "fulltext" → "fullText", "feed" → "feeds", "--bulets" →
 * "--bullets"); undefined otherwise.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const best = [...known].sort((a, b) => editDistance(name, a) - editDistance(name, b))[0];
  return best !== undefined && editDistance(name, best) <= Math.max(1, Math.floor(best.length / 4)) ? best : undefined;
}
