import { describe, expect, it } from 'vitest';
import { KeyedSerializer } from '../../src/github/keyedSerializer.js';
import { LruCache } from '../../src/github/lruCache.js';

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
    expect([cache.get('b'), cache.get('c'), cache.get('huge')?.length, cache.size]).toEqual([undefined, undefined, 50, 1]);
  });
  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new LruCache(0)).toThrow('cache capacity must be a positive integer, got 0');
  });
});

describe('KeyedSerializer', () => {
  it('runs tasks of one key one at a time, in order, even when an earlier one fails', async () => {
    const serializer = new KeyedSerializer();
    const log: string[] = [];
    const slow = (name: string, ms: number, fail = false) => () => new Promise<string>((resolve, reject) => setTimeout(() => {
      log.push(name);
      if (fail) reject(new Error(name)); else resolve(name);
    }, ms));
    const results = await Promise.allSettled([serializer.run('pr', slow('first', 30, true)), serializer.run('pr', slow('second', 1)), serializer.run('other', slow('other', 5))]);
    expect(log).toEqual(['other', 'first', 'second']);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  });
});
