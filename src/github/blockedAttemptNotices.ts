import type { RecordData } from '../audit/records.js';
import { blockedAttemptNotices, blockedAttemptPhrase } from '../policy/blockedAttempts.js';
import type { Decision, Notification } from '../policy/decision.js';
import { effectKeys, withMarker } from './effectMarkers.js';
import { type GitHubPost, mentionsOf } from './exceptionLog.js';

type BlockedAttemptData = RecordData<'blocked-attempt'>;

/** What a decision adds for blocked approval attempts: the records of the new ones, and the owners' notices. */
export interface BlockedAttemptWrites {
  records: BlockedAttemptData[];
  posts: GitHubPost[];
}

/**
 * Each blocked attempt (a review refused for one reason) is recorded once per pull request, by
 * the first decision that refuses it, whether or not the owners are told. Each blocked-attempt
 * notification of the decision becomes the notice of its reason: one comment listing every
 * attempt of that reason recorded on the pull request. Its effect key names the attempts it
 * lists, so a decision that refuses nobody new adds no post, and one that does edits the comment.
 */
export function blockedAttemptWrites(
  decision: Decision,
  decisionSeq: number,
  previous: readonly BlockedAttemptData[],
): BlockedAttemptWrites {
  const known = new Set(previous.map(attemptKey));
  const told = new Set(decision.notifications.flatMap((n) => (n.blocked ? [n.blocked.reason] : [])));
  const records = blockedAttemptNotices(decision.approvals.rejected)
    .flatMap((notice) =>
      notice.attempts.map(
        (attempt): BlockedAttemptData => ({
          decisionSeq,
          headSha: decision.headSha,
          reviewId: attempt.reviewId,
          login: attempt.login,
          reason: notice.reason,
          detail: attempt.detail,
          notified: told.has(notice.reason),
        }),
      ),
    )
    .filter((record) => !known.has(attemptKey(record)));
  const recorded = [...previous, ...records];
  const posts = decision.notifications.flatMap((notification) =>
    notification.blocked
      ? [
          noticePost(
            decision,
            notification,
            recorded.filter((r) => r.reason === notification.blocked!.reason),
          ),
        ]
      : [],
  );
  return { records, posts };
}

function attemptKey(record: Pick<BlockedAttemptData, 'reviewId' | 'reason'>): string {
  return `${record.reviewId} ${record.reason}`;
}

/** The comment for one reason: the owners, why the approvals were refused, and every attempt so far. */
function noticePost(decision: Decision, notification: Notification, recorded: BlockedAttemptData[]): GitHubPost {
  const reason = notification.blocked!.reason;
  const attempts = [...new Map(recorded.map((r) => [r.reviewId, r])).values()].sort((a, b) => a.reviewId - b.reviewId);
  const noticeKey = effectKeys.blockedAttemptNotice(decision.number, reason);
  const one = attempts.length === 1;
  const body = [
    `${mentionsOf(notification.to, decision.repository).join(' ')}: ${one ? 'an approval of this pull request was' : `${attempts.length} approvals of this pull request were`} refused because ${blockedAttemptPhrase(reason)}.`,
    '',
    ...attempts.map((a) => `- @${a.login} (review ${a.reviewId}, on ${a.headSha.slice(0, 7)}): ${a.detail}`),
    '',
    `Four Eyes did not count ${one ? 'it' : 'them'}. The audit log records each attempt (\`four-eyes audit export --kind blocked-attempts\`); this comment is updated, not repeated, when another is made.`,
  ].join('\n');
  return {
    action: 'blocked-attempt-notice',
    effectKey: effectKeys.blockedAttemptNoticeVersion(
      decision.number,
      reason,
      attempts.map((a) => a.reviewId),
    ),
    payload: { noticeKey, body: withMarker(body, noticeKey) },
  };
}
