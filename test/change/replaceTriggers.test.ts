import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { defaultPolicy } from '../../src/model/policy.js';
import { type Files, tree } from '../classify/catalog/support.js';

/*
 * `replace_triggered_by` makes Terraform destroy and create an object again whenever a resource it
 * names changes: a pull request that changes only the trigger replaces a database, data lost.
 */

function armedDatabase(trigger: string): string {
  return `resource "aws_db_instance" "main" {\n  identifier = "main"\n  lifecycle {\n    replace_triggered_by = [${trigger}]\n  }\n}\n`;
}

function rotation(input: string): string {
  return `resource "terraform_data" "rotate" {\n  input = ${input}\n}\n`;
}

function deletes(base: Files, head: Files) {
  return classifyChangeSet(buildChangeSet(tree(base), tree(head)), defaultPolicy()).findings.filter(
    (finding) => finding.action === 'delete',
  );
}

describe('an object whose replace_triggered_by names a changed resource is destroyed and created again', () => {
  it.each([
    ['the resource', 'terraform_data.rotate'],
    ['an attribute of it', 'terraform_data.rotate.output'],
    ['an instance of it', 'terraform_data.rotate[0]'],
  ])('naming %s: the database is deleted (critical), the trigger in the trace', (_case, trigger) => {
    const found = deletes(
      { 'db.tf': armedDatabase(trigger), 'rotate.tf': rotation('"1"') },
      { 'db.tf': armedDatabase(trigger), 'rotate.tf': rotation('"2"') },
    );
    expect(found).toEqual([
      expect.objectContaining({
        tier: 'critical',
        address: 'aws_db_instance.main',
        ruleId: 'destruction.aws.database-delete',
        via: [expect.stringContaining('terraform_data.rotate (update) → replace_triggered_by')],
      }),
    ]);
  });

  it('written in JSON syntax (a .tf.json names the trigger as a string): replaced too', () => {
    const db = JSON.stringify({
      resource: {
        aws_db_instance: {
          main: { identifier: 'main', lifecycle: [{ replace_triggered_by: ['terraform_data.rotate'] }] },
        },
      },
    });
    const found = deletes(
      { 'db.tf.json': db, 'rotate.tf': rotation('"1"') },
      { 'db.tf.json': db, 'rotate.tf': rotation('"2"') },
    );
    expect(found.map((f) => [f.tier, f.address])).toEqual([['critical', 'aws_db_instance.main']]);
  });

  it('the trigger changed through terraform.tfvars replaces it too', () => {
    const code = {
      'db.tf': armedDatabase('terraform_data.rotate'),
      'rotate.tf': `variable "generation" {\n  type = number\n}\n${rotation('var.generation')}`,
    };
    const found = deletes(
      { ...code, 'terraform.tfvars': 'generation = 1\n' },
      { ...code, 'terraform.tfvars': 'generation = 2\n' },
    );
    expect(found.map((f) => [f.tier, f.address, f.ruleId])).toEqual([
      ['critical', 'aws_db_instance.main', 'destruction.aws.database-delete'],
    ]);
  });

  it("inside a local module: the module's database is deleted in every root that calls it", () => {
    const module = { 'modules/db/main.tf': armedDatabase('terraform_data.rotate') };
    const caller = 'module "db" {\n  source = "./modules/db"\n}\n';
    const found = deletes(
      { ...module, 'modules/db/rotate.tf': rotation('"1"'), 'main.tf': caller },
      { ...module, 'modules/db/rotate.tf': rotation('"2"'), 'main.tf': caller },
    );
    expect(found).toEqual([
      expect.objectContaining({ tier: 'critical', module: 'modules/db', address: 'aws_db_instance.main' }),
    ]);
  });

  it.each<[string, Files, Files]>([
    [
      'the trigger is unchanged (another resource changed)',
      {
        'db.tf': armedDatabase('terraform_data.rotate'),
        'rotate.tf': rotation('"1"'),
        'b.tf': 'resource "aws_sns_topic" "t" {\n  name = "a"\n}\n',
      },
      {
        'db.tf': armedDatabase('terraform_data.rotate'),
        'rotate.tf': rotation('"1"'),
        'b.tf': 'resource "aws_sns_topic" "t" {\n  name = "b"\n}\n',
      },
    ],
    [
      'the armed database is itself new (nothing to replace)',
      { 'rotate.tf': rotation('"1"') },
      { 'db.tf': armedDatabase('terraform_data.rotate'), 'rotate.tf': rotation('"2"') },
    ],
    [
      'a variable named in replace_triggered_by is not a resource',
      { 'db.tf': armedDatabase('var.generation'), 'rotate.tf': rotation('"1"') },
      { 'db.tf': armedDatabase('var.generation'), 'rotate.tf': rotation('"2"') },
    ],
  ])('no replacement when %s', (_case, base, head) => {
    expect(deletes(base, head)).toEqual([]);
  });
});
