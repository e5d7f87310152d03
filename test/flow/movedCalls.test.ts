import { describe, expect, it } from 'vitest';
import type { Files } from '../classify/catalog/support.js';
import { classifyTrees } from '../support/classifyTrees.js';

/*
 * A `moved` block that renames a module call moves everything in it, as Terraform does:
 * `module.prod_db.aws_db_instance.main` becomes `module.db.aws_db_instance.main`, the same
 * database in the same state. Before, the call moved and the objects in it were deleted and
 * created: a rename HashiCorp recommends read as "deletes a database" (critical).
 */

const database = (protection: boolean) => `resource "aws_db_instance" "main" {
  identifier          = "orders"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  deletion_protection = ${protection}
}
`;

const call = (name: string, source = './db') => `module "${name}" {\n  source = "${source}"\n}\n`;
const MOVED = 'moved {\n  from = module.prod_db\n  to   = module.db\n}\n';

/** The tier, and each finding as "rule action address". */
function rated(base: Files, head: Files): [string, string[]] {
  const result = classifyTrees(base, head);
  return [result.tier, result.findings.map((f) => `${f.ruleId} ${f.action} ${f.address}`).sort()];
}

describe('a module call renamed with a moved block', () => {
  it('moves the database in it: nothing deleted, nothing created', () => {
    expect(
      rated(
        { 'main.tf': call('prod_db'), 'db/main.tf': database(true) },
        { 'main.tf': call('db') + MOVED, 'db/main.tf': database(true) },
      ),
    ).toEqual([
      'low',
      [
        'default create moved.module.prod_db',
        'moved-unchanged move aws_db_instance.main',
        'moved-unchanged move module.db',
      ],
    ]);
  });

  it('still caught: the moved database loses its protection in the same change', () => {
    const [tier, findings] = rated(
      { 'main.tf': call('prod_db'), 'db/main.tf': database(true) },
      { 'main.tf': call('db') + MOVED, 'db/main.tf': database(false) },
    );
    expect(tier).toBe('high');
    expect(findings).toContain('destruction.aws.protection-off move aws_db_instance.main');
    expect(findings.filter((finding) => finding.includes('delete'))).toEqual([]);
  });

  it.each<[string, Files]>([
    ['without a moved block', { 'main.tf': call('db'), 'db/main.tf': database(true) }],
    [
      'with a moved block naming another call',
      {
        'main.tf': `${call('db')}moved {\n  from = module.other\n  to   = module.db\n}\n`,
        'db/main.tf': database(true),
      },
    ],
  ])('still deletes and creates it %s', (_case, head) => {
    const [tier, findings] = rated({ 'main.tf': call('prod_db'), 'db/main.tf': database(true) }, head);
    expect(tier).toBe('critical');
    expect(findings).toContain('destruction.aws.database-delete delete aws_db_instance.main');
  });
});

describe('a count made a for_each, each instance moved to its key', () => {
  const counted =
    'resource "aws_db_instance" "main" {\n  count             = 1\n  identifier        = "orders"\n  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n}\n';
  const keyed = (keys: string, identifier = 'each.key') =>
    `resource "aws_db_instance" "main" {\n  for_each          = toset(${keys})\n  identifier        = ${identifier}\n  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n}\n`;
  const moved = (key: string) =>
    `moved {\n  from = aws_db_instance.main[0]\n  to   = aws_db_instance.main["${key}"]\n}\n`;

  it('the database moves to its key: nothing replaced', () => {
    expect(rated({ 'main.tf': counted }, { 'main.tf': keyed('["orders"]') + moved('orders') })).toEqual([
      'low',
      ['default create moved.aws_db_instance.main[0]', 'moved-unchanged move aws_db_instance.main'],
    ]);
  });

  it('still caught: the moved database renamed in the same change is replaced', () => {
    const [tier, findings] = rated(
      { 'main.tf': counted },
      { 'main.tf': keyed('["orders"]', '"${each.key}-v2"') + moved('orders') },
    );
    expect(tier).toBe('critical');
    expect(findings).toContain('destruction.aws.store-replaced move aws_db_instance.main');
  });

  it.each<[string, string]>([
    ['without a moved block', keyed('["orders"]')],
    ['with a key no moved block names', keyed('["orders", "users"]') + moved('orders')],
  ])('compared as before %s: the identifier read as any key', (_case, head) => {
    expect(rated({ 'main.tf': counted }, { 'main.tf': head })[0]).toBe('critical');
  });
});
