import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { reachedTrees, withOldProblems } from '../../src/change/reachedTrees.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { defaultPolicy } from '../../src/model/policy.js';
import type { SourceTree } from '../../src/terraform/sourceTree.js';
import { bastionGroup } from '../support/terraformSamples.js';

/*
 * A root's outputs reach the roots that read its state (`data "terraform_remote_state"`): an
 * output opened to the world opens the ingress rule of another root at its next apply.
 */

type Files = Record<string, string>;
const tree = (files: Files): SourceTree => ({
  files: Object.entries(files).map(([path, content]) => ({ path, content })),
});

const network = (backend: string, cidr: string) => `terraform {
  ${backend}
}

output "admin_cidrs" {
  value = ["${cidr}"]
}

output "vpc_name" {
  value = "main"
}
`;
const bastion = (backend: string, config: string, output = 'admin_cidrs') =>
  `data "terraform_remote_state" "network" {\n  backend = "${backend}"\n  config = ${config}\n}\n\n${bastionGroup(`data.terraform_remote_state.network.outputs.${output}`)}`;

const S3 =
  'backend "s3" {\n    bucket = "acme-state"\n    key    = "network/terraform.tfstate"\n    region = "eu-west-1"\n  }';
const S3_CONFIG =
  '{\n    bucket = "acme-state"\n    key    = "network/terraform.tfstate"\n    region = "eu-west-1"\n  }';

/** The top findings of base → head, as the command line judges it (through what the change reaches). */
function findings(base: Files, head: Files): [string, string, string][] {
  const reached = reachedTrees(tree(base), tree(head));
  const changeSet = withOldProblems(buildChangeSet(reached.base, reached.head), reached.outOfReach);
  return classifyChangeSet(changeSet, defaultPolicy()).findings.map((f) => [f.tier, f.address, f.ruleId]);
}

function opened(networkBackend: string, readBackend: string, config: string, extra: Files = {}) {
  const files = (cidr: string) => ({
    'stacks/network/main.tf': network(networkBackend, cidr),
    'stacks/bastion/main.tf': bastion(readBackend, config),
    ...extra,
  });
  return findings(files('10.0.0.0/8'), files('0.0.0.0/0'));
}

const OPEN_WORLD: [string, string, string] = [
  'critical',
  'aws_security_group.bastion',
  'network.aws.security-group-open-world',
];

describe('an output read through remote state reaches the reading root', () => {
  it.each([
    ['s3', S3, 's3', S3_CONFIG],
    [
      'gcs',
      'backend "gcs" {\n    bucket = "acme-state"\n    prefix = "network"\n  }',
      'gcs',
      '{ bucket = "acme-state", prefix = "network" }',
    ],
    [
      'azurerm',
      'backend "azurerm" {\n    storage_account_name = "acme"\n    container_name = "tfstate"\n    key = "network.tfstate"\n  }',
      'azurerm',
      '{ storage_account_name = "acme", container_name = "tfstate", key = "network.tfstate" }',
    ],
    [
      'remote (Terraform Cloud)',
      'backend "remote" {\n    organization = "acme"\n    workspaces {\n      name = "network"\n    }\n  }',
      'remote',
      '{ organization = "acme", workspaces = { name = "network" } }',
    ],
    [
      'local, by a path from the reading root',
      'backend "local" {\n    path = "network.tfstate"\n  }',
      'local',
      '{ path = "${path.module}/../network/network.tfstate" }',
    ],
    // no backend at all: Terraform keeps the state in terraform.tfstate beside the root's files
    [
      'no backend block, read as ../network/terraform.tfstate',
      '',
      'local',
      '{ path = "../network/terraform.tfstate" }',
    ],
  ])('%s: opening the output to the world is critical where it lands', (_name, backend, readBackend, config) => {
    expect(opened(backend, readBackend, config)).toContainEqual(OPEN_WORLD);
  });

  it('a data source with count, read as data.terraform_remote_state.network[0].outputs', () => {
    const files = (cidr: string) => ({
      'stacks/network/main.tf': network(S3, cidr),
      'stacks/bastion/main.tf': bastion('s3', S3_CONFIG)
        .replace('backend = "s3"', 'count   = 1\n  backend = "s3"')
        .replace('network.outputs', 'network[0].outputs'),
    });
    expect(findings(files('10.0.0.0/8'), files('0.0.0.0/0'))).toContainEqual(OPEN_WORLD);
  });

  it('Terraform Cloud: a root with a cloud block, read by tfe_outputs (.values and .nonsensitive_values)', () => {
    const cloud = 'cloud {\n    organization = "acme"\n    workspaces {\n      name = "network"\n    }\n  }';
    for (const attribute of ['values', 'nonsensitive_values']) {
      const reader = `data "tfe_outputs" "network" {\n  organization = "acme"\n  workspace    = "network"\n}\n\n${bastionGroup(`data.tfe_outputs.network.${attribute}.admin_cidrs`)}`;
      const files = (cidr: string) => ({
        'stacks/network/main.tf': network(cloud, cidr),
        'stacks/bastion/main.tf': reader,
      });
      expect(findings(files('10.0.0.0/8'), files('0.0.0.0/0')), attribute).toContainEqual(OPEN_WORLD);
    }
  });

  it('a config built from a variable default is resolved first', () => {
    const config = '{\n    bucket = var.state_bucket\n    key    = "network/terraform.tfstate"\n  }';
    const variable = { 'stacks/bastion/variables.tf': 'variable "state_bucket" {\n  default = "acme-state"\n}\n' };
    expect(opened(S3, 's3', config, variable)).toContainEqual(OPEN_WORLD);
  });

  it('the route names the output and the data source', () => {
    const files = (cidr: string) => ({
      'stacks/network/main.tf': network(S3, cidr),
      'stacks/bastion/main.tf': bastion('s3', S3_CONFIG),
    });
    const changeSet = buildChangeSet(tree(files('10.0.0.0/8')), tree(files('0.0.0.0/0')));
    const group = changeSet.changes.find((c) => c.address === 'aws_security_group.bastion');
    expect(group?.via?.[0]?.steps.map((s) => s.label)).toEqual([
      'stacks/network: output.admin_cidrs',
      'data.terraform_remote_state.network (the state of stacks/network)',
    ]);
  });
});

describe('a partial backend, completed at init with -backend-config', () => {
  const PARTIAL = 'backend "s3" {}';
  const SETTINGS = 'bucket = "acme-state"\nkey    = "network/terraform.tfstate"\n';

  it('a *.tfbackend file beside the root locates its state: the reader is reached, critical', () => {
    expect(opened(PARTIAL, 's3', S3_CONFIG, { 'stacks/network/prod.s3.tfbackend': SETTINGS })).toContainEqual(
      OPEN_WORLD,
    );
  });

  it('without one, the only root of that backend type whose state is not written out is taken as the one read', () => {
    expect(opened(PARTIAL, 's3', S3_CONFIG)).toContainEqual(OPEN_WORLD);
  });

  it('a settings file of another state: the reader is not reached', () => {
    const other = { 'stacks/network/prod.s3.tfbackend': SETTINGS.replace('network/', 'other/') };
    expect(opened(PARTIAL, 's3', S3_CONFIG, other).map((f) => f[1])).toEqual(['output.admin_cidrs']);
  });

  it('with two such roots, both changed, the reader reads the outputs of either: critical', () => {
    const files = (cidr: string, name: string) => ({
      'stacks/network/main.tf': network(PARTIAL, cidr),
      'stacks/dns/main.tf': network(PARTIAL, '10.1.0.0/16').replace('"main"', `"${name}"`),
      'stacks/bastion/main.tf': bastion('s3', S3_CONFIG),
    });
    expect(findings(files('10.0.0.0/8', 'main'), files('0.0.0.0/0', 'core'))).toContainEqual(OPEN_WORLD);
  });
});

describe('what stays quiet', () => {
  it('a root with no backend is not the state of a local path beside another root (quiet guard)', () => {
    expect(opened('', 'local', '{ path = "../other/terraform.tfstate" }')).not.toContainEqual(OPEN_WORLD);
  });

  it('another state (other key): the reading root is not reached', () => {
    const config = '{ bucket = "acme-state", key = "other/terraform.tfstate" }';
    expect(opened(S3, 's3', config).map((f) => f[1])).toEqual(['output.admin_cidrs']);
  });

  it('an output the reader does not read', () => {
    const files = (name: string) => ({
      'stacks/network/main.tf': network(S3, '10.0.0.0/8').replace('"main"', `"${name}"`),
      'stacks/bastion/main.tf': bastion('s3', S3_CONFIG),
    });
    expect(findings(files('main'), files('core')).map((f) => f[1])).toEqual(['output.vpc_name']);
  });

  it('two roots that read each other: the resolution ends, and only the written change is reported', () => {
    const a = `terraform {\n  backend "s3" {\n    bucket = "s"\n    key = "a"\n  }\n}\ndata "terraform_remote_state" "b" {\n  backend = "s3"\n  config = { bucket = "s", key = "b" }\n}\noutput "x" {\n  value = data.terraform_remote_state.b.outputs.y\n}\n`;
    const b = (v: string) =>
      `terraform {\n  backend "s3" {\n    bucket = "s"\n    key = "b"\n  }\n}\ndata "terraform_remote_state" "a" {\n  backend = "s3"\n  config = { bucket = "s", key = "a" }\n}\noutput "y" {\n  value = "${v}"\n}\noutput "z" {\n  value = data.terraform_remote_state.a.outputs.x\n}\n`;
    const out = findings({ 'a/main.tf': a, 'b/main.tf': b('1') }, { 'a/main.tf': a, 'b/main.tf': b('2') });
    // outputs carry a value on; they are no change of their own where it arrives
    expect(out.map((f) => f[1])).toEqual(['output.y']);
  });
});
