import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { policyInForce } from '../../src/config/policyInForce.js';
import { evaluateChange } from '../../src/policy/evaluateChange.js';
import { entryProblem, groupImpact, type HeldDecision, judgeMergeGroup } from '../../src/policy/mergeGroup.js';
import { facts, HEAD, NOW } from './support.js';

const ROLE = 'resource "aws_iam_role" "ci" {\n  name = "ci"\n}\n';
const RENAMED = 'resource "aws_iam_role" "ci" {\n  name = "deploy"\n}\n';
const EXTRA = 'resource "aws_iam_user" "mallory" {\n  name = "mallory"\n}\n';
const base = { files: [{ path: 'main.tf', content: ROLE }] };
const approved = { files: [{ path: 'main.tf', content: RENAMED }] };
const smuggled = { files: [...approved.files, { path: 'users.tf', content: EXTRA }] };
const defaults = policyInForce('built-in defaults', { kind: 'absent' });

const entry = { pullRequest: 7, headSha: HEAD };
const group = { baseSha: 'b'.repeat(40), headSha: '1'.repeat(40) };

const held = (overrides: Partial<HeldDecision> = {}): HeldDecision => ({
  seq: 12,
  conclusion: 'success',
  title: 'High impact: 1 of 1 independent approval',
  impactDigest: evaluateChange({
    changeSet: buildChangeSet(base, approved),
    facts: facts(),
    policy: defaults,
    proposedPolicyText: null,
    now: NOW,
  }).decision.impactDigest,
  byApp: true,
  ...overrides,
});

describe('what holds a merge queue entry back before its change is read', () => {
  it.each([
    [
      'no decision for the queued head',
      null,
      'Blocked: #7 has no decision for beadfee',
      'Four Eyes has no decision for pull request #7 at beadfee',
    ],
    [
      'a decision recorded by the CLI, on facts anyone can write',
      held({ byApp: false }),
      "Blocked: #7's decision for beadfee was not made by the app",
      '(audit record #12) was recorded by `four-eyes evaluate --record`',
    ],
    [
      'a decision that asks for approvals',
      held({ conclusion: 'action_required', title: 'High impact: 0 of 1 independent approval' }),
      "Blocked: #7's decision for beadfee does not pass",
      'is action_required: High impact: 0 of 1 independent approval',
    ],
    [
      'a blocked decision',
      held({ conclusion: 'failure', title: 'Blocked: x' }),
      "Blocked: #7's decision for beadfee does not pass",
      'is failure: Blocked: x',
    ],
  ])('%s', (_case, decision, title, reason) => {
    const verdict = entryProblem(entry, decision);
    expect(verdict).toMatchObject({ conclusion: 'failure', title });
    expect(verdict!.reason).toContain(reason);
  });

  it.each(['success', 'neutral'] as const)('nothing for a decision that passes (%s)', (conclusion) => {
    expect(entryProblem(entry, held({ conclusion }))).toBeNull();
  });
});

describe("a merge group's own change", () => {
  it('digests as the decision on the same change did: same classification, same digest', () => {
    expect(groupImpact(buildChangeSet(base, approved), defaults)).toEqual({
      digest: held().impactDigest,
      tier: 'high',
    });
  });

  it('carrying exactly the approved change: passes, saying which decision', () => {
    const impact = groupImpact(buildChangeSet(base, approved), defaults);
    expect(judgeMergeGroup(entry, held(), group, impact, defaults)).toEqual({
      conclusion: 'success',
      title: 'The merge group carries the change approved for #7',
      reason: `the merge group's change (bbbbbbb → 1111111) has impact digest ${impact.digest}, the one decision #12 approved for pull request #7 at beadfee (success: High impact: 1 of 1 independent approval)`,
    });
  });

  it('carrying anything more: fails, naming both digests', () => {
    const impact = groupImpact(buildChangeSet(base, smuggled), defaults);
    const verdict = judgeMergeGroup(entry, held(), group, impact, defaults);
    expect(verdict).toMatchObject({
      conclusion: 'failure',
      title: "Blocked: the merge group's change is not the one approved for #7",
    });
    expect(verdict.reason).toContain(
      `has impact digest ${impact.digest}, but decision #12 approved ${held().impactDigest}`,
    );
  });

  it("rated by another policy at the queue's base (a rule overridden): the digest differs, it fails", () => {
    const lowered = policyInForce('main:.github/four-eyes.yml', {
      kind: 'text',
      text: 'catalog:\n  overrides:\n    - id: identity.aws.iam\n      tier: low\n',
    });
    const impact = groupImpact(buildChangeSet(base, approved), lowered);
    expect(impact.tier).toBe('low');
    expect(judgeMergeGroup(entry, held(), group, impact, lowered).conclusion).toBe('failure');
  });

  it("under an invalid policy at the queue's base: fails, whatever the digest", () => {
    const invalid = policyInForce('main:.github/four-eyes.yml', { kind: 'text', text: 'tiers: 3\n' });
    const impact = groupImpact(buildChangeSet(base, approved), invalid);
    expect(impact.digest).toBe(held().impactDigest);
    expect(judgeMergeGroup(entry, held(), group, impact, invalid)).toMatchObject({
      conclusion: 'failure',
      title: 'Blocked: the policy main:.github/four-eyes.yml is invalid',
    });
  });
});
