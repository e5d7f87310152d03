import type { Database, Sql } from './database.js';
import {
  type NewOutboxItem,
  type Outbox,
  type OutboxItem,
  type OutboxRow,
  outboxItem,
  type PullRequestToSweep,
} from './outbox.js';
import { runCompletedBy } from './outboxPosts.js';

const OUTBOX_COLUMNS =
  'id, delivery_id, repository, pull_request, decision_seq, action, payload, effect_key, installation_id';

/** The outbox and the tracking issues in SQL tables (migrations.ts). */
export class SqlOutbox implements Outbox {
  constructor(readonly db: Database) {}

  /** Adds the post; false when one with its effect key is already there (then nothing is added). */
  async add(sql: Sql, item: NewOutboxItem, now: Date): Promise<boolean> {
    const rows = await sql.query(
      `INSERT INTO outbox (delivery_id, repository, pull_request, decision_seq, action, payload, created_at, effect_key, installation_id, check_run_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (repository, effect_key) WHERE effect_key IS NOT NULL DO NOTHING RETURNING id`,
      [
        item.deliveryId,
        item.repository,
        item.pullRequest,
        item.decisionSeq,
        item.action,
        JSON.stringify(item.payload),
        now.toISOString(),
        item.effectKey ?? null,
        item.installationId ?? null,
        runCompletedBy(item),
      ],
    );
    return rows.length > 0;
  }

  async pending(repository: string, pullRequest: number): Promise<OutboxItem[]> {
    const rows = await this.db.query<OutboxRow>(
      `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE repository = $1 AND pull_request = $2 AND done_at IS NULL ORDER BY id`,
      [repository, pullRequest],
    );
    return rows.map(outboxItem);
  }

  async attempting(id: number, now: Date): Promise<Date | null> {
    const [row] = await this.db.query<{ earlier: Date | string | null }>(
      `UPDATE outbox SET attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, $2)
       WHERE id = $1 RETURNING CASE WHEN attempts > 1 THEN first_attempt_at END AS earlier`,
      [id, now.toISOString()],
    );
    return row?.earlier ? new Date(row.earlier) : null;
  }

  async done(id: number, result: string, now: Date): Promise<void> {
    await this.db.query('UPDATE outbox SET done_at = $2, result = $3 WHERE id = $1', [id, now.toISOString(), result]);
  }

  async backlog(): Promise<number> {
    const [row] = await this.db.query<{ n: string | number }>('SELECT count(*) AS n FROM outbox WHERE done_at IS NULL');
    return Number(row?.n ?? 0);
  }

  async stale(before: Date, limit: number): Promise<PullRequestToSweep[]> {
    const rows = await this.db.query<{ repository: string; pull_request: number; installation_id: string | number }>(
      `SELECT repository, pull_request, max(installation_id) AS installation_id FROM outbox
       WHERE done_at IS NULL AND created_at <= $1 AND pull_request IS NOT NULL AND installation_id IS NOT NULL
       GROUP BY repository, pull_request ORDER BY min(id) LIMIT $2`,
      [before.toISOString(), limit],
    );
    return rows.map((r) => ({
      repository: r.repository,
      pullRequest: Number(r.pull_request),
      installationId: Number(r.installation_id),
    }));
  }

  async trackingIssue(repository: string): Promise<number | null> {
    const [row] = await this.db.query<{ issue_number: number | null }>(
      'SELECT issue_number FROM tracking_issues WHERE repository = $1',
      [repository],
    );
    return row && row.issue_number !== null ? Number(row.issue_number) : null;
  }

  async creatingTrackingIssue(repository: string, now: Date): Promise<Date | null> {
    return this.db.transaction(async (sql) => {
      const [row] = await sql.query<{ create_started_at: Date | string | null }>(
        'SELECT create_started_at FROM tracking_issues WHERE repository = $1 FOR UPDATE',
        [repository],
      );
      if (row?.create_started_at) return new Date(row.create_started_at);
      await sql.query(
        'INSERT INTO tracking_issues (repository, issue_number, create_started_at) VALUES ($1, NULL, $2) ON CONFLICT (repository) DO UPDATE SET create_started_at = EXCLUDED.create_started_at',
        [repository, now.toISOString()],
      );
      return null;
    });
  }

  async setTrackingIssue(repository: string, issueNumber: number): Promise<void> {
    await this.db.query(
      'INSERT INTO tracking_issues (repository, issue_number) VALUES ($1, $2) ON CONFLICT (repository) DO UPDATE SET issue_number = EXCLUDED.issue_number',
      [repository, issueNumber],
    );
  }
}
