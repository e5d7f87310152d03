import { describe, expect, it } from 'vitest';
import { parseReason } from '../../src/policy/breakGlass.js';
import {
  classification,
  facts,
  finding,
  HEAD,
  OLD,
  policy,
  breakGlassRequest as request,
  review,
  run,
} from './support.js';

const critical = classification(finding('critical'));
const REASON = 'production is down, rolling back the SG change';
const rules = (adjust: (p: ReturnType<typeof policy>) => void = () => {}) =>
  policy((p) => {
    p.breakGlass = { allowed: { users: ['dana'], teams: ['acme/sre-oncall'] }, minReasonLength: 20 };
    p.deployers = ['tf-bot'];
    p.owners = { users: ['sec-lead'], teams: ['acme/security'] };
    adjust(p);
  });

describe('what is a break-glass command', () => {
  it.each([
    ['/four-eyes break-glass production is down', 'production is down'],
    ['  /Four-Eyes Break-Glass   production is down  ', 'production is down'],
    ['/four-eyes break-glass production is down\nmore context on the next line', 'production is down'],
    ['/four-eyes break-glass', ''],
    ['/four-eyes break-glassy production is down', null],
    ['please /four-eyes break-glass production is down', null],
    ['/four-eyes approve', null],
  ] as const)('%j → %j', (text, reason) => {
    expect(parseReason(text)).toBe(reason);
  });
});

describe('break-glass that passes', () => {
  it('by a named person on the head: BREAK-GLASS, owners notified, a follow-up review, even with approvals missing and changes requested', () => {
    const decision = run(
      facts({
        reviews: [review('carol', 'CHANGES_REQUESTED')],
        breakGlass: [request('dana', `/four-eyes break-glass ${REASON}`)],
      }),
      critical,
      rules(),
    );
    expect(decision).toMatchObject({
      conclusion: 'success',
      title: 'BREAK-GLASS by dana: critical impact passed without independent approval',
      breakGlass: { by: 'dana', reason: REASON, at: '2026-11-23T11:00:00Z', sha: HEAD },
      breakGlassRefused: [],
      exception: null,
      nextSteps: [
        'Break-glass is recorded; the policy owners are notified and must review this change after the fact.',
      ],
    });
    expect(decision.notifications).toEqual([
      {
        kind: 'break-glass',
        to: { users: ['sec-lead'], teams: ['acme/security'] },
        message: `dana broke glass on acme/infra#7 at beadfee: ${REASON}`,
      },
      {
        kind: 'follow-up-review',
        to: { users: ['sec-lead'], teams: ['acme/security'] },
        message:
          'Review after the fact: critical impact change acme/infra#7 at beadfee passed by break-glass without independent approval',
      },
    ]);
  });

  it.each([
    [
      'a member of a named team',
      'olga',
      rules(),
      { olga: { permission: 'write' as const, teams: ['acme/sre-oncall'] } },
    ],
    [
      'an alias of a named person',
      'dana-admin',
      rules((p) => {
        p.identities = [{ name: 'Dana', logins: ['dana', 'dana-admin'], emails: [] }];
      }),
      {},
    ],
    [
      'the PR author, when named',
      'alice',
      rules((p) => {
        p.breakGlass!.allowed.users = ['alice'];
      }),
      {},
    ],
  ])('by %s', (_name, author, policyWithPeople, reviewers) => {
    const decision = run(
      facts({ reviewers, breakGlass: [request(author, `/four-eyes break-glass ${REASON}`)] }),
      critical,
      policyWithPeople,
    );
    expect(decision.conclusion).toBe('success');
    expect(decision.breakGlass?.by).toBe(author);
  });

  it('a reason of exactly the minimum length is enough', () => {
    const decision = run(
      facts({ breakGlass: [request('dana', '/four-eyes break-glass ' + 'x'.repeat(20))] }),
      critical,
      rules(),
    );
    expect(decision.conclusion).toBe('success');
  });

  it('an earlier request on an old commit is refused, a later one on the head is used', () => {
    const decision = run(
      facts({
        breakGlass: [
          request('dana', `/four-eyes break-glass ${REASON}`, HEAD, '2026-11-23T11:30:00Z'),
          request('dana', `/four-eyes break-glass ${REASON}`, OLD, '2026-11-23T09:00:00Z'),
        ],
      }),
      critical,
      rules(),
    );
    expect(decision.breakGlass).toEqual({ by: 'dana', reason: REASON, at: '2026-11-23T11:30:00Z', sha: HEAD });
    expect(decision.breakGlassRefused).toEqual([
      {
        by: 'dana',
        at: '2026-11-23T09:00:00Z',
        reason: 'it was given on 0ddba11, but the head is now beadfee; break-glass covers one commit only',
      },
    ]);
  });
});

describe('break-glass that is refused: the normal rules apply', () => {
  it.each([
    [
      'not named',
      rules(),
      request('carol', `/four-eyes break-glass ${REASON}`),
      'carol is not allowed to break glass (allowed: dana, acme/sre-oncall)',
    ],
    [
      'a reason one character short',
      rules(),
      request('dana', '/four-eyes break-glass ' + 'x'.repeat(19)),
      'the reason is 19 characters; at least 20 are required',
    ],
    [
      'a reason shorter than the policy asks',
      rules((p) => {
        p.breakGlass!.minReasonLength = 60;
      }),
      request('dana', `/four-eyes break-glass ${REASON}`),
      'the reason is 46 characters; at least 60 are required',
    ],
    [
      'no reason at all',
      rules(),
      request('dana', '/four-eyes break-glass'),
      'the reason is 0 characters; at least 20 are required',
    ],
    [
      'an old SHA',
      rules(),
      request('dana', `/four-eyes break-glass ${REASON}`, OLD),
      'it was given on 0ddba11, but the head is now beadfee; break-glass covers one commit only',
    ],
    [
      'a deployer',
      rules(),
      request('tf-bot', `/four-eyes break-glass ${REASON}`),
      'tf-bot is a deployer; deployers can never break glass',
    ],
    [
      'a deployer who is also named',
      rules((p) => {
        p.deployers = ['dana'];
      }),
      request('dana', `/four-eyes break-glass ${REASON}`),
      'dana is a deployer; deployers can never break glass',
    ],
    [
      'an alias of a deployer',
      rules((p) => {
        p.identities = [{ name: null, logins: ['tf-bot', 'dana'], emails: [] }];
      }),
      request('dana', `/four-eyes break-glass ${REASON}`),
      'dana is a deployer; deployers can never break glass',
    ],
    [
      'a policy without break-glass',
      policy(),
      request('dana', `/four-eyes break-glass ${REASON}`),
      'the policy names nobody who may break glass',
    ],
  ])('%s', (_name, policyForCase, breakGlass, reason) => {
    const decision = run(facts({ breakGlass: [breakGlass] }), critical, policyForCase);
    expect(decision.conclusion).toBe('action_required');
    expect(decision.breakGlass).toBeNull();
    expect(decision.breakGlassRefused).toEqual([{ by: breakGlass.author, at: breakGlass.at, reason }]);
    expect(decision.notifications).toEqual([]);
    expect(decision.title).toBe('Critical impact: 0 of 2 independent approvals');
  });

  it('a comment that is not a command is neither used nor refused', () => {
    const decision = run(
      facts({ breakGlass: [request('dana', `we may need /four-eyes break-glass ${REASON}`)] }),
      critical,
      rules(),
    );
    expect(decision).toMatchObject({ conclusion: 'action_required', breakGlass: null, breakGlassRefused: [] });
  });
});

describe('the facts’ order', () => {
  it('of two valid requests made at the same time does not decide which is used', () => {
    const byDana = request('dana', `/four-eyes break-glass ${REASON}`);
    const byOlga = request('olga', '/four-eyes break-glass database failover, restoring the old routes');
    const rulesWithOlga = rules((p) => {
      p.breakGlass!.allowed.users.push('olga');
    });
    const forward = run(facts({ breakGlass: [byDana, byOlga] }), critical, rulesWithOlga);
    const backward = run(facts({ breakGlass: [byOlga, byDana] }), critical, rulesWithOlga);
    expect(backward.breakGlass).toEqual(forward.breakGlass);
  });
});
