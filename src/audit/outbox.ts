import type { Database, Sql } from './database.js';

export type OutboxAction = 'check-run' | 'exception-log' | 'follow-up-issue' | 'mention-owners';

export interface OutboxItem {
  id: number;
  deliveryId: string | null;
  repository: string;
  pullRequest: number | null;
  decisionSeq: number;
  action: OutboxAction;
  payload: Record<string, unknown>;
}

interface OutboxRow {
  id: string | number;
  delivery_id: string | null;
  repository: string;
  pull_request: number | null;
  decision_seq: string | number;
  action: OutboxAction;
  payload: string;
}

/**
 * What must be posted to GitHub after a decision is recorded, written in the same transaction as
 * the record: a crash between recording and posting leaves the posts here, and whoever handles
 * the pull request next (a re-delivery, the next event) posts them.
 */
export class Outbox {
  constructor(readonly db: Database) {}

  async add(sql: Sql, item: Omit<OutboxItem, 'id'>, now: Date): Promise<void> {
    await sql.query(
      'INSERT INTO outbox (delivery_id, repository, pull_request, decision_seq, action, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [item.deliveryId, item.repository, item.pullRequest, item.decisionSeq, item.action, JSON.stringify(item.payload), now.toISOString()],
    );
  }

  async pending(repository: string, pullRequest: number): Promise<OutboxItem[]> {
    const rows = await this.db.query<OutboxRow>('SELECT id, delivery_id, repository, pull_request, decision_seq, action, payload FROM outbox WHERE repository = $1 AND pull_request = $2 AND done_at IS NULL ORDER BY id', [repository, pullRequest]);
    return rows.map((row) => ({
      id: Number(row.id), deliveryId: row.delivery_id, repository: row.repository, pullRequest: row.pull_request === null ? null : Number(row.pull_request),
      decisionSeq: Number(row.decision_seq), action: row.action, payload: JSON.parse(row.payload) as Record<string, unknown>,
    }));
  }

  async done(id: number, result: string, now: Date): Promise<void> {
    await this.db.query('UPDATE outbox SET done_at = $2, result = $3 WHERE id = $1', [id, now.toISOString(), result]);
  }

  async trackingIssue(repository: string): Promise<number | null> {
    const [row] = await this.db.query<{ issue_number: number }>('SELECT issue_number FROM tracking_issues WHERE repository = $1', [repository]);
    return row ? Number(row.issue_number) : null;
  }

  async setTrackingIssue(repository: string, issueNumber: number): Promise<void> {
    await this.db.query('INSERT INTO tracking_issues (repository, issue_number) VALUES ($1, $2) ON CONFLICT (repository) DO UPDATE SET issue_number = EXCLUDED.issue_number', [repository, issueNumber]);
  }
}
