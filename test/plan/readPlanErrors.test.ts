import { describe, expect, it } from 'vitest';
import { readPlan } from '../../src/plan/readPlan.js';
import { planFixtureText } from './planFixtures.js';

/** A plan text with one resource change whose fields are `entry` over a valid one. */
function withChange(entry: Record<string, unknown>, change: Record<string, unknown> = {}): string {
  const valid = { address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b' };
  const resource = { ...valid, change: { actions: ['create'], before: null, after: {}, ...change }, ...entry };
  return JSON.stringify({ format_version: '1.2', planned_values: {}, resource_changes: [resource] });
}

const HOW = 'produce it with `terraform plan -out=plan.tfplan && terraform show -json plan.tfplan > plan.json`';

describe('readPlan: what it refuses, saying where and what to do', () => {
  it.each([
    // JSON syntax: the line, and the column in the message
    [
      '{"format_version": "1.2",\n  "resource_changes": [',
      2,
      'invalid JSON: unexpected end of input: expected a value (line 2, column 24); the file ends too soon: was it written completely?',
    ],
    ['{\n  "a": 1,\n}', 3, 'invalid JSON: a comma before } (JSON allows no trailing comma) (line 3, column 1)'],
    ['{\n  "a": [1, 2,]\n}', 2, 'invalid JSON: a comma before ] (JSON allows no trailing comma) (line 2, column 14)'],
    [
      '{\n  format_version: "1.2"\n}',
      2,
      "invalid JSON: unexpected 'f': expected a property name in double quotes (line 2, column 3)",
    ],
    [
      '{"a": "x\ty"}',
      1,
      'invalid JSON: a control character (a line break or tab) inside a string must be escaped (line 1, column 9)',
    ],
    ['{"a": "\\x"}', 1, 'invalid JSON: invalid escape in a string (line 1, column 8)'],
    ['{"a": 1}\n{"b": 2}\n', 2, 'invalid JSON: unexpected text after the JSON value (line 2, column 1)'],
    ['{"a" 1}', 1, "invalid JSON: unexpected '1': expected ':' after a property name (line 1, column 6)"],
    [
      '{"a": 1 "b": 2}',
      1,
      "invalid JSON: unexpected '\"': expected ',' or '}' after a property value (line 1, column 9)",
    ],
    ['{"a": tru}', 1, "invalid JSON: unexpected 't': expected a value (line 1, column 7)"],
    ['{"a": -x}', 1, 'invalid JSON: invalid number (line 1, column 7)'],
    [
      '',
      1,
      'invalid JSON: unexpected end of input: expected a value (line 1, column 1); the file ends too soon: was it written completely?',
    ],
    [
      '{"a": "cut',
      1,
      'invalid JSON: unexpected end of input in the string that starts at line 1, column 7 (line 1, column 11); the file ends too soon: was it written completely?',
    ],
    // not a plan's JSON at all
    [
      'PK\u0003\u0004\u0014\u0000binary',
      null,
      `this is a binary plan file, not its JSON; ${HOW.replace('produce it', 'convert it')}`,
    ],
    [
      '\uFFFD\uFFFD{\u0000"\u0000',
      null,
      "the file is not UTF-8 (UTF-16? Windows PowerShell's > writes UTF-16); write it with `terraform show -json plan.tfplan | Out-File -Encoding utf8 plan.json`",
    ],
    [
      '[command]/tmp/terraform-bin show -json plan.tfplan\n{}',
      1,
      "this is what hashicorp/setup-terraform's wrapper printed around the plan (it starts with [command]), not the plan's JSON; set `terraform_wrapper: false` on the setup-terraform step",
    ],
    ['[]', null, `expected the JSON object of a plan, got an array; ${HOW}`],
    [
      '{"version":4,"terraform_version":"1.9.8","serial":3,"lineage":"x","resources":[]}',
      null,
      `this is a Terraform state file, not a plan; ${HOW}`,
    ],
    [
      '{"plan_format_version":"1.1","resource_changes":[]}',
      null,
      `this is HCP Terraform's redacted plan (plan_format_version), not \`terraform show -json\`: sensitive values are hidden from it; ${HOW}`,
    ],
    [
      '{"format_version":"1.0","values":{"root_module":{}}}',
      null,
      `no planned_values or resource_changes: this is not a plan (a state?); ${HOW}`,
    ],
    // the format version
    [
      '{"resource_changes":[]}',
      null,
      `format_version: missing: this is not the output of \`terraform show -json\`; ${HOW}`,
    ],
    ['{"format_version":1.2}', null, 'format_version: expected a version such as "1.2", got a number'],
    ['{"format_version":"v1"}', null, 'format_version: expected a version such as "1.2", got "v1"'],
    [
      '{"format_version":"2.0","planned_values":{}}',
      null,
      'format_version: plan format 2.0 is not supported: Four Eyes reads format 1.x (and 0.x); produce the plan with a Terraform (≥0.12) or OpenTofu whose `show -json` writes format 1.x, or upgrade Four Eyes',
    ],
    [
      '{"format_version":"10.1","planned_values":{}}',
      null,
      'format_version: plan format 10.1 is not supported: Four Eyes reads format 1.x (and 0.x); produce the plan with a Terraform (≥0.12) or OpenTofu whose `show -json` writes format 1.x, or upgrade Four Eyes',
    ],
    // the top-level fields
    [
      '{"format_version":"1.2","terraform_version":1,"planned_values":{}}',
      null,
      'terraform_version: expected a string, got a number',
    ],
    [
      '{"format_version":"1.2","planned_values":{},"errored":"yes"}',
      null,
      'errored: expected true or false, got a string',
    ],
    [
      '{"format_version":"1.2","resource_changes":{}}',
      null,
      'resource_changes: expected a list of resource changes, got an object',
    ],
    [
      '{"format_version":"1.2","resource_changes":[1]}',
      null,
      'resource_changes[0]: expected a resource change (an object), got a number',
    ],
    [
      '{"format_version":"1.2","planned_values":{},"output_changes":[]}',
      null,
      'output_changes: expected a map of output names to changes (an object), got an array',
    ],
    [
      '{"format_version":"1.2","planned_values":{},"output_changes":{"ok":{"actions":["create"]},"db-url":{"actions":"create"}}}',
      null,
      'output_changes.db-url.actions: expected a list of action names such as ["update"], got a string',
    ],
    [
      '{"format_version":"1.2","planned_values":{},"output_changes":{"a b":{"actions":["replace"]}}}',
      null,
      'output_changes["a b"].actions: expected one of ["no-op"], ["create"], ["read"], ["update"], ["delete"], ["delete","create"], ["create","delete"], ["forget"], ["create","forget"], ["forget","create"], got ["replace"]',
    ],
    // a resource change
    [withChange({ address: undefined }), null, 'resource_changes[0].address: expected a non-empty string, got nothing'],
    [
      withChange({ address: '' }),
      null,
      'resource_changes[0].address: expected a non-empty string, got an empty string',
    ],
    [withChange({ type: 3 }), null, 'resource_changes[0].type: expected a non-empty string, got a number'],
    [withChange({ mode: 'resource' }), null, 'resource_changes[0].mode: expected "managed" or "data", got "resource"'],
    [withChange({ mode: undefined }), null, 'resource_changes[0].mode: expected "managed" or "data", got nothing'],
    [
      withChange({ index: true }),
      null,
      'resource_changes[0].index: expected a count index (a number) or a for_each key (a string), got a boolean',
    ],
    [
      withChange({ previous_address: ['a'] }),
      null,
      'resource_changes[0].previous_address: expected a string, got an array',
    ],
    [withChange({ change: undefined }), null, 'resource_changes[0].change: expected a change (an object), got nothing'],
    // its change
    [
      withChange({}, { actions: undefined }),
      null,
      'resource_changes[0].change.actions: expected a list of action names such as ["update"], got nothing',
    ],
    [
      withChange({}, { actions: [] }),
      null,
      'resource_changes[0].change.actions: expected one of ["no-op"], ["create"], ["read"], ["update"], ["delete"], ["delete","create"], ["create","delete"], ["forget"], ["create","forget"], ["forget","create"], got []',
    ],
    [
      withChange({}, { actions: ['create', 'update'] }),
      null,
      'resource_changes[0].change.actions: expected one of ["no-op"], ["create"], ["read"], ["update"], ["delete"], ["delete","create"], ["create","delete"], ["forget"], ["create","forget"], ["forget","create"], got ["create","update"]',
    ],
    [
      withChange({}, { actions: ['delete', 'create', 'delete'] }),
      null,
      'resource_changes[0].change.actions: expected one of ["no-op"], ["create"], ["read"], ["update"], ["delete"], ["delete","create"], ["create","delete"], ["forget"], ["create","forget"], ["forget","create"], got ["delete","create","delete"]',
    ],
    [
      withChange({}, { actions: ['forget', 'delete'] }),
      null,
      'resource_changes[0].change.actions: expected one of ["no-op"], ["create"], ["read"], ["update"], ["delete"], ["delete","create"], ["create","delete"], ["forget"], ["create","forget"], ["forget","create"], got ["forget","delete"]',
    ],
    [
      withChange({}, { after_unknown: 'id' }),
      null,
      'resource_changes[0].change.after_unknown: expected true, false, an array or an object of marks, got a string',
    ],
    [
      withChange({}, { after_unknown: { tags: { 'cost centre': 1 } } }),
      null,
      'resource_changes[0].change.after_unknown.tags["cost centre"]: expected true, false, an array or an object of marks, got a number',
    ],
    [
      withChange({}, { after_sensitive: { ingress: [true, null] } }),
      null,
      'resource_changes[0].change.after_sensitive.ingress[1]: expected true, false, an array or an object of marks, got null',
    ],
    [
      withChange({}, { before_sensitive: 0 }),
      null,
      'resource_changes[0].change.before_sensitive: expected true, false, an array or an object of marks, got a number',
    ],
    [
      withChange({}, { replace_paths: ['ami'] }),
      null,
      'resource_changes[0].change.replace_paths[0]: expected an attribute path (a list of names and indexes)',
    ],
    [
      withChange({}, { replace_paths: {} }),
      null,
      'resource_changes[0].change.replace_paths: expected a list of attribute paths, got an object',
    ],
    [
      withChange({}, { importing: 'vpc-1' }),
      null,
      'resource_changes[0].change.importing: expected the import of an existing object (an object), got a string',
    ],
    [
      withChange({}, { importing: { id: 42 } }),
      null,
      'resource_changes[0].change.importing.id: expected a string, got a number',
    ],
  ])('%j', (text, line, message) => {
    expect(readPlan(text, 'plan.json')).toEqual({ error: { source: 'plan.json', line, message } });
  });

  it('the path counts from 0 in the file as written', () => {
    const text = planFixtureText('iam-wildcard-policy.json').replace('"update"', '"upgrade"');
    expect(readPlan(text, 'x.json')).toMatchObject({
      error: {
        line: null,
        message: expect.stringMatching(/^resource_changes\[1\]\.change\.actions: .* got \["upgrade"\]$/),
      },
    });
  });

  it('the same object planned twice is ambiguous', () => {
    const entry = { address: 'a.b', mode: 'managed', type: 'a', name: 'b', change: { actions: ['create'] } };
    const deposed = { ...entry, deposed: '00000001', change: { actions: ['delete'] } };
    const plan = (changes: unknown[]) =>
      readPlan(JSON.stringify({ format_version: '1.2', planned_values: {}, resource_changes: changes }), 'p.json');
    expect(plan([entry, deposed, entry])).toEqual({
      error: {
        source: 'p.json',
        line: null,
        message: 'resource_changes[2]: a.b is already planned at resource_changes[0]',
      },
    });
    expect(plan([entry, deposed, deposed])).toEqual({
      error: {
        source: 'p.json',
        line: null,
        message: 'resource_changes[2]: a.b (deposed 00000001) is already planned at resource_changes[1]',
      },
    });
    expect('plan' in plan([entry, deposed])).toBe(true);
  });

  it('never quotes a value of the plan in a message: a plan holds secrets', () => {
    const text = withChange({ index: { secret: 'hunter2' } }, { after_unknown: { password: 'hunter2' } });
    expect(JSON.stringify(readPlan(text, 'p.json'))).not.toContain('hunter2');
    expect(JSON.stringify(readPlan('{"password": "hunter2" x}', 'p.json'))).not.toContain('hunter2');
  });
});
