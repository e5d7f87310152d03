import type { Classification, ClassificationWarning } from '../classify/classify.js';
import { INVALID_CONFIGURATION_RULE_ID, UNPARSEABLE_RULE_ID } from '../classify/classify.js';
import { isValidPolicy, type PolicyInForce } from '../config/policyInForce.js';
import type { ConfigError } from '../config/yamlSource.js';
import type { Policy, Principals, Tier } from '../model/policy.js';
import { describeRoles, judgeReviews, type RejectedApproval, type ValidApproval } from './approvals.js';
import {
  type BlockedAttempt,
  type BlockedAttemptReason,
  blockedAttemptMessage,
  blockedAttemptNotices,
} from './blockedAttempts.js';
import { type BreakGlassOutcome, type BreakGlassUse, judgeBreakGlass } from './breakGlass.js';
import { impactDigest } from './digest.js';
import { applyExceptions, type ExceptionUse, type ExpiryWarning } from './exceptions.js';
import { buildExclusions, type ExclusionSet } from './exclusions.js';
import type { PrFacts } from './facts.js';
import { noticeRecipients, type OwnedFinding } from './findingOwners.js';
import { IdentityIndex } from './identities.js';
import type { PlanSummary } from './judgePlans.js';
import { findingOwnership, ownedFindings, unfillableOwnerNotes, withOwnerSlots } from './ownerApprovals.js';
import { planBlockingReasons } from './planBlocking.js';
import { type Allocation, allocate, type RequirementResult } from './requirements.js';
import { decisionTitle, nextSteps } from './summary.js';
import { plural, shortSha } from './text.js';

export type Conclusion = 'success' | 'failure' | 'action_required' | 'neutral';

type BlockingCode =
  | 'invalid-policy'
  | 'unclassifiable-file'
  | 'invalid-configuration'
  | 'unattributed-commit'
  | 'changes-requested'
  | 'too-many-files'
  | 'too-many-commits'
  | 'invalid-proposed-policy'
  | 'unreadable-plan'
  | 'plan-missing';

/** Blocks that mean the change cannot be fully seen or attributed: nothing, not even break-glass, passes them. */
const FAIL_CLOSED: ReadonlySet<BlockingCode> = new Set([
  'invalid-policy',
  'unclassifiable-file',
  'invalid-configuration',
  'unattributed-commit',
  'too-many-files',
  'too-many-commits',
  'invalid-proposed-policy',
  'unreadable-plan',
  'plan-missing',
]);

export interface BlockingReason {
  code: BlockingCode;
  reason: string;
}

export interface Notification {
  kind: 'break-glass' | 'follow-up-review' | 'exception-used' | 'exception-expiring' | 'blocked-attempt';
  /** who is told: the policy's owners (and the findings' owners with notify_finding_owners), or an exception's owner */
  to: Principals;
  message: string;
  /** blocked-attempt only: why the approvals were refused (one notification per reason), and whose they were */
  blocked?: { reason: BlockedAttemptReason; attempts: BlockedAttempt[] };
}

export interface Decision {
  conclusion: Conclusion;
  tier: Tier;
  title: string;
  repository: string;
  number: number;
  baseSha: string;
  headSha: string;
  impactDigest: string;
  /** with `owners` on each when the policy names owners of findings (docs/owners.md) */
  findings: OwnedFinding[];
  requirements: RequirementResult[];
  approvals: {
    /** `retainedFrom`: the earlier SHA an approval was carried over from (retain_approvals: same-impact) */
    counted: { reviewId: number; login: string; requirement: string; retainedFrom: string | null }[];
    /**
     * Valid approvals beyond what the requirements need: they fill no slot, but would if a counted
     * approval stopped counting (the execution gate recounts without whoever runs the deployment).
     * Absent from decisions recorded before it existed: read those as none.
     */
    spare: { reviewId: number; login: string; retainedFrom: string | null }[];
    rejected: RejectedApproval[];
  };
  /** everyone who may not approve this PR, and why */
  excluded: { login: string; reason: string }[];
  blocking: BlockingReason[];
  exception: ExceptionUse | null;
  exceptionsNotApplied: { id: string; reason: string }[];
  breakGlass: BreakGlassUse | null;
  breakGlassRefused: BreakGlassOutcome['refused'];
  /** exceptions about to expire, and old configuration problems out of the change's reach */
  warnings: string[];
  /**
   * Syntax errors and invalid configurations already at the base, unchanged, in modules the
   * change neither touches nor reaches: shown (and annotated), but they neither rate nor block.
   */
  configurationWarnings: ClassificationWarning[];
  notifications: Notification[];
  nextSteps: string[];
  /** present when plans were asked for: which were judged (with their digests), ignored, unreadable or missing */
  plans?: PlanSummary;
  policy: { source: string; valid: boolean };
  evaluatedAt: string;
}

export interface DecisionInput {
  facts: PrFacts;
  classification: Classification;
  /** with errors, nothing passes */
  policy: PolicyInForce;
  now: Date;
  /**
   * The policy file as the PR would leave it, when the PR changes it and it is invalid: merging
   * it would break every later check, so the PR is blocked until it validates.
   */
  proposedPolicy?: { source: string; errors: ConfigError[] } | null;
  /** the plans judged with the code (their findings are in `classification`), when asked for */
  plans?: PlanSummary;
}

/**
 * The separation-of-duties decision for one PR at one head SHA. Pure: the same input (`now`
 * included) always gives the same decision, and every part of it carries its reason.
 */
export function decide(input: DecisionInput): Decision {
  const { facts, classification, now } = input;
  const { policy } = input.policy;
  const valid = isValidPolicy(input.policy);
  const identities = new IdentityIndex(policy);
  const exclusions = buildExclusions(facts, policy, identities);
  const digest = impactDigest(classification.findings);
  const verdicts = judgeReviews(facts, policy, identities, exclusions, digest);
  const tier = classification.tier;
  const ownership = findingOwnership(classification.findings, {
    policy,
    codeowners: input.policy.codeowners ?? null,
    identities,
    org: facts.repository.owner,
  });
  const allocation = allocate(
    withOwnerSlots(tier === 'none' ? [] : policy.tiers[tier], ownership),
    verdicts.valid,
    policy.distinct,
    facts,
  );
  const exceptions = applyExceptions(classification.findings, facts, policy, identities, now);
  const breakGlass = valid ? judgeBreakGlass(facts, policy, identities) : { used: null, refused: [] };
  const blocking = blockingReasons(input, exclusions, verdicts.changesRequested);
  const { conclusion, excepted, brokeGlass } = concluded(valid, tier, allocation, exceptions, breakGlass, blocking);
  const outcome: DecisionOutcome = {
    conclusion,
    tier,
    repository: `${facts.repository.owner}/${facts.repository.name}`,
    number: facts.number,
    baseSha: facts.baseSha,
    headSha: facts.headSha,
    impactDigest: digest,
    findings: ownership
      ? ownedFindings(classification.findings, ownership, allocation.requirements)
      : classification.findings,
    requirements: allocation.requirements,
    approvals: approvalsOf(verdicts, allocation),
    excluded: describeExclusions(exclusions, identities),
    blocking,
    exception: conclusion === 'success' && !breakGlass.used && excepted ? exceptions.applied : null,
    exceptionsNotApplied: exceptions.notApplied,
    breakGlass: brokeGlass ? breakGlass.used : null,
    breakGlassRefused: refusedBreakGlass(breakGlass, brokeGlass),
    warnings: [
      ...exceptions.warnings.map((w) => w.message),
      ...classification.warnings.map(describeConfigurationWarning),
      ...(ownership?.warnings ?? []),
    ],
    configurationWarnings: classification.warnings,
    ...(input.plans ? { plans: input.plans } : {}),
    policy: { source: input.policy.source, valid },
    evaluatedAt: now.toISOString(),
  };
  return withExplanations(
    outcome,
    notificationsFor(outcome, exceptions.warnings, policy),
    nextSteps(outcome, exclusions, unfillableOwnerNotes(outcome.requirements, facts, identities, exclusions)),
  );
}

/**
 * The conclusion, and what it rests on: an exception is used (and logged) only when it is what
 * lets the PR pass; break-glass bypasses people (missing approvals, a request for changes), never
 * what cannot be seen.
 */
function concluded(
  valid: boolean,
  tier: Tier,
  allocation: Allocation,
  exceptions: ReturnType<typeof applyExceptions>,
  breakGlass: BreakGlassOutcome,
  blocking: readonly BlockingReason[],
): { conclusion: Conclusion; excepted: boolean; brokeGlass: boolean } {
  const met = allocation.requirements.every((r) => r.missing <= 0);
  const excepted = exceptions.applied !== null && !met;
  const failClosed = blocking.some((b) => FAIL_CLOSED.has(b.code));
  const brokeGlass = breakGlass.used !== null && !failClosed;
  return {
    conclusion: concludeWith(valid, brokeGlass, blocking.length > 0, tier, excepted, met),
    excepted,
    brokeGlass,
  };
}

/** Approvals that count, those valid beyond what was needed, and those that do not count with their reasons. */
function approvalsOf(verdicts: ReturnType<typeof judgeReviews>, allocation: Allocation): Decision['approvals'] {
  return {
    counted: allocation.counted,
    spare: spareApprovals(verdicts.valid, allocation),
    rejected: [...verdicts.rejected, ...allocation.notCounted],
  };
}

/** Break-glass asked for but not granted, and why: a request on a change that cannot be fully seen is refused too. */
function refusedBreakGlass(judged: BreakGlassOutcome, brokeGlass: boolean): BreakGlassOutcome['refused'] {
  if (!judged.used || brokeGlass) return judged.refused;
  return [
    ...judged.refused,
    {
      by: judged.used.by,
      at: judged.used.at,
      reason:
        'break-glass cannot pass a change Four Eyes cannot fully see or attribute; fix the blocking reasons first',
    },
  ];
}

/** Everything decided, before the words that summarise it: what the title and next steps are written from. */
export type DecisionOutcome = Omit<Decision, 'title' | 'notifications' | 'nextSteps'>;

/** The decision in its published key order (the JSON output and the audit record keep it). */
function withExplanations(outcome: DecisionOutcome, notifications: Notification[], steps: string[]): Decision {
  const { conclusion, tier, ...rest } = outcome;
  const { policy, evaluatedAt, ...middle } = rest;
  return {
    conclusion,
    tier,
    title: decisionTitle(outcome),
    ...middle,
    notifications,
    nextSteps: steps,
    policy,
    evaluatedAt,
  };
}

function concludeWith(
  policyValid: boolean,
  brokeGlass: boolean,
  blocked: boolean,
  tier: Tier,
  excepted: boolean,
  met: boolean,
): Conclusion {
  if (!policyValid) return 'failure';
  if (brokeGlass) return 'success';
  if (blocked) return 'failure';
  if (tier === 'none') return 'neutral';
  if (excepted || met) return 'success';
  return 'action_required';
}

function blockingReasons(
  input: DecisionInput,
  exclusions: ExclusionSet,
  changesRequested: { login: string; commitSha: string }[],
): BlockingReason[] {
  const reasons: BlockingReason[] = [];
  if (!isValidPolicy(input.policy)) {
    const first = input.policy.errors[0];
    reasons.push({
      code: 'invalid-policy',
      reason: `the policy ${input.policy.source} is invalid (${plural(input.policy.errors.length, 'error')}${first ? `, first: ${first.message}` : ''}); fix it on the base branch`,
    });
  }
  const proposed = input.proposedPolicy;
  if (proposed && proposed.errors.length > 0) {
    const first = proposed.errors[0]!;
    reasons.push({
      code: 'invalid-proposed-policy',
      reason: `the PR's ${proposed.source} is invalid (${plural(proposed.errors.length, 'error')}, first at line ${first.line}: ${first.message}); fix it in the PR`,
    });
  }
  if (input.facts.limits.filesTruncated)
    reasons.push({
      code: 'too-many-files',
      reason: 'the PR changes more files than GitHub lists (3000), so part of the change cannot be seen; split the PR',
    });
  if (input.facts.limits.commitsTruncated)
    reasons.push({
      code: 'too-many-commits',
      reason:
        'the PR has more commits than GitHub returns (250), so not every author can be seen; squash or split the PR',
    });
  for (const finding of input.classification.findings) {
    if (finding.ruleId === UNPARSEABLE_RULE_ID)
      reasons.push({ code: 'unclassifiable-file', reason: `${finding.file} ${finding.rationale}` });
    if (finding.ruleId === INVALID_CONFIGURATION_RULE_ID)
      reasons.push({
        code: 'invalid-configuration',
        reason: `${finding.address} in ${finding.file}: ${finding.rationale}`,
      });
  }
  reasons.push(...planBlockingReasons(input.plans, input.classification.findings));
  for (const person of exclusions.unattributed) {
    const who = [person.name, person.email && `<${person.email}>`].filter(Boolean).join(' ') || 'an unknown identity';
    reasons.push({
      code: 'unattributed-commit',
      reason: `the ${person.role} of ${shortSha(person.sha)}, ${who}, is not linked to a GitHub account; link the e-mail to the account, or map it under identities in the policy`,
    });
  }
  for (const request of changesRequested) {
    reasons.push({
      code: 'changes-requested',
      reason: `${request.login} requested changes (on ${shortSha(request.commitSha)}); it blocks until they approve or the review is dismissed`,
    });
  }
  return reasons;
}

/** Valid approvals that fill no slot and were not turned away for it: more than the requirements needed. */
function spareApprovals(valid: readonly ValidApproval[], allocation: Allocation): Decision['approvals']['spare'] {
  const placed = new Set([...allocation.counted, ...allocation.notCounted].map((a) => a.reviewId));
  return valid
    .filter((approval) => !placed.has(approval.reviewId))
    .map(({ reviewId, login, retainedFrom }) => ({ reviewId, login, retainedFrom }))
    .sort((a, b) => a.reviewId - b.reviewId);
}

function describeExclusions(exclusions: ExclusionSet, identities: IdentityIndex): Decision['excluded'] {
  const out: Decision['excluded'] = [];
  for (const roles of exclusions.byPerson.values()) {
    const logins = [...new Set(roles.map((r) => r.login))].sort();
    for (const login of logins) out.push({ login, reason: describeRoles(roles.filter((r) => r.login === login)) });
    // The person's other accounts (policy identities) are excluded with them.
    for (const alias of identities.accountsOf(logins[0]!)) {
      if (!logins.some((l) => l.toLowerCase() === alias.toLowerCase()))
        out.push({ login: alias, reason: `is an alias of ${logins[0]}` });
    }
  }
  return out.sort((a, b) => (a.login.toLowerCase() < b.login.toLowerCase() ? -1 : 1));
}

/** One line per old problem: where, what, and why it does not count against this change. */
function describeConfigurationWarning(warning: ClassificationWarning): string {
  const what = warning.ruleId === UNPARSEABLE_RULE_ID ? 'does not parse' : 'is a configuration Terraform rejects';
  return `${warning.file}:${warning.line} ${what} (${warning.message}); it is unchanged since the base and in module ${warning.module}, which this change neither touches nor reaches, so it does not rate this change: fix it separately`;
}

function notificationsFor(
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
