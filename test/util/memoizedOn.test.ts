import { describe, expect, it } from 'vitest';
import { memoizedOn, memoKey } from '../../src/util/memoizedOn.js';

describe('memoizedOn: a value worked out once per object', () => {
  const lengthOf = () => {
    const key = memoKey<{ items: number[] }, number>('length');
    let calls = 0;
    const compute = (object: { items: number[] }) => {
      calls++;
      return object.items.length;
    };
    return { get: (object: { items: number[] }) => memoizedOn(key, object, compute), calls: () => calls };
  };

  it('works the value out once per object, and again for another object', () => {
    const memo = lengthOf();
    const a = { items: [1, 2] };
    expect([memo.get(a), memo.get(a), memo.get({ items: [1] })]).toEqual([2, 2, 1]);
    expect(memo.calls()).toBe(2);
  });

  it('leaves what the object shows unchanged: keys, JSON, spreads and equality', () => {
    const memo = lengthOf();
    const a = { items: [1, 2] };
    memo.get(a);
    expect(Object.keys(a)).toEqual(['items']);
    expect(JSON.stringify(a)).toBe('{"items":[1,2]}');
    expect({ ...a }).toEqual({ items: [1, 2] });
    expect(a).toEqual({ items: [1, 2] });
    expect(structuredClone(a)).toEqual({ items: [1, 2] });
  });

  it('keeps the value beside a frozen object, once', () => {
    const memo = lengthOf();
    const frozen = Object.freeze({ items: [1, 2, 3] });
    expect([memo.get(frozen), memo.get(frozen)]).toEqual([3, 3]);
    expect(memo.calls()).toBe(1);
  });

  it('keeps falsy values too', () => {
    const memo = lengthOf();
    const empty = { items: [] };
    expect([memo.get(empty), memo.get(empty)]).toEqual([0, 0]);
    expect(memo.calls()).toBe(1);
  });

  it('keeps kinds apart: two keys on one object', () => {
    const first = memoKey<object, string>('first');
    const second = memoKey<object, string>('second');
    const object = {};
    expect([memoizedOn(first, object, () => 'a'), memoizedOn(second, object, () => 'b')]).toEqual(['a', 'b']);
  });
});
