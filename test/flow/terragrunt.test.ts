import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { defaultPolicy } from '../../src/model/policy.js';
import type { Files } from '../classify/catalog/support.js';
import { tree } from '../classify/catalog/support.js';

/*
 * Terragrunt: a terragrunt.hcl is read as the root configuration it amounts to (a call of its
 * module with its inputs), so what it changes is judged where it lands in the module.
 */

function classify(base: Files, head: Files) {
  return classifyChangeSet(buildChangeSet(tree(base), tree(head)), defaultPolicy());
}

function tiersByRule(base: Files, head: Files): Record<string, string> {
  const result = classify(base, head);
  return Object.fromEntries(result.findings.map((finding) => [finding.ruleId, finding.tier]));
}

const MODULE = `variable "ssh_cidrs" {
  type = list(string)
}
variable "tags" {
  type    = map(string)
  default = {}
}
resource "aws_security_group" "bastion" {
  name = "bastion"
  tags = var.tags
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.ssh_cidrs
  }
}
`;

/** A deployment of the bastion module with `inputs`, from `source`, with `more` after them. */
function deployment(inputs: string, source = '../../../modules/bastion', more = ''): string {
  return `include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n\nterraform {\n  source = "${source}"\n}\n\ninputs = {\n${inputs}}\n${more}`;
}

const SSH_INTERNAL = '  ssh_cidrs = ["10.0.0.0/8"]\n';
const SSH_WORLD = '  ssh_cidrs = ["0.0.0.0/0"]\n';

function repository(terragrunt: string, extra: Files = {}): Files {
  return { 'modules/bastion/main.tf': MODULE, 'live/prod/bastion/terragrunt.hcl': terragrunt, ...extra };
}

describe('a terragrunt.hcl input, judged where it lands in its module', () => {
  it.each([
    ['a relative source', '../../../modules/bastion'],
    ["Terragrunt's // (the directory to copy, then the module in it)", '../../..//modules/bastion'],
    ['get_terragrunt_dir()', '${get_terragrunt_dir()}/../../../modules/bastion'],
    ['get_repo_root()', '${get_repo_root()}/modules/bastion'],
  ])('SSH opened to the world in inputs, with %s: critical, with the route from the input', (_case, source) => {
    const result = classify(repository(deployment(SSH_INTERNAL, source)), repository(deployment(SSH_WORLD, source)));
    const open = result.findings.find((finding) => finding.ruleId === 'network.aws.security-group-open-world');
    expect(open).toMatchObject({ tier: 'critical', address: 'aws_security_group.bastion' });
    expect(open?.via?.[0]).toContain('module.terragrunt input ssh_cidrs (live/prod/bastion/terragrunt.hcl:');
  });

  it('a tags input changed: low, as the tags of a module call are', () => {
    const base = repository(deployment(`${SSH_INTERNAL}  tags = { team = "a" }\n`));
    const head = repository(deployment(`${SSH_INTERNAL}  tags = { team = "b" }\n`));
    expect(classify(base, head).tier).toBe('low');
  });

  it('a comment or layout change: nothing', () => {
    const base = repository(deployment(SSH_INTERNAL));
    const head = repository(`# the bastion of prod\n${deployment(SSH_INTERNAL).replace('inputs = {', 'inputs   = {')}`);
    expect(classify(base, head).findings).toEqual([]);
  });

  it('a new deployment that opens SSH to the world: critical', () => {
    const result = classify({ 'modules/bastion/main.tf': MODULE }, repository(deployment(SSH_WORLD)));
    expect(result.tier).toBe('critical');
  });

  it('a module from a Git source given 0.0.0.0/0 as an input: critical (a registry or Git module is not read)', () => {
    const source = 'git::https://github.com/acme/modules.git//bastion?ref=v1.2.0';
    const input = (cidr: string) => `  ingress_cidr_blocks = ["${cidr}"]\n`;
    const rules = tiersByRule(
      repository(deployment(input('10.0.0.0/8'), source)),
      repository(deployment(input('0.0.0.0/0'), source)),
    );
    expect(rules['modules.terraform.remote-input-open-world']).toBe('critical');
  });
});

describe("a Terragrunt deployment's var files set its module's variables: the module is Terraform's root there", () => {
  // Terragrunt copies the deployment's directory into the module and runs Terraform there: a
  // terraform.tfvars beside the terragrunt.hcl is auto-loaded, and required_var_files /
  // optional_var_files are -var-files; both win over `inputs`, which Terragrunt passes as TF_VAR_s.
  const withVarFile = (inputs: string) =>
    deployment(
      inputs,
      '../../../modules/bastion',
      '\nterraform {\n  extra_arguments "common" {\n    commands           = ["plan", "apply"]\n    required_var_files = ["${get_parent_terragrunt_dir()}/common.tfvars"]\n  }\n}\n',
    );
  it.each<[string, string, string, string]>([
    ['terraform.tfvars beside the terragrunt.hcl', 'live/prod/bastion/terraform.tfvars', SSH_INTERNAL, SSH_WORLD],
    ['a var file under no root (required_var_files)', 'live/common.tfvars', SSH_INTERNAL, SSH_WORLD],
  ])(
    '%s opening SSH to the world: critical, with the route from its line (before: no change, or an unreached value)',
    (_case, path, before, after) => {
      const result = classify(
        repository(withVarFile(SSH_INTERNAL), { [path]: before.trim() + '\n' }),
        repository(withVarFile(SSH_INTERNAL), { [path]: after.trim() + '\n' }),
      );
      expect(result.tier).toBe('critical');
      const open = result.findings.find((f) => f.ruleId === 'network.aws.security-group-open-world');
      expect(
        open?.via?.some((trace) => trace.startsWith(`${path}:1 ssh_cidrs → module.terragrunt.var.ssh_cidrs`)),
      ).toBe(true);
      expect(result.findings.map((f) => f.ruleId)).not.toContain('unreached-value');
    },
  );

  it('an unchanged terraform.tfvars that opens SSH wins over the inputs: narrowing the input changes no resource', () => {
    const files = (inputs: string) =>
      repository(deployment(inputs), { 'live/prod/bastion/terraform.tfvars': SSH_WORLD.trim() + '\n' });
    // the call's written input changed (the default tier); what lands in the module did not
    expect(classify(files(SSH_WORLD), files(SSH_INTERNAL)).findings.map((f) => [f.tier, f.address])).toEqual([
      ['low', 'module.terragrunt'],
    ]);
  });

  it('each var file is a deployment of its own: the module is resolved with its values, not another var file’s', () => {
    const literal = MODULE.replace('cidr_blocks = var.ssh_cidrs', 'cidr_blocks = ["10.0.0.0/8"]');
    const files = (module: string) => ({
      ...repository(deployment(SSH_INTERNAL)),
      'modules/bastion/main.tf': module,
      'live/prod/bastion/prod.tfvars': 'ssh_cidrs = ["0.0.0.0/0"]\n',
    });
    // rewired to the variable: the inputs keep it internal, prod.tfvars (a -var-file) opens it
    const result = classify(files(literal), files(MODULE));
    expect(result.tier).toBe('critical');
    expect(result.findings.find((f) => f.ruleId === 'network.aws.security-group-open-world')?.varFile).toBe(
      'live/prod/bastion/prod.tfvars',
    );
  });

  it.each([
    ['two arguments', '"-var", "ssh_cidrs=[\\"%s\\"]"'],
    ['one argument', '"-var=ssh_cidrs=[\\"%s\\"]"'],
  ])('a -var of extra_arguments (%s) wins over the inputs: opening SSH there is critical', (_case, argumentsText) => {
    const withVar = (cidr: string) =>
      deployment(
        SSH_INTERNAL,
        '../../../modules/bastion',
        `\nterraform {\n  extra_arguments "vars" {\n    commands  = ["plan", "apply"]\n    arguments = [${argumentsText.replace('%s', cidr)}]\n  }\n}\n`,
      );
    const result = classify(repository(withVar('10.0.0.0/8')), repository(withVar('0.0.0.0/0')));
    expect(result.tier).toBe('critical');
    expect(result.findings.map((f) => f.ruleId)).toContain('network.aws.security-group-open-world');
  });

  it('a -var whose value is not written out (an interpolation) gives no value (quiet guard): the rest of the file is judged as before', () => {
    const withVar = (name: string) =>
      deployment(
        SSH_INTERNAL,
        '../../../modules/bastion',
        `\nlocals {\n  cidrs = "[]"\n}\n\nterraform {\n  extra_arguments "vars" {\n    arguments = ["-var", "${name}=\${local.cidrs}"]\n  }\n}\n`,
      );
    expect(tiersByRule(repository(withVar('ssh_cidrs')), repository(withVar('tags')))).toEqual({
      'terraform-control.terragrunt.configuration': 'high',
    });
  });

  it('a var file setting a variable the module does not declare is an unreached value (quiet guard)', () => {
    const result = classify(
      repository(deployment(SSH_INTERNAL), { 'live/common.tfvars': 'other = 1\n' }),
      repository(deployment(SSH_INTERNAL), { 'live/common.tfvars': 'other = 2\n' }),
    );
    expect(result.findings.map((f) => [f.tier, f.ruleId])).toEqual([['low', 'unreached-value']]);
  });
});

describe("a dependency's outputs, judged where they land in the deployment that reads them", () => {
  const NETWORK =
    'variable "admin_cidrs" {\n  type = list(string)\n}\noutput "admin_cidrs" {\n  value = var.admin_cidrs\n}\n';
  const network = (cidrs: string) =>
    `terraform {\n  source = "../../../modules/network"\n}\n\ninputs = {\n  admin_cidrs = ${cidrs}\n}\n`;
  const bastion = deployment(
    '  ssh_cidrs = dependency.network.outputs.admin_cidrs\n',
    undefined,
    '\ndependency "network" {\n  config_path = "../network"\n}\n',
  );
  const files = (cidrs: string): Files => ({
    ...repository(bastion),
    'modules/network/main.tf': NETWORK,
    'live/prod/network/terragrunt.hcl': network(cidrs),
  });

  it("the network deployment's input opened to the world reaches the bastion's SSH ingress: critical, with the route", () => {
    const result = classify(files('["10.0.0.0/8"]'), files('["0.0.0.0/0"]'));
    expect(result.tier).toBe('critical');
    const open = result.findings.find((f) => f.ruleId === 'network.aws.security-group-open-world')!;
    expect(open.address).toBe('aws_security_group.bastion');
    expect(open.via?.[0]).toContain('data.terragrunt_dependency.network (the state of live/prod/network)');
  });

  it('an unchanged dependency changes nothing', () => {
    const result = classify(files('["10.0.0.0/8"]'), files('["10.0.0.0/8"]'));
    expect(result.findings).toEqual([]);
  });
});

describe('the rest of a terragrunt.hcl: how and as whom Terraform runs', () => {
  it.each([
    [
      'a hook that runs a command',
      '',
      'terraform {\n  before_hook "fetch" {\n    commands = ["apply"]\n    execute  = ["./fetch.sh"]\n  }\n}\n',
      'terraform-control.terragrunt.configuration',
      'high',
    ],
    [
      'a generate block that writes a provider',
      'generate "provider" {\n  path     = "provider.tf"\n  contents = "provider \\"aws\\" {}"\n}\n',
      'generate "provider" {\n  path     = "provider.tf"\n  contents = "provider \\"aws\\" {\\n  assume_role {\\n    role_arn = \\"arn:aws:iam::1:role/admin\\"\\n  }\\n}"\n}\n',
      'terraform-control.terragrunt.generated-credentials',
      'critical',
    ],
    [
      'a generate block that writes a provider in another region',
      'generate "provider" {\n  path     = "provider.tf"\n  contents = "provider \\"aws\\" {\\n  region = \\"eu-west-1\\"\\n}"\n}\n',
      'generate "provider" {\n  path     = "provider.tf"\n  contents = "provider \\"aws\\" {\\n  region = \\"us-east-1\\"\\n}"\n}\n',
      'terraform-control.terragrunt.configuration',
      'high',
    ],
    [
      'the IAM role Terragrunt assumes',
      'iam_role = "arn:aws:iam::1:role/deploy"\n',
      'iam_role = "arn:aws:iam::1:role/admin"\n',
      'terraform-control.terragrunt.iam-role',
      'critical',
    ],
    [
      'where state is kept (remote_state)',
      'remote_state {\n  backend = "s3"\n  config = {\n    bucket = "acme-state"\n    key    = "prod/bastion.tfstate"\n  }\n}\n',
      'remote_state {\n  backend = "s3"\n  config = {\n    bucket = "other-state"\n    key    = "prod/bastion.tfstate"\n  }\n}\n',
      'terraform-control.terraform.backend',
      'critical',
    ],
  ])('%s', (_case, before, after, ruleId, tier) => {
    const rules = tiersByRule(
      repository(deployment(SSH_INTERNAL, undefined, before)),
      repository(deployment(SSH_INTERNAL, undefined, after)),
    );
    expect(rules[ruleId]).toBe(tier);
  });

  it('generated code without credentials in it is not rated as credentials', () => {
    const provider = (region: string) =>
      `generate "provider" {\n  path     = "provider.tf"\n  contents = "provider \\"aws\\" {\\n  region = \\"${region}\\"\\n}"\n}\n`;
    const rules = tiersByRule(
      repository(deployment(SSH_INTERNAL, undefined, provider('eu-west-1'))),
      repository(deployment(SSH_INTERNAL, undefined, provider('us-east-1'))),
    );
    expect(rules['terraform-control.terragrunt.generated-credentials']).toBeUndefined();
  });

  it('where the root.hcl every deployment includes keeps state: critical, as any backend', () => {
    const root = (bucket: string) =>
      `remote_state {\n  backend = "s3"\n  config = {\n    bucket = "${bucket}"\n    key    = "\${path_relative_to_include()}/terraform.tfstate"\n  }\n}\n`;
    const rules = tiersByRule(
      repository(deployment(SSH_INTERNAL), { 'live/root.hcl': root('acme-state') }),
      repository(deployment(SSH_INTERNAL), { 'live/root.hcl': root('other-state') }),
    );
    expect(rules['terraform-control.terraform.backend']).toBe('critical');
  });

  it('inputs of a parent configuration no deployment includes (they include root.hcl): high, its own change', () => {
    const parent = (cidr: string) => `inputs = {\n  ssh_cidrs = ["${cidr}"]\n}\n`;
    const rules = tiersByRule(
      repository(deployment(SSH_INTERNAL), { 'live/terragrunt.hcl': parent('10.0.0.0/8') }),
      repository(deployment(SSH_INTERNAL), { 'live/terragrunt.hcl': parent('0.0.0.0/0') }),
    );
    expect(rules['terraform-control.terragrunt.configuration']).toBe('high');
  });

  it.each([
    ['live/prod/env.hcl', 'locals {\n  ssh_cidrs = ["10.0.0.0/8"]\n}\n', 'locals {\n  ssh_cidrs = ["0.0.0.0/0"]\n}\n'],
    [
      'live/prod/bastion/terragrunt.hcl.json',
      '{"inputs": {"ssh_cidrs": ["10.0.0.0/8"]}}',
      '{"inputs": {"ssh_cidrs": ["0.0.0.0/0"]}}',
    ],
  ])('a file deployments read but Four Eyes does not follow (%s): high', (path, before, after) => {
    const rules = tiersByRule(
      repository(deployment(SSH_INTERNAL), { [path]: before }),
      repository(deployment(SSH_INTERNAL), { [path]: after }),
    );
    expect(rules['terraform-control.terraform.hcl-configuration']).toBe('high');
  });

  it.each([
    ['the lock file', '.terraform.lock.hcl'],
    ['a Terraform test', 'tests/main.tftest.hcl'],
    ['a TFLint configuration', '.tflint.hcl'],
  ])('%s is not such a file', (_case, path) => {
    const rules = tiersByRule({ [path]: '# a\n' }, { [path]: '# b\n' });
    expect(rules['terraform-control.terraform.hcl-configuration']).toBeUndefined();
  });

  it('inputs that are not written out as an object (merge of included values): high', () => {
    const merged = (cidr: string) =>
      `terraform {\n  source = "../../../modules/bastion"\n}\ninputs = merge(local.common, { ssh_cidrs = ["${cidr}"] })\n`;
    const rules = tiersByRule(repository(merged('10.0.0.0/8')), repository(merged('0.0.0.0/0')));
    expect(rules['terraform-control.terragrunt.configuration']).toBe('high');
  });
});
