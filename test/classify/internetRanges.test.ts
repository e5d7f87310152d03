import { describe, expect, it } from 'vitest';
import { rangeReachesInternet, reachesInternet } from '../../src/classify/internetRanges.js';

describe('reachesInternet: an address range as wide as "anyone"', () => {
  it.each([
    ['0.0.0.0/0', 'the usual spelling'],
    ['::/0', 'IPv6, short'],
    ['0:0:0:0:0:0:0:0/0', 'IPv6 written out'],
    ['0::0/0', 'IPv6, half written'],
    ['::ffff:0.0.0.0/0', 'IPv6 with an embedded IPv4 tail'],
    ['0.0.0.0/1', 'half of IPv4'],
    ['128.0.0.0/1', 'the other half'],
    ['64.0.0.0/2', 'a quarter'],
    ['1.2.3.4/0', 'host bits set'],
    ['0.0.0.0/00', 'a prefix length with a leading zero'],
    ['11.0.0.0/8', 'one public /8'],
    ['10.0.0.0/7', 'private 10/8 and public 11/8'],
    ['2000::/3', 'all IPv6 global unicast'],
    ['2001::/16', 'an IPv6 /16 of global unicast'],
    ['::/1', 'the lower half of IPv6'],
  ])('%s reaches the internet (%s)', (range) => {
    expect(reachesInternet(range)).toBe(true);
  });

  it.each([
    ['10.0.0.0/8', 'private'],
    ['172.16.0.0/12', 'private, narrower than /8'],
    ['192.168.0.0/16', 'private'],
    ['100.64.0.0/10', 'carrier-grade NAT, narrower than /8'],
    ['127.0.0.0/8', 'loopback'],
    ['0.0.0.0/8', '"this network"'],
    ['224.0.0.0/3', 'multicast and reserved only'],
    ['11.0.0.0/9', 'a public range narrower than /8'],
    ['203.0.113.7/32', 'one address'],
    ['fd00::/8', 'IPv6 unique local'],
    ['fe80::/10', 'IPv6 link local'],
    ['2001:db8::/32', 'an IPv6 /32'],
    ['4000::/2', 'IPv6 space outside global unicast'],
    ['0.0.0.0', 'no prefix length'],
    ['0.0.0.0/0/0', 'two slashes'],
    ['0.0.0.256/0', 'not an address'],
    ['arn:aws:s3:::bucket/0', 'an ARN'],
    ['1:2:3:4:5:6:7:8:9/0', 'nine groups'],
    ['1::2::3/0', 'two elisions'],
    ['*', 'a wildcard (other matchers judge it)'],
    ['', 'nothing'],
  ])('%s does not (%s)', (range) => {
    expect(reachesInternet(range)).toBe(false);
  });
});

describe('rangeReachesInternet: a first…last IPv4 range holding a /8 of public addresses', () => {
  it.each([
    ['0.0.0.0', '255.255.255.255', true],
    ['0.0.0.0', '254.255.255.255', true],
    ['11.0.0.0', '11.255.255.255', true],
    ['10.0.0.0', '11.0.0.0', false],
    ['0.0.0.0', '10.255.255.255', true],
    ['10.0.0.0', '10.255.255.255', false],
    ['224.0.0.0', '255.255.255.255', false],
    ['11.0.0.1', '11.255.255.255', false],
    ['1.2.3.4', '1.2.3.4', false],
    ['9.0.0.0', '1.0.0.0', false],
    ['0.0.0.0', 'not an address', false],
  ])('%s…%s: %s', (first, last, expected) => {
    expect(rangeReachesInternet(first, last)).toBe(expected);
  });
});
