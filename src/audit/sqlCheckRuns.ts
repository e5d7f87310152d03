import { type CheckRunLedger, type CheckRunRow, type CheckRunStart, type TrackedRun, trackedRun } from './checkRuns.js';
import type { Database } from './database.js';
import type { PullRequestToSweep } from './outbox.js';

const COLUMNS = 'id, run_id, repository, repository_url, pull_request, head_sha, name, installation_id, started_at';
/** Open runs nobody is about to complete: no pending post in the outbox completes them. */
const ORPHANED = `completed_at IS NULL AND NOT EXISTS (
  SELECT 1 FROM outbox WHERE outbox.check_run_id = check_runs.run_id AND outbox.done_at IS NULL)`;

/** The check runs Four Eyes started, in a SQL table (migrations.ts). */
export class SqlCheckRuns implements CheckRunLedger {
  constructor(readonly db: Database) {}

  async starting(run: CheckRunStart, now: Date): Promise<number> {
    const [row] = await this.db.query<{ id: string | number }>(
      'INSERT INTO check_runs (repository, repository_url, pull_request, head_sha, name, installation_id, started_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [
        run.repository,
        run.repositoryUrl,
        run.pullRequest,
        run.headSha,
        run.name,
        run.installationId,
        now.toISOString(),
      ],
    );
    return Number(row!.id);
  }

  async started(id: number, runId: number): Promise<boolean> {
    const rows = await this.db.query(
      'UPDATE check_runs SET run_id = $2 WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM check_runs WHERE run_id = $2) RETURNING id',
      [id, runId],
    );
    return rows.length > 0;
  }

  async completed(runId: number, conclusion: string, now: Date): Promise<void> {
    await this.db.query(
      'UPDATE check_runs SET completed_at = $2, conclusion = $3 WHERE run_id = $1 AND completed_at IS NULL',
      [runId, now.toISOString(), conclusion],
    );
  }

  async closed(id: number, now: Date): Promise<void> {
    await this.db.query('UPDATE check_runs SET completed_at = $2 WHERE id = $1 AND completed_at IS NULL', [
      id,
      now.toISOString(),
    ]);
  }

  async open(repository: string, pullRequest: number): Promise<TrackedRun[]> {
    const rows = await this.db.query<CheckRunRow>(
      `SELECT ${COLUMNS} FROM check_runs WHERE repository = $1 AND pull_request = $2 AND ${ORPHANED} ORDER BY id`,
      [repository, pullRequest],
    );
    return rows.map(trackedRun);
  }

  async stale(before: Date, limit: number): Promise<(PullRequestToSweep & { repositoryUrl: string })[]> {
    const rows = await this.db.query<{
      repository: string;
      repository_url: string;
      pull_request: number;
      installation_id: string | number;
    }>(
      `SELECT repository, pull_request, max(repository_url) AS repository_url, max(installation_id) AS installation_id FROM check_runs
       WHERE started_at <= $1 AND installation_id IS NOT NULL AND ${ORPHANED}
       GROUP BY repository, pull_request ORDER BY min(id) LIMIT $2`,
      [before.toISOString(), limit],
    );
    return rows.map((r) => ({
      repository: r.repository,
      repositoryUrl: r.repository_url,
      pullRequest: Number(r.pull_request),
      installationId: Number(r.installation_id),
    }));
  }
}
