import { describe, expect, it } from 'vitest';
import { BUILTIN_RULE_IDS } from '../../src/classify/catalog/index.js';
import { loadPolicy } from '../../src/config/loadPolicy.js';

/** A valid exception, with `change` applied to its YAML text. */
function exception(change: (yaml: string) => string = (y) => y): string {
  return change(
    [
      'exceptions:',
      '  - id: E1',
      '    description: d',
      '    owner: alice',
      '    justification: twenty characters long at least',
      '    created: 2026-01-01',
      '    expires: 2026-06-01',
      '    scope: { rules: [identity.aws.iam] }',
      '    max_tier: medium',
      '    allowed: { users: [alice] }',
      '',
    ].join('\n'),
  );
}

const rule = (id: string, match = '{ kinds: [resource] }') =>
  `  - { id: ${id}, tier: high, rationale: r, match: ${match} }\n`;

describe('every kind of policy error, with its position', () => {
  it.each([
    ['duplicate key', 'distinct: true\ndistinct: false\n', '2:1 invalid YAML: Map keys must be unique'],
    [
      'the root is not a mapping',
      '- a\n- b\n',
      '1:1 the policy must be a mapping of keys to values (line 1, column 1)',
    ],
    [
      'a number out of range',
      'tiers:\n  low:\n    approvals: 11\n',
      '3:16 tiers.low.approvals must be ≤ 10, got 11 (line 3, column 16)',
    ],
    [
      'a value not in the list',
      'retain_approvals: always\n',
      '1:19 retain_approvals must be one of "head-only", "same-impact", got "always" (line 1, column 19)',
    ],
    [
      'a bad date',
      exception((y) => y.replace('2026-06-01', '2026-13-01')),
      '7:14 exceptions[0].expires must be a date written YYYY-MM-DD, got "2026-13-01" (line 7, column 14)',
    ],
    [
      'a bad e-mail',
      'identities:\n  - logins: [dana]\n    emails: [not-an-email]\n',
      '3:14 identities[0].emails[0] must be an e-mail address, got "not-an-email" (line 3, column 14)',
    ],
    [
      'a bad URL',
      exception((y) => y.replace('    created', '    link: not a url\n    created')),
      '6:11 exceptions[0].link must be an absolute URL (https://…), got "not a url" (line 6, column 11)',
    ],
    [
      'missing required keys, in one message',
      'exceptions:\n  - id: E1\n    description: d\n',
      '2:5 exceptions[0] is missing "owner", "justification", "created", "expires", "scope", "max_tier", "allowed", which are required (line 2, column 5)',
    ],
    [
      'an exception longer than a year',
      exception((y) => y.replace('2026-06-01', '2027-06-01')),
      '7:14 exceptions[0].expires (2027-06-01) is more than 365 days after created (2026-01-01); exceptions must be renewed at least yearly (line 7, column 14)',
    ],
    [
      'an exception expiring before it starts',
      exception((y) => y.replace('2026-06-01', '2025-06-01')),
      '7:14 exceptions[0].expires (2025-06-01) must be after created (2026-01-01) (line 7, column 14)',
    ],
    [
      'an exception above medium',
      exception((y) => y.replace('max_tier: medium', 'max_tier: high')),
      '9:15 exceptions[0].max_tier must be one of "low", "medium", got "high" (line 9, column 15)',
    ],
    [
      'two exceptions with one id',
      exception() + exception().split('\n').slice(1).join('\n'),
      '11:9 exceptions[1].id "E1" is used by another exception; ids must be unique (line 11, column 9)',
    ],
    [
      'two rules with one id',
      'rules:\n' + rule('a.b') + rule('a.b'),
      '3:11 rules[1].id "a.b" is already the id of rules[0]; rule ids must be unique (line 3, column 11)',
    ],
    [
      'a rule reusing a built-in id',
      'rules:\n' + rule('identity.aws.iam'),
      '2:11 rules[0].id "identity.aws.iam" is a built-in rule; change it with catalog.overrides or catalog.disable, or pick another id (line 2, column 11)',
    ],
    [
      'an invalid regular expression',
      'rules:\n' + rule('a.b', '{ values: [{ attribute: acl, regex: "(" }] }'),
      '2:85 rules[0].match.values[0].regex is not a valid regular expression: Invalid regular expression: /(/: Unterminated group (line 2, column 85)',
    ],
    [
      'an empty match',
      'rules:\n' + rule('a.b', '{}'),
      '2:49 rules[0].match must set at least 1 of: kinds, resource_types, addresses, actions, attributes, values, files, module_changes, module_source (line 2, column 49)',
    ],
    [
      'a login in two identities',
      'identities:\n  - logins: [dana]\n  - logins: [dana, dana2]\n',
      '3:14 identities[1].logins[0] "dana" is already listed under identities[0]; merge the two entries (line 3, column 14)',
    ],
    [
      'an e-mail in two identities',
      'identities:\n  - { logins: [dana], emails: [d@acme.example] }\n  - { logins: [erin], emails: [d@acme.example] }\n',
      '3:32 identities[1].emails[0] "d@acme.example" is already listed under identities[0]; an address belongs to one person (line 3, column 32)',
    ],
    [
      'a deployer allowed to break glass',
      'deployers: [tf-bot]\nbreak_glass:\n  allowed: { users: [tf-bot] }\n',
      '3:22 break_glass.allowed.users[0] is "tf-bot", a deployer; deployers can never use break-glass (line 3, column 22)',
    ],
    [
      'a requirement that names nobody',
      'tiers:\n  high:\n    approvals: 1\n    from: { users: [] }\n',
      '4:11 tiers.high.from names nobody: list at least one user or team, or leave it out (line 4, column 11)',
    ],
    [
      'a break-glass reason shorter than 20',
      'break_glass:\n  allowed: { users: [dana] }\n  min_reason_length: 5\n',
      '3:22 break_glass.min_reason_length must be ≥ 20, got 5 (line 3, column 22)',
    ],
  ])('%s', (_name, yaml, expected) => {
    const loaded = loadPolicy(yaml, BUILTIN_RULE_IDS);
    expect(loaded.ok).toBe(false);
    expect(loaded.errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([expected]);
  });

  it('reports every error of a file, sorted by position', () => {
    const loaded = loadPolicy(
      'tiers:\n  high:\n    approvals: two\nretain_approvals: always\ndeployers: ["bad login!"]\n',
      BUILTIN_RULE_IDS,
    );
    expect(loaded.errors.map((e) => `${e.line}:${e.column}`)).toEqual(['3:16', '4:19', '5:13']);
  });
});
