import { describe, expect, it } from 'vitest';
import { parsedNetwork } from '../../src/util/ipAddresses.js';

describe('parsedNetwork: an address and prefix length in the forms providers accept', () => {
  it.each([
    ['10.0.0.0/8', 0x0a000000n, 8, 32],
    ['010.0.0.0/08', 0x0a000000n, 8, 32],
    ['::/0', 0n, 0, 128],
    ['2001:db8::1/64', 0x20010db8000000000000000000000001n, 64, 128],
    ['::ffff:10.0.0.1/96', 0xffff0a000001n, 96, 128],
    ['0:0:0:0:0:0:0:1/128', 1n, 128, 128],
  ])('%s', (text, address, bits, width) => {
    expect(parsedNetwork(text)).toEqual({ address, bits, width });
  });

  it.each([
    '10.0.0.0',
    '10.0.0.0/33',
    '10.0.0.256/8',
    '1::2::3/0',
    '1:2:3:4:5:6:7:8:9/0',
    '::1.2.3/96',
    'arn:aws:s3:::b/0',
  ])('not a network: %s', (text) => {
    expect(parsedNetwork(text)).toBeNull();
  });
});
