/** Thrown for a delivery that arrives once the process is shutting down: it is not claimed, so GitHub's re-delivery or another replica does it. */
export class ShuttingDown extends Error {
  constructor() {
    super(
      'four-eyes is shutting down; the delivery was not taken (redeliver it, or another replica will receive the next)',
    );
  }
}

/**
 * The deliveries this process is working on, and whether it takes new ones. On SIGTERM it stops
 * taking them and waits for those in flight, so none is left half done by a clean stop.
 */
export class DeliveryIntake {
  #open = true;
  readonly #inFlight = new Set<Promise<unknown>>();

  get open(): boolean {
    return this.#open;
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Does a delivery's work, counted as in flight until it settles; refused (ShuttingDown) once closed. */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (!this.#open) return Promise.reject(new ShuttingDown());
    const running = work();
    const tracked = running.then(
      () => undefined,
      () => undefined,
    );
    this.#inFlight.add(tracked);
    void tracked.then(() => this.#inFlight.delete(tracked));
    return running;
  }

  close(): void {
    this.#open = false;
  }

  /** Settles when every delivery in flight has. */
  async drained(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }
}
