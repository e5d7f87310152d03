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
  [
    'random_shuffle (result: some of the input)',
    (cidr) => `resource "random_shuffle" "cidr" {\n  input        = ["${cidr}"]\n  result_count = 1\n}\n`,
    'random_shuffle.cidr.result',
  ],
];

/**
 * For each `[name, holder, read]`: 0.0.0.0/0 written into the holder and read back into an SSH rule
 * is critical; the holder unchanged, a comment added, is no change at all.
 */
function readBackCases(
  cases: [string, (value: string) => string, string][],
  names: { caught: string; quiet: string },
): void {
  it.each(cases)(names.caught, (_name, holder, read) => {
    const [tier, rules] = topRules(
      { 'main.tf': holder('10.0.0.0/8') + rule(read) },
      { 'main.tf': holder('0.0.0.0/0') + rule(read) },
    );
    expect([tier, rules]).toEqual(['critical', ['network.aws.security-group-open-world']]);
  });

  it.each(cases)(names.quiet, (_name, holder, read) => {
    expect(
      topRules(
        { 'main.tf': holder('10.0.0.0/8') + rule(read) },
        { 'main.tf': `# net\n${holder('10.0.0.0/8')}${rule(read)}` },
      ),
    ).toEqual(['none', []]);
  });
}

describe('a value written into a resource and read back from it lands where it is read', () => {
  readBackCases(carriers, {
    caught: 'caught: 0.0.0.0/0 carried by %s (before: low)',
    quiet: 'quiet: the carrier unchanged, a comment added (%s)',
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

  it('an argument that differs per instance (count.index), one instance read: its value (before: low)', () => {
    const counted = (cidr: string) =>
      `resource "terraform_data" "cidr" {\n  count = 2\n  input = "${cidr}/\${count.index}"\n}\n${rule('[terraform_data.cidr[0].output]')}`;
    expect(topRules({ 'main.tf': counted('10.0.0.0') }, { 'main.tf': counted('0.0.0.0') })).toEqual([
      'critical',
      ['network.aws.security-group-open-world'],
    ]);
  });

  it.each<[string, string, string, string, string]>([
    ['count, index 0', 'count = 2', 'count.index == 0 ? "VALUE" : "10.9.0.0/16"', 'c[0]', 'critical'],
    ['for_each, key "a"', 'for_each = { a = "VALUE", b = "10.9.0.0/16" }', 'each.value', 'c["a"]', 'critical'],
    // Which instance is read is not known here: the digest of every instance's value stands in.
    ['count, index not known', 'count = 2', 'count.index == 0 ? "VALUE" : "10.9.0.0/16"', 'c[var.i]', 'high'],
    ['for_each, key not known', 'for_each = { a = "VALUE" }', 'each.value', 'c[var.k]', 'high'],
  ])(
    'caught: 0.0.0.0/0 in a per-instance argument of another resource (%s) reaches the reader (before: low)',
    (_name, meta, value, instance, tier) => {
      const holder = (cidr: string) =>
        `variable "i" {\n  default = 0\n}\nvariable "k" {\n  default = "a"\n}\nresource "aws_cloudwatch_log_group" "c" {\n  ${meta.replace('VALUE', cidr)}\n  name = ${value.replace('VALUE', cidr)}\n}\n${rule(`[aws_cloudwatch_log_group.${instance}.name]`)}`;
      const result = classifyTrees({ 'main.tf': holder('10.0.0.0/8') }, { 'main.tf': holder('0.0.0.0/0') });
      expect(result.findings.find((f) => f.address === 'aws_security_group_rule.ssh')?.tier).toBe(tier);
    },
  );

  it('quiet: a per-instance argument unchanged, its resource given a tag', () => {
    const holder = (tag: string) =>
      `resource "aws_cloudwatch_log_group" "c" {\n  count = 1\n  name = "n-\${count.index}"\n  tags = { t = "${tag}" }\n}\n${rule('[aws_cloudwatch_log_group.c[0].name]')}`;
    const result = classifyTrees({ 'main.tf': holder('a') }, { 'main.tf': holder('b') });
    expect(result.findings.map((f) => f.address)).toEqual(['aws_cloudwatch_log_group.c']);
  });
});

/*
 * Any other resource's argument read back is a value too: a log group's name, a role's
 * description. Changing one is a change of its own resource, at that resource's (low) tier, and of
 * whatever reads it, at the reader's tier.
 */
const otherResources: [string, (value: string) => string, string][] = [
  [
    'a log group name',
    (value) => `resource "aws_cloudwatch_log_group" "c" {\n  name = "${value}"\n}\n`,
    '[aws_cloudwatch_log_group.c.name]',
  ],
  [
    'a random_pet prefix made from a variable default',
    (value) => `variable "p" {\n  default = "${value}"\n}\nresource "random_pet" "c" {\n  prefix = "\${var.p}"\n}\n`,
    '[random_pet.c.prefix]',
  ],
];

describe("any resource's argument read back from it reaches what reads it", () => {
  readBackCases(otherResources, {
    caught: 'caught: 0.0.0.0/0 written as %s (before: low)',
    quiet: 'quiet: %s unchanged, a comment added',
  });

  it('caught: a role\'s description read as a policy\'s action, set to "*" (before: low)', () => {
    const tree = (description: string) => ({
      'main.tf': `resource "aws_iam_role" "c" {
  name               = "ci"
  description        = "${description}"
  assume_role_policy = "{}"
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = [aws_iam_role.c.description], Resource = "*" }] })
}
`,
    });
    expect(topRules(tree('s3:GetObject'), tree('*'))[0]).toBe('critical');
  });

  const bucketPolicy = (env: string, tags: string) => ({
    'main.tf': `variable "env" {
  default = "${env}"
}
resource "random_id" "r" {
  byte_length = 4
}
resource "aws_s3_bucket" "b" {
  bucket = "\${var.env}-\${random_id.r.hex}"
  tags   = { team = "${tags}" }
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::\${aws_s3_bucket.b.bucket}/*" }] })
}
`,
  });

  it('an argument known only at apply time is bound to what it is made of: the policy changes with it', () => {
    const result = classifyTrees(bucketPolicy('dev', 'a'), bucketPolicy('prod', 'a'));
    const policy = result.findings.find((f) => f.address === 'aws_iam_policy.p');
    expect(policy?.tier).toBe('high');
    expect(policy?.via).toEqual([
      'default of var.env (main.tf:2) → var.env → aws_s3_bucket.b bucket → aws_iam_policy.p policy',
    ]);
  });

  it('quiet: another argument of the resource read (its tags) reaches no reader', () => {
    const result = classifyTrees(bucketPolicy('dev', 'a'), bucketPolicy('dev', 'b'));
    expect(result.findings.map((f) => f.address)).toEqual(['aws_s3_bucket.b']);
  });
});

/*
 * A resource passed around whole (a local holding it, a for_each over it) still reads its
 * arguments back; an attribute the provider computes (`id`) stays a reference.
 */
describe('a resource held whole reads its arguments back', () => {
  const holder = (cidr: string, tags = 'a') => `resource "aws_cloudwatch_log_group" "c" {
  name = "${cidr}"
  tags = { t = "${tags}" }
}

locals {
  lg = aws_cloudwatch_log_group.c
}
`;

  it('caught: local.lg.name, where local.lg is the log group, set to 0.0.0.0/0 (before: low)', () => {
    expect(
      topRules(
        { 'main.tf': holder('10.0.0.0/8') + rule('[local.lg.name]') },
        { 'main.tf': holder('0.0.0.0/0') + rule('[local.lg.name]') },
      ),
    ).toEqual(['critical', ['network.aws.security-group-open-world']]);
  });

  it('caught: each.value.name of a rule whose for_each is the log groups (before: low)', () => {
    const groups = (cidr: string) => `resource "aws_cloudwatch_log_group" "c" {
  for_each = { a = "${cidr}" }
  name     = each.value
}

resource "aws_security_group_rule" "ssh" {
  for_each          = aws_cloudwatch_log_group.c
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = [each.value.name]
  security_group_id = "sg-1"
}
`;
    const result = classifyTrees({ 'main.tf': groups('10.0.0.0/8') }, { 'main.tf': groups('0.0.0.0/0') });
    expect(result.findings.find((f) => f.address === 'aws_security_group_rule.ssh')?.tier).toBe('high');
  });

  it('quiet: its tags changed, a reader of local.lg.id and of aws_cloudwatch_log_group.c.arn unchanged', () => {
    const readers = `${rule('["10.0.0.0/8"]').replace('"sg-1"', 'local.lg.id')}output "arn" {\n  value = aws_cloudwatch_log_group.c.arn\n}\n`;
    const result = classifyTrees({ 'main.tf': holder('x', 'a') + readers }, { 'main.tf': holder('x', 'b') + readers });
    expect(result.findings.map((f) => f.address)).toEqual(['aws_cloudwatch_log_group.c']);
  });

  const givenWhole = (cidr: string, tag: string) => ({
    'main.tf': `resource "aws_cloudwatch_log_group" "c" {
  name = "${cidr}"
  tags = { t = "${tag}" }
}

module "m" {
  source = "./m"
  lg     = aws_cloudwatch_log_group.c
}
`,
    'm/main.tf': `variable "lg" {}

${rule('[var.lg.name]').replace('"sg-1"', 'var.lg.arn')}`,
  });

  it('caught: a module given the log group whole reads var.lg.name set to 0.0.0.0/0 (before: low)', () => {
    expect(topRules(givenWhole('10.0.0.0/8', 'a'), givenWhole('0.0.0.0/0', 'a'))).toEqual([
      'critical',
      ['network.aws.security-group-open-world'],
    ]);
  });

  it('the route goes from the argument through the module input', () => {
    const result = classifyTrees(givenWhole('10.0.0.0/8', 'a'), givenWhole('0.0.0.0/0', 'a'));
    const finding = result.findings.find((f) => f.ruleId === 'network.aws.security-group-open-world');
    expect(finding?.via).toEqual([
      'aws_cloudwatch_log_group.c name (main.tf:2) → module.m input lg → module.m.var.lg → aws_security_group_rule.ssh cidr_blocks',
    ]);
  });

  it('quiet: the log group given whole has its tags changed; var.lg.arn and var.lg.name read the same', () => {
    const result = classifyTrees(givenWhole('10.0.0.0/8', 'a'), givenWhole('10.0.0.0/8', 'b'));
    expect(result.findings.map((f) => f.address)).toEqual(['aws_cloudwatch_log_group.c']);
  });

  const counted = (cidr: string, read: string) => ({
    'main.tf': `resource "aws_cloudwatch_log_group" "c" {
  count = 1
  name  = "${cidr}"
}
${rule(`flatten([${read}])`)}`,
  });

  it.each([
    'aws_cloudwatch_log_group.c[*].name',
    'aws_cloudwatch_log_group.c.*.name',
    'one(aws_cloudwatch_log_group.c[*].name)',
    '[for g in aws_cloudwatch_log_group.c : g.name]',
    '[for g in aws_cloudwatch_log_group.c : g.name if g.name != ""]',
  ])('caught: the log groups read as %s, a name set to 0.0.0.0/0 (before: low)', (read) => {
    expect(topRules(counted('10.0.0.0/8', read), counted('0.0.0.0/0', read))).toEqual([
      'critical',
      ['network.aws.security-group-open-world'],
    ]);
  });

  it.each(['aws_cloudwatch_log_group.c[*].arn', '[for g in aws_cloudwatch_log_group.c : g.arn]'])(
    'quiet: %s, what the provider computes, is not the name changed',
    (read) => {
      const result = classifyTrees(counted('10.0.0.0/8', read), counted('0.0.0.0/0', read));
      expect(result.findings.map((f) => f.address)).toEqual(['aws_cloudwatch_log_group.c']);
    },
  );

  const outputWhole = (cidr: string, read: string) => ({
    'm/main.tf': `resource "aws_cloudwatch_log_group" "c" {
  name = "${cidr}"
}

output "lg" {
  value = aws_cloudwatch_log_group.c
}
`,
    'main.tf': `module "m" {
  source = "./m"
}

${rule(`[${read}]`)}`,
  });

  it('caught: a module output of the log group whole, read as module.m.lg.name (before: low)', () => {
    expect(
      topRules(outputWhole('10.0.0.0/8', 'module.m.lg.name'), outputWhole('0.0.0.0/0', 'module.m.lg.name')),
    ).toEqual(['critical', ['network.aws.security-group-open-world']]);
  });

  it('quiet: module.m.lg.arn, what the provider computes, is not the name changed', () => {
    const result = classifyTrees(
      outputWhole('10.0.0.0/8', 'module.m.lg.arn'),
      outputWhole('0.0.0.0/0', 'module.m.lg.arn'),
    );
    expect(result.findings.map((f) => f.address)).toEqual(['aws_cloudwatch_log_group.c']);
  });

  /** Log groups made with `meta` (count or for_each), given whole to a module that reads `read`. */
  const expandedGivenWhole = (meta: string, cidr: string, read: string) => ({
    'main.tf': `resource "aws_cloudwatch_log_group" "c" {
  ${meta}
  name = "${cidr}"
}

module "m" {
  source = "./m"
  lg     = aws_cloudwatch_log_group.c
}
`,
    'm/main.tf': `variable "lg" {}

${rule(`[${read}]`)}`,
  });

  it.each([
    ['count = 1', 'var.lg[0].name'],
    ['for_each = toset(["a"])', 'var.lg["a"].name'],
    ['count = 2', 'one(var.lg[*].name)'],
  ])('caught: log groups made with %s given whole to a module, read as %s (before: low)', (meta, read) => {
    expect(topRules(expandedGivenWhole(meta, '10.0.0.0/8', read), expandedGivenWhole(meta, '0.0.0.0/0', read))).toEqual(
      ['critical', ['network.aws.security-group-open-world']],
    );
  });

  it('quiet: var.lg[0].arn of log groups given whole, what the provider computes, is not the name changed', () => {
    const result = classifyTrees(
      expandedGivenWhole('count = 1', '10.0.0.0/8', 'var.lg[0].arn'),
      expandedGivenWhole('count = 1', '0.0.0.0/0', 'var.lg[0].arn'),
    );
    expect(result.findings.map((f) => f.address)).toEqual(['aws_cloudwatch_log_group.c']);
  });

  it('caught: a module output of log groups made with count, read as module.m.lg[0].name (before: low)', () => {
    const counted = (cidr: string) => ({
      ...outputWhole(cidr, 'module.m.lg[0].name'),
      'm/main.tf': outputWhole(cidr, '')['m/main.tf']!.replace('"c" {\n', '"c" {\n  count = 1\n'),
    });
    expect(topRules(counted('10.0.0.0/8'), counted('0.0.0.0/0'))).toEqual([
      'critical',
      ['network.aws.security-group-open-world'],
    ]);
  });

  const valuesOf = (cidr: string, read: string) => ({
    'main.tf': `resource "aws_cloudwatch_log_group" "c" {
  for_each = toset(["a"])
  name     = "${cidr}"
}
${rule(`[${read}]`)}`,
  });

  it('caught: values(aws_cloudwatch_log_group.c)[0].name of log groups made with for_each (before: low)', () => {
    const read = 'values(aws_cloudwatch_log_group.c)[0].name';
    expect(topRules(valuesOf('10.0.0.0/8', read), valuesOf('0.0.0.0/0', read))).toEqual([
      'critical',
      ['network.aws.security-group-open-world'],
    ]);
  });

  it('quiet: values(aws_cloudwatch_log_group.c)[0].arn, what the provider computes, is not the name changed', () => {
    const read = 'values(aws_cloudwatch_log_group.c)[0].arn';
    const result = classifyTrees(valuesOf('10.0.0.0/8', read), valuesOf('0.0.0.0/0', read));
    expect(result.findings.map((f) => f.address)).toEqual(['aws_cloudwatch_log_group.c']);
  });
});
