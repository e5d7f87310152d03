import type { Database, Sql } from './database.js';
import { outboxItem, type NewOutboxItem, type Outbox, type OutboxItem, type OutboxRow } from './outbox.js';

/** The outbox and the tracking issues in SQL tables (migrations.ts). */
export class SqlOutbox implements Outbox {
  constructor(readonly db: Database) {}

  async add(sql: Sql, item: NewOutboxItem, now: Date): Promise<void> {
    await sql.query(
      'INSERT INTO outbox (delivery_id, repository, pull_request, decision_seq, action, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [item.deliveryId, item.repository, item.pullRequest, item.decisionSeq, item.action, JSON.stringify(item.payload), now.toISOString()],
    );
  }

  async pending(repository: string, pullRequest: number): Promise<OutboxItem[]> {
    const rows = await this.db.query<OutboxRow>('SELECT id, delivery_id, repository, pull_request, decision_seq, action, payload FROM outbox WHERE repository = $1 AND pull_request = $2 AND done_at IS NULL ORDER BY id', [repository, pullRequest]);
    return rows.map(outboxItem);
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
