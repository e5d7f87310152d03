/**
 * A bounded map that forgets the least recently used entries: caches must not grow with every
 * PR ever seen. The bound is a count, or a total weight when `weigh` is given (parsed Terraform
 * is bounded by its source bytes: its syntax tree takes about twenty times as much memory).
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, { value: V; weight: number }>();
  #total = 0;

  constructor(
    readonly capacity: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`cache capacity must be a positive integer, got ${capacity}`);
  }

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    const weight = Math.max(0, this.weigh(value));
    this.#entries.set(key, { value, weight });
    this.#total += weight;
    // The newest entry stays even when it alone outweighs the bound: it is the one about to be asked for.
    for (const [oldest, entry] of this.#entries) {
      if (this.#total <= this.capacity || oldest === key) break;
      this.#entries.delete(oldest);
      this.#total -= entry.weight;
    }
  }

  delete(key: K): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#total -= entry.weight;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** the sum of the entries' weights (their count without `weigh`) */
  get weight(): number {
    return this.#total;
  }
}
