/**
 * A content hash for cache keys, pure (no node:crypto, so that the composer may use it): four
 * 32-bit lanes of a multiply-xorshift mix over the UTF-16 units, 128 bits as 32 hex digits.
 * Not for security: only for telling one story's texts from another's.
 */
export function textHash128(text: string): string {
  let h1 = 0x9e3779b9 ^ text.length;
  let h2 = 0x85ebca6b;
  let h3 = 0xc2b2ae35;
  let h4 = 0x27d4eb2f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x85ebca77);
    h2 = Math.imul(h2 ^ c, 0xc2b2ae3d);
    h3 = Math.imul(h3 ^ c, 0x27d4eb2f);
    h4 = Math.imul(h4 ^ c, 0x165667b1);
    h1 ^= h2 >>> 15;
    h2 ^= h3 >>> 13;
    h3 ^= h4 >>> 16;
    h4 ^= h1 >>> 17;
  }
  const fin = (h: number, k: number): number => {
    let x = Math.imul(h ^ (h >>> 16), 0x85ebca6b ^ k);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return (x ^ (x >>> 16)) >>> 0;
  };
  return [fin(h1 ^ h3, 1), fin(h2 ^ h4, 2), fin(h3 ^ h1 ^ h2, 3), fin(h4 ^ h2 ^ h3, 4)].map((x) => x.toString(16).padStart(8, '0')).join('');
}
