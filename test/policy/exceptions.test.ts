import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/classify/classify.js';
import type { PolicyException } from '../../src/model/policy.js';
import { classification, facts, finding, policy, review, run } from './support.js';

/** EXC-7: tag changes, owned by dana, usable by alice, in force 2026-06-01 through 2027-05-31. */
function exception(adjust: Partial<PolicyException> = {}): PolicyException {
  return {
    id: 'EXC-7',
    description: 'tag changes',
    owner: 'dana',
    justification: 'tags grant nothing and expose nothing',
    link: null,
    created: '2026-06-01',
    expires: '2027-05-31',
    scope: { attributes: ['tags', 'tags_all'] },
    maxTier: 'medium',
    allowed: { users: ['alice'], teams: [] },
    ...adjust,
  };
}
const withExceptions = (...exceptions: PolicyException[]) =>
  policy((p) => {
    p.exceptions = exceptions;
    p.owners = { users: [], teams: ['acme/security'] };
  });
const tags = (overrides: Partial<Finding> = {}) =>
  finding('medium', { ruleId: 'tags.change', address: 'aws_s3_bucket.logs', changedPaths: ['tags'], ...overrides });

describe('an exception that applies', () => {
  it.each([
    ['attributes in scope', [tags({ changedPaths: ['tags', 'tags_all'] })], exception()],
    ['rules in scope', [tags()], exception({ scope: { rules: ['tags.change'] } })],
    [
      'addresses in scope',
      [tags(), tags({ address: 'module.app.aws_s3_bucket.data' })],
      exception({ scope: { addresses: ['**aws_s3_bucket.*'] } }),
    ],
    ['a low finding beside a medium one', [tags(), tags({ tier: 'low', changedPaths: ['tags_all'] })], exception()],
    ['a move without changed attributes', [tags({ action: 'move', changedPaths: [] })], exception()],
    ['the author allowed through a team', [tags()], exception({ allowed: { users: [], teams: ['acme/platform'] } })],
    ['the author allowed through an alias', [tags()], exception({ allowed: { users: ['alice-admin'], teams: [] } })],
  ] as const)('%s: self-approved, logged, owners told', (_name, findings, rule) => {
    const rules = withExceptions(rule);
    rules.identities = [{ name: 'Alice', logins: ['alice', 'alice-admin'], emails: [] }];
    const decision = run(
      facts({ reviewers: { alice: { permission: 'write', teams: ['acme/platform'] } } }),
      classification(...findings),
      rules,
    );
    expect(decision).toMatchObject({
      conclusion: 'success',
      title: 'Medium impact: self-approved under exception EXC-7',
      exceptionsNotApplied: [],
      warnings: [],
    });
    expect(decision.exception).toEqual({
      id: 'EXC-7',
      owner: 'dana',
      description: 'tag changes',
      justification: 'tags grant nothing and expose nothing',
      link: null,
      expires: '2027-05-31',
      scope: rule.scope,
      maxTier: 'medium',
      usedBy: 'alice',
    });
    expect(decision.notifications).toEqual([
      {
        kind: 'exception-used',
        to: { users: [], teams: ['acme/security'] },
        message: 'alice self-approved acme/infra#7 at beadfee under exception EXC-7',
      },
    ]);
  });

  it('the next step says nothing more is needed (not "get 1 more approval")', () => {
    const decision = run(facts(), classification(tags()), withExceptions(exception()));
    expect(decision.nextSteps).toEqual([
      'Nothing more: the author self-approved under exception EXC-7; the use is logged.',
    ]);
  });

  it('the first exception that applies is used; earlier ones say why they did not', () => {
    const decision = run(
      facts(),
      classification(tags()),
      withExceptions(
        exception({ id: 'EXC-1', allowed: { users: ['bob'], teams: [] } }),
        exception({ id: 'EXC-2' }),
        exception({ id: 'EXC-3' }),
      ),
    );
    expect(decision.exception?.id).toBe('EXC-2');
    expect(decision.exceptionsNotApplied).toEqual([{ id: 'EXC-1', reason: 'alice may not use it (allowed: bob)' }]);
  });
});

describe('an exception that does not apply: the normal rules, and the reason', () => {
  it.each([
    [
      'an address out of scope',
      [tags({ address: 'aws_iam_role.ci' })],
      exception({ scope: { addresses: ['aws_s3_bucket.*'] } }),
      'aws_iam_role.ci is outside its scope: the address matches none of aws_s3_bucket.*',
    ],
    [
      'one finding of two out of scope',
      [tags(), tags({ address: 'aws_s3_bucket.data', changedPaths: ['acl'] })],
      exception(),
      'aws_s3_bucket.data is outside its scope: attribute acl matches none of tags, tags_all',
    ],
    [
      'a delete under an attribute scope',
      [tags({ action: 'delete', changedPaths: ['tags'] })],
      exception(),
      'aws_s3_bucket.logs is outside its scope: it is a delete, and the scope only covers attribute changes',
    ],
    [
      'a changed file under an attribute scope',
      [tags({ kind: 'file', action: 'modified', address: 'scripts/tag.sh', changedPaths: [] })],
      exception(),
      'scripts/tag.sh is outside its scope: it is a modified file, and the scope only covers attribute changes',
    ],
    [
      'a rule in scope but an address not',
      [tags()],
      exception({ scope: { rules: ['tags.change'], addresses: ['module.dev.**'] } }),
      'aws_s3_bucket.logs is outside its scope: the address matches none of module.dev.**',
    ],
    [
      'a tier above a low exception',
      [tags()],
      exception({ maxTier: 'low' }),
      "aws_s3_bucket.logs is medium (tags.change), above the exception's maximum tier low",
    ],
    [
      'the author in no allowed team',
      [tags()],
      exception({ allowed: { users: [], teams: ['acme/sre'] } }),
      'alice may not use it (allowed: acme/sre)',
    ],
    ['expired the day before', [tags()], exception({ expires: '2026-11-22' }), 'expired on 2026-11-22'],
    [
      'not in force before its creation day',
      [tags()],
      exception({ created: '2026-11-24', expires: '2027-06-01' }),
      'not in force before 2026-11-24',
    ],
  ] as const)('%s', (_name, findings, rule, reason) => {
    const decision = run(facts(), classification(...findings), withExceptions(rule));
    expect(decision.conclusion).toBe('action_required');
    expect(decision.exception).toBeNull();
    expect(decision.exceptionsNotApplied).toEqual([{ id: 'EXC-7', reason }]);
    expect(decision.notifications.filter((n) => n.kind === 'exception-used')).toEqual([]);
    expect(decision.nextSteps.at(-1)).toBe(`Exception EXC-7 did not apply: ${reason}.`);
  });

  it.each([
    ['allowed by name', { users: ['alice'], teams: [] }, ['alice'], [], 'alice is a deployer (alice)'],
    ['allowed through a team', { users: [], teams: ['acme/platform'] }, ['alice'], [], 'alice is a deployer (alice)'],
    [
      'a deployer under an alias',
      { users: ['alice'], teams: [] },
      ['alice-bot'],
      ['alice', 'alice-bot'],
      'alice is a deployer (alice-bot)',
    ],
  ])('a deployer, %s, may not self-approve', (_name, allowed, deployers, aliases, who) => {
    const rules = withExceptions(exception({ allowed }));
    rules.deployers = deployers;
    if (aliases.length) rules.identities = [{ name: null, logins: aliases, emails: [] }];
    const decision = run(
      facts({ reviewers: { alice: { permission: 'read', teams: ['acme/platform'] } } }),
      classification(tags()),
      rules,
    );
    expect(decision.conclusion).toBe('action_required');
    expect(decision.exception).toBeNull();
    expect(decision.exceptionsNotApplied).toEqual([
      {
        id: 'EXC-7',
        reason: `${who}; deployers may execute changes, never approve them, so they cannot self-approve under an exception`,
      },
    ]);
  });

  it('a blocking reason wins over an exception that would apply', () => {
    const decision = run(
      facts({ reviews: [review('carol', 'CHANGES_REQUESTED')] }),
      classification(tags()),
      withExceptions(exception()),
    );
    expect(decision.conclusion).toBe('failure');
    expect(decision.exception).toBeNull();
  });

  it('a PR without findings has nothing to except', () => {
    const decision = run(facts(), classification(), withExceptions(exception()));
    expect(decision.conclusion).toBe('neutral');
    expect(decision.exceptionsNotApplied).toEqual([{ id: 'EXC-7', reason: 'there is nothing to except' }]);
  });

  it('is not used when the requirement is already met: a low change needs nothing', () => {
    const decision = run(facts(), classification(tags({ tier: 'low' })), withExceptions(exception()));
    expect(decision).toMatchObject({
      conclusion: 'success',
      exception: null,
      title: 'Low impact: no independent approval required',
    });
  });
});

describe('when an exception is in force', () => {
  const at = (iso: string) => new Date(iso);
  it.each([
    ['the first moment of its creation day', '2026-06-01T00:00:00Z', 'success'],
    ['the last moment before its creation day', '2026-05-31T23:59:59Z', 'action_required'],
    ['the last second of its expiry day', '2027-05-31T23:59:59Z', 'success'],
    ['the day after it expires', '2027-06-01T00:00:00Z', 'action_required'],
  ] as const)('%s', (_name, now, conclusion) => {
    expect(run(facts(), classification(tags()), withExceptions(exception()), at(now)).conclusion).toBe(conclusion);
  });
});

describe('expiry warnings', () => {
  // NOW is 2026-11-23T12:00Z
  it.each([
    [
      'expires today',
      '2026-11-23',
      'exception EXC-7 expires on 2026-11-23 (0 days left); dana should renew or retire it',
    ],
    [
      'expires in 13 days',
      '2026-12-06',
      'exception EXC-7 expires on 2026-12-06 (13 days left); dana should renew or retire it',
    ],
    [
      'expires in 14 days (docs: "a warning from 14 days before")',
      '2026-12-07',
      'exception EXC-7 expires on 2026-12-07 (14 days left); dana should renew or retire it',
    ],
    ['expires in 15 days', '2026-12-08', null],
    ['expired yesterday', '2026-11-22', null],
  ] as const)('%s', (_name, expires, warning) => {
    const decision = run(facts(), classification(tags()), withExceptions(exception({ expires })));
    expect(decision.warnings).toEqual(warning ? [warning] : []);
    expect(decision.notifications.filter((n) => n.kind === 'exception-expiring')).toEqual(
      warning ? [{ kind: 'exception-expiring', to: { users: ['dana'], teams: [] }, message: warning }] : [],
    );
  });

  it('warns about an exception this PR does not use', () => {
    const decision = run(
      facts({ reviews: [review('carol', 'APPROVED')] }),
      classification(finding('high')),
      withExceptions(exception({ expires: '2026-11-30' })),
    );
    expect(decision.warnings).toEqual([
      'exception EXC-7 expires on 2026-11-30 (7 days left); dana should renew or retire it',
    ]);
  });
});
