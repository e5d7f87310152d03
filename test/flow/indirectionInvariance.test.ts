import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { defaultPolicy, type Tier, tierRank } from '../../src/model/policy.js';
import { type Files, tree } from '../classify/catalog/support.js';

/*
 * Indirection invariance: moving a literal out of the attribute that a rule watches — into a
 * variable default, a var file, a local, a module input (of a call with known keys too; a module
 * given another module whole, or a merge of maps), a file read by file(), a value a
 * `terraform_data` carries or another resource's argument read back from it, a reference written
 * as a template (`"${var.v}"`, as Terraform 0.11 and JSON syntax write it) — and changing
 * it there must rate at least as high as changing it in place.
 */

interface Subject {
  type: string;
  name: string;
  /** the attribute the value lands in */
  attribute: string;
  /** other attributes the resource needs, as HCL lines */
  rest: string[];
  /** values to change between, as JavaScript values (strings or string lists) */
  values: (string | string[])[];
  /** whether the value is a string, so file() can hold it */
  text: boolean;
}

const POLICY = (action: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: 'arn:aws:s3:::artifacts/*' }],
  });

const SUBJECTS: Subject[] = [
  {
    type: 'aws_security_group_rule',
    name: 'ssh',
    attribute: 'cidr_blocks',
    rest: ['type = "ingress"', 'from_port = 22', 'to_port = 22', 'protocol = "tcp"'],
    values: [['10.0.0.0/8'], ['0.0.0.0/0'], ['192.168.0.0/16', '::/0']],
    text: false,
  },
  {
    type: 'aws_iam_user_policy_attachment',
    name: 'ci',
    attribute: 'policy_arn',
    rest: ['user = "ci"'],
    values: [
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::aws:policy/AdministratorAccess',
      'arn:aws:iam::aws:policy/IAMFullAccess',
    ],
    text: true,
  },
  {
    type: 'google_project_iam_member',
    name: 'ci',
    attribute: 'role',
    rest: ['project = "p"', 'member = "user:ci@example.com"'],
    values: ['roles/viewer', 'roles/owner', 'roles/iam.securityAdmin'],
    text: true,
  },
  {
    type: 'aws_iam_policy',
    name: 'deploy',
    attribute: 'policy',
    rest: ['name = "deploy"'],
    values: [POLICY('s3:GetObject'), POLICY('*'), POLICY('iam:*')],
    text: true,
  },
  {
    type: 'aws_s3_bucket_acl',
    name: 'site',
    attribute: 'acl',
    rest: ['bucket = "site"'],
    values: ['private', 'public-read', 'public-read-write'],
    text: true,
  },
];

type Indirection =
  | 'default'
  | 'tfvars'
  | 'auto-tfvars'
  | 'local'
  | 'module-input'
  | 'keyed-module-input'
  | 'module-whole'
  | 'merged-input'
  | 'output-collection'
  | 'file'
  | 'carrier'
  | 'resource-argument'
  | 'wrapped-reference'
  | 'json-syntax';

const hcl = (value: string | string[]) => JSON.stringify(value);

function resource(subject: Subject, expression: string): string {
  return `resource "${subject.type}" "${subject.name}" {\n${[...subject.rest, `${subject.attribute} = ${expression}`].map((line) => `  ${line}`).join('\n')}\n}\n`;
}

/** The resource in JSON syntax, the attribute an expression in a string: every reference there is `"${...}"`. */
function jsonResource(subject: Subject, expression: string): object {
  const rest = Object.fromEntries(
    subject.rest.map((line) => {
      const [name, value] = line.split(' = ') as [string, string];
      return [name, JSON.parse(value)];
    }),
  );
  return { [subject.type]: { [subject.name]: { ...rest, [subject.attribute]: expression } } };
}

function inPlace(subject: Subject, value: string | string[]): Files {
  return { 'main.tf': resource(subject, hcl(value)) };
}

function indirect(subject: Subject, how: Indirection, value: string | string[]): Files {
  switch (how) {
    case 'default':
      return { 'main.tf': `variable "v" {\n  default = ${hcl(value)}\n}\n\n${resource(subject, 'var.v')}` };
    case 'tfvars':
      return {
        'main.tf': `variable "v" {}\n\n${resource(subject, 'var.v')}`,
        'terraform.tfvars': `v = ${hcl(value)}\n`,
      };
    case 'auto-tfvars':
      return {
        'main.tf': `variable "v" {}\n\n${resource(subject, 'var.v')}`,
        'x.auto.tfvars.json': JSON.stringify({ v: value }),
      };
    case 'local':
      return { 'main.tf': `locals {\n  v = ${hcl(value)}\n}\n\n${resource(subject, 'local.v')}` };
    case 'module-input':
      return {
        'main.tf': `module "m" {\n  source = "./modules/m"\n  v      = ${hcl(value)}\n}\n`,
        'modules/m/main.tf': `variable "v" {}\n\n${resource(subject, 'var.v')}`,
      };
    case 'keyed-module-input':
      return {
        'main.tf': `module "m" {\n  source   = "./modules/m"\n  for_each = { a = 1 }\n  v        = ${hcl(value)}\n}\n`,
        'modules/m/main.tf': `variable "v" {}\n\n${resource(subject, 'var.v')}`,
      };
    case 'module-whole':
      // Another module's output, the helper given that module whole (compared by the parts a change reaches).
      return {
        'main.tf': `module "src" {\n  source = "./modules/src"\n}\n\nmodule "m" {\n  source  = "./modules/m"\n  objects = module.src\n}\n`,
        'modules/src/main.tf': `output "v" {\n  value = ${hcl(value)}\n}\n\noutput "w" {\n  value = "w"\n}\n`,
        'modules/m/main.tf': `variable "objects" {}\n\n${resource(subject, 'var.objects.v')}`,
      };
    case 'merged-input':
      return {
        'main.tf': `locals {\n  all = { v = ${hcl(value)} }\n}\n\nmodule "m" {\n  source  = "./modules/m"\n  objects = merge(local.all, { w = "w" })\n}\n`,
        'modules/m/main.tf': `variable "objects" {}\n\n${resource(subject, 'var.objects.v')}`,
      };
    case 'output-collection':
      // Azure CAF's shape: every call's outputs gathered by key, one entry's output read by a key known at apply time.
      return {
        'main.tf': `variable "lz" {\n  default = "local"\n}\n\nvariable "remote_objects" {\n  default = {}\n}\n\nmodule "src" {\n  source = "./modules/src"\n}\n\nlocals {\n  all = merge(tomap({ (var.lz) = module.src }), lookup(var.remote_objects, "src", {}))\n}\n\nresource "random_id" "k" {\n  byte_length = 4\n}\n\n${resource(subject, 'local.all[random_id.k.hex].v')}`,
        'modules/src/main.tf': `output "v" {\n  value = ${hcl(value)}\n}\n\noutput "w" {\n  value = "w"\n}\n`,
      };
    case 'file':
      return { 'main.tf': resource(subject, 'file("${path.module}/value.txt")'), 'value.txt': value as string };
    case 'carrier':
      return {
        'main.tf': `resource "terraform_data" "v" {\n  input = ${hcl(value)}\n}\n\n${resource(subject, 'terraform_data.v.output')}`,
      };
    case 'wrapped-reference':
      return { 'main.tf': `variable "v" {\n  default = ${hcl(value)}\n}\n\n${resource(subject, '"${var.v}"')}` };
    case 'json-syntax':
      return {
        'main.tf.json': JSON.stringify({
          variable: { v: { default: value } },
          resource: jsonResource(subject, '${var.v}'),
        }),
      };
    case 'resource-argument':
      return {
        'main.tf': `resource "aws_cloudwatch_log_group" "v" {\n  name = ${hcl(value)}\n}\n\n${resource(subject, 'aws_cloudwatch_log_group.v.name')}`,
      };
  }
}

function tierOf(base: Files, head: Files): Tier {
  return classifyChangeSet(buildChangeSet(tree(base), tree(head)), defaultPolicy()).tier;
}

describe('indirection invariance', () => {
  it('a value changed through any indirection rates at least as high as the same change in place', () => {
    const cases = fc.constantFrom(...SUBJECTS).chain((subject) =>
      fc.record({
        subject: fc.constant(subject),
        how: fc.constantFrom<Indirection>(
          'default',
          'tfvars',
          'auto-tfvars',
          'local',
          'module-input',
          'keyed-module-input',
          'module-whole',
          'merged-input',
          'output-collection',
          'carrier',
          'wrapped-reference',
          'json-syntax',
          ...(subject.text ? (['file', 'resource-argument'] as const) : []),
        ),
        values: fc.uniqueArray(fc.constantFrom(...subject.values), { minLength: 2, maxLength: 2 }),
      }),
    );
    fc.assert(
      fc.property(cases, ({ subject, how, values }) => {
        const [before, after] = values as [string | string[], string | string[]];
        const direct = tierOf(inPlace(subject, before), inPlace(subject, after));
        const through = tierOf(indirect(subject, how, before), indirect(subject, how, after));
        expect(
          tierRank(through),
          `${subject.type}.${subject.attribute} via ${how}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`,
        ).toBeGreaterThanOrEqual(tierRank(direct));
      }),
      { numRuns: 200, seed: 20261126 },
    );
  });

  it('the property has teeth: a change in place to a dangerous value is critical', () => {
    expect(tierOf(inPlace(SUBJECTS[0]!, ['10.0.0.0/8']), inPlace(SUBJECTS[0]!, ['0.0.0.0/0']))).toBe('critical');
    expect(
      tierOf(indirect(SUBJECTS[3]!, 'file', POLICY('s3:GetObject')), indirect(SUBJECTS[3]!, 'file', POLICY('*'))),
    ).toBe('critical');
  });
});
