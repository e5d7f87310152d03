/**
 * Runs tasks one at a time per key (one pull request), in arrival order: an evaluation that
 * started earlier can never finish after, and overwrite, one that started later.
 */
export class KeyedSerializer {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    this.#tails.set(key, next);
    const cleanup = () => {
      if (this.#tails.get(key) === next) this.#tails.delete(key);
    };
    next.then(cleanup, cleanup);
    return next;
  }
}
