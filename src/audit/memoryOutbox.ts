import {
  type NewOutboxItem,
  type Outbox,
  type OutboxItem,
  type OutboxRow,
  outboxItem,
  type PullRequestToSweep,
} from './outbox.js';
import { runCompletedBy } from './outboxPosts.js';

interface StoredPost extends OutboxRow {
  done: boolean;
  createdAt?: string;
  checkRunId?: number | null;
  attempts?: number;
  firstAttemptAt?: Date | null;
}

/** The outbox and the tracking issues in memory: the same contract as SqlOutbox. */
export class MemoryOutbox implements Outbox {
  /** the posts, as the SQL table keeps them: the payload as JSON text */
  readonly rows: StoredPost[] = [];
  readonly #trackingIssues = new Map<string, { issueNumber: number | null; createStartedAt: Date | null }>();
  #lastId = 0;

  /** The row to add, or null when a post with its effect key is stored or `staged` already. */
  row(item: NewOutboxItem, now: Date, staged: StoredPost[]): StoredPost | null {
    const key = item.effectKey;
    if (key && [...this.rows, ...staged].some((row) => row.repository === item.repository && row.effect_key === key))
      return null;
    return {
      id: ++this.#lastId,
      delivery_id: item.deliveryId,
      repository: item.repository,
      pull_request: item.pullRequest,
      decision_seq: item.decisionSeq,
      action: item.action,
      payload: JSON.stringify(item.payload),
      effect_key: key ?? null,
      installation_id: item.installationId ?? null,
      done: false,
      createdAt: now.toISOString(),
      checkRunId: runCompletedBy(item),
      attempts: 0,
      firstAttemptAt: null,
    };
  }

  async pending(repository: string, pullRequest: number): Promise<OutboxItem[]> {
    return this.rows
      .filter((row) => !row.done && row.repository === repository && row.pull_request === pullRequest)
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map(outboxItem);
  }

  async attempting(id: number, now: Date): Promise<Date | null> {
    const row = this.rows.find((r) => r.id === id);
    if (!row) return null;
    const earlier = row.firstAttemptAt ?? null;
    row.attempts = (row.attempts ?? 0) + 1;
    row.firstAttemptAt ??= now;
    return earlier;
  }

  async done(id: number): Promise<void> {
    const row = this.rows.find((r) => r.id === id);
    if (row) row.done = true;
  }

  /** Whether a pending post completes the run. */
  completing(runId: number): boolean {
    return this.rows.some((row) => !row.done && row.checkRunId === runId);
  }

  async backlog(): Promise<number> {
    return this.rows.filter((row) => !row.done).length;
  }

  async stale(before: Date, limit: number): Promise<PullRequestToSweep[]> {
    const found = new Map<string, PullRequestToSweep>();
    for (const row of [...this.rows].sort((a, b) => Number(a.id) - Number(b.id))) {
      if (row.done || row.pull_request === null || row.installation_id === null || row.installation_id === undefined)
        continue;
      if (row.createdAt && Date.parse(row.createdAt) > before.getTime()) continue;
      const key = `${row.repository}#${row.pull_request}`;
      if (!found.has(key))
        found.set(key, {
          repository: row.repository,
          pullRequest: Number(row.pull_request),
          installationId: Number(row.installation_id),
        });
    }
    return [...found.values()].slice(0, limit);
  }

  async trackingIssue(repository: string): Promise<number | null> {
    return this.#trackingIssues.get(repository)?.issueNumber ?? null;
  }

  async creatingTrackingIssue(repository: string, now: Date): Promise<Date | null> {
    const row = this.#trackingIssues.get(repository);
    if (row?.createStartedAt) return row.createStartedAt;
    this.#trackingIssues.set(repository, { issueNumber: row?.issueNumber ?? null, createStartedAt: now });
    return null;
  }

  async setTrackingIssue(repository: string, issueNumber: number): Promise<void> {
    const row = this.#trackingIssues.get(repository);
    this.#trackingIssues.set(repository, { issueNumber, createStartedAt: row?.createStartedAt ?? null });
  }
}
