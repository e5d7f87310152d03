import type { Conclusion } from '../policy/decision.js';

/**
 * What the outbox holds: the posts to GitHub a recorded decision makes, defined here, below the
 * GitHub code that builds and sends them, so the store knows their shapes without knowing GitHub.
 */

/** The check run a decision is posted as. */
export interface CheckTarget {
  repo: { owner: string; name: string };
  headSha: string;
  name: string;
  /** the PR number, kept on the check run so its events find the PR even for forks */
  number: number;
  detailsUrl: string;
}

export interface StartedCheck extends CheckTarget {
  id: number;
}

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

export interface CheckRunOutput {
  title: string;
  summary: string;
  annotations: CheckAnnotation[];
}

/** Completes the started check run, or creates a completed one. */
export interface CheckRunPost {
  target: CheckTarget;
  started: StartedCheck | null;
  conclusion: Conclusion;
  output: CheckRunOutput;
  /**
   * `in_progress`: the decision waits for something still coming (the plan workflow's run), so
   * the started run gets the output and stays in progress, to be completed by a later evaluation.
   */
  status?: 'in_progress';
}

/**
 * Completes a check run as failure when the evaluation itself failed: no decision made it, so
 * no record follows it, but it is retried like any post so that no started run stays in progress.
 */
export interface FailureReportPost {
  target: CheckTarget;
  started: StartedCheck | null;
  output: CheckRunOutput;
}

/** A comment on the repository's exception log issue (`issueNumber` null: the one Four Eyes opened). */
interface ExceptionLogPost {
  issueNumber: number | null;
  body: string;
}

/** An issue for the owners to review a break-glass after the fact. */
interface FollowUpIssuePost {
  title: string;
  assignees: string[];
  body: string;
}

/** A comment on the pull request naming its owners. */
interface MentionOwnersPost {
  body: string;
}

/**
 * The owners' notice of blocked approval attempts of one reason on a pull request: one comment,
 * found by the notice's own key (hidden in its body) and edited as attempts are added.
 */
interface BlockedAttemptNoticePost {
  noticeKey: string;
  body: string;
}

export type OutboxPost =
  | { action: 'check-run'; payload: CheckRunPost }
  | { action: 'failure-report'; payload: FailureReportPost }
  | { action: 'exception-log'; payload: ExceptionLogPost }
  | { action: 'follow-up-issue'; payload: FollowUpIssuePost }
  | { action: 'mention-owners'; payload: MentionOwnersPost }
  | { action: 'blocked-attempt-notice'; payload: BlockedAttemptNoticePost };

export type OutboxAction = OutboxPost['action'];

/** The started run a post completes, if it completes one: while the post is pending, that run is not orphaned. */
export function runCompletedBy(post: OutboxPost): number | null {
  if (post.action !== 'check-run' && post.action !== 'failure-report') return null;
  const { started, target } = post.payload;
  return started && started.headSha === target.headSha && started.name === target.name ? started.id : null;
}

/** Every action, at run time; an action missing here, or one too many, does not compile. */
const KNOWN_ACTIONS: { [A in OutboxAction]: true } = {
  'check-run': true,
  'failure-report': true,
  'exception-log': true,
  'follow-up-issue': true,
  'mention-owners': true,
  'blocked-attempt-notice': true,
};

export function isOutboxAction(action: unknown): action is OutboxAction {
  return typeof action === 'string' && Object.hasOwn(KNOWN_ACTIONS, action);
}
