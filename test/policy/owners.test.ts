import { describe, expect, it } from 'vitest';
import { BUILTIN_RULE_IDS } from '../../src/classify/catalog/index.js';
import type { Classification } from '../../src/classify/classify.js';
import { parseCodeowners } from '../../src/config/codeowners.js';
import { loadPolicy } from '../../src/config/loadPolicy.js';
import type { Policy } from '../../src/model/policy.js';
import { type Decision, decide } from '../../src/policy/decision.js';
import type { PrFacts } from '../../src/policy/facts.js';
import { breakGlassRequest, classification, commit, facts, finding, HEAD, NOW, push, review } from './support.js';

/*
 * Owners of findings (docs/owners.md): from a rule's `owner`, from catalog.owners, and from the
 * base's CODEOWNERS; `owner_approval` asks each finding of its tier for an approval from one of
 * its owners, independent of the change.
 */

function policyOf(yaml: string): Policy {
  const loaded = loadPolicy(`version: 1\n${yaml}`, BUILTIN_RULE_IDS);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return loaded.policy;
}

function decideWith(prFacts: PrFacts, classified: Classification, policy: Policy, codeowners?: string): Decision {
  return decide({
    facts: prFacts,
    classification: classified,
    policy: {
      source: 'test',
      errors: [],
      policy,
      ...(codeowners === undefined ? {} : { codeowners: parseCodeowners('.github/CODEOWNERS', codeowners) }),
    },
    now: NOW,
  });
}

/** Facts with these approvals (on the head), each reviewer with write access in the given teams. */
function approvedBy(teams: Record<string, string[]>, overrides: Partial<PrFacts> = {}): PrFacts {
  const reviewers: PrFacts['reviewers'] = {};
  for (const [login, list] of Object.entries(teams)) reviewers[login] = { permission: 'write', teams: list };
  return facts({ reviews: Object.keys(teams).map((login) => review(login, 'APPROVED')), reviewers, ...overrides });
}

const iam = finding('high', { address: 'aws_iam_role.ci', ruleId: 'identity.aws.iam', file: 'envs/prod/iam.tf' });
const iamPolicy = finding('high', {
  address: 'aws_iam_policy.deploy',
  ruleId: 'identity.aws.iam-policy',
  file: 'envs/prod/iam.tf',
});
const bucket = finding('high', {
  address: 'aws_s3_bucket.logs',
  ruleId: 'data-exposure.aws.s3-public',
  file: 'envs/dev/s3.tf',
});

const SECURITY_OWNS_IDENTITY = `
tiers:
  high: { approvals: 0, owner_approval: true }
catalog:
  owners:
    - rules: ["identity.*"]
      owner: { teams: [acme/security] }
`;

const owners = (decision: Decision) => decision.findings.map((f) => [f.address, f.owners]);
const slots = (decision: Decision) => decision.requirements.map((r) => [r.name, r.satisfiedBy, r.missing]);

describe('who owns a finding', () => {
  it("a policy rule's owner owns its findings", () => {
    const policy = policyOf(`
tiers:
  high: { approvals: 0, owner_approval: true }
rules:
  - id: acme.prod-databases
    tier: high
    rationale: Production databases hold customer data.
    match: { resource_types: [aws_db_instance] }
    owner: { teams: [acme/data] }
`);
    const db = finding('high', { address: 'aws_db_instance.main', ruleId: 'acme.prod-databases' });
    const waiting = decideWith(facts(), classification(db), policy);
    expect(waiting.conclusion).toBe('action_required');
    expect(owners(waiting)).toEqual([
      [
        'aws_db_instance.main',
        [{ users: [], teams: ['acme/data'], source: 'rules[0].owner', required: true, approvedBy: null }],
      ],
    ]);
    expect(slots(waiting)).toEqual([['owner approval: acme/data', [], 1]]);
    expect(waiting.nextSteps).toEqual([
      'Get 1 more approval for "owner approval: acme/data" (the owner of aws_db_instance.main) from a member of acme/data with write access who did not author, commit, co-author or push to this PR (excluded: alice), on the head commit.',
    ]);
    const approved = decideWith(approvedBy({ dan: ['acme/data'] }), classification(db), policy);
    expect(approved.conclusion).toBe('success');
    expect(approved.findings[0]!.owners).toEqual([
      { users: [], teams: ['acme/data'], source: 'rules[0].owner', required: true, approvedBy: 'dan' },
    ]);
  });

  it('catalog.owners owns built-in rules by id glob; the last matching entry wins', () => {
    const policy = policyOf(`
catalog:
  owners:
    - rules: ["*"]
      owner: { teams: [acme/platform] }
    - rules: ["identity.*"]
      owner: { teams: [acme/security] }
`);
    const decision = decideWith(facts(), classification(iam, bucket), policy);
    expect(decision.findings.map((f) => [f.address, f.owners!.map((o) => [o.teams, o.source, o.required])])).toEqual([
      ['aws_iam_role.ci', [[['acme/security'], 'catalog.owners[1]', false]]],
      ['aws_s3_bucket.logs', [[['acme/platform'], 'catalog.owners[0]', false]]],
    ]);
    // Owners named, but no tier asks for their approval: the requirements are the tier's.
    expect(slots(decision)).toEqual([['independent approval', [], 1]]);
  });

  it("a CODEOWNERS path: the last matching line of the base's file owns the finding's file", () => {
    const policy = policyOf('owners_from_codeowners: true\ntiers:\n  high: { approvals: 0, owner_approval: true }\n');
    const codeowners = '* @acme/platform\n/envs/prod/ @acme/prod @carol\n';
    const decision = decideWith(facts(), classification(iam, bucket), policy, codeowners);
    expect(decision.findings.map((f) => [f.file, f.owners])).toEqual([
      [
        'envs/prod/iam.tf',
        [{ users: ['carol'], teams: ['acme/prod'], source: '.github/CODEOWNERS:2', required: true, approvedBy: null }],
      ],
      [
        'envs/dev/s3.tf',
        [{ users: [], teams: ['acme/platform'], source: '.github/CODEOWNERS:1', required: true, approvedBy: null }],
      ],
    ]);
    expect(slots(decision)).toEqual([
      ['owner approval: carol, acme/prod', [], 1],
      ['owner approval: acme/platform', [], 1],
    ]);
    const approved = decideWith(
      approvedBy({ carol: [], paula: ['acme/platform'] }),
      classification(iam, bucket),
      policy,
      codeowners,
    );
    expect(approved.conclusion).toBe('success');
  });

  it('a CODEOWNERS line without owners leaves its paths unowned, and the check says so', () => {
    const policy = policyOf('owners_from_codeowners: true\ntiers:\n  high: { approvals: 1, owner_approval: true }\n');
    const decision = decideWith(facts(), classification(iam), policy, '* @acme/platform\n/envs/prod/\n');
    expect(decision.findings[0]!.owners).toEqual([]);
    expect(slots(decision)).toEqual([['independent approval', [], 1]]);
    expect(decision.warnings).toEqual([
      'No owner for aws_iam_role.ci (rule identity.aws.iam, high): give the rule an owner (its owner, or catalog.owners) or the file one in CODEOWNERS; until then no owner approval is asked for it',
    ]);
  });

  it('without a CODEOWNERS file at the base, the check says no finding has a code owner', () => {
    const policy = policyOf('owners_from_codeowners: true\n');
    const decision = decideWith(facts(), classification(iam), policy);
    expect(decision.warnings[0]).toBe(
      'owners_from_codeowners is set, but the base has no CODEOWNERS file (.github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS): no finding has a code owner',
    );
  });

  it('lines GitHub ignores are listed; an owner nobody can be stops the slot from being filled', () => {
    const policy = policyOf('owners_from_codeowners: true\ntiers:\n  high: { approvals: 0, owner_approval: true }\n');
    const codeowners = '* @acme/platform\n!envs/prod/ @acme/prod\nenvs/ platform-team\n';
    const decision = decideWith(approvedBy({ paula: ['acme/platform'] }), classification(iam), policy, codeowners);
    expect(decision.warnings).toEqual([
      '.github/CODEOWNERS:2: "!envs/prod/" negates a pattern, which CODEOWNERS does not support: GitHub ignores this line',
      '.github/CODEOWNERS:3: "platform-team" is not an owner GitHub understands (@login, @org/team or an e-mail address): nobody can approve as it',
    ]);
    expect(decision.conclusion).toBe('action_required');
    expect(decision.nextSteps).toContain(
      'Nobody can approve for "owner approval: platform-team (not an owner)": platform-team (not an owner) names no account that could (an e-mail address needs an entry under identities in the policy, a team needs members): this PR cannot pass until the owner is fixed on the base branch, or by break-glass.',
    );
  });

  it("an e-mail owner is the account the policy's identities give the address", () => {
    const policy = policyOf(`owners_from_codeowners: true
tiers:
  high: { approvals: 0, owner_approval: true }
identities:
  - logins: [sam]
    emails: [sam@acme.example]
`);
    const decision = decideWith(approvedBy({ sam: [] }), classification(iam), policy, 'envs/ sam@acme.example\n');
    expect(decision.findings[0]!.owners![0]).toMatchObject({ users: ['sam'], approvedBy: 'sam' });
    expect(decision.conclusion).toBe('success');
  });
});

describe('owner approval', () => {
  const policy = policyOf(SECURITY_OWNS_IDENTITY);

  it('one approval satisfies several findings with the same owner', () => {
    const decision = decideWith(approvedBy({ sam: ['acme/security'] }), classification(iam, iamPolicy), policy);
    expect(decision.conclusion).toBe('success');
    expect(decision.requirements).toEqual([
      {
        name: 'owner approval: acme/security',
        needed: 1,
        from: { users: [], teams: ['acme/security'] },
        satisfiedBy: ['sam'],
        missing: 0,
        forFindings: ['aws_iam_policy.deploy', 'aws_iam_role.ci'],
      },
    ]);
    expect(decision.findings.map((f) => f.owners![0]!.approvedBy)).toEqual(['sam', 'sam']);
  });

  it("a finding with two owners (its rule's and its file's) needs an approval from each", () => {
    const both = policyOf(`${SECURITY_OWNS_IDENTITY}owners_from_codeowners: true\n`);
    const codeowners = '/envs/prod/ @acme/prod\n';
    const one = decideWith(approvedBy({ sam: ['acme/security'] }), classification(iam), both, codeowners);
    expect(one.findings[0]!.owners!.map((o) => [o.source, o.approvedBy])).toEqual([
      ['catalog.owners[0]', 'sam'],
      ['.github/CODEOWNERS:1', null],
    ]);
    expect(one.conclusion).toBe('action_required');
    const two = decideWith(
      approvedBy({ sam: ['acme/security'], pat: ['acme/prod'] }),
      classification(iam),
      both,
      codeowners,
    );
    expect(two.conclusion).toBe('success');
  });

  it('with distinct, one person in both owning teams fills one owner slot; without, both', () => {
    const both = policyOf(`${SECURITY_OWNS_IDENTITY}owners_from_codeowners: true\n`);
    const sam = approvedBy({ sam: ['acme/security', 'acme/prod'] });
    const distinct = decideWith(sam, classification(iam), both, '/envs/prod/ @acme/prod\n');
    expect(slots(distinct)).toEqual([
      ['owner approval: acme/security', ['sam'], 0],
      ['owner approval: acme/prod', [], 1],
    ]);
    expect(distinct.approvals.rejected.map((r) => r.code)).toEqual(['already-counted']);
    both.distinct = false;
    expect(decideWith(sam, classification(iam), both, '/envs/prod/ @acme/prod\n').conclusion).toBe('success');
  });

  it('distinct applies across owner slots and the tier’s other requirements', () => {
    const withPeer = policyOf(SECURITY_OWNS_IDENTITY.replace('approvals: 0', 'approvals: 1'));
    const samOnly = decideWith(approvedBy({ sam: ['acme/security'] }), classification(iam), withPeer);
    // sam is the only one who can fill the owner slot, so that is where he counts.
    expect(slots(samOnly)).toEqual([
      ['independent approval', [], 1],
      ['owner approval: acme/security', ['sam'], 0],
    ]);
    expect(samOnly.conclusion).toBe('action_required');
    const withCarol = decideWith(approvedBy({ sam: ['acme/security'], carol: [] }), classification(iam), withPeer);
    expect(withCarol.conclusion).toBe('success');
  });

  it('a named requirement asks for owner approval where it stands among the others', () => {
    const named = policyOf(`
tiers:
  critical:
    requirements:
      - name: peer review
        approvals: 1
      - name: owners
        owner_approval: true
      - name: platform review
        approvals: 1
        from: { teams: [acme/platform] }
catalog:
  owners:
    - rules: ["identity.*"]
      owner: { users: [sam] }
`);
    const decision = decideWith(facts(), classification({ ...iam, tier: 'critical' }), named);
    expect(decision.requirements.map((r) => r.name)).toEqual(['peer review', 'owners: sam', 'platform review']);
  });

  it("findings of a lower tier still need their owners when the PR's tier is higher", () => {
    const decision = decideWith(
      approvedBy({ carol: [], dave: [] }),
      classification(finding('critical', { ruleId: 'destruction.aws.db' }), iam),
      policy,
    );
    expect(slots(decision)).toEqual([
      ['independent approvals', ['dave', 'carol'], 0],
      ['owner approval: acme/security', [], 1],
    ]);
    expect(decision.conclusion).toBe('action_required');
  });

  it('an owning team whose every member wrote or pushed the change: the PR cannot pass without someone else or break-glass', () => {
    const prFacts = facts({
      commits: [commit(HEAD, 'alice'), commit('c0ffee0000000000000000000000000000000003', 'bob')],
      pushers: [push('alice', HEAD, '2026-11-23T09:00:00Z')],
      teamMembers: { 'acme/security': ['alice', 'bob'] },
    });
    const decision = decideWith(prFacts, classification(iam), policy);
    expect(decision.nextSteps).toEqual([
      'Get 1 more approval for "owner approval: acme/security" (the owner of aws_iam_role.ci) from a member of acme/security with write access who did not author, commit, co-author or push to this PR (excluded: alice and bob), on the head commit.',
      'Every member of acme/security (alice and bob) authored, committed, co-authored or pushed to this PR or deploys it, so none can approve it: this PR cannot pass without someone else from acme/security or break-glass.',
    ]);
    // With a member who did not take part, or members not known, nothing is claimed.
    const other = decideWith(
      { ...prFacts, teamMembers: { 'acme/security': ['alice', 'bob', 'sam'] } },
      classification(iam),
      policy,
    );
    expect(other.nextSteps).toHaveLength(1);
    const unknown = decideWith({ ...prFacts, teamMembers: {} }, classification(iam), policy);
    expect(unknown.nextSteps).toHaveLength(1);
  });

  it('break-glass passes missing owner approvals, as it passes any missing approval', () => {
    const glass = policyOf(
      `${SECURITY_OWNS_IDENTITY}break_glass:\n  allowed: { users: [dana] }\nowners: { users: [sec-lead] }\n`,
    );
    const decision = decideWith(
      facts({ breakGlass: [breakGlassRequest('dana', '/four-eyes break-glass production is down, rolling back')] }),
      classification(iam),
      glass,
    );
    expect(decision.conclusion).toBe('success');
    expect(decision.breakGlass?.by).toBe('dana');
    expect(decision.notifications.map((n) => n.to)).toEqual([
      { users: ['sec-lead'], teams: [] },
      { users: ['sec-lead'], teams: [] },
    ]);
  });

  it("with notify_finding_owners, notices go to the findings' owners as well as the policy's", () => {
    const glass = policyOf(
      `${SECURITY_OWNS_IDENTITY}break_glass:\n  allowed: { users: [dana] }\nowners: { users: [sec-lead] }\nnotifications:\n  notify_finding_owners: true\n`,
    );
    const decision = decideWith(
      facts({ breakGlass: [breakGlassRequest('dana', '/four-eyes break-glass production is down, rolling back')] }),
      classification(iam),
      glass,
    );
    expect(decision.notifications.map((n) => [n.kind, n.to])).toEqual([
      ['break-glass', { users: ['sec-lead'], teams: ['acme/security'] }],
      ['follow-up-review', { users: ['sec-lead'], teams: ['acme/security'] }],
    ]);
  });

  it('an exception lets the author self-approve whatever the owners, as before', () => {
    const excepted = policyOf(`
tiers:
  medium: { approvals: 1, owner_approval: true }
catalog:
  owners:
    - rules: ["*"]
      owner: { teams: [acme/platform] }
exceptions:
  - id: EXC-1
    description: Tag-only changes
    owner: sec-lead
    justification: Tags carry cost-centre data only and grant nothing.
    created: 2026-06-01
    expires: 2027-05-31
    scope: { addresses: ["**"], attributes: [tags] }
    max_tier: medium
    allowed: { users: [alice] }
`);
    const tags = finding('medium', { address: 'aws_s3_bucket.logs', ruleId: 'default', changedPaths: ['tags'] });
    const decision = decideWith(facts(), classification(tags), excepted);
    expect(decision.conclusion).toBe('success');
    expect(decision.exception?.id).toBe('EXC-1');
  });
});

describe('a policy without owners of findings', () => {
  it('gives exactly the decision it gave before: no owners on findings, the tier requirements only', () => {
    const plain = policyOf('tiers:\n  high: { approvals: 1 }\n');
    const decision = decideWith(approvedBy({ carol: [] }), classification(iam), plain);
    expect(decision.findings).toEqual([iam]);
    expect(Object.keys(decision.findings[0]!)).not.toContain('owners');
    expect(decision.requirements).toEqual([
      { name: 'independent approval', needed: 1, from: null, satisfiedBy: ['carol'], missing: 0 },
    ]);
    expect(decision.warnings).toEqual([]);
  });
});
