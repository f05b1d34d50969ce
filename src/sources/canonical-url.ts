/** Canonical article URLs and content hashes, so the same article from two feeds or two links is read once. */
import { createHash } from 'node:crypto';

const TRACKING = /^(utm_[a-z]+|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|ref|ref_src|cmpid|ocid|at_medium|at_campaign|ns_mchannel|ns_source|ns_campaign|xtor)$/i;

/**
 * The canonical form of an article URL: no fragment, no tracking parameters (utm_*, fbclid, …),
 * no AMP variant (/amp, ?amp, .amp.html, amp. host), lower-case host, no trailing slash.
 * canonicalUrl('https://AMP.Example.com/news/1/amp/?utm_source=x#top') → 'https://example.com/news/1'
 */
export function canonicalUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return url.trim();
  }
  u.hash = '';
  u.hostname = u.hostname.toLowerCase().replace(/^amp\./, '');
  for (const key of [...u.searchParams.keys()]) if (TRACKING.test(key) || key.toLowerCase() === 'amp' || key === 'outputType') u.searchParams.delete(key);
  u.pathname = u.pathname
    .replace(/\/amp\/?$/i, '/')
    .replace(/\.amp\.html$/i, '.html')
    .replace(/\/amp\//i, '/')
    .replace(/\/+$/, '');
  if (u.pathname === '') u.pathname = '/';
  u.searchParams.sort();
  const s = u.toString();
  return s.endsWith('/') && u.pathname === '/' && !u.search ? s.slice(0, -1) : s;
}

/** A short hash of an article's text (normalized whitespace), to spot the same text under two URLs. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 20);
}
