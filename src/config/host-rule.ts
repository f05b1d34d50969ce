/** The form of one `fetch.allowHosts` entry: a host name, an IP address, or a CIDR range. */
import { isIP } from 'node:net';

// A DNS name: labels of letters, digits and dashes (IDNs in their xn-- form), dot-separated.
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/**
 * Whether `value` is a host name ("feeds.internal"), an IP address ("10.0.0.7", "fd00::1") or a
 * CIDR range ("10.0.0.0/8", "fd00::/8") with a prefix length that fits the address.
 */
export function isHostOrCidr(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length > 0 || !address) return false;
  if (prefix === undefined) return isIP(address) !== 0 || HOST_NAME.test(address);
  const bits = isIP(address) === 4 ? 32 : isIP(address) === 6 ? 128 : 0;
  return bits > 0 && /^\d{1,3}$/.test(prefix) && Number(prefix) <= bits;
}
