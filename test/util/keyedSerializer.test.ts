import { describe, expect, it } from 'vitest';
import { KeyedSerializer } from '../../src/util/keyedSerializer.js';

describe('KeyedSerializer', () => {
  it('runs tasks of one key one at a time, in order, even when an earlier one fails', async () => {
    const serializer = new KeyedSerializer();
    const log: string[] = [];
    const slow =
      (name: string, ms: number, fail = false) =>
      () =>
        new Promise<string>((resolve, reject) =>
          setTimeout(() => {
            log.push(name);
            if (fail) reject(new Error(name));
            else resolve(name);
          }, ms),
        );
    const results = await Promise.allSettled([
      serializer.run('pr', slow('first', 30, true)),
      serializer.run('pr', slow('second', 1)),
      serializer.run('other', slow('other', 5)),
    ]);
    expect(log).toEqual(['other', 'first', 'second']);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  });
});
