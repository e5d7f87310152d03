import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Plan, ResourceChange } from '../../src/plan/planModel.js';
import { type PlanBytes, readPlan, readPlanBytes, readPlanStream } from '../../src/plan/readPlan.js';
import { PLAN_FIXTURE_NAMES, planFixture, planFixtureText } from './planFixtures.js';

/** One line per resource change: what a reviewer of the plan would read first. */
function line(change: ResourceChange): string {
  let text = `${change.change.action} ${change.address}`;
  if (change.previousAddress) text += ` (moved from ${change.previousAddress})`;
  if (change.deposed) text += ` (deposed ${change.deposed})`;
  if (change.change.importing) text += ` (import ${JSON.stringify(change.change.importing)})`;
  if (change.change.replacePaths.length) text += ` (replace because of ${JSON.stringify(change.change.replacePaths)})`;
  if (change.actionReason) text += ` [${change.actionReason}]`;
  return text;
}

function outputs(plan: Plan): string[] {
  return plan.outputChanges.map(({ name, change }) => `${change.action} ${name}`);
}

describe('readPlan: every fixture, each change as planned', () => {
  const expected: Record<string, { changes: string[]; outputs?: string[] }> = {
    'data-source-read.json': {
      changes: [
        'read data.aws_iam_policy_document.assume [read_because_config_unknown]',
        'read data.aws_caller_identity.current [read_because_dependency_pending]',
        'create aws_iam_role.worker',
      ],
    },
    'database-delete.json': { changes: ['delete aws_db_instance.orders [delete_because_no_resource_config]'] },
    'errored.json': { changes: ['create aws_kms_key.data'] },
    'format-0.1.json': {
      changes: [
        'create aws_iam_policy.legacy_admin',
        'delete-then-create aws_security_group_rule.ssh',
        'delete module.legacy.aws_s3_bucket.b[0]',
      ],
      outputs: ['create policy_arn'],
    },
    'iam-wildcard-policy.json': {
      changes: [
        'create aws_iam_policy.admin',
        'update aws_iam_role.deployer',
        'create aws_iam_role_policy_attachment.deployer_admin',
      ],
    },
    'import.json': {
      changes: [
        'no-op aws_vpc.main (import {"id":"vpc-0f1e2d3c4b5a69788"})',
        'update aws_route53_zone.public (import {"id":"Z0123456789ABCDEFGHIJ"})',
        'no-op aws_iam_user.ci (import {"id":null,"identity":{"account_id":"123456789012","name":"ci"}})',
      ],
    },
    'modules-and-instances.json': {
      changes: [
        'create aws_s3_bucket.artifacts["eu"]',
        'create aws_s3_bucket.artifacts["us"]',
        'create module.network.aws_subnet.private[0]',
        'create module.network.aws_subnet.private[1]',
        'create module.app["eu"].module.db.aws_db_instance.this',
        'create module.app["eu"].aws_iam_role.task',
      ],
    },
    'moved-resource.json': {
      changes: [
        'no-op aws_s3_bucket.access_logs (moved from aws_s3_bucket.logs)',
        'update module.queues.aws_sqs_queue.this["orders"] (moved from aws_sqs_queue.orders)',
      ],
    },
    'no-op-only.json': {
      changes: ['no-op aws_s3_bucket.access_logs', 'no-op aws_vpc.main'],
      outputs: ['no-op vpc_id'],
    },
    'output-changes.json': {
      changes: [],
      // sorted by name, by code unit: capitals first, whatever order the file has
      outputs: ['delete Admin_role', 'create bucket_names', 'no-op db_password', 'update endpoints', 'update vpc_id'],
    },
    'replace.json': {
      changes: [
        'delete-then-create aws_instance.web (replace because of [["ami"]]) [replace_because_cannot_update]',
        'create-then-delete aws_launch_template.workers (replace because of [["name"]]) [replace_because_cannot_update]',
        'delete aws_launch_template.workers (deposed 8c4b6f1e)',
        'delete-then-create random_password.db (replace because of [["keepers"]]) [replace_by_triggers]',
      ],
    },
    's3-public-bucket.json': {
      changes: [
        'create aws_s3_bucket.site',
        'create aws_s3_bucket_acl.site',
        'create aws_s3_bucket_public_access_block.site',
        'create aws_s3_bucket_policy.site',
      ],
    },
    'security-group-open-ingress.json': {
      changes: ['update aws_security_group.bastion', 'create aws_vpc_security_group_ingress_rule.rdp'],
    },
    'sensitive-values.json': {
      changes: [
        'update aws_secretsmanager_secret_version.api_key',
        'create aws_ssm_parameter.db_url',
        'create aws_iam_access_key.ci',
      ],
      outputs: ['create db_url'],
    },
    'unknown-values.json': {
      changes: [
        'create aws_iam_role_policy.reader',
        'create aws_security_group.app',
        'update aws_lambda_function.handler',
      ],
      outputs: ['no-op handler_arn', 'create reader_role'],
    },
  };

  it('covers every fixture file', () => {
    expect(Object.keys(expected).sort()).toEqual(PLAN_FIXTURE_NAMES);
  });

  it.each(Object.entries(expected))('%s', (name, { changes, outputs: outputLines = [] }) => {
    const plan = planFixture(name);
    expect(plan.resourceChanges.map(line)).toEqual(changes);
    expect(outputs(plan)).toEqual(outputLines);
    expect(plan.source).toBe(name);
  });
});

describe('readPlan: the fields of a resource change', () => {
  it.each([
    // address, moduleAddress, mode, type, name, index
    ['aws_s3_bucket.artifacts["eu"]', null, 'managed', 'aws_s3_bucket', 'artifacts', 'eu'],
    ['module.network.aws_subnet.private[0]', 'module.network', 'managed', 'aws_subnet', 'private', 0],
    ['module.network.aws_subnet.private[1]', 'module.network', 'managed', 'aws_subnet', 'private', 1],
    [
      'module.app["eu"].module.db.aws_db_instance.this',
      'module.app["eu"].module.db',
      'managed',
      'aws_db_instance',
      'this',
      null,
    ],
    ['module.app["eu"].aws_iam_role.task', 'module.app["eu"]', 'managed', 'aws_iam_role', 'task', null],
  ])('modules and instances: %s', (address, moduleAddress, mode, type, name, index) => {
    const change = planFixture('modules-and-instances.json').resourceChanges.find((c) => c.address === address);
    expect(change && [change.moduleAddress, change.mode, change.type, change.name, change.index]).toEqual([
      moduleAddress,
      mode,
      type,
      name,
      index,
    ]);
    expect(change?.providerName).toBe('registry.terraform.io/hashicorp/aws');
  });

  it('a data source read is mode data', () => {
    const [policyDocument] = planFixture('data-source-read.json').resourceChanges;
    expect([policyDocument?.mode, policyDocument?.type, policyDocument?.name]).toEqual([
      'data',
      'aws_iam_policy_document',
      'assume',
    ]);
  });

  it('before and after are the values as planned; a policy stays the JSON string Terraform wrote', () => {
    const [policy, role] = planFixture('iam-wildcard-policy.json').resourceChanges;
    expect(policy?.change.before).toBeNull();
    expect(policy?.change.after).toMatchObject({
      name: 'break-glass-admin',
      policy: '{"Statement":[{"Action":"*","Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}',
    });
    expect(role?.change.before).toMatchObject({ assume_role_policy: expect.stringContaining('ec2.amazonaws.com') });
    expect(role?.change.after).toMatchObject({ assume_role_policy: expect.stringContaining('{"AWS":"*"}') });
  });

  it('a delete plans no after value; ingress stays a list of objects', () => {
    const database = planFixture('database-delete.json').resourceChanges[0]!;
    expect([database.change.after, (database.change.before as { engine: string }).engine]).toEqual([null, 'postgres']);
    const group = planFixture('security-group-open-ingress.json').resourceChanges[0]!;
    expect((group.change.after as { ingress: { cidr_blocks: string[]; to_port: number }[] }).ingress).toMatchObject([
      { cidr_blocks: ['0.0.0.0/0'], to_port: 443 },
      { cidr_blocks: ['0.0.0.0/0'], to_port: 22 },
    ]);
  });
});

describe('readPlan: unknown and sensitive marks', () => {
  const unknown = planFixture('unknown-values.json');
  const sensitive = planFixture('sensitive-values.json');
  const change = (plan: Plan, index: number) => plan.resourceChanges[index]!.change;

  it.each([
    [
      'a leaf known only after apply, absent from after',
      () => change(unknown, 0).afterUnknown,
      { id: true, policy: true, role: true },
    ],
    ['a whole nested block unknown', () => (change(unknown, 1).afterUnknown as { ingress: unknown }).ingress, true],
    [
      'a leaf deep in a nested block',
      () => (change(unknown, 2).afterUnknown as { environment: unknown }).environment,
      [{ variables: { TABLE: true } }],
    ],
    ['a whole output', () => unknown.outputChanges[1]!.change.afterUnknown, true],
    ['a known output', () => unknown.outputChanges[0]!.change.afterUnknown, false],
    [
      'a sensitive attribute after',
      () => (change(sensitive, 0).afterSensitive as { secret_string: unknown }).secret_string,
      true,
    ],
    ['and before', () => (change(sensitive, 0).beforeSensitive as { secret_string: unknown }).secret_string, true],
    ['a sensitive map member', () => (change(sensitive, 1).afterSensitive as { tags: unknown }).tags, { owner: true }],
    ['nothing before a create', () => change(sensitive, 1).beforeSensitive, false],
    ['a sensitive output', () => sensitive.outputChanges[0]!.change.afterSensitive, true],
  ])('%s', (_, actual, expected) => {
    expect(actual()).toEqual(expected);
  });

  it('an unknown output has a null after (Terraform leaves it out)', () => {
    expect(unknown.outputChanges[1]!.change.after).toBeNull();
  });
});

describe('readPlan: what older formats lack is defaulted', () => {
  const legacy = planFixture('format-0.1.json');

  it('format 0.1 (Terraform 0.12): no marks, no replace paths, no import, not errored', () => {
    expect([legacy.formatVersion, legacy.terraformVersion, legacy.errored]).toEqual(['0.1', '0.12.31', false]);
    for (const { change } of legacy.resourceChanges) {
      expect([change.beforeSensitive, change.afterSensitive, change.replacePaths, change.importing]).toEqual([
        false,
        false,
        [],
        null,
      ]);
    }
    expect(legacy.resourceChanges.map((c) => [c.providerName, c.previousAddress, c.deposed, c.actionReason])).toEqual([
      ['aws', null, null, null],
      ['aws', null, null, null],
      ['aws', null, null, null],
    ]);
  });

  it('format 1.x fields are read as given', () => {
    const errored = planFixture('errored.json');
    expect([errored.formatVersion, errored.terraformVersion, errored.errored]).toEqual(['1.2', '1.9.8', true]);
    expect(planFixture('no-op-only.json').errored).toBe(false);
  });

  it.each([
    ['the smallest plan', '{"format_version":"1.0","planned_values":{}}', { resourceChanges: [], outputChanges: [] }],
    [
      'a change with only actions',
      '{"format_version":"0.2","resource_changes":[{"address":"a.b","mode":"managed","type":"a","name":"b","change":{"actions":["create"]}}]}',
      {
        terraformVersion: null,
        resourceChanges: [
          {
            address: 'a.b',
            previousAddress: null,
            moduleAddress: null,
            mode: 'managed',
            type: 'a',
            name: 'b',
            index: null,
            providerName: null,
            deposed: null,
            actionReason: null,
            change: {
              action: 'create',
              before: null,
              after: null,
              afterUnknown: false,
              beforeSensitive: false,
              afterSensitive: false,
              replacePaths: [],
              importing: null,
            },
          },
        ],
      },
    ],
    ['a byte order mark', '\uFEFF{"format_version":"1.2","planned_values":{}}', { formatVersion: '1.2' }],
    ['an import id known only at apply', importing({ unknown: true }), { importId: null }],
    [
      'a minor version from the future',
      '{"format_version":"1.99","planned_values":{},"new_field":[1]}',
      { formatVersion: '1.99' },
    ],
  ])('%s', (_, text, expected) => {
    const result = readPlan(text, 'plan.json');
    expect('plan' in result).toBe(true);
    if (!('plan' in result)) return;
    const { importId, ...fields } = expected as Record<string, unknown>;
    expect(result.plan).toMatchObject(fields);
    if (importId !== undefined) expect(result.plan.resourceChanges[0]?.change.importing).toEqual({ id: importId });
  });
});

function importing(value: unknown): string {
  return JSON.stringify({
    format_version: '1.2',
    planned_values: {},
    resource_changes: [
      { address: 'a.b', mode: 'managed', type: 'a', name: 'b', change: { actions: ['no-op'], importing: value } },
    ],
  });
}

describe('readPlanBytes: a file as the command line reads it', () => {
  const text = JSON.stringify({ format_version: '1.2', resource_changes: [], planned_values: {} });

  it.each([
    ['UTF-8', Buffer.from(text)],
    ['UTF-8 with a byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    [
      'bytes that are not UTF-8 inside a string',
      Buffer.concat([
        Buffer.from(
          '{"format_version":"1.2","resource_changes":[{"address":"a.b","mode":"managed","type":"a","name":"b","change":{"actions":["create"],"before":null,"after":{"name":"',
        ),
        Buffer.from([0xff, 0x61, 0xc3]),
        Buffer.from('"}}}]}'),
      ]),
    ],
    ['UTF-16', Buffer.from(`\ufeff${text}`, 'utf16le')],
    ['a binary plan file', Buffer.from('PK\u0003\u0004rest', 'latin1')],
    [
      'invalid JSON inside planned_values, which is never parsed',
      Buffer.from(text.replace('"planned_values":{}', '"planned_values":{"a":01}')),
    ],
    ['invalid JSON inside prior_state', Buffer.from(text.replace('}', ',"prior_state":{"values":[1,]}}'))],
    ['an unterminated string in prior_state', Buffer.from(text.replace('}', ',"prior_state":"abc}'))],
    [
      'a raw tab inside a string of planned_values',
      Buffer.from(text.replace('"planned_values":{}', '"planned_values":{"a":"\t"}')),
    ],
    ['a member twice: the last counts', Buffer.from(text.replace('}', ',"resource_changes":7}'))],
    ['a __proto__ member', Buffer.from(text.replace('}', ',"__proto__":{"errored":true}}'))],
    ['something after the object', Buffer.from(`${text} {}`)],
    ['a state, not a plan', Buffer.from('{"format_version":"1.0","values":{}}')],
    ['an array', Buffer.from('[1,2,3]')],
    ['whitespace around', Buffer.from(`\n\t ${text} \r\n`)],
  ])('%s: as readPlan of the text readFileSync(…, "utf8") gives', (_name, bytes) => {
    expect(readPlanBytes(bytes, 'plan.json')).toEqual(readPlan(bytes.toString('utf8'), 'plan.json'));
  });

  it.each(PLAN_FIXTURE_NAMES)('%s: as readPlan gives', (name) => {
    const bytes = Buffer.from(planFixtureText(name));
    expect(readPlanBytes(bytes, name)).toEqual(readPlan(bytes.toString('utf8'), name));
  });

  it('any one byte of a fixture changed: as readPlan gives, error or plan', () => {
    const bytes = Buffer.from(planFixtureText(PLAN_FIXTURE_NAMES[0]!));
    const replacements = Buffer.from('{}[],:"\\ 0-e.tnu\u0001x');
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.nat(replacements.length - 1), fc.boolean(), (at, which, insert) => {
        const changed = insert
          ? Buffer.concat([bytes.subarray(0, at), replacements.subarray(which, which + 1), bytes.subarray(at)])
          : Buffer.concat([bytes.subarray(0, at), replacements.subarray(which, which + 1), bytes.subarray(at + 1)]);
        expect(readPlanBytes(changed, 'plan.json')).toEqual(readPlan(changed.toString('utf8'), 'plan.json'));
      }),
      { numRuns: 300 },
    );
  });
});

/** The bytes read at most `piece` at a time, as a file read into a small buffer would give them. */
function inPieces(bytes: Buffer, piece: number): PlanBytes {
  let read = 0;
  return {
    read: (into) => {
      const count = Math.min(into.length, piece, bytes.length - read);
      into.set(bytes.subarray(read, read + count));
      read += count;
      return count;
    },
    whole: () => bytes,
  };
}

describe('readPlanStream: a file read in pieces, cut anywhere', () => {
  it.each(PLAN_FIXTURE_NAMES)('%s in pieces of 1 to 9 bytes: as readPlan gives', (name) => {
    const bytes = Buffer.from(planFixtureText(name));
    for (const piece of [1, 2, 5, 9])
      expect(readPlanStream(inPieces(bytes, piece), name)).toEqual(readPlan(bytes.toString('utf8'), name));
  });

  it('any one byte of a fixture changed, read in small pieces: as readPlan gives, error or plan', () => {
    const bytes = Buffer.from(planFixtureText(PLAN_FIXTURE_NAMES[0]!));
    const replacements = Buffer.from('{}[],:"\\ 0-e.tnu\u0001x');
    fc.assert(
      fc.property(
        fc.nat(bytes.length - 1),
        fc.nat(replacements.length - 1),
        fc.boolean(),
        fc.integer({ min: 1, max: 64 }),
        (at, which, insert, piece) => {
          const changed = Buffer.concat([
            bytes.subarray(0, at),
            replacements.subarray(which, which + 1),
            bytes.subarray(insert ? at : at + 1),
          ]);
          expect(readPlanStream(inPieces(changed, piece), 'plan.json')).toEqual(
            readPlan(changed.toString('utf8'), 'plan.json'),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
