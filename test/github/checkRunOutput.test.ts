import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/classify/classify.js';
import { checkRunOutput, MAX_ANNOTATIONS } from '../../src/github/checkRunOutput.js';
import type { Decision } from '../../src/policy/decision.js';
import { GITHUB_OUTPUT_LIMIT } from '../../src/report/markdown.js';
import { classification, facts, finding, run } from '../policy/support.js';

const options = {
  repositoryUrl: 'https://github.example.com/acme/infra',
  proposedPolicyErrors: [],
  basePolicyErrors: null,
};

function decisionWith(findings: Finding[]): Decision {
  return run(facts(), classification(...findings));
}

describe("the check run's output", () => {
  it('annotates findings at medium or above on their head lines, most severe first; low and deleted are not annotated', () => {
    const decision = decisionWith([
      finding('medium', { file: 'b.tf', line: 3, address: 'aws_x.m' }),
      finding('critical', { file: 'a.tf', line: 9, address: 'aws_x.c' }),
      finding('low', { file: 'a.tf', line: 1, address: 'aws_x.l' }),
      finding('high', { file: 'old.tf', line: 2, address: 'aws_x.d', action: 'delete' }),
    ]);
    const output = checkRunOutput(decision, options);
    expect(output.annotations.map((a) => [a.path, a.start_line, a.annotation_level])).toEqual([
      ['a.tf', 9, 'failure'],
      ['b.tf', 3, 'warning'],
    ]);
  });

  it('annotates an indirect finding on the resource it reaches and on the line where the change was made, with the route', () => {
    const via = ['terraform.tfvars:1 ssh_cidrs → var.ssh_cidrs → aws_security_group.bastion ingress[0].cidr_blocks'];
    const decision = decisionWith([
      finding('critical', {
        file: 'main.tf',
        line: 12,
        address: 'aws_security_group.bastion',
        ruleId: 'network.aws.security-group-open-world',
        via,
        sources: [{ file: 'terraform.tfvars', line: 1 }],
      }),
    ]);
    const output = checkRunOutput(decision, options);
    expect(output.annotations.map((a) => [a.path, a.start_line, a.title])).toEqual([
      ['main.tf', 12, 'critical: update aws_security_group.bastion (network.aws.security-group-open-world)'],
      [
        'terraform.tfvars',
        1,
        'critical: this change reaches aws_security_group.bastion (network.aws.security-group-open-world)',
      ],
    ]);
    expect(output.annotations[1]!.message).toContain(`reached from ${via[0]}`);
    expect(output.summary).toContain('<br>↳ reached from terraform.tfvars:1 ssh\\_cidrs → var.ssh\\_cidrs');
  });

  it('links findings to the head, and deleted ones to the base, on the given host', () => {
    const decision = decisionWith([
      finding('high', { file: 'dir/a b.tf', line: 4 }),
      finding('high', { file: 'old.tf', line: 2, action: 'delete', address: 'aws_x.d' }),
    ]);
    const { summary } = checkRunOutput(decision, options);
    expect(summary).toContain(`(https://github.example.com/acme/infra/blob/${decision.headSha}/dir/a%20b.tf#L4)`);
    expect(summary).toContain(`(https://github.example.com/acme/infra/blob/${decision.baseSha}/old.tf#L2)`);
  });

  it("stays within GitHub's limits with thousands of findings: 50 annotations, a summary note, 65,535 characters", () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      finding('high', { file: `f${i}.tf`, line: i + 1, address: `aws_iam_role.r${i}`, rationale: 'x'.repeat(200) }),
    );
    const output = checkRunOutput(decisionWith(many), options);
    expect(output.annotations).toHaveLength(MAX_ANNOTATIONS);
    expect(output.summary.length).toBeLessThanOrEqual(GITHUB_OUTPUT_LIMIT);
    expect(output.summary).toContain('2950 more annotation(s) at medium or above were not added');
    expect(output.summary).toMatch(/more finding\(s\) not shown here/);
  });

  it('leaves room for a line added to the summary afterwards (the audit record’s), however many findings it lists', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      finding('high', { file: `f${i}.tf`, line: i + 1, address: `aws_iam_role.r${i}`, rationale: 'x'.repeat(200) }),
    );
    for (const footerChars of [0, 180]) {
      const { summary } = checkRunOutput(decisionWith(many), { ...options, footerChars });
      expect(summary.length).toBeLessThanOrEqual(GITHUB_OUTPUT_LIMIT - footerChars);
      expect(summary.length).toBeGreaterThan(GITHUB_OUTPUT_LIMIT - footerChars - 4000);
    }
  });

  it("lists the policy errors, and annotates those of the PR's own policy file first", () => {
    const errors = [
      {
        message: 'tiers.high.approvals must be an integer ≥ 0, got -1 (line 4, column 16)',
        path: 'tiers.high.approvals',
        line: 4,
        column: 16,
      },
    ];
    const output = checkRunOutput(decisionWith([finding('critical', { file: 'a.tf', line: 1 })]), {
      ...options,
      proposedPolicyErrors: errors,
    });
    expect(output.annotations[0]).toEqual({
      path: '.github/four-eyes.yml',
      start_line: 4,
      end_line: 4,
      annotation_level: 'failure',
      title: 'Invalid Four Eyes policy',
      message: errors[0]!.message,
    });
    expect(output.summary).toContain(
      '### Errors in the policy file this PR proposes\n\n- .github/four-eyes.yml:4:16: tiers.high.approvals must be',
    );
  });

  it("annotates old problems out of the change's reach as warnings and lists them in the summary", () => {
    const warning = {
      ruleId: 'invalid-configuration',
      module: 'legacy',
      file: 'legacy/a.tf',
      line: 3,
      message: 'aws_s3_bucket.b is defined 2 times in module legacy',
    };
    const decision = run(facts(), {
      ...classification(finding('high', { file: 'a.tf', line: 1 })),
      warnings: [warning],
    });
    const output = checkRunOutput(decision, options);
    expect(output.annotations.map((a) => [a.path, a.start_line, a.annotation_level])).toEqual([
      ['a.tf', 1, 'failure'],
      ['legacy/a.tf', 3, 'warning'],
    ]);
    expect(output.annotations[1]!.message).toMatch(
      /^aws_s3_bucket\.b is defined 2 times in module legacy\. This is unchanged since the base/,
    );
    expect(output.summary).toContain('### Warnings\n\n- legacy/a.tf:3 is a configuration Terraform rejects');
    expect(decision.tier).toBe('high');
    expect(decision.blocking).toEqual([]);
    expect(decision.notifications.filter((n) => n.kind === 'exception-expiring')).toEqual([]);
  });

  it('keeps long titles within 255 characters', () => {
    const decision = { ...decisionWith([]), title: 't'.repeat(400) };
    expect(checkRunOutput(decision, options).title).toHaveLength(255);
  });
});
