import type { CheckRunLedger, CheckRunStart, TrackedRun } from './checkRuns.js';
import type { PullRequestToSweep } from './outbox.js';

interface StoredRun extends TrackedRun {
  completedAt: string | null;
  conclusion: string | null;
}

/** The check runs Four Eyes started, in memory: the same contract as SqlCheckRuns. */
export class MemoryCheckRuns implements CheckRunLedger {
  readonly rows: StoredRun[] = [];

  /** @param completing whether a pending post in the outbox completes the run */
  constructor(readonly completing: (runId: number) => boolean) {}

  async starting(run: CheckRunStart, now: Date): Promise<number> {
    const id = this.rows.length + 1;
    this.rows.push({ ...run, id, runId: null, startedAt: now.toISOString(), completedAt: null, conclusion: null });
    return id;
  }

  async started(id: number, runId: number): Promise<boolean> {
    const row = this.rows.find((r) => r.id === id);
    if (!row || this.rows.some((r) => r.runId === runId)) return false;
    row.runId = runId;
    return true;
  }

  async completed(runId: number, conclusion: string, now: Date): Promise<void> {
    const row = this.rows.find((r) => r.runId === runId && r.completedAt === null);
    if (row) Object.assign(row, { completedAt: now.toISOString(), conclusion });
  }

  async closed(id: number, now: Date): Promise<void> {
    const row = this.rows.find((r) => r.id === id && r.completedAt === null);
    if (row) row.completedAt = now.toISOString();
  }

  async open(repository: string, pullRequest: number): Promise<TrackedRun[]> {
    return this.orphaned()
      .filter((r) => r.repository === repository && r.pullRequest === pullRequest)
      .map(tracked);
  }

  async stale(before: Date, limit: number): Promise<(PullRequestToSweep & { repositoryUrl: string })[]> {
    const found = new Map<string, PullRequestToSweep & { repositoryUrl: string }>();
    for (const row of this.orphaned()) {
      if (row.installationId === null || Date.parse(row.startedAt) > before.getTime()) continue;
      const key = `${row.repository}#${row.pullRequest}`;
      if (!found.has(key))
        found.set(key, {
          repository: row.repository,
          repositoryUrl: row.repositoryUrl,
          pullRequest: row.pullRequest,
          installationId: row.installationId,
        });
    }
    return [...found.values()].slice(0, limit);
  }

  private orphaned(): StoredRun[] {
    return this.rows.filter((r) => r.completedAt === null && (r.runId === null || !this.completing(r.runId)));
  }
}

function tracked({ completedAt: _completedAt, conclusion: _conclusion, ...run }: StoredRun): TrackedRun {
  return { ...run };
}
