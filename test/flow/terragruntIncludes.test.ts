import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { defaultPolicy } from '../../src/model/policy.js';
import { throughReach } from '../change/reachSupport.js';
import type { Files } from '../classify/catalog/support.js';
import { tree } from '../classify/catalog/support.js';

/*
 * Terragrunt merges the configuration a deployment includes into the deployment's own: the
 * parent's inputs are the deployment's too, under its own. A value a parent (root.hcl) gives
 * every deployment is judged where it lands in each of their modules.
 */

const MODULE = `variable "ssh_cidrs" {
  type = list(string)
}
variable "name" {
  type = string
}
resource "aws_security_group" "bastion" {
  name = var.name
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.ssh_cidrs
  }
}
`;

const ROOT_INCLUDE = 'find_in_parent_folders("root.hcl")';

/** A deployment of the bastion module that includes a parent by `path`, with its own `inputs`. */
function deployment(path = ROOT_INCLUDE, inputs = '  name = "bastion"\n', includeMore = ''): string {
  return `include "root" {\n  path = ${path}\n${includeMore}}\n\nterraform {\n  source = "../../../modules/bastion"\n}\n\ninputs = {\n${inputs}}\n`;
}

/** A parent configuration: state, and the inputs every deployment takes. */
function parent(cidr: string, more = ''): string {
  return `remote_state {\n  backend = "s3"\n  config = {\n    bucket = "acme-state"\n    key    = "\${path_relative_to_include()}/terraform.tfstate"\n  }\n}\n${more}\ninputs = {\n  ssh_cidrs = ["${cidr}"]\n}\n`;
}

function repository(child: string, parentPath: string, parentText: string): Files {
  return {
    'modules/bastion/main.tf': MODULE,
    'live/prod/bastion/terragrunt.hcl': child,
    [parentPath]: parentText,
  };
}

function classify(base: Files, head: Files, through: 'whole trees' | 'the cut' = 'whole trees') {
  const changeSet =
    through === 'whole trees' ? buildChangeSet(tree(base), tree(head)) : throughReach(tree(base), tree(head));
  return classifyChangeSet(changeSet, defaultPolicy());
}

const openWorld = (result: ReturnType<typeof classify>) =>
  result.findings.find((finding) => finding.ruleId === 'network.aws.security-group-open-world');

describe("a parent configuration's inputs, judged where they land in each deployment that includes it", () => {
  it.each([
    ['find_in_parent_folders("root.hcl")', ROOT_INCLUDE, 'root.hcl'],
    ['find_in_parent_folders("root.hcl"), the nearest one', ROOT_INCLUDE, 'live/root.hcl'],
    ['find_in_parent_folders() (the nearest terragrunt.hcl above)', 'find_in_parent_folders()', 'live/terragrunt.hcl'],
    ['a path written out', '"../../root.hcl"', 'live/root.hcl'],
    ['get_terragrunt_dir()', '"${get_terragrunt_dir()}/../../root.hcl"', 'live/root.hcl'],
    ['get_repo_root()', '"${get_repo_root()}/live/root.hcl"', 'live/root.hcl'],
    ['dirname(find_in_parent_folders())', '"${dirname(find_in_parent_folders("root.hcl"))}/root.hcl"', 'root.hcl'],
  ])(
    'SSH opened to the world in the parent, included by %s: critical, with the route from the parent',
    (_case, path, parentPath) => {
      for (const through of ['whole trees', 'the cut'] as const) {
        const result = classify(
          repository(deployment(path), parentPath, parent('10.0.0.0/8')),
          repository(deployment(path), parentPath, parent('0.0.0.0/0')),
          through,
        );
        expect(openWorld(result), through).toMatchObject({ tier: 'critical', address: 'aws_security_group.bastion' });
        expect(openWorld(result)?.via?.[0], through).toContain(`module.terragrunt input ssh_cidrs (${parentPath}:`);
      }
    },
  );

  it("a parent's input reading the parent's local is that local's value, not a deployment's local of the same name", () => {
    const withLocal = (cidr: string) =>
      `locals {\n  cidrs = ["${cidr}"]\n}\ninputs = {\n  ssh_cidrs = local.cidrs\n}\n`;
    const child = `locals {\n  cidrs = ["10.0.0.0/8"]\n}\n${deployment()}`;
    const result = classify(
      repository(child, 'live/root.hcl', withLocal('10.0.0.0/8')),
      repository(child, 'live/root.hcl', withLocal('0.0.0.0/0')),
    );
    expect(openWorld(result)?.tier).toBe('critical');
  });

  it("a deployment's own input of the same name wins over the parent's (quiet guard): the parent's change is its own, high", () => {
    const child = deployment(ROOT_INCLUDE, '  name = "bastion"\n  ssh_cidrs = ["10.0.0.0/8"]\n');
    const result = classify(
      repository(child, 'live/root.hcl', parent('10.0.0.0/8')),
      repository(child, 'live/root.hcl', parent('0.0.0.0/0')),
    );
    expect(openWorld(result)).toBeUndefined();
    expect(result.tier).toBe('high');
  });

  it('an include with merge_strategy = "no_merge" takes no input from the parent (quiet guard)', () => {
    const noMerge = deployment(ROOT_INCLUDE, '  name = "bastion"\n', '  merge_strategy = "no_merge"\n');
    const result = classify(
      repository(noMerge, 'live/root.hcl', parent('10.0.0.0/8')),
      repository(noMerge, 'live/root.hcl', parent('0.0.0.0/0')),
    );
    expect(openWorld(result)).toBeUndefined();
  });

  it('a parent the deployment does not include (another name) gives it nothing (quiet guard)', () => {
    const result = classify(
      repository(deployment(), 'live/common.hcl.d/terragrunt.hcl', parent('10.0.0.0/8')),
      repository(deployment(), 'live/common.hcl.d/terragrunt.hcl', parent('0.0.0.0/0')),
    );
    expect(openWorld(result)).toBeUndefined();
  });

  it('a deployment that starts including a parent which opens SSH: critical', () => {
    const before = `terraform {\n  source = "../../../modules/bastion"\n}\n\ninputs = {\n  name = "bastion"\n  ssh_cidrs = ["10.0.0.0/8"]\n}\n`;
    const result = classify(
      repository(before, 'live/root.hcl', parent('0.0.0.0/0')),
      repository(deployment(), 'live/root.hcl', parent('0.0.0.0/0')),
    );
    expect(openWorld(result)?.tier).toBe('critical');
  });

  it('an unchanged parent and deployment: nothing (quiet guard)', () => {
    const files = repository(deployment(), 'live/root.hcl', parent('0.0.0.0/0'));
    expect(classify(files, files).findings).toEqual([]);
  });
});

describe('values a Terragrunt configuration reads with read_terragrunt_config() (env.hcl, account.hcl), judged where they land', () => {
  // Gruntwork's layout: root.hcl gives every deployment the locals of the env.hcl and
  // account.hcl above it, each deployment its own.
  const ROOT = `locals {
  account_vars = read_terragrunt_config(find_in_parent_folders("account.hcl"))
  env_vars     = read_terragrunt_config(find_in_parent_folders("env.hcl"))
  env          = local.env_vars.locals.environment
}
inputs = merge(
  local.account_vars.locals,
  local.env_vars.locals,
)
`;
  const env = (name: string, cidr: string) => `locals {\n  environment = "${name}"\n  ssh_cidrs   = ["${cidr}"]\n}\n`;
  const layout = (prodCidr: string, environment = 'prod'): Files => ({
    'modules/bastion/main.tf': MODULE,
    'live/root.hcl': ROOT,
    'live/account.hcl': 'locals {\n  account_name = "acme"\n}\n',
    'live/prod/env.hcl': env(environment, prodCidr),
    'live/dev/env.hcl': env('dev', '10.1.0.0/16'),
    'live/prod/bastion/terragrunt.hcl': deployment(),
    'live/dev/bastion/terragrunt.hcl': deployment(),
  });

  it("prod's env.hcl opening SSH to the world: critical in prod's deployment only, with the route from its line", () => {
    for (const through of ['whole trees', 'the cut'] as const) {
      const result = classify(layout('10.0.0.0/8'), layout('0.0.0.0/0'), through);
      const open = openWorld(result);
      expect(open?.tier, through).toBe('critical');
      expect(open?.via?.[0], through).toContain('module.terragrunt input ssh_cidrs (live/prod/env.hcl:3)');
      expect(JSON.stringify(open), through).not.toContain('live/dev/bastion');
    }
  });

  it("a deployment's own inputs merged from a file it reads: critical where they land", () => {
    const own = `terraform {\n  source = "../../../modules/bastion"\n}\nlocals {\n  common = read_terragrunt_config("../../common.hcl")\n}\ninputs = merge(local.common.inputs, { name = "bastion" })\n`;
    const common = (cidr: string) => `inputs = {\n  ssh_cidrs = ["${cidr}"]\n}\n`;
    const files = (cidr: string): Files => ({
      'modules/bastion/main.tf': MODULE,
      'live/prod/bastion/terragrunt.hcl': own,
      'live/common.hcl': common(cidr),
    });
    const open = openWorld(classify(files('10.0.0.0/8'), files('0.0.0.0/0')));
    expect(open?.tier).toBe('critical');
    expect(open?.via?.[0]).toContain('module.terragrunt input ssh_cidrs (live/common.hcl:2)');
  });

  it('quiet guard: a change of a local no input lands on a rule leaves the security group alone', () => {
    const result = classify(layout('10.0.0.0/8'), layout('10.0.0.0/8', 'production'));
    expect(result.findings.map((finding) => finding.ruleId)).not.toContain('network.aws.security-group');
  });

  it('quiet guard: a file read_terragrunt_config names that the tree does not have gives nothing', () => {
    const files = layout('10.0.0.0/8');
    delete files['live/account.hcl'];
    expect(classify(files, files).findings).toEqual([]);
  });
});

describe('a deployment that reads a file of a directory above it, which is a deployment of its own', () => {
  it('the change of that file reaches the deployment through the cut as through the whole trees', () => {
    const own = `terraform {\n  source = "../../modules/bastion"\n}\nlocals {\n  common = read_terragrunt_config("../common.hcl")\n}\ninputs = merge(local.common.inputs, { name = "bastion" })\n`;
    const files = (cidr: string): Files => ({
      'modules/bastion/main.tf': MODULE,
      'live/terragrunt.hcl':
        'terraform {\n  source = "../modules/bastion"\n}\ninputs = {\n  name = "top"\n  ssh_cidrs = []\n}\n',
      'live/common.hcl': `inputs = {\n  ssh_cidrs = ["${cidr}"]\n}\n`,
      'live/prod/terragrunt.hcl': own,
    });
    for (const through of ['whole trees', 'the cut'] as const)
      expect(openWorld(classify(files('10.0.0.0/8'), files('0.0.0.0/0'), through))?.tier, through).toBe('critical');
  });
});

describe("Gruntwork's _envcommon: a shared configuration each deployment includes, with the module's source and inputs", () => {
  const ENVCOMMON = (cidr: string) =>
    `locals {\n  base_source_url = "git::https://github.com/acme/modules.git//bastion"\n}\ninputs = {\n  ingress_cidr_blocks = ["${cidr}"]\n}\n`;
  const DEPLOYMENT = `include "root" {
  path = find_in_parent_folders("root.hcl")
}
include "envcommon" {
  path   = "\${dirname(find_in_parent_folders("root.hcl"))}/_envcommon/bastion.hcl"
  expose = true
}
terraform {
  source = "\${include.envcommon.locals.base_source_url}?ref=v1.0.0"
}
inputs = {
  name = "bastion"
}
`;
  const files = (cidr: string): Files => ({
    'live/root.hcl': 'remote_state {\n  backend = "s3"\n  config = {\n    bucket = "state"\n  }\n}\n',
    'live/_envcommon/bastion.hcl': ENVCOMMON(cidr),
    'live/prod/bastion/terragrunt.hcl': DEPLOYMENT,
  });

  it('its input opened to the world is critical in the deployment, judged by name for the module whose source is known only when it runs', () => {
    for (const through of ['whole trees', 'the cut'] as const) {
      const result = classify(files('10.0.0.0/8'), files('0.0.0.0/0'), through);
      const open = result.findings.find((f) => f.ruleId === 'modules.terraform.remote-input-open-world');
      expect(open, through).toMatchObject({
        tier: 'critical',
        address: 'module.terragrunt',
        file: 'live/_envcommon/bastion.hcl',
      });
    }
  });
});

describe('a deployment with no terraform block of its own runs the module a parent names (Gruntwork: prod takes _envcommon’s)', () => {
  const DEPLOYMENT = (cidr: string) => `include "root" {
  path = find_in_parent_folders("root.hcl")
}
include "envcommon" {
  path = "\${dirname(find_in_parent_folders("root.hcl"))}/_envcommon/bastion.hcl"
}
inputs = {
  name      = "bastion"
  ssh_cidrs = ["${cidr}"]
}
`;
  const files = (source: string, cidr: string): Files => ({
    'modules/bastion/main.tf': MODULE,
    'live/root.hcl': 'remote_state {\n  backend = "s3"\n  config = {\n    bucket = "state"\n  }\n}\n',
    'live/_envcommon/bastion.hcl': `terraform {\n  source = "${source}"\n}\n`,
    'live/prod/bastion/terragrunt.hcl': DEPLOYMENT(cidr),
  });

  it("the deployment's input opened to the world, with a local module the parent names: critical where it lands in the module", () => {
    const source = '${get_repo_root()}/modules/bastion';
    for (const through of ['whole trees', 'the cut'] as const) {
      const open = openWorld(classify(files(source, '10.0.0.0/8'), files(source, '0.0.0.0/0'), through));
      expect(open, through).toMatchObject({ tier: 'critical', address: 'aws_security_group.bastion' });
      expect(open?.via?.[0], through).toContain('module.terragrunt input ssh_cidrs (live/prod/bastion/terragrunt.hcl:');
    }
  });

  it('with a Git module the parent names: critical, judged by the input’s name', () => {
    const source = 'git::https://github.com/acme/modules.git//bastion?ref=v1.0.0';
    const result = classify(files(source, '10.0.0.0/8'), files(source, '0.0.0.0/0'));
    expect(result.findings.find((f) => f.ruleId === 'modules.terraform.remote-input-open-world')?.tier).toBe(
      'critical',
    );
  });
});

describe('an HCL file changed in its comments and layout only reads the same', () => {
  const ENV = 'locals {\n  environment = "prod"\n  ssh_cidrs   = ["10.0.0.0/8"]\n}\n';
  it.each([
    ['a comment of env.hcl', 'live/prod/env.hcl', ENV, `# the prod environment\n${ENV}`],
    [
      'the layout of the lock file',
      '.terraform.lock.hcl',
      'provider "registry.terraform.io/hashicorp/aws" {\n  version = "5.0.0"\n  hashes = ["h1:abc="]\n}\n',
      '# This file is maintained automatically by "terraform init".\nprovider "registry.terraform.io/hashicorp/aws" {\n  version     = "5.0.0"\n  hashes      = [\n    "h1:abc=",\n  ]\n}\n',
    ],
  ])('%s: no finding (was high by the file rule)', (_case, path, before, after) => {
    expect(classify({ [path]: before }, { [path]: after }).findings).toEqual([]);
  });

  it('a value of env.hcl changed, with no reader Four Eyes follows: still high by the file rule (quiet guard)', () => {
    const result = classify(
      { 'live/prod/env.hcl': ENV },
      { 'live/prod/env.hcl': ENV.replace('"prod"', '"production"') },
    );
    expect(result.findings.map((f) => [f.tier, f.ruleId])).toEqual([
      ['high', 'terraform-control.terraform.hcl-configuration'],
    ]);
  });
});

describe("a deployment's input reading an include's values (expose = true), judged where it lands", () => {
  const EXPOSE = '  expose = true\n';
  it.each([
    ['its locals', 'include.root.locals.cidrs', (cidr: string) => `locals {\n  cidrs = ["${cidr}"]\n}\n`],
    [
      'its locals, through a local of its own',
      'include.root.locals.ssh',
      (cidr: string) => `locals {\n  open = ["${cidr}"]\n  ssh  = local.open\n}\n`,
    ],
    ['its inputs', 'include.root.inputs.cidrs', (cidr: string) => `inputs = {\n  cidrs = ["${cidr}"]\n}\n`],
    [
      'its locals, indexed by name',
      'include.root.locals["cidrs"]',
      (cidr: string) => `locals {\n  cidrs = ["${cidr}"]\n}\n`,
    ],
    [
      'its inputs, looked up',
      'lookup(include.root.inputs, "cidrs", [])',
      (cidr: string) => `inputs = {\n  cidrs = ["${cidr}"]\n}\n`,
    ],
    [
      'its locals, concatenated',
      'concat(include.root.locals.cidrs, ["10.1.0.0/16"])',
      (cidr: string) => `locals {\n  cidrs = ["${cidr}"]\n}\n`,
    ],
  ])('SSH opened to the world in %s: critical, with the route from the parent', (_case, reads, parentText) => {
    const child = deployment(ROOT_INCLUDE, `  ssh_cidrs = ${reads}\n`, EXPOSE);
    for (const through of ['whole trees', 'the cut'] as const) {
      const result = classify(
        repository(child, 'live/root.hcl', parentText('10.0.0.0/8')),
        repository(child, 'live/root.hcl', parentText('0.0.0.0/0')),
        through,
      );
      expect(openWorld(result), through).toMatchObject({ tier: 'critical', address: 'aws_security_group.bastion' });
      expect(openWorld(result)?.via?.[0], through).toContain('module.terragrunt input ssh_cidrs (live/root.hcl:');
    }
  });

  it('a quiet guard: the parent changed elsewhere than the value read, and the deployment unchanged', () => {
    const child = deployment(ROOT_INCLUDE, '  ssh_cidrs = include.root.locals.cidrs\n', EXPOSE);
    const parentText = (region: string) => `locals {\n  cidrs  = ["10.0.0.0/8"]\n  region = "${region}"\n}\n`;
    const result = classify(
      repository(child, 'live/root.hcl', parentText('eu-west-1')),
      repository(child, 'live/root.hcl', parentText('eu-west-2')),
    );
    expect(result.findings.filter((finding) => finding.address === 'aws_security_group.bastion')).toEqual([]);
  });
});
