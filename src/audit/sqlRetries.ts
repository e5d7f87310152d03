import type { Database } from './database.js';
import type { RetryRequest, RetryStore, ScheduledRetry } from './retries.js';

interface RetryRow {
  repository: string;
  pull_request: number;
  installation_id: string | number;
  repository_url: string;
  delivery_id: string | null;
  break_glass: string | null;
  check_target: string | null;
  attempt: number;
  first_failed_at: Date | string;
  next_at: Date | string;
  last_error: string;
}

const COLUMNS =
  'repository, pull_request, installation_id, repository_url, delivery_id, break_glass, check_target, attempt, first_failed_at, next_at, last_error';

/** A lease holder is alive while its heartbeat is no older than `$stale` (sqlInstances.ts). */
const HOLDER_ALIVE = (stale: string) =>
  `EXISTS (SELECT 1 FROM app_instances i WHERE i.instance_id = r.owner AND i.heartbeat_at >= ${stale})`;

/** The retry schedule in the evaluation_retries table (migrations.ts, version 3). */
export class SqlRetries implements RetryStore {
  constructor(readonly db: Database) {}

  schedule(
    request: RetryRequest,
    error: string,
    now: Date,
    nextAt: (attempt: number, firstFailedAt: Date) => Date,
  ): Promise<ScheduledRetry> {
    const key = [request.repository, request.pullRequest];
    return this.db.transaction(async (sql) => {
      await sql.query(
        `INSERT INTO evaluation_retries (${COLUMNS}) VALUES ($1, $2, $3, $4, NULL, NULL, NULL, 0, $5, $5, '') ON CONFLICT (repository, pull_request) DO NOTHING`,
        [...key, request.installationId, request.repositoryUrl, now.toISOString()],
      );
      const [row] = await sql.query<{ attempt: number; first_failed_at: Date | string }>(
        'SELECT attempt, first_failed_at FROM evaluation_retries WHERE repository = $1 AND pull_request = $2 FOR UPDATE',
        key,
      );
      const attempt = Number(row!.attempt) + 1;
      const next = nextAt(attempt, new Date(row!.first_failed_at));
      const [updated] = await sql.query<RetryRow>(
        `UPDATE evaluation_retries SET installation_id = $3, repository_url = $4, delivery_id = COALESCE($5, delivery_id), break_glass = COALESCE($6, break_glass),
           check_target = COALESCE($7, check_target), attempt = $8, next_at = $9, last_error = $10, owner = NULL, lease_until = NULL
         WHERE repository = $1 AND pull_request = $2 RETURNING ${COLUMNS}`,
        [
          ...key,
          request.installationId,
          request.repositoryUrl,
          request.deliveryId,
          json(request.breakGlass),
          json(request.check),
          attempt,
          next.toISOString(),
          error,
        ],
      );
      return scheduledRetry(updated!);
    });
  }

  async clear(repository: string, pullRequest: number): Promise<void> {
    await this.db.query('DELETE FROM evaluation_retries WHERE repository = $1 AND pull_request = $2', [
      repository,
      pullRequest,
    ]);
  }

  async claimDue(
    owner: { id: string; staleBefore: Date },
    now: Date,
    leaseUntil: Date,
    limit: number,
  ): Promise<ScheduledRetry[]> {
    // Dead holders first, then the rows locked by their own columns: a row another process claims
    // meanwhile is skipped when it is locked (see SqlDeliveryLedger.takeOver).
    const dead = await this.db.query<{ owner: string }>(
      `SELECT DISTINCT r.owner FROM evaluation_retries r WHERE r.owner IS NOT NULL AND r.lease_until > $1 AND NOT ${HOLDER_ALIVE('$2')}`,
      [now.toISOString(), owner.staleBefore.toISOString()],
    );
    const rows = await this.db.query<RetryRow>(
      `WITH due AS MATERIALIZED (
         SELECT r.repository, r.pull_request FROM evaluation_retries r
         WHERE r.next_at <= $2 AND (r.lease_until IS NULL OR r.lease_until <= $2 OR r.owner = ANY($3::text[]))
         ORDER BY r.next_at LIMIT $5 FOR UPDATE SKIP LOCKED)
       UPDATE evaluation_retries e SET owner = $1, lease_until = $4 FROM due
       WHERE e.repository = due.repository AND e.pull_request = due.pull_request
       RETURNING ${COLUMNS.split(', ')
         .map((c) => `e.${c}`)
         .join(', ')}`,
      [owner.id, now.toISOString(), dead.map((row) => row.owner), leaseUntil.toISOString(), limit],
    );
    return rows.map(scheduledRetry).sort((a, b) => a.nextAt.getTime() - b.nextAt.getTime());
  }

  async get(repository: string, pullRequest: number): Promise<ScheduledRetry | null> {
    const [row] = await this.db.query<RetryRow>(
      `SELECT ${COLUMNS} FROM evaluation_retries WHERE repository = $1 AND pull_request = $2`,
      [repository, pullRequest],
    );
    return row ? scheduledRetry(row) : null;
  }
}

function json(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}

function scheduledRetry(row: RetryRow): ScheduledRetry {
  return {
    repository: row.repository,
    pullRequest: Number(row.pull_request),
    installationId: Number(row.installation_id),
    repositoryUrl: row.repository_url,
    deliveryId: row.delivery_id,
    breakGlass: row.break_glass === null ? null : JSON.parse(row.break_glass),
    check: row.check_target === null ? null : JSON.parse(row.check_target),
    attempt: Number(row.attempt),
    firstFailedAt: new Date(row.first_failed_at),
    nextAt: new Date(row.next_at),
    lastError: row.last_error,
  };
}
