import { describe, expect, it } from 'vitest';
import type { Classification, Finding } from '../../src/classify/classify.js';
import { combineFindings } from '../../src/plan/combineFindings.js';
import { planChanges } from '../../src/plan/planChanges.js';
import type { JsonValue, ValueMarks } from '../../src/plan/planModel.js';
import { unknownWatched } from '../../src/plan/unknownWatched.js';
import { markedPaths } from '../../src/plan/valueMarks.js';
import { entry, planOf } from './planBuilders.js';

describe('markedPaths: where unknown or sensitive leaves are, in the change set path scheme', () => {
  it.each([
    ['a top-level attribute', { policy: 'x' }, { policy: true }, ['policy']],
    ['a key missing from the value', { name: 'a' }, { arn: true }, ['arn']],
    ['a leaf inside a map marks the attribute', { tags: { a: '1' } }, { tags: { a: true } }, ['tags']],
    [
      'a leaf inside a nested block',
      { ingress: [{ from_port: 1 }, { from_port: 2 }] },
      { ingress: [{}, { cidr_blocks: true }] },
      ['ingress[1].cidr_blocks'],
    ],
    ['a whole block list', { ingress: [{ from_port: 1 }] }, { ingress: true }, ['ingress']],
    ['the whole object', null, true, ['']],
    ['nothing marked', { a: 1 }, { a: false, b: [false] }, []],
  ] as [string, JsonValue, ValueMarks, string[]][])('%s', (_name, value, marks, expected) => {
    expect(markedPaths(value, marks)).toEqual(expected);
  });
});

describe('planChanges: which shapes it builds', () => {
  const plan = planOf([
    entry('data.aws_caller_identity.me', 'read', { after: {} }),
    entry('aws_s3_bucket.b', 'create', { after: { bucket: 'b' } }),
  ]);
  const actions = (judged?: Parameters<typeof planChanges>[2]) =>
    [...planChanges(plan, undefined, judged)].map((item) => `${item.change.action} ${item.change.address}`);

  it('gives every change when every shape is judged', () => {
    expect(actions()).toEqual(['read data.aws_caller_identity.me', 'create aws_s3_bucket.b']);
  });

  it('leaves out a data source read that no rule judges, and only reads', () => {
    expect(actions(() => false)).toEqual(['create aws_s3_bucket.b']);
  });
});

describe('unknownWatched: whether a matcher looks at an unknown path', () => {
  it.each([
    ['cidr_blocks', 'cidr_blocks', true],
    ['ingress.cidr_blocks', 'ingress[0].cidr_blocks', true],
    ['ingress.cidr_blocks', 'ingress', true],
    ['ingress.cidr_blocks', 'egress[0].cidr_blocks', false],
    ['**', 'policy', true],
    ['policy', 'arn', false],
    ['policy', '', true],
  ])('%s watches %s: %s', (glob, path, expected) => {
    expect(unknownWatched(glob, path)).toBe(expected);
  });
});

const finding = (tier: Finding['tier'], extra: Partial<Finding>): Finding => ({
  module: '.',
  address: 'aws_s3_bucket.b',
  kind: 'resource',
  action: 'update',
  tier,
  ruleId: `${tier}-rule`,
  rationale: '',
  file: 'main.tf',
  line: 1,
  changedPaths: [],
  ...extra,
});
const classification = (...findings: Finding[]): Classification => ({
  tier: findings[0]?.tier ?? 'none',
  findings,
  warnings: [],
});
const fromPlan = (tier: Finding['tier'], address = 'aws_s3_bucket.b["k"]') =>
  finding(tier, { plan: 'plan.json', instances: [`.: ${address}`], ruleId: `plan-${tier}` });

describe('combineFindings: the higher tier wins per object', () => {
  it.each([
    ['the plan rates higher: its findings replace the code’s', 'high', 'critical', ['plan-critical']],
    ['the code rates higher: its findings stay', 'critical', 'high', ['critical-rule']],
    ['a tie: the code’s stay, they point at the lines', 'high', 'high', ['high-rule']],
  ] as const)('%s', (_name, codeTier, planTier, expected) => {
    const combined = combineFindings(classification(finding(codeTier, {})), [classification(fromPlan(planTier))]);
    expect(combined.findings.map((f) => f.ruleId)).toEqual(expected);
  });

  it('keeps what only one side sees, and the highest tier overall', () => {
    const combined = combineFindings(classification(finding('low', {})), [
      classification(fromPlan('critical', 'aws_db_instance.main')),
    ]);
    expect(combined.findings.map((f) => f.ruleId)).toEqual(['plan-critical', 'low-rule']);
    expect(combined.tier).toBe('critical');
  });
});
