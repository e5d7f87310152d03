import { ipv4Value, parsedNetwork } from '../util/ipAddresses.js';

/**
 * Whether an address range reaches the internet at large. `0.0.0.0/0` is the usual spelling,
 * but `["0.0.0.0/1", "128.0.0.0/1"]`, `0:0:0:0:0:0:0:0/0`, `2000::/3` and `1.2.3.4/0` (host bits
 * set) open the same ports to the same people, so a rule that looked for the one spelling was
 * walked around by the others. A range counts when it is at least as wide as an IPv4 /8 and
 * holds public addresses, or at least as wide as an IPv6 /16 and overlaps the global unicast
 * space (2000::/3): no single organisation's network is that large, so such a range is "anyone".
 *
 * The parse is lenient where providers differ (leading zeros, host bits): leniency can only make
 * a value count, never hide one.
 */
export function reachesInternet(text: string): boolean {
  const network = parsedNetwork(text);
  if (!network) return false;
  if (network.width === 32) {
    if (network.bits > WIDEST_IPV4_BITS) return false;
    // The first octets the range spans: some must hold public addresses.
    const size = 2 ** (8 - network.bits);
    const first = Math.floor(Number(network.address >> 24n) / size) * size;
    for (let octet = first; octet < first + size; octet++) if (!isNonPublicOctet(octet)) return true;
    return false;
  }
  if (network.bits > WIDEST_IPV6_BITS) return false;
  // Global unicast is 2000::/3: first groups 0x2000–0x3fff.
  const size = 2 ** (16 - network.bits);
  const first = Math.floor(Number(network.address >> 112n) / size) * size;
  return first <= 0x3fff && first + size - 1 >= 0x2000;
}

/** A range at least this wide (an IPv4 /8: 16.7 million addresses) is no one network. */
const WIDEST_IPV4_BITS = 8;
/** The IPv6 counterpart: a /16 is thousands of regional registries' allocations. */
const WIDEST_IPV6_BITS = 16;

/**
 * First octets whose whole /8 holds no public address: "this network", private 10/8, loopback,
 * multicast and reserved (224–255). A wider range that is only these (`224.0.0.0/3`) is not the
 * internet either.
 */
function isNonPublicOctet(octet: number): boolean {
  return octet === 0 || octet === 10 || octet === 127 || octet >= 224;
}

/** Four decimal octets (leading zeros allowed). */
export function isIpv4(address: string): boolean {
  return ipv4Value(address) !== null;
}

/**
 * Whether the IPv4 range `first`…`last` (a firewall rule's start and end addresses) holds at
 * least as many public addresses as a /8: `0.0.0.0`…`255.255.255.254` is the internet as surely
 * as `…255.255.255.255`.
 */
export function rangeReachesInternet(first: string, last: string): boolean {
  if (!isIpv4(first) || !isIpv4(last)) return false;
  const [low, high] = [ipv4Number(first), ipv4Number(last)];
  if (high < low) return false;
  let nonPublic = 0;
  for (let octet = 0; octet < 256; octet++) {
    if (!isNonPublicOctet(octet)) continue;
    const blockLow = octet * 2 ** 24;
    const overlap = Math.min(high, blockLow + 2 ** 24 - 1) - Math.max(low, blockLow) + 1;
    if (overlap > 0) nonPublic += overlap;
  }
  return high - low + 1 - nonPublic >= 2 ** (32 - WIDEST_IPV4_BITS);
}

/** An IPv4 address (isIpv4) as the number it stands for. */
export function ipv4Number(address: string): number {
  return Number(ipv4Value(address) ?? 0n);
}
