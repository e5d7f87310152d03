import type { Policy } from '../model/policy.js';
import { blockedAttemptMessage, blockedAttemptNotices } from './blockedAttempts.js';
import type { DecisionOutcome, Notification } from './decision.js';
import type { ExpiryWarning } from './exceptions.js';
import { noticeRecipients } from './findingOwners.js';
import { shortSha } from './text.js';

/** Who is told what of a decision: break-glass and its follow-up review, exceptions used and expiring, refused approvals. */
export function notificationsFor(
  decision: DecisionOutcome,
  expiryWarnings: readonly ExpiryWarning[],
  policy: Policy,
): Notification[] {
  const notifications: Notification[] = [];
  const owners = noticeRecipients(policy, decision.findings);
  const where = `${decision.repository}#${decision.number} at ${shortSha(decision.headSha)}`;
  if (decision.breakGlass) {
    notifications.push({
      kind: 'break-glass',
      to: owners,
      message: `${decision.breakGlass.by} broke glass on ${where}: ${decision.breakGlass.reason}`,
    });
    notifications.push({
      kind: 'follow-up-review',
      to: owners,
      message: `Review after the fact: ${decision.tier} impact change ${where} passed by break-glass without independent approval`,
    });
  }
  if (decision.exception) {
    notifications.push({
      kind: 'exception-used',
      to: owners,
      message: `${decision.exception.usedBy} self-approved ${where} under exception ${decision.exception.id}`,
    });
  }
  for (const warning of expiryWarnings) {
    notifications.push({
      kind: 'exception-expiring',
      to: { users: [warning.owner], teams: [] },
      message: warning.message,
    });
  }
  notifications.push(...blockedAttemptNotifications(decision, policy, where));
  return notifications;
}

/**
 * The owners hear of every approval refused because the approver had a hand in the change, one
 * notification per reason — unless the policy turns that off, or names no owners to tell.
 */
function blockedAttemptNotifications(decision: DecisionOutcome, policy: Policy, where: string): Notification[] {
  const owners = policy.owners;
  if (!policy.notifications.blockedAttempts || owners.users.length + owners.teams.length === 0) return [];
  return blockedAttemptNotices(decision.approvals.rejected).map((notice) => ({
    kind: 'blocked-attempt',
    to: owners,
    message: blockedAttemptMessage(notice, where),
    blocked: { reason: notice.reason, attempts: notice.attempts },
  }));
}
