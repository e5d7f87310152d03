import type { RejectedApproval } from './approvals.js';
import { listWords } from './text.js';

/**
 * The refusals that mean someone tried to approve a change they had a hand in — wrote it, pushed
 * it, ship it, or are an alias of someone who did — rather than an approval that merely went
 * stale or lacked permission. The policy's owners hear of these (notifications.blocked_attempts).
 */
const BLOCKED_ATTEMPT_REASONS = [
  'author',
  'commit-author',
  'committer',
  'co-author',
  'pusher',
  'deployer',
  'alias',
] as const satisfies readonly RejectedApproval['code'][];

export type BlockedAttemptReason = (typeof BLOCKED_ATTEMPT_REASONS)[number];

/** One approval refused for one of those reasons: whose review, and the refusal's own words. */
export interface BlockedAttempt {
  reviewId: number;
  login: string;
  /** why this approver was refused, as the decision says it ("carol co-authored 1a2b3c4") */
  detail: string;
}

/** The blocked attempts of one reason: what one notice (and one PR comment) is about. */
export interface BlockedAttemptNotice {
  reason: BlockedAttemptReason;
  attempts: BlockedAttempt[];
}

const REASON_PHRASES: Record<BlockedAttemptReason, string> = {
  author: 'the approver is the pull request author',
  'commit-author': 'the approver authored a commit of the change',
  committer: 'the approver committed part of the change',
  'co-author': 'the approver co-authored the change',
  pusher: 'the approver pushed to the branch',
  deployer: 'the approver is a configured deployer',
  alias: 'the approver is an alias of someone who took part in the change',
};

/** Why approvals of a reason are refused, in words (the comment's and the notification's). */
export function blockedAttemptPhrase(reason: BlockedAttemptReason): string {
  return REASON_PHRASES[reason];
}

/**
 * The decision's refused approvals that are blocked attempts, one notice per reason in the order
 * of BLOCKED_ATTEMPT_REASONS, attempts by review id: the same decision reads the same.
 */
export function blockedAttemptNotices(rejected: readonly RejectedApproval[]): BlockedAttemptNotice[] {
  const notices: BlockedAttemptNotice[] = [];
  for (const reason of BLOCKED_ATTEMPT_REASONS) {
    const attempts = rejected
      .filter((r) => r.code === reason)
      .map((r) => ({ reviewId: r.reviewId, login: r.login, detail: r.reason }))
      .sort((a, b) => a.reviewId - b.reviewId);
    if (attempts.length > 0) notices.push({ reason, attempts });
  }
  return notices;
}

/** "carol tried to approve acme/infra#42 at 1a2b3c4 and was refused: the approver co-authored the change (carol co-authored 1a2b3c4)" */
export function blockedAttemptMessage(notice: BlockedAttemptNotice, where: string): string {
  const logins = [...new Set(notice.attempts.map((a) => a.login))];
  const details = notice.attempts.map((a) => a.detail).join('; ');
  return `${listWords(logins)} tried to approve ${where} and ${logins.length === 1 ? 'was' : 'were'} refused: ${blockedAttemptPhrase(notice.reason)} (${details})`;
}
