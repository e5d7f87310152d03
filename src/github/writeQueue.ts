interface Lane {
  tail: Promise<void>;
  pending: number;
  /** when the lane's last write ended (its clock) */
  lastEnd: number;
}

/**
 * Writes one at a time per installation, each starting at least `gapMs` after the previous one
 * ended: GitHub asks integrations to send content-creating requests serially, a second apart, to
 * stay clear of its secondary rate limits. Installations do not wait for each other.
 */
export class WriteQueue {
  readonly #lanes = new Map<string, Lane>();

  constructor(
    readonly gapMs: number,
    readonly now: () => number,
    readonly sleep: (ms: number) => Promise<void>,
  ) {}

  run<T>(key: string, write: () => Promise<T>): Promise<T> {
    this.#forgetIdleLanes();
    const lane = this.#lanes.get(key) ?? { tail: Promise.resolve(), pending: 0, lastEnd: -Infinity };
    this.#lanes.set(key, lane);
    lane.pending++;
    const result = lane.tail.then(async () => {
      const gap = lane.lastEnd + this.gapMs - this.now();
      if (gap > 0) await this.sleep(gap);
      try {
        return await write();
      } finally {
        lane.lastEnd = this.now();
        lane.pending--;
      }
    });
    lane.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Lanes with nothing queued whose gap has passed are dropped, so the map holds only busy installations. */
  #forgetIdleLanes(): void {
    const now = this.now();
    for (const [key, lane] of this.#lanes) {
      if (lane.pending === 0 && now - lane.lastEnd >= this.gapMs) this.#lanes.delete(key);
    }
  }
}
