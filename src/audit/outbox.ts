import { isOutboxAction, type OutboxPost } from './outboxPosts.js';

/** Whose post it is: the delivery, pull request and decision record it belongs to. */
interface OutboxEnvelope {
  deliveryId: string | null;
  repository: string;
  pullRequest: number | null;
  decisionSeq: number;
}

/** A post to add, written with its decision. */
export type NewOutboxItem = OutboxEnvelope & OutboxPost;

/** A post as stored, pending until `done`. */
export type OutboxItem = { id: number } & OutboxEnvelope & OutboxPost;

/**
 * What must be posted to GitHub after a decision is recorded, written in the same transaction as
 * the record (AuditTransaction.addPost): a crash between recording and posting leaves the posts
 * here, and whoever handles the pull request next (a re-delivery, the next event) posts them.
 */
export interface Outbox {
  /** the pull request's posts not done yet, oldest first */
  pending(repository: string, pullRequest: number): Promise<OutboxItem[]>;
  done(id: number, result: string, now: Date): Promise<void>;
  /** the repository's exception log issue, once Four Eyes opened one */
  trackingIssue(repository: string): Promise<number | null>;
  setTrackingIssue(repository: string, issueNumber: number): Promise<void>;
}

/** An outbox row as every store keeps it: the payload as JSON text. */
export interface OutboxRow {
  id: string | number;
  delivery_id: string | null;
  repository: string;
  pull_request: number | null;
  decision_seq: string | number;
  action: string;
  payload: string;
}

/**
 * A stored row, read once at the boundary: an action this Four Eyes does not know fails with the
 * row's id rather than be posted as another.
 */
export function outboxItem(row: OutboxRow): OutboxItem {
  if (!isOutboxAction(row.action)) throw new Error(`outbox item ${row.id} has the unknown action ${JSON.stringify(row.action)}`);
  const post = { action: row.action, payload: JSON.parse(row.payload) } as OutboxPost;
  return {
    id: Number(row.id), deliveryId: row.delivery_id, repository: row.repository, pullRequest: row.pull_request === null ? null : Number(row.pull_request),
    decisionSeq: Number(row.decision_seq), ...post,
  };
}
