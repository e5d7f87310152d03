import type { AuditStore } from '../audit/auditStore.js';
import { type VerifyResult, verifyChain } from '../audit/verify.js';

/** The chain's verification as the integrity page shows it. */
export type ChainCheckState =
  | { state: 'never' }
  | { state: 'running'; by: string; startedAt: Date; checked: number; total: number }
  | { state: 'done'; by: string; startedAt: Date; finishedAt: Date; result: VerifyResult }
  | { state: 'failed'; by: string; startedAt: Date; finishedAt: Date; error: string };

/**
 * One verification of the whole chain at a time, for this process, run in the background: a
 * chain of millions of records takes minutes, longer than a request should wait. The page reads
 * its progress; asking again while one runs joins it rather than starting another.
 */
export class ChainCheck {
  #state: ChainCheckState = { state: 'never' };
  #running: Promise<void> | null = null;

  constructor(
    private readonly store: AuditStore,
    private readonly now: () => Date,
  ) {}

  get state(): ChainCheckState {
    return this.#state;
  }

  /** Starts a verification unless one is running; resolves when it has started (its progress is readable). */
  async start(by: string): Promise<void> {
    if (this.#running) return;
    const startedAt = this.now();
    const running = { state: 'running' as const, by, startedAt, checked: 0, total: 0 };
    this.#state = running;
    this.#running = (async () => {
      try {
        running.total = await this.store.count();
        const result = await verifyChain(this.store, {
          onProgress: (checked) => {
            running.checked = checked;
          },
        });
        this.#state = { state: 'done', by, startedAt, finishedAt: this.now(), result };
      } catch (error) {
        this.#state = { state: 'failed', by, startedAt, finishedAt: this.now(), error: (error as Error).message };
      } finally {
        this.#running = null;
      }
    })();
  }

  /** Resolves once the verification under way, if any, is over. */
  async finished(): Promise<void> {
    await this.#running;
  }
}
