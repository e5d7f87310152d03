import {
  type Claimant,
  type DeliveryClaim,
  type DeliveryJob,
  type DeliveryLedger,
  deliveryJob,
  type OrphanedDelivery,
} from './deliveries.js';
import type { InstanceRegistry } from './instances.js';
import type { RetryRequest, RetryStore, ScheduledRetry } from './retries.js';

/**
 * The delivery ledger, heartbeats and retry schedule in memory, with the SQL stores' contract
 * (test/audit/recovery.test.ts runs the same tests against all three). Nothing here awaits
 * between reading and writing, so each call is as atomic as its SQL statement.
 */
export class MemoryInstances implements InstanceRegistry {
  readonly #beats = new Map<string, number>();

  async heartbeat(instanceId: string, now: Date): Promise<void> {
    this.#beats.set(instanceId, now.getTime());
  }

  async leave(instanceId: string): Promise<void> {
    this.#beats.delete(instanceId);
  }

  async forget(before: Date): Promise<void> {
    for (const [id, at] of this.#beats) if (at < before.getTime()) this.#beats.delete(id);
  }

  /** An owner is alive while its heartbeat is no older than `staleBefore`. */
  alive(owner: string, staleBefore: Date): boolean {
    const at = this.#beats.get(owner);
    return at !== undefined && at >= staleBefore.getTime();
  }
}

interface DeliveryRow {
  event: string;
  state: 'processing' | 'done';
  leaseUntil: number;
  receivedAt: number;
  owner: string | null;
  /** the job as JSON text, as the SQL table keeps it */
  job: string | null;
}

export class MemoryDeliveryLedger implements DeliveryLedger {
  readonly #rows = new Map<string, DeliveryRow>();

  constructor(
    readonly leaseMs: number,
    readonly instances: MemoryInstances,
  ) {}

  async claim(
    deliveryId: string,
    event: string,
    now: Date,
    claimant?: Claimant & { job: DeliveryJob | null },
  ): Promise<DeliveryClaim> {
    const row = this.#rows.get(deliveryId);
    const staleBefore = claimant?.staleBefore ?? new Date(0);
    if (!row || (row.state === 'processing' && (row.leaseUntil <= now.getTime() || this.ownerDead(row, staleBefore)))) {
      const job = claimant?.job ? JSON.stringify(claimant.job) : (row?.job ?? null);
      this.#rows.set(deliveryId, {
        event,
        state: 'processing',
        leaseUntil: now.getTime() + this.leaseMs,
        receivedAt: row?.receivedAt ?? now.getTime(),
        owner: claimant?.owner ?? null,
        job,
      });
      return 'claimed';
    }
    return row.state === 'done' ? 'done' : 'busy';
  }

  async finish(deliveryId: string): Promise<void> {
    const row = this.#rows.get(deliveryId);
    if (row) row.state = 'done';
  }

  async release(deliveryId: string, now: Date): Promise<void> {
    const row = this.#rows.get(deliveryId);
    if (row?.state !== 'processing') return;
    row.leaseUntil = now.getTime();
    row.owner = null;
  }

  async takeOver(claimant: Claimant, now: Date, limit: number): Promise<OrphanedDelivery[]> {
    const orphans = [...this.#rows]
      .filter(
        ([, row]) =>
          row.state === 'processing' &&
          row.job !== null &&
          row.owner !== claimant.owner &&
          this.ownerDead(row, claimant.staleBefore),
      )
      .sort(([, a], [, b]) => a.receivedAt - b.receivedAt)
      .slice(0, limit);
    return orphans.map(([deliveryId, row]) => {
      row.owner = claimant.owner;
      row.leaseUntil = now.getTime() + this.leaseMs;
      return { deliveryId, event: row.event, job: deliveryJob(deliveryId, row.job!) };
    });
  }

  private ownerDead(row: DeliveryRow, staleBefore: Date): boolean {
    return row.owner !== null && !this.instances.alive(row.owner, staleBefore);
  }
}

interface RetryRow extends ScheduledRetry {
  owner: string | null;
  leaseUntil: number | null;
}

export class MemoryRetries implements RetryStore {
  readonly #rows = new Map<string, RetryRow>();

  constructor(readonly instances: MemoryInstances) {}

  async schedule(
    request: RetryRequest,
    error: string,
    now: Date,
    nextAt: (attempt: number, firstFailedAt: Date) => Date,
  ): Promise<ScheduledRetry> {
    const key = keyOf(request.repository, request.pullRequest);
    const old = this.#rows.get(key);
    const attempt = (old?.attempt ?? 0) + 1;
    const firstFailedAt = old?.firstFailedAt ?? now;
    // Stored as the SQL table keeps it: the break-glass request and the check target as JSON text, read back.
    const row: RetryRow = {
      ...request,
      deliveryId: request.deliveryId ?? old?.deliveryId ?? null,
      breakGlass: copy(request.breakGlass) ?? old?.breakGlass ?? null,
      check: copy(request.check) ?? old?.check ?? null,
      attempt,
      firstFailedAt,
      nextAt: nextAt(attempt, firstFailedAt),
      lastError: error,
      owner: null,
      leaseUntil: null,
    };
    this.#rows.set(key, row);
    return scheduled(row);
  }

  async clear(repository: string, pullRequest: number): Promise<void> {
    this.#rows.delete(keyOf(repository, pullRequest));
  }

  async claimDue(
    owner: { id: string; staleBefore: Date },
    now: Date,
    leaseUntil: Date,
    limit: number,
  ): Promise<ScheduledRetry[]> {
    const due = [...this.#rows.values()]
      .filter(
        (row) =>
          row.nextAt.getTime() <= now.getTime() &&
          (row.leaseUntil === null ||
            row.leaseUntil <= now.getTime() ||
            !this.instances.alive(row.owner!, owner.staleBefore)),
      )
      .sort((a, b) => a.nextAt.getTime() - b.nextAt.getTime())
      .slice(0, limit);
    for (const row of due) {
      row.owner = owner.id;
      row.leaseUntil = leaseUntil.getTime();
    }
    return due.map(scheduled);
  }

  async get(repository: string, pullRequest: number): Promise<ScheduledRetry | null> {
    const row = this.#rows.get(keyOf(repository, pullRequest));
    return row ? scheduled(row) : null;
  }
}

function keyOf(repository: string, pullRequest: number): string {
  return `${repository}#${pullRequest}`;
}

function copy<T>(value: T | null): T | null {
  return value === null ? null : (JSON.parse(JSON.stringify(value)) as T);
}

function scheduled({ owner: _owner, leaseUntil: _lease, ...retry }: RetryRow): ScheduledRetry {
  return {
    ...retry,
    firstFailedAt: new Date(retry.firstFailedAt),
    nextAt: new Date(retry.nextAt),
    breakGlass: copy(retry.breakGlass),
    check: copy(retry.check),
  };
}
