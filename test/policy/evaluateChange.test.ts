import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { policyInForce } from '../../src/config/policyInForce.js';
import { evaluateChange, proposedPolicyText } from '../../src/policy/evaluateChange.js';
import { facts, NOW, review } from './support.js';

const BASE = { files: [{ path: 'main.tf', content: 'resource "aws_iam_role" "ci" {\n  name = "ci"\n}\n' }] };
const HEAD = { files: [{ path: 'main.tf', content: 'resource "aws_iam_role" "ci" {\n  name = "deploy"\n}\n' }] };
const changeSet = buildChangeSet(BASE, HEAD);
const defaults = policyInForce('built-in defaults', { kind: 'absent' });

describe('evaluateChange: the one pipeline', () => {
  it('classifies with the policy in force and decides on the facts', () => {
    const { classification, decision, proposedPolicyErrors } = evaluateChange({
      changeSet,
      facts: facts(),
      policy: defaults,
      proposedPolicyText: null,
      now: NOW,
    });
    expect(classification.tier).toBe('high');
    expect(decision.tier).toBe('high');
    expect(decision.findings).toEqual(classification.findings);
    expect(decision.conclusion).toBe('action_required');
    expect(proposedPolicyErrors).toEqual([]);
  });

  it("uses the policy's own rules: a rule overridden to low rates the change low", () => {
    const policy = policyInForce('p.yml', {
      kind: 'text',
      text: 'catalog:\n  overrides:\n    - id: identity.aws.iam\n      tier: low\n',
    });
    expect(policy.errors).toEqual([]);
    expect(
      evaluateChange({ changeSet, facts: facts(), policy, proposedPolicyText: null, now: NOW }).classification.tier,
    ).toBe('low');
  });

  it('an invalid policy in force rates with the defaults and fails, whatever the approvals', () => {
    const policy = policyInForce('main:.github/four-eyes.yml', { kind: 'text', text: 'tiers: 3\n' });
    const { classification, decision } = evaluateChange({
      changeSet,
      facts: facts({ reviews: [review('carol', 'APPROVED'), review('dave', 'APPROVED')] }),
      policy,
      proposedPolicyText: null,
      now: NOW,
    });
    expect(classification.tier).toBe('high');
    expect(decision.conclusion).toBe('failure');
    expect(decision.blocking[0]!.code).toBe('invalid-policy');
  });

  it('an invalid proposed policy blocks and is returned for annotations; a valid one does not block', () => {
    const invalid = evaluateChange({
      changeSet,
      facts: facts(),
      policy: defaults,
      proposedPolicyText: 'tiers:\n  high:\n    approvals: two\n',
      now: NOW,
    });
    expect(invalid.proposedPolicyErrors).toHaveLength(1);
    expect(invalid.decision.blocking.map((b) => b.code)).toContain('invalid-proposed-policy');
    const valid = evaluateChange({
      changeSet,
      facts: facts(),
      policy: defaults,
      proposedPolicyText: 'tiers:\n  low:\n    approvals: 1\n',
      now: NOW,
    });
    expect(valid.proposedPolicyErrors).toEqual([]);
    expect(valid.decision.blocking).toEqual([]);
  });

  it('is pure: the same input gives the same output', () => {
    const input = { changeSet, facts: facts(), policy: defaults, proposedPolicyText: null, now: NOW };
    expect(JSON.stringify(evaluateChange(input))).toBe(JSON.stringify(evaluateChange(input)));
  });
});

describe('the proposed policy text', () => {
  it.each<[string, string | undefined, string | undefined, string | null]>([
    ['unchanged', 'a: 1\n', 'a: 1\n', null],
    ['deleted', 'a: 1\n', undefined, null],
    ['added', undefined, 'a: 1\n', 'a: 1\n'],
    ['edited', 'a: 1\n', 'a: 2\n', 'a: 2\n'],
  ])('%s', (_case, base, head, expected) => {
    expect(proposedPolicyText(base, head)).toBe(expected);
  });
});
