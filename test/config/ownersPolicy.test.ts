import { describe, expect, it } from 'vitest';
import { BUILTIN_RULE_IDS } from '../../src/classify/catalog/index.js';
import { loadPolicy } from '../../src/config/loadPolicy.js';
import { ownersConfigured, policyOwnerOf, unownedRules } from '../../src/config/ruleOwners.js';
import { defaultPolicy, type Policy } from '../../src/model/policy.js';

function load(yaml: string): Policy {
  const loaded = loadPolicy(`version: 1\n${yaml}`, BUILTIN_RULE_IDS);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return loaded.policy;
}

/** Each error line as the CLI prints it: "line:column message". */
function errorsOf(yaml: string): string[] {
  return loadPolicy(yaml, BUILTIN_RULE_IDS).errors.map((e) => `${e.line}:${e.column} ${e.message}`);
}

const CATALOG_OWNERS = `catalog:
  owners:
    - rules: ["*"]
      owner: { teams: [acme/platform] }
    - rules: ["identity.*"]
      owner: { teams: [acme/security] }
`;

describe('owners in the policy, as the core uses them', () => {
  it('a rule keeps its owner; catalog.owners, owners_from_codeowners and notify_finding_owners fill `ownership`', () => {
    const policy = load(`${CATALOG_OWNERS}owners_from_codeowners: true
notifications:
  notify_finding_owners: true
rules:
  - id: acme.db
    tier: high
    rationale: Databases.
    match: { resource_types: [aws_db_instance] }
    owner: { users: [dba] }
`);
    expect(policy.rules[0]!.owner).toEqual({ users: ['dba'], teams: [] });
    expect(policy.ownership).toEqual({
      catalog: [
        { rules: ['*'], owner: { users: [], teams: ['acme/platform'] } },
        { rules: ['identity.*'], owner: { users: [], teams: ['acme/security'] } },
      ],
      fromCodeowners: true,
      notifyFindingOwners: true,
    });
  });

  it('without any of it, the policy is what it always was', () => {
    const policy = load('tiers:\n  high: { approvals: 1 }\n');
    expect(policy.ownership).toEqual(defaultPolicy().ownership);
    expect(policy.tiers.high).toEqual([{ name: 'independent approval', approvals: 1, from: null }]);
    expect(ownersConfigured(policy)).toBe(false);
  });

  it.each([
    [
      'approvals beside owner_approval: the tier needs both',
      'high: { approvals: 1, owner_approval: true }',
      [
        { name: 'independent approval', approvals: 1, from: null },
        { name: 'owner approval', approvals: 0, from: null, ownerApproval: true },
      ],
    ],
    [
      'approvals: 0 with owner_approval: the owners are all it needs',
      'high: { approvals: 0, owner_approval: true }',
      [{ name: 'owner approval', approvals: 0, from: null, ownerApproval: true }],
    ],
    [
      'a named requirement',
      'high:\n    requirements:\n      - { name: platform, approvals: 1, from: { teams: [acme/platform] } }\n      - { name: code owners, owner_approval: true }',
      [
        { name: 'platform', approvals: 1, from: { users: [], teams: ['acme/platform'] } },
        { name: 'code owners', approvals: 0, from: null, ownerApproval: true },
      ],
    ],
  ])('%s', (_name, tier, requirements) => {
    expect(load(`${CATALOG_OWNERS}tiers:\n  ${tier}\n`).tiers.high).toEqual(requirements);
  });
});

describe("a rule's owner under the policy", () => {
  const policy = load(`${CATALOG_OWNERS}rules:
  - id: identity.acme.break-glass-role
    tier: critical
    rationale: The break-glass role.
    match: { addresses: [aws_iam_role.break_glass] }
    owner: { users: [ciso] }
`);

  it.each([
    ['identity.aws.iam', ['acme/security'], 'catalog.owners[1]'],
    ['network.aws.security-group', ['acme/platform'], 'catalog.owners[0]'],
    ['default', ['acme/platform'], 'catalog.owners[0]'],
    ['identity.acme.break-glass-role', [], 'rules[0].owner'],
  ])('%s: %j from %s (its own owner first, else the last matching entry)', (id, teams, source) => {
    expect(policyOwnerOf(id, policy)).toMatchObject({ owner: { teams }, source });
  });

  it('unowned high and critical rules are listed only when the policy names owners at all', () => {
    const partial = load('catalog:\n  owners:\n    - rules: ["identity.*"]\n      owner: { teams: [acme/security] }\n');
    const unowned = unownedRules(partial);
    expect(unowned.length).toBeGreaterThan(0);
    expect(unowned.every((rule) => !rule.id.startsWith('identity.') && ['high', 'critical'].includes(rule.tier))).toBe(
      true,
    );
    expect(unownedRules(defaultPolicy())).toEqual([]);
    expect(unownedRules(load('owners_from_codeowners: true\n'))).toEqual([]);
  });
});

describe('owner errors name the key, the problem and the position', () => {
  it.each([
    [
      'a catalog.owners glob that matches no rule',
      'catalog:\n  owners:\n    - rules: ["identiy.*"]\n      owner: { teams: [acme/security] }\n',
      [
        '3:15 catalog.owners[0].rules[0] "identiy.*" matches no rule id; run `four-eyes catalog` to list the built-in ones (line 3, column 15)',
      ],
    ],
    [
      'owner_approval with nobody owning anything',
      'tiers:\n  high: { approvals: 1, owner_approval: true }\n',
      [
        '2:41 tiers.high.owner_approval asks for owner approval, but the policy names no owners: give rules an owner, list catalog.owners, or set owners_from_codeowners: true (line 2, column 41)',
      ],
    ],
    [
      'a named owner requirement with approvals',
      'owners_from_codeowners: true\ntiers:\n  high:\n    requirements:\n      - { name: owners, approvals: 1, owner_approval: true }\n',
      [
        '5:9 tiers.high.requirements[0] needs either "approvals" (with an optional "from") or "owner_approval: true", not both (line 5, column 9)',
      ],
    ],
    [
      'owner_approval: false in a named requirement',
      'owners_from_codeowners: true\ntiers:\n  high:\n    requirements:\n      - { name: owners, owner_approval: false }\n',
      ['5:41 tiers.high.requirements[0].owner_approval must be true, got false (line 5, column 41)'],
    ],
    [
      'an owner that names nobody',
      'catalog:\n  owners:\n    - rules: ["*"]\n      owner: { users: [] }\n',
      [
        '4:14 catalog.owners[0].owner names nobody: list at least one user or team, or leave it out (line 4, column 14)',
      ],
    ],
  ])('%s', (_name, yaml, expected) => {
    expect(errorsOf(yaml)).toEqual(expected);
  });
});
