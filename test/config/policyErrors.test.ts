import { describe, expect, it } from 'vitest';
import { BUILTIN_RULE_IDS } from '../../src/classify/catalog/index.js';
import { loadPolicy } from '../../src/config/loadPolicy.js';

/** Each error line as the CLI prints it: "line:column message". */
function errorsOf(yaml: string): string[] {
  const loaded = loadPolicy(yaml, BUILTIN_RULE_IDS);
  return loaded.errors.map((e) => `${e.line}:${e.column} ${e.message}`);
}

describe('policy errors name the key, the problem and the position', () => {
  it.each([
    [
      'a wrong type',
      'tiers:\n  high:\n    approvals: two\n',
      ['3:16 tiers.high.approvals must be an integer ≥ 0, got "two" (line 3, column 16)'],
    ],
    [
      'an unknown key with a suggestion',
      'tiers:\n  medum:\n    approvals: 1\n',
      [
        '2:3 tiers.medum is not a known key; did you mean "medium"? (allowed here: critical, high, medium, low) (line 2, column 3)',
      ],
    ],
    [
      'a login that is not one',
      'deployers: ["bad login!"]\n',
      [
        '1:13 deployers[0] must be a GitHub login: letters, digits and single hyphens, bots ending in [bot], got "bad login!" (line 1, column 13)',
      ],
    ],
    [
      'approvals and requirements together',
      'tiers:\n  high:\n    approvals: 1\n    requirements: [{ approvals: 1 }]\n',
      [
        '3:5 tiers.high needs either "approvals" (with an optional "from") or a list of "requirements", not both (line 3, column 5)',
      ],
    ],
    [
      'an unknown built-in rule id',
      'catalog:\n  disable: [no.such.rule]\n',
      [
        '2:13 catalog.disable[0] "no.such.rule" is not a built-in rule id; run `four-eyes catalog` to list the built-in rule ids (line 2, column 13)',
      ],
    ],
    [
      'switching off the policy-file rule',
      'catalog:\n  disable: [repository.four-eyes.policy-file]\n',
      [
        '2:13 catalog.disable[0] "repository.four-eyes.policy-file" cannot be changed: a pull request that edits the policy is always critical (line 2, column 13)',
      ],
    ],
    [
      'invalid YAML',
      'tiers: [\n',
      ['2:1 invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ],
  ])('%s', (_name, yaml, expected) => {
    expect(errorsOf(yaml)).toEqual(expected);
  });

  it('an empty file is valid and means the defaults', () => {
    const loaded = loadPolicy('# nothing yet\n', BUILTIN_RULE_IDS);
    expect(loaded.ok).toBe(true);
    expect(loaded.policy?.tiers.critical).toEqual([{ name: 'independent approvals', approvals: 2, from: null }]);
  });
});

describe('value matchers of custom rules', () => {
  it('ignore_case, unless and widened_by reach the rule in camelCase', () => {
    const yaml = [
      'rules:',
      '  - id: acme.pass-role',
      '    tier: high',
      '    rationale: PassRole lets a service act as a role.',
      '    match:',
      '      values:',
      '        - { attribute: policy, key: Action, regex: "^iam:PassRole$", ignore_case: true, unless: { key: Effect, equals: Deny } }',
      '        - { attribute: role, equals: roles/owner, widened_by: [member] }',
      '',
    ].join('\n');
    const loaded = loadPolicy(yaml, BUILTIN_RULE_IDS);
    expect(loaded.errors).toEqual([]);
    expect(loaded.policy?.rules[0]?.match.values).toEqual([
      {
        attribute: 'policy',
        key: 'Action',
        regex: '^iam:PassRole$',
        ignoreCase: true,
        unless: { key: 'Effect', equals: 'Deny' },
      },
      { attribute: 'role', equals: 'roles/owner', widenedBy: ['member'] },
    ]);
  });

  it('cidr: internet reaches the rule; any other reach is an error that names it', () => {
    const rule = (cidr: string) =>
      `rules:\n  - id: acme.vpn-wide\n    tier: critical\n    rationale: r\n    match:\n      values: [{ attribute: "**.cidr*", cidr: ${cidr} }]\n`;
    const loaded = loadPolicy(rule('internet'), BUILTIN_RULE_IDS);
    expect(loaded.errors).toEqual([]);
    expect(loaded.policy?.rules[0]?.match.values).toEqual([{ attribute: '**.cidr*', cidr: 'internet' }]);
    expect(errorsOf(rule('private')).join('\n')).toMatch(/cidr/);
  });

  it('covers reaches the rule as a list of names; an empty list is an error that names it', () => {
    const rule = (covers: string) =>
      `rules:\n  - id: acme.pass-role\n    tier: critical\n    rationale: r\n    match:\n      values: [{ attribute: policy, key: Action, covers: ${covers}, ignore_case: true }]\n`;
    const loaded = loadPolicy(rule('[iam:PassRole]'), BUILTIN_RULE_IDS);
    expect(loaded.errors).toEqual([]);
    expect(loaded.policy?.rules[0]?.match.values).toEqual([
      { attribute: 'policy', key: 'Action', covers: ['iam:PassRole'], ignoreCase: true },
    ]);
    expect(errorsOf(rule('[]')).join('\n')).toMatch(/covers/);
  });

  it('unless needs both its key and the value that cancels', () => {
    const yaml =
      'rules:\n  - id: a.b\n    tier: high\n    rationale: r\n    match:\n      values: [{ attribute: policy, equals: x, unless: { key: Effect } }]\n';
    expect(errorsOf(yaml).join('\n')).toMatch(/unless/);
  });
});
