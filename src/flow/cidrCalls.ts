/**
 * Terraform's `cidrsubnet` and `cidrsubnets` on known arguments, so that a range built from
 * `0.0.0.0/0` (`cidrsubnet("0.0.0.0/0", 1, 0)` is `0.0.0.0/1`) is judged like one written out.
 * Null wherever Terraform would fail (a bad prefix, too many bits, a number out of range).
 */

interface Network {
  /** the address as a number, IPv4 in 32 bits or IPv6 in 128 */
  address: bigint;
  bits: number;
  width: 32 | 128;
}

export function cidrSubnet(prefix: string, newBits: number, netNum: number): string | null {
  const network = parsedNetwork(prefix);
  if (!network || !Number.isInteger(newBits) || !Number.isInteger(netNum) || newBits < 0) return null;
  const bits = network.bits + newBits;
  if (bits > network.width || netNum < 0 || BigInt(netNum) >= 1n << BigInt(newBits)) return null;
  const address = base(network) | (BigInt(netNum) << BigInt(network.width - bits));
  return networkText({ address, bits, width: network.width });
}

/**
 * Consecutive subnets of the sizes asked, each the first free one after the last (Terraform
 * takes them in order, aligning each to its own size).
 */
export function cidrSubnets(prefix: string, newBits: readonly number[]): string[] | null {
  const network = parsedNetwork(prefix);
  if (!network || newBits.some((bits) => !Number.isInteger(bits) || bits < 1)) return null;
  const end = base(network) + (1n << BigInt(network.width - network.bits));
  let next = base(network);
  const out: string[] = [];
  for (const extra of newBits) {
    const bits = network.bits + extra;
    if (bits > network.width) return null;
    const size = 1n << BigInt(network.width - bits);
    const start = ((next + size - 1n) / size) * size;
    if (start + size > end) return null;
    out.push(networkText({ address: start, bits, width: network.width }));
    next = start + size;
  }
  return out;
}

/** The network's first address: the address with its host bits cleared. */
function base(network: Network): bigint {
  const hostBits = BigInt(network.width - network.bits);
  return (network.address >> hostBits) << hostBits;
}

function parsedNetwork(text: string): Network | null {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!match) return null;
  const bits = Number(match[2]);
  const ipv4 = ipv4Value(match[1]!);
  if (ipv4 !== null) return bits <= 32 ? { address: ipv4, bits, width: 32 } : null;
  const ipv6 = ipv6Value(match[1]!);
  return ipv6 !== null && bits <= 128 ? { address: ipv6, bits, width: 128 } : null;
}

function ipv4Value(text: string): bigint | null {
  const octets = text.split('.');
  if (octets.length !== 4 || octets.some((octet) => !/^\d{1,3}$/.test(octet) || Number(octet) > 255)) return null;
  return octets.reduce((value, octet) => (value << 8n) | BigInt(octet), 0n);
}

function ipv6Value(text: string): bigint | null {
  const halves = text.split('::');
  if (halves.length > 2 || !/^[0-9A-Fa-f:]+$/.test(text)) return null;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((group) => !/^[0-9A-Fa-f]{1,4}$/.test(group))) return null;
  return all.reduce((value, group) => (value << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}

function networkText({ address, bits, width }: Network): string {
  if (width === 32) {
    const octets = [24n, 16n, 8n, 0n].map((shift) => String((address >> shift) & 0xffn));
    return `${octets.join('.')}/${bits}`;
  }
  const groups = Array.from({ length: 8 }, (_, i) => ((address >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  return `${compressedIpv6(groups)}/${bits}`;
}

/** RFC 5952: the longest run of two or more zero groups becomes `::`. */
function compressedIpv6(groups: string[]): string {
  let best = { start: -1, length: 1 };
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  if (best.start < 0) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
}
