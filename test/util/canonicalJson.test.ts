import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/util/canonicalJson.js';

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined, so one value has one text', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[3,{"e":2,"f":1}]},"b":1}',
    );
  });
  it('refuses what JSON cannot say', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow('canonical JSON has no NaN');
  });
});
