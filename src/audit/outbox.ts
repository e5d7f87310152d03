import { isOutboxAction, type OutboxPost } from './outboxPosts.js';

/** Whose post it is: the delivery, pull request and decision record it belongs to. */
interface OutboxEnvelope {
  deliveryId: string | null;
  repository: string;
  pullRequest: number | null;
  /** null for a failure report: the evaluation that failed made no decision */
  decisionSeq: number | null;
  /**
   * What the post belongs to (an exception use, a break-glass use), unique in its repository: a
   * second post with the same key is not even added, and the key is the hidden marker in the
   * body that finds the post on GitHub when an attempt may have made it.
   */
  effectKey?: string;
  /** the GitHub App installation that can make the post, for posting it without an event */
  installationId?: number;
}

/** A post to add, written with its decision. */
export type NewOutboxItem = OutboxEnvelope & OutboxPost;

/** A post as stored, pending until `done`. */
export type OutboxItem = { id: number } & OutboxEnvelope & OutboxPost;

/** A pull request with posts to make, and the installation that can make them. */
export interface PullRequestToSweep {
  repository: string;
  pullRequest: number;
  installationId: number;
}

/**
 * What must be posted to GitHub after a decision is recorded, written in the same transaction as
 * the record (AuditTransaction.addPost): a crash between recording and posting leaves the posts
 * here, and whoever handles the pull request next (a re-delivery, the next event, the sweep)
 * posts them.
 */
export interface Outbox {
  /** the pull request's posts not done yet, oldest first */
  pending(repository: string, pullRequest: number): Promise<OutboxItem[]>;
  /**
   * Records that the post is about to be made, before asking GitHub. Returns when an earlier
   * attempt began (null: this is the first), since an earlier attempt may have made it.
   */
  attempting(id: number, now: Date): Promise<Date | null>;
  done(id: number, result: string, now: Date): Promise<void>;
  /** pull requests with a post pending since before `before` that an installation can make, at most `limit` */
  stale(before: Date, limit: number): Promise<PullRequestToSweep[]>;
  /** the repository's exception log issue, once Four Eyes opened one */
  trackingIssue(repository: string): Promise<number | null>;
  /**
   * Records that the exception log issue is about to be created. Returns when an earlier attempt
   * began (null: this is the first), since an earlier attempt may have created it.
   */
  creatingTrackingIssue(repository: string, now: Date): Promise<Date | null>;
  setTrackingIssue(repository: string, issueNumber: number): Promise<void>;
  /** how many posts are not done yet (the metrics' outbox backlog) */
  backlog(): Promise<number>;
}

/** An outbox row as every store keeps it: the payload as JSON text. */
export interface OutboxRow {
  id: string | number;
  delivery_id: string | null;
  repository: string;
  pull_request: number | null;
  decision_seq: string | number | null;
  action: string;
  payload: string;
  effect_key?: string | null;
  installation_id?: string | number | null;
}

/**
 * A stored row, read once at the boundary: an action this Four Eyes does not know fails with the
 * row's id rather than be posted as another.
 */
export function outboxItem(row: OutboxRow): OutboxItem {
  if (!isOutboxAction(row.action))
    throw new Error(`outbox item ${row.id} has the unknown action ${JSON.stringify(row.action)}`);
  const post = { action: row.action, payload: JSON.parse(row.payload) } as OutboxPost;
  return {
    id: Number(row.id),
    deliveryId: row.delivery_id,
    repository: row.repository,
    pullRequest: row.pull_request === null ? null : Number(row.pull_request),
    decisionSeq: row.decision_seq === null ? null : Number(row.decision_seq),
    ...(row.effect_key ? { effectKey: row.effect_key } : {}),
    ...(row.installation_id !== null && row.installation_id !== undefined
      ? { installationId: Number(row.installation_id) }
      : {}),
    ...post,
  };
}
