/** Who sent a request, with or without a reverse proxy in front. */
import { describe, expect, it } from 'vitest';
import { clientAddress, isFromThisMachine, isInternalAddress } from '../../src/core/client-address.js';

describe('clientAddress', () => {
  it('reads the address a proxy on this machine or the private network appended, the last entry of X-Forwarded-For', () => {
    expect(clientAddress('127.0.0.1', { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' })).toBe('203.0.113.9');
    expect(clientAddress('::ffff:10.0.0.2', { 'x-forwarded-for': '203.0.113.9' })).toBe('203.0.113.9');
    expect(clientAddress('::1', { 'x-forwarded-for': ['198.51.100.7', '203.0.113.9'] })).toBe('203.0.113.9');
    expect(clientAddress('172.20.0.3', { 'x-real-ip': '203.0.113.9' })).toBe('203.0.113.9');
  });

  it('does not believe the headers of a peer on the internet, and keeps the peer when nothing was forwarded', () => {
    expect(clientAddress('203.0.113.9', { 'x-forwarded-for': '127.0.0.1' })).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', {})).toBe('127.0.0.1');
    expect(clientAddress(undefined, {})).toBe('unknown');
  });

  it('knows the internal ranges, and not their neighbours', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.0.1', '100.64.0.1', '::1', 'fd12:3456::1', 'fe80::1', '::ffff:192.168.0.1']) expect(isInternalAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '172.32.0.1', '172.15.0.1', '192.169.0.1', '100.128.0.1', '2001:db8::1', '::ffff:8.8.8.8']) expect(isInternalAddress(a), a).toBe(false);
  });

  it('takes a request as this machine\'s only from loopback and not forwarded', () => {
    expect(isFromThisMachine('127.0.0.1', {})).toBe(true);
    expect(isFromThisMachine('127.0.0.1', { forwarded: 'for=203.0.113.9' })).toBe(false);
    expect(isFromThisMachine('10.0.0.1', {})).toBe(false);
  });
});
