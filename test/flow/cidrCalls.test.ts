import { describe, expect, it } from 'vitest';
import { cidrSubnet, cidrSubnets } from '../../src/flow/cidrCalls.js';

// Expected values are the examples of Terraform's own documentation of these functions.
describe('cidrsubnet and cidrsubnets compute what Terraform computes', () => {
  it.each([
    ['172.16.0.0/12', 4, 2, '172.18.0.0/16'],
    ['10.1.2.0/24', 4, 15, '10.1.2.240/28'],
    ['fd00:fd12:3456:7890::/56', 16, 162, 'fd00:fd12:3456:7800:a200::/72'],
    ['0.0.0.0/0', 1, 1, '128.0.0.0/1'],
    ['::/0', 3, 1, '2000::/3'],
    ['10.0.0.0/8', 0, 0, '10.0.0.0/8'],
  ])('cidrsubnet(%j, %d, %d) is %j', (prefix, newBits, netNum, expected) => {
    expect(cidrSubnet(prefix, newBits, netNum)).toBe(expected);
  });

  it.each([
    ['a subnet number past the last', '10.0.0.0/8', 1, 2],
    ['more bits than the address has', '10.0.0.0/30', 4, 0],
    ['not a prefix', '10.0.0.0', 1, 0],
    ['not an address', '10.0.0.300/8', 1, 0],
    ['a fractional bit count', '10.0.0.0/8', 1.5, 0],
  ])('cidrsubnet is not computed for %s', (_why, prefix, newBits, netNum) => {
    expect(cidrSubnet(prefix, newBits, netNum)).toBeNull();
  });

  it.each([
    ['10.1.0.0/16', [4, 4, 8, 4], ['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24', '10.1.48.0/20']],
    [
      'fd00:fd12:3456:7890::/56',
      [16, 16, 16, 32],
      [
        'fd00:fd12:3456:7800::/72',
        'fd00:fd12:3456:7800:100::/72',
        'fd00:fd12:3456:7800:200::/72',
        'fd00:fd12:3456:7800:300::/88',
      ],
    ],
    ['0.0.0.0/0', [1, 1], ['0.0.0.0/1', '128.0.0.0/1']],
  ])('cidrsubnets(%j, %j) is %j', (prefix, newBits, expected) => {
    expect(cidrSubnets(prefix, newBits)).toEqual(expected);
  });

  it('cidrsubnets is not computed when the subnets do not fit', () => {
    expect(cidrSubnets('10.0.0.0/8', [1, 1, 1])).toBeNull();
  });
});
