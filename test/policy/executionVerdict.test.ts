import { describe, expect, it } from 'vitest';
import type { Policy, Requirement } from '../../src/model/policy.js';
import type { Decision } from '../../src/policy/decision.js';
import type { ContentEvidence } from '../../src/policy/executionContent.js';
import type { Executor, ExecutorRole } from '../../src/policy/executionPeople.js';
import { type ExecutionInput, executionVerdict, gateFailure, isGated } from '../../src/policy/executionVerdict.js';
import { breakGlassRequest, classification, facts, finding, HEAD, policy, review, run } from './support.js';

const SHA = HEAD;
const DEPLOYED = 'de910ed000000000000000000000000000000000';

function by(login: string, ...roles: ExecutorRole[]): Executor {
  return { login, roles: roles.length ? roles : ['actor', 'triggering-actor'] };
}

/** A high-impact decision on #7 by alice with these approvers, in review order. */
function decided(approvers: string[], rules: Policy = policy()): Decision {
  return run(facts({ reviews: approvers.map((login) => review(login, 'APPROVED')) }), undefined, rules);
}

function head(decision: Decision | null): ContentEvidence {
  return { kind: 'pull-request-head', pullRequest: 7, author: 'alice', decision: decision && { seq: 11, decision } };
}

function merge(
  decision: Decision | null,
  overrides: { mergeDigest?: string; mergedHeadSha?: string } = {},
): ContentEvidence {
  return {
    kind: 'merge',
    pullRequest: 7,
    author: 'alice',
    mergedHeadSha: overrides.mergedHeadSha ?? SHA,
    decision: decision && { seq: 11, decision },
    mergeDigest: overrides.mergeDigest ?? decision?.impactDigest ?? 'sha256:none',
  };
}

const sinceDeployment = (findings: number): ContentEvidence => ({
  kind: 'since-deployment',
  deployed: { sha: DEPLOYED, runId: 99 },
  findings,
});

function input(overrides: Partial<ExecutionInput> = {}): ExecutionInput {
  return {
    environment: 'production',
    sha: SHA,
    policy: policy(),
    executors: [by('erin'), by('github-actions[bot]', 'deployment-creator')],
    evidence: [head(decided(['carol']))],
    teams: {},
    plans: { uploaded: [] },
    ...overrides,
  };
}

const withExecution = (execution: Partial<Policy['execution']>, adjust: (p: Policy) => void = () => {}) =>
  policy((p) => {
    p.execution = { ...p.execution, ...execution };
    adjust(p);
  });

describe('which environments the gate judges', () => {
  it.each([
    ['every environment by default', ['**'], 'production', true],
    ['names with a slash by default', ['**'], 'prod/eu-west-1', true],
    ['a name the globs list', ['production', 'prod-*'], 'prod-eu', true],
    ['case-insensitively, as GitHub compares names', ['production'], 'Production', true],
    ['not a name the globs leave out', ['production', 'prod-*'], 'staging', false],
    ['nothing, with no globs', [], 'production', false],
  ])('%s', (_name, environments, environment, gated) => {
    expect(isGated(environment, { environments, requirePlan: false, executorMayBeAuthor: true })).toBe(gated);
  });

  it('approves an environment it does not judge, whatever runs, and says so', () => {
    const verdict = executionVerdict(
      input({ environment: 'staging', policy: withExecution({ environments: ['production'] }), evidence: [] }),
    );
    expect(verdict).toEqual({
      state: 'approved',
      code: 'not-gated',
      reason: "staging is not gated by Four Eyes: the policy's execution.environments (production) do not name it",
      decision: null,
      approvers: [],
      breakGlass: null,
    });
  });
});

describe('approved content', () => {
  const approved = decided(['carol']);
  const waiting = decided([]);
  it.each([
    [
      'the head of an open PR whose decision passes',
      [head(approved)],
      'approved',
      'approved-change',
      'beadfee is the head of #7: High impact: 1 of 1 independent approval',
    ],
    [
      'the head of an open PR not decided yet',
      [head(null)],
      'rejected',
      'not-approved',
      'beadfee is the head of #7, which Four Eyes has not decided on yet: wait for its check, then re-run the job',
    ],
    [
      'the head of an open PR whose decision waits for approval',
      [head(waiting)],
      'rejected',
      'not-approved',
      `#7 at beadfee is not approved: ${waiting.title}`,
    ],
    [
      'a merge that brought exactly the approved change',
      [merge(approved)],
      'approved',
      'approved-change',
      'beadfee merged #7 and brought exactly its approved change',
    ],
    [
      'a merge that brought more than the approved change',
      [merge(approved, { mergeDigest: 'sha256:0123456789abcdef' })],
      'rejected',
      'change-differs',
      'beadfee merged #7, but the merge brought another change than the one approved (impact sha256:0123456789ab of its first parent → beadfee, approved',
    ],
    [
      'a merge of another head than the one decided',
      [merge(approved, { mergedHeadSha: DEPLOYED })],
      'rejected',
      'not-approved',
      "beadfee merged #7 at de910ed, but Four Eyes' last decision on #7 was on beadfee",
    ],
    [
      'a merge of a PR never decided',
      [merge(null)],
      'rejected',
      'not-approved',
      'beadfee merged #7, which Four Eyes never decided on',
    ],
    [
      'a merge whose last decision failed',
      [merge(waiting)],
      'rejected',
      'not-approved',
      `beadfee merged #7, whose last decision did not pass: ${waiting.title}`,
    ],
    [
      'no Terraform change since the last approved deployment',
      [{ kind: 'no-pull-request' }, sinceDeployment(0)],
      'approved',
      'nothing-to-gate',
      'nothing to gate: beadfee has no Terraform change since the last approved deployment of production (de910ed, run 99)',
    ],
    [
      'a Terraform change since it, and no PR',
      [{ kind: 'no-pull-request' }, sinceDeployment(2)],
      'rejected',
      'not-approved',
      'beadfee is neither the head of an open pull request nor the merge commit of one; beadfee changes Terraform since the last approved deployment of production (de910ed, run 99) (2 findings) without an approved pull request',
    ],
    [
      'no PR and no deployment to compare with',
      [{ kind: 'no-pull-request' }, { kind: 'no-deployment' }],
      'rejected',
      'not-approved',
      'beadfee is neither the head of an open pull request nor the merge commit of one; production has no approved deployment to compare beadfee with',
    ],
    [
      'an unapproved PR head with nothing changed since the last deployment',
      [head(waiting), sinceDeployment(0)],
      'approved',
      'nothing-to-gate',
      'nothing to gate',
    ],
    [
      'a bad merge stays a bad merge when Terraform changed since',
      [merge(approved, { mergeDigest: 'sha256:ff' }), sinceDeployment(1)],
      'rejected',
      'change-differs',
      'beadfee merged #7, but',
    ],
  ] as const)('%s', (_name, evidence, state, code, reason) => {
    const verdict = executionVerdict(input({ evidence: [...evidence] }));
    expect([verdict.state, verdict.code]).toEqual([state, code]);
    expect(verdict.reason).toContain(reason);
  });

  it('a verdict on a decision names it, and who approved it', () => {
    expect(executionVerdict(input({ evidence: [head(approved)] }))).toMatchObject({
      decision: {
        seq: 11,
        pullRequest: 7,
        headSha: SHA,
        impactDigest: approved.impactDigest,
        tier: 'high',
        title: approved.title,
      },
      approvers: ['carol'],
    });
  });

  it('a PR with no Terraform change passes as its neutral decision says', () => {
    const neutral = run(facts(), classification());
    expect(executionVerdict(input({ evidence: [head(neutral)] }))).toMatchObject({
      state: 'approved',
      code: 'approved-change',
    });
  });
});

describe('executor ≠ approver', () => {
  const critical = classification(finding('critical'));
  const security: Requirement = {
    name: 'security review',
    approvals: 1,
    from: { users: [], teams: ['acme/security'] },
  };
  const peer: Requirement = { name: 'peer review', approvals: 1, from: null };
  const twoKinds = policy((p) => {
    p.tiers.critical = [security, peer];
  });
  /** sam (security) and carol fill the two requirements; dave approved too. */
  const teamDecision = run(
    facts({
      reviews: [review('sam', 'APPROVED'), review('carol', 'APPROVED'), review('dave', 'APPROVED')],
      reviewers: {
        sam: { permission: 'write', teams: ['acme/security'] },
        carol: { permission: 'write', teams: [] },
        dave: { permission: 'write', teams: [] },
      },
    }),
    critical,
    twoKinds,
  );
  const aliases = policy((p) => {
    p.identities = [{ name: 'Carol', logins: ['carol', 'carol-ops'], emails: [] }];
  });
  const withoutSpare = (decision: Decision): Decision => {
    const { spare: _spare, ...approvals } = decision.approvals;
    return { ...decision, approvals } as Decision;
  };

  it.each([
    [
      'an approver runs it and nobody else approved',
      decided(['carol']),
      [by('carol')],
      policy(),
      {},
      'rejected',
      'carol approved #7 and now runs its deployment (carol (actor, triggering actor)); without their approval "independent approval" misses 1 approval of 1: someone who did not approve must run it, or another independent reviewer must approve',
    ],
    [
      'an approver runs it, and a second independent approval remains',
      decided(['carol', 'dave']),
      [by('carol')],
      policy(),
      {},
      'approved',
      'run by carol (actor, triggering actor); carol approved it, but the requirements hold without them ("independent approval" by dave)',
    ],
    [
      'an approver only created the deployment',
      decided(['carol']),
      [by('erin'), by('carol', 'deployment-creator')],
      policy(),
      {},
      'rejected',
      'carol (deployment creator)',
    ],
    [
      "an approver's alias runs it",
      decided(['carol']),
      [by('carol-ops')],
      aliases,
      {},
      'rejected',
      'carol approved #7 and now runs its deployment (carol-ops (actor, triggering actor))',
    ],
    [
      'two approvers run it together',
      decided(['carol', 'dave', 'erin']),
      [by('carol', 'actor'), by('dave', 'triggering-actor')],
      policy(),
      {},
      'approved',
      'carol and dave approved it, but the requirements hold without them ("independent approval" by erin)',
    ],
    [
      'the security approver runs it and nobody else in the team approved',
      teamDecision,
      [by('sam')],
      twoKinds,
      { dave: [], carol: [] },
      'rejected',
      '"security review" misses 1 approval of 1',
    ],
    [
      'the security approver runs it and another team member approved',
      teamDecision,
      [by('sam')],
      twoKinds,
      { dave: ['acme/security'], carol: [] },
      'approved',
      '"security review" by dave; "peer review" by carol',
    ],
    [
      'a record from before spare approvals were kept',
      withoutSpare(decided(['carol', 'dave'])),
      [by('carol')],
      policy(),
      {},
      'rejected',
      'carol approved #7',
    ],
  ] as const)('%s', (_name, decision, executors, rules, teams, state, reason) => {
    const verdict = executionVerdict(
      input({ evidence: [head(decision)], executors: [...executors], policy: rules, teams: { ...teams } }),
    );
    expect(verdict.state).toBe(state);
    expect(verdict.code).toBe(state === 'approved' ? 'approved-change' : 'approver-executes');
    expect(verdict.reason).toContain(reason);
  });

  it('the spare approvals the recount uses are in the decision', () => {
    expect(decided(['carol', 'dave']).approvals).toMatchObject({
      counted: [expect.objectContaining({ login: 'carol' })],
      spare: [expect.objectContaining({ login: 'dave', retainedFrom: null })],
    });
  });

  it('with the critical default of two, a third approval lets either approver run it', () => {
    const three = run(facts({ reviews: ['carol', 'dave', 'erin'].map((l) => review(l, 'APPROVED')) }), critical);
    expect(executionVerdict(input({ evidence: [head(three)], executors: [by('dave')] })).state).toBe('approved');
    const two = run(facts({ reviews: ['carol', 'dave'].map((l) => review(l, 'APPROVED')) }), critical);
    expect(executionVerdict(input({ evidence: [head(two)], executors: [by('dave')] })).code).toBe('approver-executes');
  });
});

describe('the author and the deployers', () => {
  const approved = decided(['carol']);
  it.each([
    ['the author runs it: allowed by default', [by('alice')], policy(), 'approved', 'approved-change'],
    [
      'the author runs it, and the policy says no',
      [by('alice')],
      withExecution({ executorMayBeAuthor: false }),
      'rejected',
      'author-executes',
    ],
    [
      "the author's alias runs it, and the policy says no",
      [by('alice-admin')],
      withExecution({ executorMayBeAuthor: false }, (p) => {
        p.identities = [{ name: 'Alice', logins: ['alice', 'alice-admin'], emails: [] }];
      }),
      'rejected',
      'author-executes',
    ],
    [
      'a deployer bot runs it',
      [by('tf-deployer'), by('github-actions[bot]', 'deployment-creator')],
      withExecution({ executorMayBeAuthor: false }, (p) => {
        p.deployers = ['tf-deployer'];
      }),
      'approved',
      'approved-change',
    ],
    [
      'someone else runs it, and the author created the deployment',
      [by('erin'), by('alice', 'deployment-creator')],
      withExecution({ executorMayBeAuthor: false }),
      'rejected',
      'author-executes',
    ],
  ] as const)('%s', (_name, executors, rules, state, code) => {
    const verdict = executionVerdict(input({ executors: [...executors], policy: rules, evidence: [head(approved)] }));
    expect([verdict.state, verdict.code]).toEqual([state, code]);
  });

  it('says why the author may not run it', () => {
    const verdict = executionVerdict(
      input({
        executors: [by('alice')],
        policy: withExecution({ executorMayBeAuthor: false }),
        evidence: [head(approved)],
      }),
    );
    expect(verdict.reason).toBe(
      "alice wrote #7 and runs its deployment (alice (actor, triggering actor)), and the policy's execution.executor_may_be_author is false: someone else must run it",
    );
  });

  it('a change self-approved under an exception takes no approval away when its approver-less author runs it', () => {
    const base = decided([]);
    const excepted: Decision = {
      ...base,
      conclusion: 'success',
      exception: {
        id: 'EXC-7',
        owner: 'dana',
        description: 'tags',
        justification: 'grants nothing',
        link: null,
        expires: '2027-05-31',
        scope: { attributes: ['tags'] },
        maxTier: 'medium',
        usedBy: 'alice',
      },
    };
    const verdict = executionVerdict(input({ executors: [by('alice')], evidence: [head(excepted)] }));
    expect([verdict.state, verdict.reason]).toEqual([
      'approved',
      expect.stringContaining('it passed under exception EXC-7'),
    ]);
  });
});

describe('break-glass', () => {
  const glass = policy((p) => {
    p.breakGlass = { allowed: { users: ['dana'], teams: [] }, minReasonLength: 20 };
  });
  const broken = run(
    facts({ breakGlass: [breakGlassRequest('dana', '/four-eyes break-glass production is down, rolling back now')] }),
    undefined,
    glass,
  );

  it('passes the gate, marked, whoever runs it', () => {
    const verdict = executionVerdict(input({ policy: glass, executors: [by('dana')], evidence: [head(broken)] }));
    expect(verdict).toMatchObject({
      state: 'approved',
      code: 'break-glass',
      breakGlass: { by: 'dana', reason: 'production is down, rolling back now', sha: SHA },
    });
    expect(verdict.reason).toMatch(/^BREAK-GLASS: beadfee is the head of #7: BREAK-GLASS by dana/);
    expect(verdict.reason).toContain("and the policy's owners are told again");
  });

  it('covers the merge of exactly that change, not of another', () => {
    expect(executionVerdict(input({ policy: glass, evidence: [merge(broken)] })).code).toBe('break-glass');
    expect(
      executionVerdict(input({ policy: glass, evidence: [merge(broken, { mergeDigest: 'sha256:ff' })] })).code,
    ).toBe('change-differs');
  });
});

describe('plan binding', () => {
  const approved = decided(['carol']);
  /** The same decision, having judged plans with these digests. */
  const approving = (digests: readonly string[]): Decision => ({
    ...approved,
    plans: {
      judged: digests.map((digest) => ({
        source: 'plan.json',
        root: '.',
        digest,
        terraformVersion: null,
        resourceChanges: 1,
      })),
      ignored: [],
      unreadable: [],
      missing: null,
    },
  });
  const requirePlan = withExecution({ requirePlan: true });
  it.each([
    ['no plan, none required', [], [], policy(), 'approved', 'approved-change'],
    ['no plan, one required', [], [], requirePlan, 'rejected', 'plan-missing'],
    ['the approved plan', ['sha256:aa'], ['sha256:aa'], requirePlan, 'approved', 'approved-change'],
    ['a plan the decision did not approve', ['sha256:bb'], ['sha256:aa'], policy(), 'rejected', 'plan-not-approved'],
    [
      'an approved plan and another',
      ['sha256:aa', 'sha256:bb'],
      ['sha256:aa'],
      policy(),
      'rejected',
      'plan-not-approved',
    ],
    ['a plan, and the decision approved none', ['sha256:aa'], [], policy(), 'rejected', 'plan-not-approved'],
  ] as const)('%s', (_name, uploaded, approvedPlans, rules, state, code) => {
    const verdict = executionVerdict(
      input({
        policy: rules,
        evidence: [head(approvedPlans.length ? approving(approvedPlans) : approved)],
        plans: { uploaded: [...uploaded] },
      }),
    );
    expect([verdict.state, verdict.code]).toEqual([state, code]);
  });

  it('says which plan was not approved', () => {
    const verdict = executionVerdict(
      input({ evidence: [head(approving(['sha256:aa']))], plans: { uploaded: ['sha256:bb'] } }),
    );
    expect(verdict.reason).toBe(
      "beadfee is the head of #7: High impact: 1 of 1 independent approval; the run uploaded the plan sha256:bb, which #7's decision did not approve (it approved sha256:aa)",
    );
  });

  it('does not apply when there is nothing to gate: nothing was approved to bind a plan to', () => {
    const verdict = executionVerdict(
      input({ policy: requirePlan, evidence: [{ kind: 'no-pull-request' }, sinceDeployment(0)] }),
    );
    expect(verdict.code).toBe('nothing-to-gate');
  });
});

describe('a gate that could not decide', () => {
  it('rejects with the reason', () => {
    expect(gateFailure('GitHub answered 502')).toEqual({
      state: 'rejected',
      code: 'error',
      reason: 'GitHub answered 502',
      decision: null,
      approvers: [],
      breakGlass: null,
    });
  });
});
