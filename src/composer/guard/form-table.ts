/**
 * A read-only table from word forms to their places (0, 1, 2, … in the order given), for the
 * lexicon's large lists, which the guard reads many times per story. A `Map` of 50,000 strings
 * costs a few cache misses per look-up (its bucket, its entry, the key string to compare); here a
 * form is found by a 53-bit hash of its letters in one array of hashes and places, and the key is
 * not compared: a form the table lacks is taken for one it holds only when their 53-bit hashes
 * are equal, about once in 10^11 look-ups of a 50,000-form list. Two forms of the table with the
 * same hash are told apart by their letters.
 */

/** A 53-bit hash of a string (two 32-bit multiplicative hashes of its UTF-16 units). */
export function formHash(s: string): number {
  let a = 0x811c9dc5 | 0;
  let b = 0x9747b28c ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 2097152 + (b >>> 11);
}

const EMPTY = -1;

/** A table of distinct forms, each at its place in the list it was made from. */
export class FormTable {
  /** Number of forms. */
  readonly size: number;
  // Pairs (hash, place) in open addressing, linear probing; EMPTY hash for a free slot.
  private readonly slots: Float64Array;
  private readonly mask: number;
  // Forms sharing a hash with another form of the table, by their letters.
  private readonly shared = new Map<string, number>();
  private readonly sharedHashes = new Set<number>();

  /** Makes the table of `forms` (distinct strings); a form's place is its index in the list. `hash` is {@link formHash} but in tests. */
  constructor(
    forms: readonly string[],
    private readonly hash: (form: string) => number = formHash,
  ) {
    this.size = forms.length;
    let capacity = 16;
    while (capacity < forms.length * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Float64Array(capacity * 2).fill(EMPTY);
    const first = new Map<number, number>();
    forms.forEach((form, place) => {
      const h = hash(form);
      const earlier = first.get(h);
      if (earlier !== undefined) {
        // Rare: both forms are kept by their letters, and the hash sends every look-up there.
        this.sharedHashes.add(h);
        this.shared.set(forms[earlier]!, earlier);
        this.shared.set(form, place);
        return;
      }
      first.set(h, place);
      let i = h % capacity;
      while (this.slots[2 * i] !== EMPTY) i = (i + 1) & this.mask;
      this.slots[2 * i] = h;
      this.slots[2 * i + 1] = place;
    });
  }

  /** The place of a form, or -1 when the table does not hold it. */
  place(form: string): number {
    return this.placeOfHash(this.hash(form), form);
  }

  /** The hash the table files a form under ({@link formHash} but in tests). */
  hashOf(form: string): number {
    return this.hash(form);
  }

  /**
   * {@link FormTable.place} with the form's hash ({@link FormTable.hashOf}) already taken: many
   * forms hashed first, then placed, let the look-ups into the large table overlap.
   */
  placeOfHash(h: number, form: string): number {
    const { slots, mask } = this;
    let i = h % (mask + 1);
    for (;;) {
      const s = slots[2 * i]!;
      if (s === EMPTY) return -1;
      if (s === h) return this.sharedHashes.size > 0 && this.sharedHashes.has(h) ? (this.shared.get(form) ?? -1) : slots[2 * i + 1]!;
      i = (i + 1) & mask;
    }
  }
}

/**
 * Distinct strings numbered 0, 1, 2, … in order of first addition, for a story's words: an open
 * addressing table of numbers over a 32-bit hash of the letters, the strings compared on a hit.
 * Made and filled once per story, it costs about half what a Map of the same few hundred words
 * does (no entry objects, no rehash of the Map's chains as it grows).
 */
export class StringIds {
  /** The strings, by number. */
  readonly words: string[] = [];
  private readonly hashes: number[] = [];
  // Number + 1 per slot, 0 for a free one.
  private slots: Int32Array;
  private mask: number;

  /** `capacity`: a power of two, the number of slots to start with. */
  constructor(capacity = 512) {
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** Number of strings. */
  get size(): number {
    return this.words.length;
  }

  /** The number of a string, or -1 when it was not added. */
  get(s: string): number {
    const { slots, mask, words } = this;
    let i = stringHash(s) & mask;
    for (;;) {
      const v = slots[i]!;
      if (v === 0) return -1;
      if (words[v - 1] === s) return v - 1;
      i = (i + 1) & mask;
    }
  }

  /** The number of a string, added (with the next number) when it was not there; `added` tells which. */
  add(s: string): number {
    const h = stringHash(s);
    const { slots, mask, words } = this;
    let i = h & mask;
    for (;;) {
      const v = slots[i]!;
      if (v === 0) break;
      if (words[v - 1] === s) {
        this.added = false;
        return v - 1;
      }
      i = (i + 1) & mask;
    }
    const id = words.push(s) - 1;
    this.hashes.push(h);
    slots[i] = id + 1;
    if (2 * words.length > slots.length) this.grow();
    this.added = true;
    return id;
  }

  /** Whether the last {@link StringIds.add} added its string. */
  added = false;

  private grow(): void {
    const capacity = 2 * this.slots.length;
    const slots = new Int32Array(capacity);
    const mask = capacity - 1;
    const { hashes } = this;
    for (let id = 0; id < hashes.length; id++) {
      let i = hashes[id]! & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = id + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** A 32-bit hash of a string's UTF-16 units (FNV-1a). */
function stringHash(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
