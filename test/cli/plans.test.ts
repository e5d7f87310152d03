import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { scratchDirectory } from '../support/scratchDirectory.js';
import { EXAMPLE_BASE, EXAMPLE_HEAD, expectUsageError } from './support.js';

const PLAN = 'examples/iam-change/plan.json';
const FACTS = 'examples/iam-change/facts.json';
const NOW = ['--now', '2026-11-23T12:00:00Z'];

interface PlanOutput {
  tier: string;
  findings: { action: string; address: string; ruleId: string; tier: string; plan?: string; file: string }[];
  plans: { judged: { source: string; root: string | null; digest: string }[] };
}

/** A plan the code cannot show: the rule's CIDR comes from a variable whose value is the internet. */
function planFile(json: string): string {
  const path = join(scratchDirectory('four-eyes-plan'), 'plan.json');
  writeFileSync(path, json);
  return path;
}

describe('classify --plan', () => {
  it('classifies a plan alone, each finding naming the plan, with the digest', () => {
    const result = runCli(['classify', '--plan', PLAN]);
    expect(result.exitCode).toBe(0);
    const output = JSON.parse(result.stdout) as PlanOutput;
    expect(output.tier).toBe('critical');
    expect(output.findings.map((f) => [f.action, f.address, f.ruleId, f.tier])).toContainEqual([
      'create',
      'aws_security_group_rule.deploy_ssh',
      'network.aws.security-group-open-world',
      'critical',
    ]);
    expect(output.findings.every((f) => f.plan === PLAN && f.file === PLAN)).toBe(true);
    expect(output.plans.judged).toEqual([
      expect.objectContaining({ source: PLAN, root: null, digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) }),
    ]);
  });

  it('judges the plan with the code: findings point at the code, and the text lists the plan and its digest', () => {
    const result = runCli([
      'classify',
      '--base',
      EXAMPLE_BASE,
      '--head',
      EXAMPLE_HEAD,
      '--plan',
      `.=${PLAN}`,
      '--format',
      'text',
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Overall tier: critical/);
    expect(result.stdout).toMatch(
      /\nPlans:\n {2}- judged examples\/iam-change\/plan\.json \(root \.\): sha256:[0-9a-f]{64} — 4 resource change\(s\), Terraform 1\.9\.8\n/,
    );
  });

  it('raises the tier when the plan shows what the code does not', () => {
    const open = JSON.stringify({
      format_version: '1.2',
      resource_changes: [
        {
          address: 'aws_s3_bucket.artifacts',
          mode: 'managed',
          type: 'aws_s3_bucket',
          name: 'artifacts',
          change: { actions: ['delete'], before: { bucket: 'acme-artifacts' }, after: null },
        },
      ],
    });
    const args = ['classify', '--base', EXAMPLE_BASE, '--head', EXAMPLE_BASE];
    expect((JSON.parse(runCli(args).stdout) as PlanOutput).tier).toBe('none');
    const withPlan = JSON.parse(runCli([...args, '--plan', planFile(open)]).stdout) as PlanOutput;
    expect(withPlan.findings.map((f) => [f.action, f.address])).toContainEqual(['delete', 'aws_s3_bucket.artifacts']);
    expect(withPlan.tier).not.toBe('none');
  });

  it('a plan that cannot be read fails closed, naming the file and line', () => {
    const broken = planFile('{\n  "format_version": "1.2",\n  "resource_changes": [,]\n}\n');
    const result = runCli(['classify', '--plan', broken]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^four-eyes: ${broken}(:\\d+)?: `));
  });

  it('a plan file that does not exist is a usage error', () => {
    expectUsageError(
      runCli(['classify', '--plan', '/nonexistent/plan.json']),
      'four-eyes: classify: cannot read the plan /nonexistent/plan.json (ENOENT); give the output of `terraform show -json plan.tfplan`\n',
    );
  });
});

describe('evaluate --plan', () => {
  const evaluate = (...options: string[]) =>
    runCli(['evaluate', '--base', EXAMPLE_BASE, '--head', EXAMPLE_HEAD, '--facts', FACTS, ...NOW, ...options]);

  it('records the judged plans and their digests in the decision', () => {
    const decision = JSON.parse(evaluate('--plan', PLAN).stdout) as { plans: PlanOutput['plans'] };
    expect(decision.plans.judged.map((plan) => [plan.source, plan.root])).toEqual([[PLAN, '.']]);
    expect(JSON.parse(evaluate().stdout)).not.toHaveProperty('plans');
  });

  it.each([
    ['text', /\nPlans\n {2}- judged examples\/iam-change\/plan\.json \(root \.\): sha256:/],
    ['markdown', /\n### Plans\n\n- judged examples\/iam-change\/plan\.json \(root \.\): sha256:/],
  ])('shows the plans in %s', (format, pattern) => {
    expect(evaluate('--plan', PLAN, '--format', format).stdout).toMatch(pattern);
  });

  it('an unreadable plan blocks the decision', () => {
    const decision = JSON.parse(evaluate('--plan', planFile('not json')).stdout) as {
      conclusion: string;
      blocking: { code: string }[];
    };
    expect(decision.conclusion).toBe('failure');
    expect(decision.blocking.map((b) => b.code)).toContain('unreadable-plan');
  });
});
