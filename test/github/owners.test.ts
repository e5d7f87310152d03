import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditServices } from '../../src/audit/services.js';
import { gitBlobSha } from './support/fakeGitHub.js';
import { BREAK_GLASS_REASON, summaryOf } from './support/policies.js';
import { IAM_BASE, IAM_HEAD, review, type Scenario, scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { commentEvent, pullRequestEvent } from './support/webhooks.js';

/*
 * Owners of findings through the app: the base branch's CODEOWNERS names them, like the policy it
 * is read from the base commit, and owner_approval asks each finding for its owners' approval.
 */

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const POLICY = `version: 1
owners_from_codeowners: true
tiers:
  high: { approvals: 0, owner_approval: true }
break_glass:
  allowed: { users: [dana] }
owners:
  users: [sec-lead]
notifications:
  notify_finding_owners: true
`;

const CODEOWNERS = '* @acme/platform\n*.tf @acme/security\n';

/** alice changes iam.tf (a high finding) in a repository whose base has CODEOWNERS. */
function owned(overrides: Partial<Scenario> = {}): Scenario {
  return scenario({
    policy: POLICY,
    unchangedFiles: [{ path: '.github/CODEOWNERS', content: CODEOWNERS }],
    teams: { sam: ['security'], paula: ['platform'] },
    teamMembers: { security: ['sam', 'tom'], platform: ['paula'] },
    ...overrides,
  });
}

async function decisionData(audit: AuditServices): Promise<Record<string, unknown>> {
  for await (const record of audit.records.records())
    if (record.kind === 'decision') return (JSON.parse(record.body) as { data: Record<string, unknown> }).data;
  throw new Error('no decision recorded');
}

describe("owners from the base branch's CODEOWNERS", () => {
  it("a member of the file's code owners approves: the check passes and shows who approved for the owner", async () => {
    const s = owned({ reviews: [review('sam')] });
    const { probot, github, audit } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
    const summary = summaryOf(github.lastCheckRun());
    expect(summary).toContain('| Tier | Action | Address | Rule | Where | Owner | Why |');
    expect(summary).toContain('acme/security ✅ @sam');
    expect(summary).toContain('**owner approval: acme/security**: 1 of 1 from a member of acme/security');
    expect(github.apiRequests()).toEqual(
      expect.arrayContaining(['POST /graphql FourEyesTeams', 'POST /graphql FourEyesTeamMembers']),
    );
    // The decision names the CODEOWNERS blob that judged it, beside the policy file.
    expect((await decisionData(audit)).policyFiles).toEqual([
      { source: 'acme/infra:.github/four-eyes.yml', blobSha: gitBlobSha(POLICY) },
      { source: 'acme/infra:.github/CODEOWNERS', blobSha: gitBlobSha(CODEOWNERS) },
    ]);
  });

  it('an approval from outside the owning team does not count for it: approvals needed, whom to ask', async () => {
    const s = owned({ reviews: [review('paula')] });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
    const summary = summaryOf(github.lastCheckRun());
    expect(summary).toContain('acme/security ⏳');
    expect(summary).toContain('paula is not a member of acme/security, as "owner approval: acme/security" requires');
    expect(summary).toContain(
      'Get 1 more approval for "owner approval: acme/security" (the owner of aws\\_iam\\_role\\_policy\\_attachment.admin)',
    );
  });

  it('every member of the owning team took part in the change: the check says it cannot pass without someone else or break-glass', async () => {
    const s = owned({
      teamMembers: { security: ['alice'], platform: ['paula'] },
      commits: [
        {
          oid: 'c'.repeat(40),
          parents: ['b'.repeat(40)],
          authors: [{ login: 'alice', email: 'alice@acme.example', name: 'Alice' }],
        },
      ],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(summaryOf(github.lastCheckRun())).toContain(
      'Every member of acme/security (alice) authored, committed, co-authored or pushed to this PR or deploys it, so none can approve it: this PR cannot pass without someone else from acme/security or break-glass.',
    );
  });

  it("break-glass passes it, and the follow-up goes to the findings' owners too (notify_finding_owners)", async () => {
    const s = owned();
    const { probot, github } = await testApp(s);
    await probot.receive(commentEvent(s, BREAK_GLASS_REASON, 'dana'));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
    const followUp = github.issues.find((issue) => issue.title.startsWith('Review break-glass'));
    expect(followUp?.body).toContain('Owners: @sec-lead @acme/security');
    expect(followUp?.assignees).toEqual(['sec-lead']);
  });
});

describe('a pull request that changes CODEOWNERS', () => {
  const takeOver: Scenario['files'] = [
    { path: 'iam.tf', status: 'modified', base: IAM_BASE, head: IAM_HEAD },
    { path: '.github/CODEOWNERS', status: 'modified', base: CODEOWNERS, head: '* @alice\n' },
  ];

  it("is judged by the base's file, and the change is itself a high finding its owners must approve", async () => {
    const s = owned({ files: takeOver, unchangedFiles: [], reviews: [review('paula')] });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
    const summary = summaryOf(github.lastCheckRun());
    // The head's "* @alice" names nobody: the base's owners stand, for the CODEOWNERS change too.
    expect(summary).toContain(
      '| high | modified | `.github/CODEOWNERS` | repository.github.codeowners | [.github/CODEOWNERS:1]',
    );
    expect(summary).toMatch(/repository\.github\.codeowners \| [^|]+ \| acme\/platform ✅ @paula \|/);
    expect(summary).toContain('acme/security ⏳');
    expect(summary).not.toContain('@alice ✅');
  });

  it('passes once the owners the base names approve', async () => {
    const s = owned({ files: takeOver, unchangedFiles: [], reviews: [review('paula'), review('sam')] });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
  });
});
