import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/util/lruCache.js';

describe('LruCache', () => {
  it('forgets the least recently used entry beyond its capacity', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([1, undefined, 3, 2]);
  });
  it('with weights: evicts by total weight, and keeps the newest entry even when it alone is too heavy', () => {
    const cache = new LruCache<string, string>(10, (text) => text.length);
    cache.set('a', 'aaaa');
    cache.set('b', 'bbbb');
    expect(cache.weight).toBe(8);
    cache.set('c', 'cccc');
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.weight]).toEqual([undefined, 'bbbb', 'cccc', 8]);
    cache.set('huge', 'h'.repeat(50));
    expect([cache.get('b'), cache.get('c'), cache.get('huge')?.length, cache.size]).toEqual([
      undefined,
      undefined,
      50,
      1,
    ]);
  });
  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new LruCache(0)).toThrow('cache capacity must be a positive integer, got 0');
  });
});
