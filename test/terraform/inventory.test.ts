import { describe, expect, it } from 'vitest';
import { buildInventory, type InventoryEntry } from '../../src/terraform/inventory.js';
import { parseHcl } from '../../src/terraform/parser.js';

function inventoryOf(files: Record<string, string>) {
  return buildInventory(Object.entries(files).map(([path, content]) => parseHcl(content, path)));
}

/** The fields that say what an entry is, without the syntax nodes it points at. */
function summary(entry: InventoryEntry) {
  const { kind, module, address, file, expansion, source, version } = entry;
  return {
    kind,
    module,
    address,
    file,
    ...(expansion ? { expansion } : {}),
    ...(source !== undefined ? { source } : {}),
    ...(version !== undefined ? { version } : {}),
  };
}

const at = (file: string, module = '.') => ({ file, module });

describe('buildInventory addresses', () => {
  it.each([
    { source: 'resource "aws_iam_role" "ci" {}', expected: [{ kind: 'resource', address: 'aws_iam_role.ci' }] },
    {
      source: 'resource "aws_instance" "web" {\n  count = 2\n}',
      expected: [{ kind: 'resource', address: 'aws_instance.web', expansion: 'count' }],
    },
    {
      source: 'data "aws_iam_policy_document" "x" {\n  for_each = var.docs\n}',
      expected: [{ kind: 'data', address: 'data.aws_iam_policy_document.x', expansion: 'for_each' }],
    },
    {
      source: 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.1.0"\n}',
      expected: [{ kind: 'module', address: 'module.vpc', source: 'terraform-aws-modules/vpc/aws', version: '5.1.0' }],
    },
    {
      source: 'module "app" {\n  source   = "./modules/app"\n  version  = var.v\n  for_each = toset(["a"])\n}',
      expected: [{ kind: 'module', address: 'module.app', expansion: 'for_each', source: './modules/app' }],
    },
    {
      source: 'provider "aws" {\n  region = "eu-west-1"\n}',
      expected: [{ kind: 'provider', address: 'provider.aws' }],
    },
    { source: 'provider "aws" {\n  alias = "west"\n}', expected: [{ kind: 'provider', address: 'provider.aws.west' }] },
    {
      source: [
        'terraform {',
        '  required_version = ">= 1.5"',
        '  backend "s3" {',
        '    bucket = "state"',
        '  }',
        '  required_providers {',
        '    aws = {',
        '      source  = "hashicorp/aws"',
        '      version = "~> 5.0"',
        '    }',
        '    random = "~> 3.0"',
        '  }',
        '}',
      ].join('\n'),
      expected: [
        { kind: 'terraform', address: 'terraform' },
        { kind: 'backend', address: 'terraform.backend.s3' },
        {
          kind: 'required_provider',
          address: 'terraform.required_providers.aws',
          source: 'hashicorp/aws',
          version: '~> 5.0',
        },
        { kind: 'required_provider', address: 'terraform.required_providers.random', version: '~> 3.0' },
      ],
    },
    {
      source: 'terraform {\n  cloud {\n    organization = "acme"\n  }\n}',
      expected: [
        { kind: 'terraform', address: 'terraform' },
        { kind: 'cloud', address: 'terraform.cloud' },
      ],
    },
    {
      source: 'variable "region" {}\noutput "arn" {\n  value = 1\n}',
      expected: [
        { kind: 'variable', address: 'var.region' },
        { kind: 'output', address: 'output.arn' },
      ],
    },
    {
      source: 'locals {\n  name = "x"\n  tags = {}\n}\nlocals {\n  other = 1\n}',
      expected: [
        { kind: 'local', address: 'local.name' },
        { kind: 'local', address: 'local.tags' },
        { kind: 'local', address: 'local.other' },
      ],
    },
    {
      source:
        'moved {\n  from = aws_s3_bucket.old\n  to   = aws_s3_bucket.new\n}\nmoved {\n  from = module.a["x"]\n  to = module.b["x"]\n}',
      expected: [
        { kind: 'moved', address: 'moved.aws_s3_bucket.old' },
        { kind: 'moved', address: 'moved.module.a["x"]' },
      ],
    },
    {
      source:
        'import {\n  to = aws_iam_role.ci\n  id = "ci"\n}\nremoved {\n  from = aws_instance.old\n  lifecycle {\n    destroy = false\n  }\n}',
      expected: [
        { kind: 'import', address: 'import.aws_iam_role.ci' },
        { kind: 'removed', address: 'removed.aws_instance.old' },
      ],
    },
    {
      source: 'check "health" {\n  assert {\n    condition     = true\n    error_message = "x"\n  }\n}',
      expected: [{ kind: 'check', address: 'check.health' }],
    },
  ])('$expected.0.address', ({ source, expected }) => {
    const inventory = inventoryOf({ 'main.tf': source });
    expect(inventory.entries.map(summary)).toEqual(expected.map((e) => ({ ...at('main.tf'), ...e })));
    expect(inventory.problems).toEqual([]);
  });
});

describe('buildInventory positions and modules', () => {
  it('gives each entry its module directory, file and range', () => {
    const inventory = inventoryOf({
      'main.tf': 'resource "a" "b" {}\n',
      'modules/vpc/main.tf': '\nlocals {\n  cidr = "10.0.0.0/16"\n}\n',
    });
    expect(inventory.entries.map((e) => ({ ...summary(e), range: e.range }))).toEqual([
      {
        kind: 'resource',
        module: '.',
        address: 'a.b',
        file: 'main.tf',
        range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 20, offset: 19 } },
      },
      {
        kind: 'local',
        module: 'modules/vpc',
        address: 'local.cidr',
        file: 'modules/vpc/main.tf',
        range: { start: { line: 3, column: 3, offset: 12 }, end: { line: 3, column: 23, offset: 32 } },
      },
    ]);
    expect(inventory.entries[1]!.attribute?.name).toBe('cidr');
    expect(inventory.entries[0]!.block?.type).toBe('resource');
  });

  it('reports whether each file was understood, with its diagnostics', () => {
    const inventory = inventoryOf({ 'ok.tf': 'variable "a" {}', 'bad.tf': 'resource "a" {' });
    expect(
      inventory.files.map((f) => ({ path: f.path, understood: f.understood, errors: f.diagnostics.length > 0 })),
    ).toEqual([
      { path: 'ok.tf', understood: true, errors: false },
      { path: 'bad.tf', understood: false, errors: true },
    ]);
  });
});

describe('buildInventory problems', () => {
  it('reports an address defined twice in one module directory', () => {
    const inventory = inventoryOf({
      'a.tf': 'resource "aws_iam_role" "ci" {}\nvariable "x" {}',
      'b.tf': '\n\nresource "aws_iam_role" "ci" {}',
      'modules/m/main.tf': 'resource "aws_iam_role" "ci" {}\nvariable "x" {}',
    });
    expect(inventory.problems).toEqual([
      {
        module: '.',
        address: 'aws_iam_role.ci',
        files: ['a.tf', 'b.tf'],
        message: 'aws_iam_role.ci is defined 2 times in module . (a.tf:1, b.tf:3); Terraform rejects duplicates',
      },
    ]);
  });

  it('reports a top-level block that is not a Terraform object', () => {
    const inventory = inventoryOf({
      'modules/db/main.tf': 'resource "a" "b" {}\n\nresources "aws_db_instance" "db" {\n  identifier = "x"\n}',
    });
    expect(inventory.entries.map((e) => e.address)).toEqual(['a.b']);
    expect(inventory.problems).toEqual([
      {
        module: 'modules/db',
        address: 'resources.aws_db_instance.db',
        files: ['modules/db/main.tf'],
        message: 'modules/db/main.tf:3: unsupported block type "resources"; its changes cannot be judged',
      },
    ]);
  });

  it('lists ephemeral resources (Terraform 1.10) and actions (Terraform 1.14) as objects, with count and for_each', () => {
    const inventory = inventoryOf({
      'main.tf':
        'ephemeral "aws_secretsmanager_secret_version" "db" {\n  count     = 1\n  secret_id = "x"\n}\n\naction "aws_lambda_invoke" "notify" {\n  config {\n    function_name = "f"\n  }\n}\n',
    });
    expect(inventory.entries.map((e) => [e.kind, e.address, e.expansion ?? null])).toEqual([
      ['ephemeral', 'ephemeral.aws_secretsmanager_secret_version.db', 'count'],
      ['action', 'action.aws_lambda_invoke.notify', null],
    ]);
    expect(inventory.problems).toEqual([]);
  });

  it('accepts several terraform blocks and objects redefined by override files', () => {
    const inventory = inventoryOf({
      'versions.tf': 'terraform {\n  required_version = ">= 1.5"\n}',
      'backend.tf': 'terraform {\n  backend "s3" {}\n}',
      'main.tf': 'resource "a" "b" {\n  x = 1\n}',
      'override.tf': 'resource "a" "b" {\n  x = 2\n}',
      'local_override.tf.json': '',
      'dev_override.tf': 'resource "a" "b" {\n  x = 3\n}',
    });
    expect(inventory.problems).toEqual([]);
  });
});
