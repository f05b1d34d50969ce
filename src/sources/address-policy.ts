/**
 * Which addresses a source fetch may reach. A feed, a page, an item's link and every redirect of
 * them come from outside, so none of them may make the bot reach inside its own network (SSRF):
 * after DNS resolution, loopback, private, link-local (cloud metadata at 169.254.169.254), CGNAT,
 * unique-local, unspecified, multicast and reserved addresses are refused, in IPv4, IPv6 and
 * IPv4-mapped IPv6 forms alike. The connection goes to the very address that was checked (the
 * check is the socket's own DNS lookup), so a second answer from DNS (rebinding) cannot swap it.
 * The operator's own internal feeds are let through by name or range (`fetch.allowHosts`).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, type Dispatcher } from 'undici';
import { SourceError } from '../core/errors.js';

/** The code of the connection error when every address of a host is refused. */
export const ADDRESS_REFUSED = 'ERR_SOURCE_ADDRESS_REFUSED';

type Ip = ipaddr.IPv4 | ipaddr.IPv6;

/** An address as IPv4 when it is an IPv4-mapped IPv6 one (::ffff:127.0.0.1 → 127.0.0.1). */
function normalized(address: string): Ip | undefined {
  if (!ipaddr.isValid(address)) return undefined;
  const ip = ipaddr.parse(address);
  return ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? (ip as ipaddr.IPv6).toIPv4Address() : ip;
}

/**
 * Whether an address is on the public internet: ipaddr.js's "unicast" range, which leaves out
 * loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16, fe80::/10), CGNAT
 * (100.64/10), unique-local (fc00::/7), unspecified (0.0.0.0/8, ::), multicast, broadcast,
 * reserved and documentation ranges, and IPv6 forms that carry an IPv4 address inside (6to4,
 * Teredo, NAT64), which could point anywhere.
 */
export function isPublicAddress(address: string): boolean {
  const ip = normalized(address);
  return ip !== undefined && ip.range() === 'unicast';
}

/** An allow-list entry parsed: a host name, or an address range. */
type Rule = { host: string } | { range: [Ip, number] };

function parseRule(entry: string): Rule {
  const value = entry.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (value.includes('/')) {
    if (!ipaddr.isValidCIDR(value)) throw new SourceError('bad_allow_host', 'fetch.allowHosts', `"${entry}" is not a valid CIDR range: write it like 10.0.0.0/8 or fd00::/8.`);
    const [ip, bits] = ipaddr.parseCIDR(value);
    const v4 = ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress();
    return { range: v4 ? [(ip as ipaddr.IPv6).toIPv4Address(), bits - 96] : [ip, bits] };
  }
  const ip = normalized(value);
  if (ip) return { range: [ip, ip.kind() === 'ipv4' ? 32 : 128] };
  return { host: value.replace(/\.$/, '') };
}

/** What a source fetch may reach: the checks before a request, and the dispatcher that connects. */
export interface AddressPolicy {
  /**
   * Throws a SourceError for a URL that may not be fetched at all: a scheme other than http and
   * https, a user name or password in it, or an address literal that is not public (an IP in the
   * URL is connected to without a DNS lookup, so it is checked here).
   */
  checkUrl(url: string, source: string): void;
  /** Whether `address` (what `host` resolved to) may be reached. */
  allows(host: string, address: string): boolean;
  /** An undici dispatcher whose sockets resolve names through this policy. */
  readonly dispatcher: Dispatcher;
}

/** Builds the policy for an allow list of host names, IP addresses and CIDR ranges (default: none). */
export function createAddressPolicy(allowHosts: readonly string[] = []): AddressPolicy {
  const rules = allowHosts.map(parseRule);
  const hosts = new Set(rules.flatMap((r) => ('host' in r ? [r.host] : [])));
  const ranges = rules.flatMap((r) => ('range' in r ? [r.range] : []));
  const allowedByName = (host: string): boolean => hosts.has(host.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, ''));
  const allowedByRange = (address: string): boolean => {
    const ip = normalized(address);
    return ip !== undefined && ranges.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits));
  };
  const allows = (host: string, address: string): boolean => allowedByName(host) || allowedByRange(address) || isPublicAddress(address);

  // The socket's DNS lookup: the resolved addresses are checked here and only those allowed are
  // handed to the socket, which connects to one of them; there is no second resolution.
  function lookup(hostname: string, options: LookupOneOptions | LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const ok = addresses.filter((a) => allows(hostname, a.address));
      if (ok.length === 0) {
        const refused = Object.assign(new Error(`${hostname} resolves to ${addresses.map((a) => a.address).join(', ')}, not a public address`), { code: ADDRESS_REFUSED });
        return callback(refused, []);
      }
      if ((options as LookupAllOptions).all) return callback(null, ok);
      callback(null, ok[0]!.address, ok[0]!.family);
    });
  }

  return {
    allows,
    checkUrl(url, source) {
      let u: URL;
      try {
        u = new URL(url);
      } catch {
        // "www.example.com/rss": the scheme left out, the commonest slip in a briefing file.
        const whole = /^[\w-]+(\.[\w-]+)+(?::\d+)?(\/|$)/.test(url.trim()) ? `https://${url.trim()}` : undefined;
        throw new SourceError('bad_url', source, whole ? `${url} is not a URL (no http:// or https://): write it whole: ${whole} (check the briefing).` : `${url} is not a URL: check the briefing.`);
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') {
        throw new SourceError('bad_scheme', source, `${u.protocol}// is not fetched: sources are read over http or https only.`);
      }
      if (u.username || u.password) {
        throw new SourceError('credentials_in_url', source, `${u.host} was given with a user name or password in the URL: sources are fetched without credentials; remove them.`);
      }
      const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
      if (isIP(host) !== 0 && !allows(host, host)) {
        throw new SourceError('address_refused', source, refusedMessage(url, `${host} is not a public address`));
      }
    },
    dispatcher: new Agent({ connect: { lookup } }),
  };
}

/** The message of a refused fetch: what happened and what the operator may do. */
export function refusedMessage(url: string, detail: string): string {
  return `${url} was not fetched: ${detail}. Sources may not reach addresses inside a network (loopback, private, link-local, reserved); if it is your own feed, add its host to fetch.allowHosts (FETCH_ALLOW_HOSTS).`;
}

const policies = new Map<string, AddressPolicy>();

/** The policy for an allow list, made once per distinct list so that connections are reused. */
export function addressPolicyFor(allowHosts: readonly string[] = []): AddressPolicy {
  const key = allowHosts.join('\n');
  let policy = policies.get(key);
  if (!policy) {
    policy = createAddressPolicy(allowHosts);
    policies.set(key, policy);
  }
  return policy;
}
