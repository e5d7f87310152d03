import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/model/policy.js';
import { classifyPlan, PLAN_ERRORED_RULE_ID } from '../../src/plan/classifyPlan.js';
import type { ResourceChange } from '../../src/plan/planModel.js';
import { readPlan } from '../../src/plan/readPlan.js';
import { entry, planOf } from './planBuilders.js';

const WILDCARD_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});
const READ_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' }],
});
const sg = (cidr: string) => ({
  name: 'web',
  ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: [cidr], description: '' }],
  tags: { team: 'web' },
});

/** `[action, ruleId, tier]` per finding. */
function judge(changes: ResourceChange[], extra = {}) {
  const result = classifyPlan(planOf(changes, extra), defaultPolicy());
  return { tier: result.tier, rows: result.findings.map((f) => [f.action, f.ruleId, f.tier]), raw: result.findings };
}

describe('classifyPlan: the same rules judge what the plan will do', () => {
  it.each([
    {
      name: 'a created IAM policy granting Action "*"',
      changes: [entry('aws_iam_policy.admin', 'create', { after: { name: 'admin', policy: WILDCARD_POLICY } })],
      expected: ['create', 'identity.aws.wildcard-action', 'critical'],
    },
    {
      name: 'an update that opens ingress to the world',
      changes: [entry('aws_security_group.web', 'update', { before: sg('10.0.0.0/8'), after: sg('0.0.0.0/0') })],
      expected: ['update', 'network.aws.security-group-open-world', 'critical'],
    },
    {
      name: 'an update that opens ingress to half the world (a plan shows the range Terraform computed)',
      changes: [entry('aws_security_group.web', 'update', { before: sg('10.0.0.0/8'), after: sg('128.0.0.0/1') })],
      expected: ['update', 'network.aws.security-group-open-world', 'critical'],
    },
    {
      name: 'an Azure SQL firewall rule whose range spans the internet',
      changes: [
        entry('azurerm_mssql_firewall_rule.r', 'create', {
          after: { name: 'r', start_ip_address: '0.0.0.0', end_ip_address: '254.255.255.255' },
        }),
      ],
      expected: ['create', 'network.azurerm.firewall-rule-open-world', 'critical'],
    },
    {
      name: 'a deleted database',
      changes: [entry('aws_db_instance.main', 'delete', { before: { identifier: 'main', engine: 'postgres' } })],
      expected: ['delete', 'destruction.aws.database-delete', 'critical'],
    },
    {
      name: 'a replaced database: a delete, so destruction rules fire',
      changes: [
        entry('aws_db_instance.main', 'delete-then-create', {
          before: { identifier: 'main', engine: 'postgres' },
          after: { identifier: 'main2', engine: 'postgres' },
        }),
      ],
      expected: ['delete', 'destruction.aws.database-delete', 'critical'],
    },
    {
      name: 'a replacement created before the old one is destroyed',
      changes: [
        entry('aws_db_instance.main', 'create-then-delete', {
          before: { identifier: 'main' },
          after: { identifier: 'main2' },
        }),
      ],
      expected: ['delete', 'destruction.aws.database-delete', 'critical'],
    },
    {
      name: 'a database a removed block forgets (destroy = false): judged as the removed block, not a deletion',
      changes: [entry('aws_db_instance.main', 'forget', { before: { identifier: 'main', engine: 'postgres' } })],
      expected: ['create', 'terraform-control.terraform.removed-block', 'high'],
    },
    {
      name: 'an imported security group: an import, judged by the type rule',
      changes: [
        entry('aws_security_group.web', 'no-op', {
          before: sg('10.0.0.0/8'),
          after: sg('10.0.0.0/8'),
          importing: true,
        }),
      ],
      expected: ['import', 'network.aws.security-group', 'high'],
    },
  ])('$name', ({ changes, expected }) => {
    const { rows, raw } = judge(changes);
    expect(rows).toContainEqual(expected);
    expect(raw.every((finding) => finding.plan === 'plan.json')).toBe(true);
  });

  it('a moved object that changes nothing is a move at the default tier', () => {
    const { rows, raw } = judge([
      entry('aws_s3_bucket.new', 'no-op', {
        before: { bucket: 'b' },
        after: { bucket: 'b' },
        previousAddress: 'aws_s3_bucket.old',
      }),
    ]);
    expect(rows).toEqual([['move', 'moved-unchanged', defaultPolicy().catalog.defaultTier]]);
    expect(raw[0]!.instances).toEqual(['plan.json: aws_s3_bucket.new']);
  });

  it('a move that also changes the object is judged as a move with changed paths', () => {
    const { rows, raw } = judge([
      entry('aws_security_group.web2', 'update', {
        before: sg('10.0.0.0/8'),
        after: sg('0.0.0.0/0'),
        previousAddress: 'aws_security_group.web',
      }),
    ]);
    expect(rows).toContainEqual(['move', 'network.aws.security-group-open-world', 'critical']);
    expect(raw[0]!.changedPaths).toEqual(['ingress[0].cidr_blocks']);
  });

  it.each([
    ['a no-op', entry('aws_s3_bucket.logs', 'no-op', { before: { bucket: 'l' }, after: { bucket: 'l' } })],
    [
      'a data source read during apply',
      entry('data.aws_iam_policy_document.x', 'read', { after: { json: WILDCARD_POLICY } }),
    ],
  ])('%s gives nothing unless a rule asks', (_name, change) => {
    expect(judge([change])).toMatchObject({ tier: 'none', rows: [] });
  });

  it('a rule that lists read judges data source reads', () => {
    const policy = defaultPolicy();
    policy.rules = [
      {
        id: 'reads',
        tier: 'medium',
        rationale: 'reads',
        match: { actions: ['read'], kinds: ['data'] },
        origin: 'policy',
      },
    ];
    const result = classifyPlan(planOf([entry('data.aws_caller_identity.me', 'read', { after: {} })]), policy, {
      catalog: [],
    });
    expect(result.findings.map((f) => [f.action, f.ruleId])).toEqual([['read', 'reads']]);
  });

  it('an update of tags only is judged by the rules that name attributes or values, as for code', () => {
    const before = { bucket: 'b', tags: { a: '1' } };
    const { rows } = judge([entry('aws_s3_bucket.b', 'update', { before, after: { ...before, tags: { a: '2' } } })]);
    expect(rows).toEqual([['update', 'default', defaultPolicy().catalog.defaultTier]]);
  });

  it('removing a wildcard is a removal, capped as for code', () => {
    const { rows } = judge([
      entry('aws_iam_policy.p', 'update', {
        before: { name: 'p', policy: WILDCARD_POLICY },
        after: { name: 'p', policy: READ_POLICY },
      }),
    ]);
    expect(rows).toContainEqual(['update', 'identity.aws.wildcard-action', 'medium']);
  });
});

describe('classifyPlan: values known only after apply', () => {
  it('a watched value that is unknown fires its rule, saying so', () => {
    const { rows, raw } = judge(
      [
        entry('aws_security_group_rule.ssh', 'create', {
          after: { type: 'ingress', from_port: 22, to_port: 22, protocol: 'tcp' },
          afterUnknown: { cidr_blocks: true, id: true },
        }),
      ],
      {
        configuredNames: { 'aws_security_group_rule.ssh': ['type', 'from_port', 'to_port', 'protocol', 'cidr_blocks'] },
      },
    );
    expect(rows).toContainEqual(['create', 'network.aws.security-group-open-world', 'critical']);
    const unknown = raw.find((f) => f.ruleId === 'network.aws.security-group-open-world')!;
    expect(unknown.rationale).toMatch(/^cidr_blocks is known only after apply/);
  });

  it('an unknown nested block value counts too', () => {
    const { rows } = judge([
      entry('aws_security_group.web', 'update', {
        before: sg('10.0.0.0/8'),
        after: { ...sg('10.0.0.0/8'), ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', description: '' }] },
        afterUnknown: { ingress: [{ cidr_blocks: true }] },
      }),
    ]);
    expect(rows).toContainEqual(['update', 'network.aws.security-group-open-world', 'critical']);
  });

  it('attributes the provider computes (id, arn) are unknown on every create and fire nothing', () => {
    const { rows } = judge(
      [
        entry('aws_iam_policy.read', 'create', {
          after: { name: 'read', policy: READ_POLICY },
          afterUnknown: { arn: true, id: true, policy_id: true },
        }),
      ],
      { configuredNames: { 'aws_iam_policy.read': ['name', 'policy'] } },
    );
    expect(rows.map((row) => row[1])).not.toContain('identity.aws.wildcard-action');
    expect(rows.every((row) => row[2] !== 'critical')).toBe(true);
  });

  it('a policy document that is unknown fires the IAM value rules', () => {
    const { rows } = judge(
      [entry('aws_iam_policy.p', 'create', { after: { name: 'p' }, afterUnknown: { policy: true, arn: true } })],
      { configuredNames: { 'aws_iam_policy.p': ['name', 'policy'] } },
    );
    expect(rows).toContainEqual(['create', 'identity.aws.wildcard-action', 'critical']);
  });

  it('without the configuration, every unknown value counts', () => {
    const { rows } = judge([
      entry('aws_iam_policy.read', 'create', {
        after: { name: 'read', policy: READ_POLICY },
        afterUnknown: { arn: true },
      }),
    ]);
    expect(rows).toContainEqual(['create', 'identity.aws.wildcard-action', 'critical']);
  });
});

describe('classifyPlan: what is never printed and what is incomplete', () => {
  it('matches sensitive values but never puts them in a finding', () => {
    const secret = 'hunter2-very-secret';
    const result = classifyPlan(
      planOf([
        entry('aws_ssm_parameter.token', 'create', {
          after: { name: 'token', type: 'SecureString', value: secret },
          afterSensitive: { value: true },
        }),
      ]),
      defaultPolicy(),
    );
    expect(result.findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('an errored plan is incomplete: critical', () => {
    const { rows } = judge([], { errored: true });
    expect(rows).toEqual([['modified', PLAN_ERRORED_RULE_ID, 'critical']]);
  });
});

describe('classifyPlan: a replacement that forgets the old object (`lifecycle { destroy = false }`)', () => {
  it.each([
    ['create', 'forget'],
    ['forget', 'create'],
  ])('%s then %s: the old object forgotten (not destroyed) and the new one created, both judged', (first, second) => {
    const text = JSON.stringify({
      format_version: '1.2',
      planned_values: {},
      resource_changes: [
        {
          address: 'aws_iam_role.ci',
          mode: 'managed',
          type: 'aws_iam_role',
          name: 'ci',
          change: {
            actions: [first, second],
            before: { name: 'ci' },
            after: { name: 'ci2', managed_policy_arns: ['arn:aws:iam::aws:policy/AdministratorAccess'] },
          },
        },
      ],
    });
    const read = readPlan(text, 'plan.json');
    if (!('plan' in read)) throw new Error(read.error.message);
    const result = classifyPlan(read.plan, defaultPolicy());
    expect(result.tier).toBe('critical');
    expect(result.findings.map((f) => `${f.ruleId} ${f.action} ${f.address}`).sort()).toEqual([
      'identity.aws.admin-managed-policy create aws_iam_role.ci',
      'identity.aws.iam create aws_iam_role.ci',
      'terraform-control.terraform.removed-block create removed.aws_iam_role.ci',
    ]);
  });
});

describe('classifyPlan: a plan that forgets (Terraform 1.7+ `removed` with `destroy = false`)', () => {
  it('is read, and judged as the removed block that forgets the object, not as its deletion', () => {
    const text = JSON.stringify({
      format_version: '1.2',
      planned_values: {},
      resource_changes: [
        {
          address: 'aws_db_instance.main',
          mode: 'managed',
          type: 'aws_db_instance',
          name: 'main',
          change: { actions: ['forget'], before: { identifier: 'main', engine: 'postgres' }, after: null },
        },
      ],
    });
    const read = readPlan(text, 'plan.json');
    if (!('plan' in read)) throw new Error(read.error.message);
    const result = classifyPlan(read.plan, defaultPolicy());
    expect([result.tier, result.findings.map((f) => `${f.ruleId} ${f.action} ${f.address}`)]).toEqual([
      'high',
      ['terraform-control.terraform.removed-block create removed.aws_db_instance.main'],
    ]);
  });
});
