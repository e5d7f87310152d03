import { type Network, parsedNetwork } from '../util/ipAddresses.js';

/**
 * Terraform's `cidrsubnet` and `cidrsubnets` on known arguments, so that a range built from
 * `0.0.0.0/0` (`cidrsubnet("0.0.0.0/0", 1, 0)` is `0.0.0.0/1`) is judged like one written out.
 * Null wherever Terraform would fail (a bad prefix, too many bits, a number out of range).
 */

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
