import { INVALID_CONFIGURATION_RULE_ID, UNPARSEABLE_RULE_ID } from '../classify/classify.js';
import { isValidPolicy } from '../config/policyInForce.js';
import type { DecisionInput } from './decision.js';
import type { ExclusionSet } from './exclusions.js';
import { planBlockingReasons } from './planBlocking.js';
import { plural, shortSha } from './text.js';

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

/** Whether any of the blocks is one nothing, not even break-glass, passes. */
export function failsClosed(blocking: readonly BlockingReason[]): boolean {
  return blocking.some((b) => FAIL_CLOSED.has(b.code));
}

/** Why the PR cannot pass as it is, whatever its approvals: what cannot be seen or attributed, and requests for changes. */
export function blockingReasons(
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
