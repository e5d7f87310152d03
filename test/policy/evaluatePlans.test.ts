import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { policyInForce } from '../../src/config/policyInForce.js';
import type { PlanEvidence } from '../../src/plan/planEvidence.js';
import { evaluateChange } from '../../src/policy/evaluateChange.js';
import { entry, planOf } from '../plan/planBuilders.js';
import { facts, NOW, review } from './support.js';

/** The rule's CIDR comes from a variable: the code cannot show its value. */
const SG = `resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }
}

variable "cidr" {}
`;
const APP_CALL = 'module "app" {\n  source = "../../modules/app"\n}\n';
const BASE = { files: [{ path: 'stacks/prod/main.tf', content: `${APP_CALL}${SG}` }] };
const HEAD = {
  files: [
    { path: 'stacks/prod/main.tf', content: `${APP_CALL}${SG.replace('name = "web"', 'name = "web2"')}` },
    { path: 'modules/app/main.tf', content: 'resource "aws_s3_bucket" "data" {\n  bucket = "d"\n}\n' },
  ],
};
const changeSet = buildChangeSet(BASE, HEAD);
const defaults = policyInForce('built-in defaults', { kind: 'absent' });
const sgValue = (cidr: string, name = 'web') => ({
  name,
  ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: [cidr] }],
});
/** The plan shows what the code cannot: the variable's value is the whole internet. */
const OPEN_PLAN = planOf([
  entry('aws_security_group.web', 'update', { before: sgValue('10.0.0.0/8'), after: sgValue('0.0.0.0/0', 'web2') }),
  entry('module.app.aws_s3_bucket.data', 'delete', { before: { bucket: 'd' } }),
]);
const evidence = (extra: Partial<PlanEvidence> = {}): PlanEvidence => ({
  plans: [OPEN_PLAN],
  unreadable: [],
  ignored: [],
  missing: null,
  roots: { 'plan.json': 'stacks/prod' },
  ...extra,
});
const twoApprovals = facts({ reviews: [review('carol', 'APPROVED'), review('dave', 'APPROVED')] });

function evaluate(plans: PlanEvidence | undefined, prFacts = facts()) {
  return evaluateChange({
    changeSet,
    facts: prFacts,
    policy: defaults,
    proposedPolicyText: null,
    now: NOW,
    ...(plans ? { plans } : {}),
  });
}

describe('evaluateChange with plans: the plan judged with the code', () => {
  it('a plan raises the tier above what the code shows, and the higher tier wins per object', () => {
    const code = evaluate(undefined);
    const withPlan = evaluate(evidence());
    expect(code.decision.tier).toBe('high');
    expect(withPlan.decision.tier).toBe('critical');
    const sgFindings = withPlan.decision.findings.filter((f) => f.address === 'aws_security_group.web');
    expect(sgFindings.map((f) => [f.ruleId, f.tier, f.plan])).toEqual([
      ['network.aws.security-group-open-world', 'critical', 'plan.json'],
      ['network.aws.security-group', 'high', 'plan.json'],
    ]);
  });

  it("points a plan's findings at the code, through local module calls", () => {
    const { decision } = evaluate(evidence());
    const sg = decision.findings.find((f) => f.ruleId === 'network.aws.security-group-open-world')!;
    expect([sg.file, sg.line, sg.module]).toEqual(['stacks/prod/main.tf', 4, 'stacks/prod']);
    const bucket = decision.findings.find((f) => f.address === 'aws_s3_bucket.data')!;
    expect([bucket.file, bucket.line, bucket.module, bucket.instances]).toEqual([
      'modules/app/main.tf',
      1,
      'modules/app',
      ['stacks/prod: module.app.aws_s3_bucket.data'],
    ]);
  });

  it('guesses the root when the edge does not name it', () => {
    const { decision } = evaluate(evidence({ roots: {} }));
    expect(decision.plans!.judged[0]!.root).toBe('stacks/prod');
  });

  it('records the digest of every judged plan in the decision', () => {
    const { decision } = evaluate(evidence());
    expect(decision.plans!.judged).toEqual([
      {
        source: 'plan.json',
        root: 'stacks/prod',
        digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        terraformVersion: '1.9.0',
        resourceChanges: 2,
      },
    ]);
    expect(evaluate(undefined).decision.plans).toBeUndefined();
  });

  it('changes the impact digest when the plan changes: an approval of one plan is not one of another', () => {
    const other = planOf([
      entry('aws_security_group.web', 'update', { before: sgValue('10.0.0.0/8'), after: sgValue('0.0.0.0/0', 'web3') }),
    ]);
    expect(evaluate(evidence()).decision.impactDigest).not.toBe(
      evaluate(evidence({ plans: [other] })).decision.impactDigest,
    );
  });

  it.each([
    [
      'an unreadable plan',
      { unreadable: [{ source: 'plan.json', line: 3, message: 'unexpected token' }], plans: [] },
      'unreadable-plan',
      'the plan plan.json:3 cannot be read: unexpected token',
    ],
    [
      'a required plan that has not arrived',
      { plans: [], missing: { state: 'waiting' as const, reason: 'waiting for the plan of terraform.yml' } },
      'plan-missing',
      'waiting for the plan of terraform.yml',
    ],
    [
      'an errored plan',
      { plans: [planOf([], { errored: true })] },
      'unreadable-plan',
      expect.stringContaining('the plan plan.json is incomplete'),
    ],
  ])('%s blocks whatever the approvals, break-glass included', (_name, extra, code, reason) => {
    const { decision } = evaluate(evidence(extra), twoApprovals);
    expect(decision.conclusion).toBe('failure');
    expect(decision.blocking).toContainEqual({ code, reason });
  });

  it('an ignored plan is reported with its reason and does not block', () => {
    const ignored = [{ source: 'four-eyes-plan/plan.json', reason: 'the PR changes the workflow that made it' }];
    const { decision } = evaluate(evidence({ plans: [], ignored }), twoApprovals);
    expect(decision.plans!.ignored).toEqual(ignored);
    expect(decision.blocking).toEqual([]);
    expect(decision.conclusion).toBe('success');
  });
});
