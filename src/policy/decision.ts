import type { Classification, ClassificationWarning } from '../classify/classify.js';
import { UNPARSEABLE_RULE_ID } from '../classify/classify.js';
import { isValidPolicy, type PolicyInForce } from '../config/policyInForce.js';
import type { ConfigError } from '../config/yamlSource.js';
import type { Principals, Tier } from '../model/policy.js';
import { describeRoles, judgeReviews, type RejectedApproval, type ValidApproval } from './approvals.js';
import type { BlockedAttempt, BlockedAttemptReason } from './blockedAttempts.js';
import { type BlockingReason, blockingReasons, failsClosed } from './blockingReasons.js';
import { type BreakGlassOutcome, type BreakGlassUse, judgeBreakGlass } from './breakGlass.js';
import { notificationsFor } from './decisionNotifications.js';
import { impactDigest } from './digest.js';
import { applyExceptions, type ExceptionUse, type ExpiryWarning } from './exceptions.js';
import { buildExclusions, type ExclusionSet } from './exclusions.js';
import type { PrFacts } from './facts.js';
import type { OwnedFinding, OwnerSources } from './findingOwners.js';
import { IdentityIndex } from './identities.js';
import type { PlanSummary } from './judgePlans.js';
import {
  type FindingOwnership,
  findingOwnership,
  ownedFindings,
  unfillableOwnerNotes,
  withOwnerSlots,
} from './ownerApprovals.js';
import { type Allocation, allocate, type RequirementResult } from './requirements.js';
import { decisionTitle, nextSteps } from './summary.js';

export type Conclusion = 'success' | 'failure' | 'action_required' | 'neutral';

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
  const ownership = findingOwnership(classification.findings, ownerSources(input, identities));
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
    warnings: decisionWarnings(exceptions.warnings, classification.warnings, ownership),
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

/** Where the owners of findings come from: the policy, and the base's CODEOWNERS when it takes owners from there (docs/owners.md). */
function ownerSources(input: DecisionInput, identities: IdentityIndex): OwnerSources {
  return {
    policy: input.policy.policy,
    codeowners: input.policy.codeowners ?? null,
    identities,
    org: input.facts.repository.owner,
  };
}

/** Exceptions about to expire, old configuration problems out of the change's reach, and gaps in the owners of findings. */
function decisionWarnings(
  expiry: readonly ExpiryWarning[],
  configuration: readonly ClassificationWarning[],
  ownership: FindingOwnership | null,
): string[] {
  return [
    ...expiry.map((w) => w.message),
    ...configuration.map(describeConfigurationWarning),
    ...(ownership?.warnings ?? []),
  ];
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
  const failClosed = failsClosed(blocking);
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
