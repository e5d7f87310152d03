import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet, type Finding } from '../../src/classify/classify.js';
import { defaultPolicy } from '../../src/model/policy.js';
import type { Files } from '../classify/catalog/support.js';
import { tree } from '../classify/catalog/support.js';
import { sshSecurityGroup } from '../support/terraformSamples.js';

/*
 * A root created whole (every change a creation) resolves each var-file context by taking the
 * auto-loaded context's value of whatever reads nothing the var file sets (see
 * src/flow/contextSharing.ts). Each case is a var file that does reach a risky value — directly,
 * through a local and a module input, through a for_each's `each.value`, through a module's
 * output — beside one that reaches nothing: the risky value must still be found under its var
 * file, and a value shared by every context reported once.
 */

const OPEN_WORLD = 'network.aws.security-group-open-world';

function created(head: Files) {
  return classifyChangeSet(buildChangeSet(tree({}), tree(head)), defaultPolicy());
}

function openWorld(findings: readonly Finding[]): { address: string; varFile?: string }[] {
  return findings
    .filter((finding) => finding.ruleId === OPEN_WORLD)
    .map(({ address, varFile }) => (varFile === undefined ? { address } : { address, varFile }));
}

/** A module whose security group's ingress CIDRs are its input `cidrs`, and which also names a bucket. */
const NETWORK_MODULE = {
  'modules/net/main.tf': `variable "cidrs" {
  type = list(string)
}

variable "bucket" {
  type = string
}

resource "aws_security_group" "ssh" {
  name = "ssh"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.cidrs
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = var.bucket
}

output "cidrs" {
  value = var.cidrs
}
`,
};

/** The root's two variables: the CIDRs a var file may open, and a name another var file sets. */
const ROOT_VARIABLES = `variable "admin_cidrs" {
  default = ["10.0.0.0/8"]
}

variable "bucket" {
  default = "logs"
}
`;

const CASES: { name: string; files: Files; expected: { address: string; varFile?: string }[] }[] = [
  {
    name: 'a var file setting the variable an attribute reads',
    files: {
      'main.tf': sshSecurityGroup(['10.0.0.0/8']),
      'variables.tf': 'variable "label" {\n  default = "x"\n}\n',
      'prod.tfvars': 'ssh_cidrs = ["0.0.0.0/0"]\n',
      'dev.tfvars': 'label = "dev"\n',
    },
    expected: [{ address: 'aws_security_group.bastion', varFile: 'prod.tfvars' }],
  },
  {
    name: 'a var file reaching a module input through a local',
    files: {
      ...NETWORK_MODULE,
      'main.tf': `${ROOT_VARIABLES}
locals {
  cidrs = concat(var.admin_cidrs, [])
}

module "net" {
  source = "./modules/net"
  cidrs  = local.cidrs
  bucket = var.bucket
}
`,
      'dev.tfvars': 'bucket = "dev-logs"\n',
      'prod.tfvars': 'admin_cidrs = ["0.0.0.0/0"]\n',
    },
    expected: [{ address: 'aws_security_group.ssh', varFile: 'prod.tfvars' }],
  },
  {
    name: "a var file reaching a module's last input, its first the same as the auto-loaded context's",
    files: {
      ...NETWORK_MODULE,
      'main.tf': `${ROOT_VARIABLES}
module "net" {
  source = "./modules/net"
  bucket = "logs"
  cidrs  = var.admin_cidrs
}
`,
      'dev.tfvars': 'bucket = "dev-logs"\n',
      'prod.tfvars': 'admin_cidrs = ["0.0.0.0/0"]\n',
    },
    expected: [{ address: 'aws_security_group.ssh', varFile: 'prod.tfvars' }],
  },
  {
    name: "a var file reaching an object through its for_each's each.value",
    files: {
      'main.tf': `variable "groups" {
  default = { admin = ["10.0.0.0/8"] }
}

variable "label" {
  default = "x"
}

resource "aws_security_group" "by_team" {
  for_each = var.groups
  name     = "\${each.key}-\${var.label}"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = each.value
  }
}
`,
      'dev.tfvars': 'label = "dev"\n',
      'prod.tfvars': 'groups = { admin = ["0.0.0.0/0"] }\n',
    },
    expected: [{ address: 'aws_security_group.by_team', varFile: 'prod.tfvars' }],
  },
  {
    name: "a var file reaching an object through another module's output",
    files: {
      ...NETWORK_MODULE,
      'main.tf': `${ROOT_VARIABLES}
module "net" {
  source = "./modules/net"
  cidrs  = var.admin_cidrs
  bucket = var.bucket
}

resource "aws_security_group" "mirror" {
  name = "mirror"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = module.net.cidrs
  }
}
`,
      'dev.tfvars': 'bucket = "dev-logs"\n',
      'prod.tfvars': 'admin_cidrs = ["0.0.0.0/0"]\n',
    },
    expected: [
      { address: 'aws_security_group.mirror', varFile: 'prod.tfvars' },
      { address: 'aws_security_group.ssh', varFile: 'prod.tfvars' },
    ],
  },
  {
    name: 'a var file naming the file a file function reads (the files are the same in every context)',
    files: {
      'main.tf': `variable "rules_file" {
  default = "rules/office.json"
}

variable "label" {
  default = "x"
}

resource "aws_security_group" "from_file" {
  name = var.label
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = jsondecode(file("\${path.module}/\${var.rules_file}"))
  }
}
`,
      'rules/office.json': '["10.0.0.0/8"]',
      'rules/open.json': '["0.0.0.0/0"]',
      'dev.tfvars': 'label = "dev"\n',
      'prod.tfvars': 'rules_file = "rules/open.json"\n',
    },
    expected: [{ address: 'aws_security_group.from_file', varFile: 'prod.tfvars' }],
  },
];

describe('var-file contexts of a created root share only what their var files do not reach', () => {
  it.each(CASES)('$name: the risky value is found under its var file', ({ files, expected }) => {
    expect(openWorld(created(files).findings)).toEqual(expected);
  });

  it('an object each context resolves alike is reported once; one a var file reaches, once more under it', () => {
    const { findings } = created(CASES[1]!.files);
    const contextsOf = (address: string) =>
      [...new Set(findings.filter((f) => f.address === address).map((f) => f.varFile ?? ''))].sort();
    // dev.tfvars sets the bucket's name, prod.tfvars the group's CIDRs: each differs under its own file only.
    expect(contextsOf('aws_s3_bucket.logs')).toEqual(['', 'dev.tfvars']);
    expect(contextsOf('aws_security_group.ssh')).toEqual(['', 'prod.tfvars']);
  });

  it('the same var file at a root of both sides is followed as before: its change is traced', () => {
    const base = { 'main.tf': sshSecurityGroup(['10.0.0.0/8']), 'prod.tfvars': 'ssh_cidrs = ["10.2.0.0/16"]\n' };
    const head = { ...base, 'prod.tfvars': 'ssh_cidrs = ["0.0.0.0/0"]\n' };
    const result = classifyChangeSet(buildChangeSet(tree(base), tree(head)), defaultPolicy());
    const open = result.findings.find((finding) => finding.ruleId === OPEN_WORLD);
    expect(open).toMatchObject({
      varFile: 'prod.tfvars',
      via: ['prod.tfvars:1 ssh_cidrs → var.ssh_cidrs → aws_security_group.bastion ingress[0].cidr_blocks'],
    });
  });
});
