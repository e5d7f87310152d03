import { describe, expect, it } from 'vitest';
import { classifyTrees, topRules } from '../support/classifyTrees.js';

/*
 * A provider stores the arguments it is given: a value written into one resource and read back
 * from it lands where it is read, as it would through a local.
 */

const rule = (cidrs: string) => `resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ${cidrs}
  security_group_id = "sg-1"
}
`;

const carriers: [string, (cidr: string) => string, string][] = [
  [
    'terraform_data (input read as output)',
    (cidr) => `resource "terraform_data" "cidr" {\n  input = "${cidr}"\n}\n`,
    '[terraform_data.cidr.output]',
  ],
  [
    'aws_ssm_parameter (value)',
    (cidr) =>
      `resource "aws_ssm_parameter" "cidr" {\n  name  = "/net/admin"\n  type  = "String"\n  value = "${cidr}"\n}\n`,
    '[aws_ssm_parameter.cidr.value]',
  ],
  [
    'null_resource (a trigger)',
    (cidr) => `resource "null_resource" "cfg" {\n  triggers = {\n    cidr = "${cidr}"\n  }\n}\n`,
    '[null_resource.cfg.triggers.cidr]',
  ],
];

describe('a value written into a resource and read back from it lands where it is read', () => {
  it.each(carriers)('caught: 0.0.0.0/0 carried by %s (before: low)', (_name, carrier, read) => {
    const [tier, rules] = topRules(
      { 'main.tf': carrier('10.0.0.0/8') + rule(read) },
      { 'main.tf': carrier('0.0.0.0/0') + rule(read) },
    );
    expect([tier, rules]).toEqual(['critical', ['network.aws.security-group-open-world']]);
  });

  it.each(carriers)('quiet: the carrier unchanged, a comment added (%s)', (_name, carrier, read) => {
    expect(
      topRules(
        { 'main.tf': carrier('10.0.0.0/8') + rule(read) },
        { 'main.tf': `# net\n${carrier('10.0.0.0/8')}${rule(read)}` },
      ),
    ).toEqual(['none', []]);
  });

  it('the finding names the resource argument the value came through', () => {
    const [, carrier, read] = carriers[0]!;
    const result = classifyTrees(
      { 'main.tf': carrier('10.0.0.0/8') + rule(read) },
      { 'main.tf': carrier('0.0.0.0/0') + rule(read) },
    );
    const finding = result.findings.find((f) => f.ruleId === 'network.aws.security-group-open-world');
    expect(finding?.via).toEqual(['terraform_data.cidr input (main.tf:2) → aws_security_group_rule.ssh cidr_blocks']);
  });

  it('an argument that differs per instance (count.index) is not read back as one value', () => {
    const counted = (cidr: string) =>
      `resource "terraform_data" "cidr" {\n  count = 2\n  input = "${cidr}/\${count.index}"\n}\n${rule('[terraform_data.cidr[0].output]')}`;
    expect(topRules({ 'main.tf': counted('10.0.0.0') }, { 'main.tf': counted('0.0.0.0') })).toEqual([
      'low',
      ['default'],
    ]);
  });
});
