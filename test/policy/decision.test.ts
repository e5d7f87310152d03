import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { BUILTIN_RULE_IDS } from '../../src/classify/catalog/index.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { loadPolicy } from '../../src/config/loadPolicy.js';
import type { PolicyInForce } from '../../src/config/policyInForce.js';
import { defaultPolicy } from '../../src/model/policy.js';
import { decide } from '../../src/policy/decision.js';
import type { PrFacts } from '../../src/policy/facts.js';
import {
  breakGlassRequest,
  classification,
  commit,
  facts,
  finding,
  HEAD,
  NOW,
  OLD,
  policy,
  rejections,
  review,
  run,
} from './support.js';

const high = classification(finding('high'));
const critical = classification(finding('critical'));

describe('requirements per tier', () => {
  it.each([
    ['critical', 2],
    ['high', 1],
    ['medium', 1],
    ['low', 0],
  ] as const)('by default %s needs %i independent approval(s)', (tier, needed) => {
    const decision = run(facts(), classification(finding(tier)));
    expect(decision.requirements.map((r) => r.needed)).toEqual([needed]);
    expect(decision.conclusion).toBe(needed === 0 ? 'success' : 'action_required');
  });

  it('no Terraform impact is neutral, and needs nothing', () => {
    const decision = run(facts(), classification());
    expect(decision).toMatchObject({
      conclusion: 'neutral',
      tier: 'none',
      requirements: [],
      title: 'No Terraform impact',
    });
  });

  it('titles say how many approvals are there', () => {
    expect(run(facts({ reviews: [review('carol', 'APPROVED')] }), critical).title).toBe(
      'Critical impact: 1 of 2 independent approvals',
    );
    expect(run(facts({ reviews: [review('carol', 'APPROVED'), review('dave', 'APPROVED')] }), critical)).toMatchObject({
      conclusion: 'success',
      title: 'Critical impact: 2 of 2 independent approvals',
      nextSteps: ['Nothing more: every requirement is met.'],
    });
  });

  const teams = policy((p) => {
    p.tiers.high = [{ name: 'security review', approvals: 1, from: { users: [], teams: ['acme/security'] } }];
  });
  it('a team requirement is met by a member', () => {
    const decision = run(
      facts({
        reviews: [review('sam', 'APPROVED')],
        reviewers: { sam: { permission: 'write', teams: ['acme/security'] } },
      }),
      high,
      teams,
    );
    expect(decision.conclusion).toBe('success');
    expect(decision.requirements[0]!.satisfiedBy).toEqual(['sam']);
  });
  it('a team requirement is not met by a non-member, who is told so', () => {
    const decision = run(
      facts({
        reviews: [review('carol', 'APPROVED')],
        reviewers: { carol: { permission: 'write', teams: ['acme/platform'] } },
      }),
      high,
      teams,
    );
    expect(decision.conclusion).toBe('action_required');
    expect(rejections(decision)).toEqual([
      ['not-in-required-team', 'carol is not a member of acme/security, as "security review" requires'],
    ]);
    expect(decision.nextSteps).toEqual([
      'Get 1 more approval for "security review" from a member of acme/security with write access who did not author, commit, co-author or push to this PR (excluded: alice), on the head commit.',
    ]);
  });

  const twoRequirements = (distinct: boolean) =>
    policy((p) => {
      p.distinct = distinct;
      p.tiers.critical = [
        { name: 'security review', approvals: 1, from: { users: [], teams: ['acme/security'] } },
        { name: 'peer review', approvals: 1, from: null },
      ];
    });
  const samOnly = facts({
    reviews: [review('sam', 'APPROVED')],
    reviewers: { sam: { permission: 'write', teams: ['acme/security'] } },
  });
  it('with distinct, one person fills one slot across requirements', () => {
    const decision = run(samOnly, critical, twoRequirements(true));
    expect(decision.conclusion).toBe('action_required');
    expect(decision.requirements.map((r) => [r.name, r.satisfiedBy])).toEqual([
      ['security review', ['sam']],
      ['peer review', []],
    ]);
    expect(rejections(decision)).toEqual([
      [
        'already-counted',
        'sam already counts for "security review"; with distinct approvals one person fills one slot',
      ],
    ]);
  });
  it('without distinct, one person may fill both', () => {
    expect(run(samOnly, critical, twoRequirements(false)).conclusion).toBe('success');
  });
  it('with distinct, the assignment fills as many slots as possible', () => {
    // carol can fill only "peer review"; sam could fill either: sam must go to security.
    const both = facts({
      reviews: [review('sam', 'APPROVED', { submittedAt: '2026-11-23T09:00:00Z' }), review('carol', 'APPROVED')],
      reviewers: { sam: { permission: 'write', teams: ['acme/security'] }, carol: { permission: 'write', teams: [] } },
    });
    const decision = run(both, critical, twoRequirements(true));
    expect(decision.conclusion).toBe('success');
    expect(decision.requirements.map((r) => r.satisfiedBy)).toEqual([['sam'], ['carol']]);
  });
});

describe('blocking reasons', () => {
  it('an unattributable commit author blocks, unless the policy maps the e-mail', () => {
    const ghost = facts({ commits: [commit(HEAD, 'alice', [null])], reviews: [review('carol', 'APPROVED')] });
    const blocked = run(ghost, high);
    expect(blocked.conclusion).toBe('failure');
    expect(blocked.blocking).toEqual([
      {
        code: 'unattributed-commit',
        reason:
          'the co-author of beadfee, Ghost <ghost@acme.example>, is not linked to a GitHub account; link the e-mail to the account, or map it under identities in the policy',
      },
    ]);
    const mapped = run(
      ghost,
      high,
      policy((p) => {
        p.identities = [{ name: null, logins: ['gus'], emails: ['ghost@acme.example'] }];
      }),
    );
    expect(mapped.conclusion).toBe('success');
    expect(mapped.excluded.map((e) => e.login)).toContain('gus');
  });

  it('a GitHub web-flow committer is not an unknown person', () => {
    const web = commit(HEAD, 'alice');
    web.committer = { login: null, email: 'noreply@github.com', name: 'GitHub' };
    expect(run(facts({ commits: [web], reviews: [review('carol', 'APPROVED')] }), high).conclusion).toBe('success');
  });

  it.each([
    ['too many files', { filesTruncated: true, commitsTruncated: false }, 'too-many-files'],
    ['too many commits', { filesTruncated: false, commitsTruncated: true }, 'too-many-commits'],
  ])('%s fails closed', (_name, limits, code) => {
    const decision = run(facts({ limits, reviews: [review('carol', 'APPROVED')] }), high);
    expect(decision.conclusion).toBe('failure');
    expect(decision.blocking.map((b) => b.code)).toEqual([code]);
  });

  it('a file that cannot be classified fails closed', () => {
    const unparsed = classification(
      finding('critical', {
        ruleId: 'unparseable',
        address: 'main.tf',
        kind: 'file',
        action: 'unparseable',
        rationale: 'cannot be classified: x (line 2)',
      }),
    );
    const decision = run(facts({ reviews: [review('carol', 'APPROVED'), review('dave', 'APPROVED')] }), unparsed);
    expect(decision.conclusion).toBe('failure');
    expect(decision.blocking).toEqual([
      { code: 'unclassifiable-file', reason: 'main.tf cannot be classified: x (line 2)' },
    ]);
  });

  it('an invalid policy fails closed, even with approvals and a break-glass request', () => {
    const prFacts = facts({
      reviews: [review('carol', 'APPROVED')],
      breakGlass: [
        {
          author: 'dana',
          text: '/four-eyes break-glass production is down, rolling back',
          at: '2026-11-23T11:00:00Z',
          sha: HEAD,
        },
      ],
    });
    const decision = decide({
      facts: prFacts,
      classification: high,
      now: NOW,
      policy: {
        source: '.github/four-eyes.yml',
        errors: [
          {
            message: 'tiers.high.approvals must be an integer ≥ 0, got "two" (line 3, column 16)',
            path: 'tiers.high.approvals',
            line: 3,
            column: 16,
          },
        ],
        policy: policy(),
      },
    });
    expect(decision.conclusion).toBe('failure');
    expect(decision.breakGlass).toBeNull();
    expect(decision.title).toBe('Blocked: the policy .github/four-eyes.yml is invalid');
    expect(decision.blocking[0]!.code).toBe('invalid-policy');
  });
});

describe('a PR that changes the policy file', () => {
  const errors = [
    {
      message: 'tiers.high.approvals must be an integer ≥ 0, got "two" (line 3, column 16)',
      path: 'tiers.high.approvals',
      line: 3,
      column: 16,
    },
  ];
  it('is blocked while its new policy is invalid, and break-glass cannot pass it', () => {
    const prFacts = facts({
      reviews: [review('carol', 'APPROVED')],
      breakGlass: [
        breakGlassRequest('dana', '/four-eyes break-glass production is down, rolling back the last change'),
      ],
    });
    const decision = decide({
      facts: prFacts,
      classification: high,
      now: NOW,
      policy: {
        source: 'main:.github/four-eyes.yml',
        errors: [],
        policy: policy((p) => {
          p.breakGlass = { allowed: { users: ['dana'], teams: [] }, minReasonLength: 10 };
        }),
      },
      proposedPolicy: { source: '.github/four-eyes.yml', errors },
    });
    expect(decision.conclusion).toBe('failure');
    expect(decision.breakGlass).toBeNull();
    expect(decision.breakGlassRefused.map((r) => r.reason)).toEqual([
      expect.stringContaining('break-glass cannot pass a change Four Eyes cannot fully see'),
    ]);
    expect(decision.blocking).toEqual([
      {
        code: 'invalid-proposed-policy',
        reason:
          'the PR\'s .github/four-eyes.yml is invalid (1 error, first at line 3: tiers.high.approvals must be an integer ≥ 0, got "two" (line 3, column 16)); fix it in the PR',
      },
    ]);
  });
  it('is judged as usual when the new policy is valid', () => {
    const decision = decide({
      facts: facts({ reviews: [review('carol', 'APPROVED')] }),
      classification: high,
      now: NOW,
      policy: { source: 'x', errors: [], policy: policy() },
      proposedPolicy: { source: '.github/four-eyes.yml', errors: [] },
    });
    expect(decision.conclusion).toBe('success');
  });
});

describe('exceptions', () => {
  const tagsOnly = finding('medium', { ruleId: 'tags.change', address: 'aws_s3_bucket.logs', changedPaths: ['tags'] });
  const withException = (adjust: (e: ReturnType<typeof baseException>) => void = () => {}) =>
    policy((p) => {
      const exception = baseException();
      adjust(exception);
      p.exceptions = [exception];
      p.owners = { users: [], teams: ['acme/security'] };
    });
  function baseException() {
    return {
      id: 'EXC-7',
      description: 'tag changes',
      owner: 'dana',
      justification: 'tags grant nothing and expose nothing',
      link: null,
      created: '2026-06-01',
      expires: '2027-05-31',
      scope: { attributes: ['tags', 'tags_all'] },
      maxTier: 'medium' as 'low' | 'medium',
      allowed: { users: ['alice'], teams: [] as string[] },
    };
  }

  it('in scope: the author self-approves, the use is part of the decision', () => {
    const decision = run(facts(), classification(tagsOnly), withException());
    expect(decision).toMatchObject({
      conclusion: 'success',
      title: 'Medium impact: self-approved under exception EXC-7',
    });
    expect(decision.exception).toMatchObject({ id: 'EXC-7', usedBy: 'alice', owner: 'dana' });
    expect(decision.notifications).toEqual([
      {
        kind: 'exception-used',
        to: { users: [], teams: ['acme/security'] },
        message: 'alice self-approved acme/infra#7 at beadfee under exception EXC-7',
      },
    ]);
  });

  it.each([
    [
      'out of scope (attribute)',
      classification(finding('medium', { changedPaths: ['tags', 'policy'] })),
      withException(),
      'aws_iam_role.ci is outside its scope: attribute policy matches none of tags, tags_all',
    ],
    [
      'out of scope (a create has no attribute paths)',
      classification(finding('medium', { action: 'create', changedPaths: [] })),
      withException(),
      'aws_iam_role.ci is outside its scope: it is a create, and the scope only covers attribute changes',
    ],
    [
      'out of scope (rule)',
      classification(tagsOnly),
      withException((e) => {
        e.scope = { rules: ['other.rule'] } as never;
      }),
      'aws_s3_bucket.logs is outside its scope: rule tags.change is not one of other.rule',
    ],
    [
      'tier too high',
      classification(finding('high', { changedPaths: ['tags'] })),
      withException(),
      "aws_iam_role.ci is high (identity.aws.iam), above the exception's maximum tier medium",
    ],
    [
      'expired',
      classification(tagsOnly),
      withException((e) => {
        e.expires = '2026-11-22';
      }),
      'expired on 2026-11-22',
    ],
    [
      'not yet in force',
      classification(tagsOnly),
      withException((e) => {
        e.created = '2026-12-01';
        e.expires = '2027-06-01';
      }),
      'not in force before 2026-12-01',
    ],
    [
      'the author may not use it',
      classification(tagsOnly),
      withException((e) => {
        e.allowed = { users: ['bob'], teams: [] };
      }),
      'alice may not use it (allowed: bob)',
    ],
  ])('%s: normal rules apply and the decision says why', (_name, classified, rules, reason) => {
    const decision = run(facts(), classified, rules);
    expect(decision.conclusion).toBe('action_required');
    expect(decision.exception).toBeNull();
    expect(decision.exceptionsNotApplied).toEqual([{ id: 'EXC-7', reason }]);
    expect(decision.nextSteps).toContain(`Exception EXC-7 did not apply: ${reason}.`);
  });

  it('is in force through its expiry day, with a warning to its owner within 14 days', () => {
    const decision = run(
      facts(),
      classification(tagsOnly),
      withException((e) => {
        e.expires = '2026-11-23';
      }),
    );
    expect(decision.conclusion).toBe('success');
    expect(decision.warnings).toEqual([
      'exception EXC-7 expires on 2026-11-23 (0 days left); dana should renew or retire it',
    ]);
    expect(decision.notifications.map((n) => [n.kind, n.to])).toContainEqual([
      'exception-expiring',
      { users: ['dana'], teams: [] },
    ]);
  });

  it('is not used when independent approvals already meet the requirement', () => {
    const decision = run(facts({ reviews: [review('carol', 'APPROVED')] }), classification(tagsOnly), withException());
    expect(decision.conclusion).toBe('success');
    expect(decision.exception).toBeNull();
  });
});

describe('break-glass', () => {
  const allowed = policy((p) => {
    p.breakGlass = { allowed: { users: ['dana'], teams: [] }, minReasonLength: 20 };
    p.deployers = ['tf-bot'];
    p.owners = { users: ['sec-lead'], teams: [] };
  });
  const request = (author: string, text: string, sha = HEAD) => ({ author, text, at: '2026-11-23T11:00:00Z', sha });

  it('by an allowed person on the head: success, marked, owners notified, follow-up required', () => {
    const decision = run(
      facts({ breakGlass: [request('dana', '/four-eyes break-glass production is down, rolling back the SG change')] }),
      critical,
      allowed,
    );
    expect(decision.conclusion).toBe('success');
    expect(decision.title).toBe('BREAK-GLASS by dana: critical impact passed without independent approval');
    expect(decision.breakGlass).toEqual({
      by: 'dana',
      reason: 'production is down, rolling back the SG change',
      at: '2026-11-23T11:00:00Z',
      sha: HEAD,
    });
    expect(decision.notifications.map((n) => n.kind)).toEqual(['break-glass', 'follow-up-review']);
    expect(decision.notifications[0]!.to).toEqual({ users: ['sec-lead'], teams: [] });
  });

  it.each([
    [
      'not allowed',
      request('carol', '/four-eyes break-glass production is down, rolling back'),
      'carol is not allowed to break glass (allowed: dana)',
    ],
    [
      'a short reason',
      request('dana', '/four-eyes break-glass urgent'),
      'the reason is 6 characters; at least 20 are required',
    ],
    [
      'an old SHA',
      request('dana', '/four-eyes break-glass production is down, rolling back', OLD),
      'it was given on 0ddba11, but the head is now beadfee; break-glass covers one commit only',
    ],
    [
      'a deployer',
      request('tf-bot', '/four-eyes break-glass production is down, rolling back'),
      'tf-bot is a deployer; deployers can never break glass',
    ],
  ])('refused for %s', (_name, breakGlass, reason) => {
    const decision = run(facts({ breakGlass: [breakGlass] }), critical, allowed);
    expect(decision.conclusion).toBe('action_required');
    expect(decision.breakGlassRefused).toEqual([{ by: breakGlass.author, at: breakGlass.at, reason }]);
  });

  it('refused when the policy names nobody; other comments are not requests at all', () => {
    const decision = run(
      facts({
        breakGlass: [
          request('dana', '/four-eyes break-glass production is down, rolling back'),
          request('dana', 'looks good /four-eyes break-glass'),
        ],
      }),
      critical,
    );
    expect(decision.breakGlassRefused).toEqual([
      { by: 'dana', at: '2026-11-23T11:00:00Z', reason: 'the policy names nobody who may break glass' },
    ]);
  });
});

describe('titles and next steps of the main conclusions', () => {
  const GET_ONE =
    'Get 1 more approval for "independent approval" from anyone independent with write access who did not author, commit, co-author or push to this PR (excluded: alice), on the head commit.';
  const cases: [
    name: string,
    prFacts: PrFacts,
    findings: ReturnType<typeof classification>,
    conclusion: string,
    title: string,
    nextSteps: string[],
  ][] = [
    ['approvals missing', facts(), high, 'action_required', 'High impact: 0 of 1 independent approval', [GET_ONE]],
    [
      'critical, one of two',
      facts({ reviews: [review('carol', 'APPROVED')] }),
      critical,
      'action_required',
      'Critical impact: 1 of 2 independent approvals',
      [
        'Get 1 more approval for "independent approvals" from anyone independent with write access who did not author, commit, co-author or push to this PR (excluded: alice), on the head commit.',
      ],
    ],
    [
      'critical, none of two',
      facts(),
      critical,
      'action_required',
      'Critical impact: 0 of 2 independent approvals',
      [
        'Get 2 more approvals for "independent approvals" from anyone independent with write access who did not author, commit, co-author or push to this PR (excluded: alice), on the head commit.',
      ],
    ],
    [
      'met',
      facts({ reviews: [review('carol', 'APPROVED')] }),
      high,
      'success',
      'High impact: 1 of 1 independent approval',
      ['Nothing more: every requirement is met.'],
    ],
    [
      'low needs nothing',
      facts(),
      classification(finding('low')),
      'success',
      'Low impact: no independent approval required',
      ['Nothing more: every requirement is met.'],
    ],
    [
      'medium needs one',
      facts(),
      classification(finding('medium')),
      'action_required',
      'Medium impact: 0 of 1 independent approval',
      [GET_ONE],
    ],
    [
      'no Terraform impact',
      facts(),
      classification(),
      'neutral',
      'No Terraform impact',
      ['Nothing to approve: this PR changes no Terraform and no file the policy watches.'],
    ],
    [
      'blocked by changes requested, approvals missing too',
      facts({ reviews: [review('carol', 'CHANGES_REQUESTED')] }),
      high,
      'failure',
      'Blocked: carol requested changes (on beadfee)',
      ['Carol requested changes (on beadfee); it blocks until they approve or the review is dismissed.', GET_ONE],
    ],
    [
      'too many files',
      facts({ limits: { filesTruncated: true, commitsTruncated: false }, reviews: [review('carol', 'APPROVED')] }),
      high,
      'failure',
      'Blocked: the PR changes more files than GitHub lists (3000), so part of the change cannot be seen',
      ['The PR changes more files than GitHub lists (3000), so part of the change cannot be seen; split the PR.'],
    ],
    [
      'too many commits and files',
      facts({ limits: { filesTruncated: true, commitsTruncated: true }, reviews: [review('carol', 'APPROVED')] }),
      high,
      'failure',
      'Blocked: the PR changes more files than GitHub lists (3000), so part of the change cannot be seen (+1 more)',
      [
        'The PR changes more files than GitHub lists (3000), so part of the change cannot be seen; split the PR.',
        'The PR has more commits than GitHub returns (250), so not every author can be seen; squash or split the PR.',
      ],
    ],
  ];
  it.each(cases)('%s', (_name, prFacts, findings, conclusion, title, nextSteps) => {
    const decision = run(prFacts, findings);
    expect({ conclusion: decision.conclusion, title: decision.title, nextSteps: decision.nextSteps }).toEqual({
      conclusion,
      title,
      nextSteps,
    });
  });

  it('too many commits or files fail closed even with no Terraform impact', () => {
    const decision = run(facts({ limits: { filesTruncated: false, commitsTruncated: true } }), classification());
    expect(decision.conclusion).toBe('failure');
    expect(decision.blocking.map((b) => b.code)).toEqual(['too-many-commits']);
  });

  it('an invalid Terraform configuration (found by the classifier) blocks', () => {
    const invalid = classification(
      finding('critical', {
        ruleId: 'invalid-configuration',
        address: 'aws_s3_bucket.a',
        file: 'main.tf',
        rationale: 'is declared twice',
      }),
    );
    const decision = run(facts({ reviews: [review('carol', 'APPROVED'), review('dave', 'APPROVED')] }), invalid);
    expect(decision.conclusion).toBe('failure');
    expect(decision.blocking).toEqual([
      { code: 'invalid-configuration', reason: 'aws_s3_bucket.a in main.tf: is declared twice' },
    ]);
  });
});

describe('an invalid policy loaded from YAML', () => {
  const loaded = loadPolicy('tiers:\n  high:\n    approvals: two\n', BUILTIN_RULE_IDS);
  if (loaded.ok) throw new Error('the policy should be invalid');
  const invalid: PolicyInForce = { source: '.github/four-eyes.yml', errors: loaded.errors, policy: defaultPolicy() };

  it('fails every PR, names the first error, and says to fix it on the base branch', () => {
    const decision = decide({
      facts: facts({ reviews: [review('carol', 'APPROVED')] }),
      classification: high,
      policy: invalid,
      now: NOW,
    });
    expect(decision.conclusion).toBe('failure');
    expect(decision.policy).toEqual({ source: '.github/four-eyes.yml', valid: false });
    expect(decision.blocking[0]).toEqual({
      code: 'invalid-policy',
      reason: `the policy .github/four-eyes.yml is invalid (1 error, first: ${loaded.errors[0]!.message}); fix it on the base branch`,
    });
    expect(decision.nextSteps).toEqual([
      'Fix .github/four-eyes.yml on the base branch (run `four-eyes validate-config`); until then no PR can pass.',
    ]);
  });

  it.each([
    ['with no Terraform impact', classification()],
    ['with a low change that needs nothing', classification(finding('low'))],
  ])('fails %s too', (_name, findings) => {
    expect(decide({ facts: facts(), classification: findings, policy: invalid, now: NOW }).conclusion).toBe('failure');
  });

  it('fails even with a valid break-glass request under the fallback policy', () => {
    const fallback = {
      ...invalid,
      policy: policy((p) => {
        p.breakGlass = { allowed: { users: ['dana'], teams: [] }, minReasonLength: 20 };
      }),
    };
    const decision = decide({
      facts: facts({
        breakGlass: [breakGlassRequest('dana', '/four-eyes break-glass production is down, rolling back')],
      }),
      classification: high,
      policy: fallback,
      now: NOW,
    });
    expect(decision).toMatchObject({
      conclusion: 'failure',
      breakGlass: null,
      title: 'Blocked: the policy .github/four-eyes.yml is invalid',
    });
  });
});

describe('end to end: Terraform, a YAML policy, facts', () => {
  const base = {
    files: [
      {
        path: 'main.tf',
        content: 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n  tags = { team = "platform" }\n}\n',
      },
    ],
  };
  const retag = {
    files: [
      {
        path: 'main.tf',
        content: 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n  tags = { team = "data" }\n}\n',
      },
    ],
  };
  const yaml = [
    'tiers:',
    '  low:',
    '    approvals: 1',
    'exceptions:',
    '  - id: EXC-2026-007',
    '    description: Tag-only changes',
    '    owner: dana',
    '    justification: Tags carry cost-centre data only; they grant no access.',
    '    created: 2026-06-01',
    '    expires: 2027-05-31',
    '    scope:',
    '      attributes: [tags, tags_all]',
    '    max_tier: medium',
    '    allowed:',
    '      users: [alice]',
    '',
  ].join('\n');

  it('a tag-only change passes under the exception; with an IAM change beside it, it does not', () => {
    const loaded = loadPolicy(yaml, BUILTIN_RULE_IDS);
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
    const state: PolicyInForce = { source: '.github/four-eyes.yml', errors: [], policy: loaded.policy };
    const tagged = classifyChangeSet(buildChangeSet(base, retag), loaded.policy);
    expect(tagged.findings.map((f) => [f.address, f.changedPaths])).toEqual([['aws_s3_bucket.logs', ['tags']]]);
    const passed = decide({ facts: facts(), classification: tagged, policy: state, now: NOW });
    expect(passed.conclusion).toBe('success');
    expect(passed.title).toMatch(/: self-approved under exception EXC-2026-007$/);

    const withIam = {
      files: [
        ...retag.files,
        { path: 'iam.tf', content: 'resource "aws_iam_role" "ci" {\n  name = "ci"\n  assume_role_policy = "{}"\n}\n' },
      ],
    };
    const mixed = classifyChangeSet(buildChangeSet(base, withIam), loaded.policy);
    const refused = decide({ facts: facts(), classification: mixed, policy: state, now: NOW });
    expect(refused.conclusion).toBe('action_required');
    expect(refused.exceptionsNotApplied).toHaveLength(1);
    expect(refused.exceptionsNotApplied[0]!.reason).toMatch(/^aws_iam_role\.ci /);
  });
});

describe('purity', () => {
  it('does not change its input, and gives the same decision twice', () => {
    const deepFreeze = <T>(value: T): T => {
      if (value && typeof value === 'object') {
        Object.values(value).forEach(deepFreeze);
        Object.freeze(value);
      }
      return value;
    };
    const prFacts = deepFreeze(
      facts({
        reviews: [
          review('dave', 'APPROVED'),
          review('carol', 'APPROVED', { submittedAt: '2026-11-23T09:00:00Z' }),
          review('erin', 'CHANGES_REQUESTED', { dismissed: true }),
        ],
        breakGlass: [
          breakGlassRequest('dana', '/four-eyes break-glass too short'),
          breakGlassRequest('dana', '/four-eyes break-glass x', OLD, '2026-11-23T08:00:00Z'),
        ],
      }),
    );
    const rules = deepFreeze(
      policy((p) => {
        p.breakGlass = { allowed: { users: ['dana'], teams: [] }, minReasonLength: 20 };
      }),
    );
    const input = deepFreeze({
      facts: prFacts,
      classification: critical,
      policy: { source: 'test', errors: [], policy: rules },
      now: NOW,
    });
    expect(decide(input)).toEqual(decide(input));
  });
});

describe('break-glass and fail-closed blocks', () => {
  const allowed = policy((p) => {
    p.breakGlass = { allowed: { users: ['dana'], teams: [] }, minReasonLength: 20 };
  });
  const glass = [
    {
      author: 'dana',
      text: '/four-eyes break-glass production is down, rolling back now',
      at: '2026-11-23T11:00:00Z',
      sha: HEAD,
    },
  ];

  it('passes missing approvals and a request for changes', () => {
    const decision = run(
      facts({ breakGlass: glass, reviews: [review('carol', 'CHANGES_REQUESTED')] }),
      critical,
      allowed,
    );
    expect(decision.conclusion).toBe('success');
  });

  it.each([
    [
      'a file that cannot be classified',
      facts({ breakGlass: glass }),
      classification(
        finding('critical', { ruleId: 'unparseable', kind: 'file', address: 'x.tf', action: 'unparseable' }),
      ),
    ],
    [
      'too many files',
      facts({ breakGlass: glass, limits: { filesTruncated: true, commitsTruncated: false } }),
      critical,
    ],
    ['an unattributed commit', facts({ breakGlass: glass, commits: [commit(HEAD, null)] }), critical],
  ])('never passes %s', (_name, prFacts, classified) => {
    const decision = run(prFacts, classified, allowed);
    expect(decision.conclusion).toBe('failure');
    expect(decision.breakGlass).toBeNull();
    expect(decision.breakGlassRefused.at(-1)).toEqual({
      by: 'dana',
      at: '2026-11-23T11:00:00Z',
      reason:
        'break-glass cannot pass a change Four Eyes cannot fully see or attribute; fix the blocking reasons first',
    });
  });
});

it('the excluded list names every account of an excluded person', () => {
  const aliased = policy((p) => {
    p.identities = [{ name: 'Alice', logins: ['alice', 'alice-admin'], emails: [] }];
  });
  const decision = run(facts(), high, aliased);
  expect(decision.excluded).toEqual([
    {
      login: 'alice',
      reason: 'is the PR author; is the commit author of beadfee; is the committer of beadfee; pushed beadfee',
    },
    { login: 'alice-admin', reason: 'is an alias of alice' },
  ]);
});
