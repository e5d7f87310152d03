import { describe, expect, it } from 'vitest';
import type { Files } from '../classify/catalog/support.js';
import { classifyTrees } from '../support/classifyTrees.js';
import { bastionGroup } from '../support/terraformSamples.js';

/*
 * A root is resolved with its auto-loaded values and at most seven other var files (the cost
 * grows with each). Those chosen are the ones that set a variable deciding the change (see
 * src/flow/contextRelevance.ts): an author cannot hide the deployment that opens SSH to the world
 * behind nine var files that set only a name.
 */

const OPEN_WORLD = 'network.aws.security-group-open-world';

const stack = (cidrs: string) => `variable "ssh_cidrs" {
  type    = list(string)
  default = ["10.0.0.0/8"]
}

variable "name" {
  type    = string
  default = "bastion"
}

${bastionGroup(cidrs, 'var.name')}`;

/** The bastion's CIDRs rewired from a literal to `var.ssh_cidrs` beside `deployments`: its open-world finding. */
function rewired(deployments: Files) {
  const result = classifyTrees(
    { ...deployments, 'stack/main.tf': stack('["10.0.0.0/8"]') },
    { ...deployments, 'stack/main.tf': stack('var.ssh_cidrs') },
  );
  return result.findings.find((finding) => finding.ruleId === OPEN_WORLD);
}

/** Nine var files setting the name the change does not touch, named before the one that matters. */
const NAMES: Files = Object.fromEntries(
  'abcdefghi'.split('').map((letter) => [`stack/${letter}.tfvars`, `name = "bastion-${letter}"\n`]),
);

describe('the var files a root is resolved with', () => {
  it('the one setting what the changed argument reads, after nine that set only a name: critical, under it', () => {
    const deployments = { ...NAMES, 'stack/z.tfvars': 'ssh_cidrs = ["0.0.0.0/0"]\n' };
    expect(rewired(deployments)).toMatchObject({
      tier: 'critical',
      address: 'aws_security_group.bastion',
      varFile: 'stack/z.tfvars',
    });
  });

  it('one deciding only whether a module call has an instance (its count) is chosen too', () => {
    const sg = (cidrs: string) => `variable "cidrs" {
  type = list(string)
}

${bastionGroup(cidrs)}`;
    const caller = `variable "enable" {
  type    = bool
  default = false
}

variable "name" {
  type    = string
  default = "bastion"
}

variable "cidrs" {
  type = list(string)
}

module "sg" {
  source = "../modules/sg"
  count  = var.enable ? 1 : 0
  cidrs  = var.cidrs
}

resource "aws_sns_topic" "alerts" {
  name = var.name
}
`;
    const deployment: Files = {
      ...NAMES,
      'stack/main.tf': caller,
      'stack/terraform.tfvars': 'enable = false\ncidrs = ["0.0.0.0/0"]\n',
      'stack/z.tfvars': 'enable = true\n',
    };
    const result = classifyTrees(
      { ...deployment, 'modules/sg/main.tf': sg('["10.0.0.0/8"]') },
      { ...deployment, 'modules/sg/main.tf': sg('var.cidrs') },
    );
    const open = result.findings.find((finding) => finding.ruleId === OPEN_WORLD);
    expect(open).toMatchObject({ tier: 'critical', varFile: 'stack/z.tfvars' });
  });

  it('nine var files that set only the name, and a change of the CIDRs: judged once, not once per var file', () => {
    const result = classifyTrees(
      { ...NAMES, 'stack/main.tf': stack('["10.0.0.0/8"]') },
      { ...NAMES, 'stack/main.tf': stack('["10.0.0.0/16"]') },
    );
    const rules = result.findings.filter((finding) => finding.address === 'aws_security_group.bastion');
    expect(rules.map((finding) => [finding.ruleId, finding.tier, finding.varFile])).toEqual([
      ['network.aws.security-group', 'high', undefined],
    ]);
  });
});

describe('changed var files: each one resolved, or the change fails closed', () => {
  const deployment = (cidrs: string) => `ssh_cidrs = ${cidrs}\n`;
  const stackFile = { 'stack/main.tf': stack('var.ssh_cidrs') };

  it('the eighth var file a pull request adds, opening SSH to the world, after seven harmless ones: critical', () => {
    const added: Files = Object.fromEntries(
      'abcdefg'.split('').map((letter) => [`stack/${letter}.tfvars`, deployment('["10.0.0.0/16"]')]),
    );
    const result = classifyTrees(stackFile, {
      ...stackFile,
      ...added,
      'stack/h.tfvars': deployment('["0.0.0.0/0"]'),
    });
    const open = result.findings.find((finding) => finding.ruleId === OPEN_WORLD);
    expect(open).toMatchObject({ tier: 'critical', varFile: 'stack/h.tfvars' });
  });

  it('more changed var files of one root than are resolved: those beyond are critical, saying why', () => {
    const added: Files = Object.fromEntries(
      Array.from({ length: 26 }, (_, i) => [
        `stack/env${String(i).padStart(2, '0')}.tfvars`,
        deployment('["10.0.0.0/16"]'),
      ]),
    );
    const result = classifyTrees(stackFile, { ...stackFile, ...added });
    const unresolved = result.findings.filter((finding) => finding.ruleId === 'var-file-unresolved');
    expect(result.tier).toBe('critical');
    expect(unresolved.map((finding) => [finding.address, finding.tier])).toEqual([
      ['stack/env24.tfvars', 'critical'],
      ['stack/env25.tfvars', 'critical'],
    ]);
    expect(unresolved[0]!.rationale).toContain('One of 26 changed var files of the root stack');
  });
});

describe('unchanged var files: of those setting the CIDRs, each kind of value once, those opening them first', () => {
  const ranges = (range: (i: number) => string): Files =>
    Object.fromEntries(
      'abcdefgh'.split('').map((letter, i) => [`stack/${letter}.tfvars`, `ssh_cidrs = ["${range(i)}"]\n`]),
    );
  it.each([
    ['eight that set them alike', ranges(() => '10.0.0.0/16')],
    ['eight each with a range of its own (more kinds of values than slots)', ranges((i) => `10.${i}.0.0/16`)],
  ])('%s, and a ninth, last by name, opening SSH to the world: critical, under the ninth', (_case, eight) => {
    const deployments: Files = { ...eight, 'stack/z.tfvars': 'ssh_cidrs = ["0.0.0.0/0"]\n' };
    expect(rewired(deployments)).toMatchObject({ tier: 'critical', varFile: 'stack/z.tfvars' });
  });
});

describe('a var file granting every action of a service comes first too', () => {
  const policy = (actions: string) => `variable "actions" {
  type    = list(string)
  default = ["s3:GetObject"]
}

resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ${actions}, Resource = "arn:aws:s3:::artifacts/*" }]
  })
}
`;
  it('eight var files each with an action of its own, and a ninth granting iam:*: critical, under the ninth', () => {
    const deployments: Files = {
      ...Object.fromEntries(
        'abcdefgh'.split('').map((letter, i) => [`stack/${letter}.tfvars`, `actions = ["s3:GetObjectVersion${i}"]\n`]),
      ),
      'stack/z.tfvars': 'actions = ["iam:*"]\n',
    };
    const result = classifyTrees(
      { ...deployments, 'stack/main.tf': policy('["s3:GetObject"]') },
      { ...deployments, 'stack/main.tf': policy('var.actions') },
    );
    expect(result.tier).toBe('critical');
    expect(
      result.findings.filter((finding) => finding.tier === 'critical').map((finding) => finding.varFile),
    ).toContain('stack/z.tfvars');
  });
});

describe('a var file whose values stay the same is not a changed one', () => {
  it('thirty var files given a comment: no var file is left unresolved, and the change is none', () => {
    const files = (comment: string): Files => ({
      'stack/main.tf': stack('var.ssh_cidrs'),
      ...Object.fromEntries(
        Array.from({ length: 30 }, (_, i) => [`stack/env${i}.tfvars`, `${comment}ssh_cidrs = ["10.${i}.0.0/16"]\n`]),
      ),
    });
    const result = classifyTrees(files(''), files('# owned by the platform team\n'));
    expect(result.findings.filter((finding) => finding.ruleId === 'var-file-unresolved')).toEqual([]);
    expect(result.tier).toBe('none');
  });
});
