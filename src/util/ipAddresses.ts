/**
 * IPv4 and IPv6 addresses and prefixes as numbers, in the forms providers accept (leading zeros,
 * `::` elision, an IPv4 tail in IPv6): what `cidrsubnet` computes with and what tells a range
 * that reaches the internet from one that does not.
 */

export interface Network {
  /** the address as a number, IPv4 in 32 bits or IPv6 in 128 */
  address: bigint;
  bits: number;
  width: 32 | 128;
}

/** `10.0.0.0/8`, `2000::/3`: the address and prefix length; null when it is not one. */
export function parsedNetwork(text: string): Network | null {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!match) return null;
  const bits = Number(match[2]);
  const ipv4 = ipv4Value(match[1]!);
  if (ipv4 !== null) return bits <= 32 ? { address: ipv4, bits, width: 32 } : null;
  const ipv6 = ipv6Value(match[1]!);
  return ipv6 !== null && bits <= 128 ? { address: ipv6, bits, width: 128 } : null;
}

/** Four decimal octets as a 32-bit number; null when the text is not that. */
export function ipv4Value(text: string): bigint | null {
  const octets = text.split('.');
  if (octets.length !== 4 || octets.some((octet) => !/^\d{1,3}$/.test(octet) || Number(octet) > 255)) return null;
  return octets.reduce((value, octet) => (value << 8n) | BigInt(octet), 0n);
}

/** An IPv6 address in any of its written forms as a 128-bit number; null when the text is not one. */
function ipv6Value(text: string): bigint | null {
  if (!/^[0-9A-Fa-f:.]+$/.test(text)) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  // The last group may be an IPv4 address, which stands for two groups.
  const last = [...head, ...tail].at(-1);
  const ipv4Tail = last?.includes('.') ? ipv4Value(last) : null;
  if (last?.includes('.') && ipv4Tail === null) return null;
  if (ipv4Tail !== null)
    (tail.length > 0 ? tail : head).splice(-1, 1, (ipv4Tail >> 16n).toString(16), (ipv4Tail & 0xffffn).toString(16));
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((group) => !/^[0-9A-Fa-f]{1,4}$/.test(group))) return null;
  return all.reduce((value, group) => (value << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}
