import { describe, expect, it } from 'vitest';
import type { Files } from '../classify/catalog/support.js';
import { classifyTrees } from '../support/classifyTrees.js';

/*
 * A resource taken out of the code beside a `removed` block with `lifecycle { destroy = false }`
 * is forgotten, not destroyed: Terraform drops it from state and leaves the database running. The
 * removed block is the change to judge (terraform-control.terraform.removed-block, high), not a
 * deletion of the database (critical). With `destroy = true`, or a removed block naming something
 * else, the deletion stands.
 */

const DATABASE = `resource "aws_db_instance" "prod" {
  identifier        = "prod"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}
`;

const removed = (from: string, destroy: string) => `removed {
  from = ${from}
  lifecycle {
    destroy = ${destroy}
  }
}
`;

/** The tier, and each finding as "rule action address". */
function rated(base: Files, head: Files): [string, string[]] {
  const result = classifyTrees(base, head);
  return [result.tier, result.findings.map((f) => `${f.ruleId} ${f.action} ${f.address}`).sort()];
}

describe('a resource removed with a removed block', () => {
  it('destroy = false: forgotten, judged as the removed block alone', () => {
    expect(rated({ 'main.tf': DATABASE }, { 'main.tf': removed('aws_db_instance.prod', 'false') })).toEqual([
      'high',
      ['terraform-control.terraform.removed-block create removed.aws_db_instance.prod'],
    ]);
  });

  it('a module call removed with destroy = false: everything in it forgotten', () => {
    const base = { 'main.tf': 'module "db" {\n  source = "./db"\n}\n', 'db/main.tf': DATABASE };
    const head = { 'main.tf': removed('module.db', 'false'), 'db/main.tf': DATABASE };
    expect(rated(base, head)).toEqual(['high', ['terraform-control.terraform.removed-block create removed.module.db']]);
  });

  it.each<[string, Files]>([
    ['destroy = true', { 'main.tf': removed('aws_db_instance.prod', 'true') }],
    ['a removed block naming another resource', { 'main.tf': removed('aws_db_instance.other', 'false') }],
    [
      'a removed block of the same address in a module the root calls (it names that module’s object)',
      {
        'main.tf': 'module "other" {\n  source = "./other"\n}\n',
        'other/main.tf': removed('aws_db_instance.prod', 'false'),
      },
    ],
  ])('%s: the database is destroyed', (_name, head) => {
    const [tier, findings] = rated({ 'main.tf': DATABASE }, head);
    expect(tier).toBe('critical');
    expect(findings.some((finding) => finding.endsWith('delete aws_db_instance.prod'))).toBe(true);
  });
});
