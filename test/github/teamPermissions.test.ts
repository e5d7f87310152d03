import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditServices } from '../../src/audit/services.js';
import { BREAK_GLASS_REASON, exceptionPolicy, summaryOf, TAGS_FILES } from './support/policies.js';
import { HEAD_SHA, scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { commentEvent, pullRequestEvent } from './support/webhooks.js';

/*
 * Exceptions and break-glass granted to a team, through the app: the people the decision asks
 * about (the author, the break-glass requester) are not reviewers, and their team memberships
 * must still reach the decision.
 */

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const REASON = BREAK_GLASS_REASON;

function exceptionPolicyForTeam(extra = ''): string {
  return exceptionPolicy('EXC-TAGS-1', '{ teams: [acme/tag-stewards] }', extra);
}

function breakGlassPolicy(extra = ''): string {
  return `version: 1
break_glass:
  allowed:
    teams: [acme/sre-oncall]
  min_reason_length: 20
owners:
  users: [sec-lead]
${extra}`;
}

async function auditKinds(audit: AuditServices): Promise<string[]> {
  const kinds: string[] = [];
  for await (const record of audit.records.records()) kinds.push(record.kind);
  return kinds;
}

describe('an exception allowed to a team', () => {
  it('a member of the team self-approves; the use is recorded and logged on a log issue created for it', async () => {
    const s = scenario({ policy: exceptionPolicyForTeam(), files: TAGS_FILES, teams: { alice: ['tag-stewards'] } });
    const { probot, github, audit } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.apiRequests()).toContain('POST /graphql FourEyesTeams');
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
    expect(summaryOf(github.lastCheckRun())).toContain('EXC-TAGS-1');
    expect(await auditKinds(audit)).toEqual(['push', 'decision', 'exception', 'check-run']);
    expect(github.issues.map((i) => i.title)).toEqual(['Four Eyes exception log']);
    expect(github.comments).toEqual([
      { issue: 900, body: expect.stringContaining('**Exception used**: `EXC-TAGS-1` by @alice on [acme/infra#42]') },
    ]);
  });

  it('a member of the team self-approves; the use is logged on the log issue the policy names', async () => {
    const s = scenario({
      policy: exceptionPolicyForTeam('notifications:\n  exception_log_issue: 17\n'),
      files: TAGS_FILES,
      teams: { alice: ['tag-stewards'] },
    });
    const { probot, github, audit } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
    expect(await auditKinds(audit)).toEqual(['push', 'decision', 'exception', 'check-run']);
    expect(github.issues).toEqual([]);
    expect(github.comments).toEqual([{ issue: 17, body: expect.stringContaining('`EXC-TAGS-1` by @alice') }]);
  });

  it("an alias the policy ties to the author is the team member: the alias's teams are asked for too", async () => {
    const identities = 'identities:\n  - logins: [alice, alice-work]\n';
    const s = scenario({
      policy: exceptionPolicyForTeam(identities),
      files: TAGS_FILES,
      teams: { 'alice-work': ['tag-stewards'] },
    });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
  });

  it('someone outside the team is refused, with the reason, and nothing is logged', async () => {
    const s = scenario({ policy: exceptionPolicyForTeam(), files: TAGS_FILES, teams: { alice: ['platform'] } });
    const { probot, github, audit } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
    expect(summaryOf(github.lastCheckRun())).toContain('EXC-TAGS-1: alice may not use it (allowed: acme/tag-stewards)');
    expect(await auditKinds(audit)).toEqual(['push', 'decision', 'check-run']);
    expect(github.issues).toEqual([]);
    expect(github.comments).toEqual([]);
  });

  it('a member of the team who is also a deployer is refused: deployers never approve, not even themselves', async () => {
    const s = scenario({
      policy: exceptionPolicyForTeam('deployers: [alice]\n'),
      files: TAGS_FILES,
      teams: { alice: ['tag-stewards'] },
    });
    const { probot, github, audit } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
    expect(summaryOf(github.lastCheckRun())).toContain('EXC-TAGS-1: alice is a deployer (alice)');
    expect(await auditKinds(audit)).toEqual(['push', 'decision', 'check-run']);
    expect(github.comments).toEqual([]);
  });
});

describe('break-glass allowed to a team', () => {
  it('a member of the team breaks glass: the check passes marked, the use is logged, a follow-up issue goes to the owners, who are mentioned', async () => {
    const s = scenario({ policy: breakGlassPolicy(), teams: { olivia: ['sre-oncall'] } });
    const { probot, github, audit } = await testApp(s);
    await probot.receive(commentEvent(s, REASON, 'olivia'));
    expect(github.apiRequests()).toContain('POST /graphql FourEyesTeams');
    expect(github.lastCheckRun()).toMatchObject({
      conclusion: 'success',
      output: { title: expect.stringContaining('BREAK-GLASS by olivia') },
    });
    expect(summaryOf(github.lastCheckRun())).toContain('**BREAK-GLASS** by @olivia');
    expect(await auditKinds(audit)).toEqual(['break-glass-request', 'decision', 'break-glass', 'check-run']);
    expect(github.issues.map((i) => [i.title, i.assignees])).toEqual([
      ['Four Eyes exception log', undefined],
      [`Review break-glass on acme/infra#42 (${HEAD_SHA.slice(0, 7)})`, ['sec-lead']],
    ]);
    expect(github.comments.map((c) => [c.issue, c.body.split('\n')[0]])).toEqual([
      [
        900,
        `**BREAK-GLASS** by @olivia on [acme/infra#42](https://github.com/acme/infra/pull/42) at [ccccccc](https://github.com/acme/infra/commit/${HEAD_SHA})`,
      ],
      [
        42,
        '@sec-lead: @olivia broke glass on this pull request (production is down, rolling back the bad IAM change). A follow-up review issue has been opened.',
      ],
    ]);
  });

  it('someone outside the team is refused, with the reason and who is allowed; nothing is logged or opened', async () => {
    const s = scenario({ policy: breakGlassPolicy(), teams: { mallory: ['platform'] } });
    const { probot, github, audit } = await testApp(s);
    await probot.receive(commentEvent(s, REASON, 'mallory'));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
    expect(summaryOf(github.lastCheckRun())).toContain(
      '@mallory: mallory is not allowed to break glass (allowed: acme/sre-oncall)',
    );
    expect(await auditKinds(audit)).toEqual(['break-glass-request', 'decision', 'check-run']);
    expect(github.issues).toEqual([]);
    expect(github.comments).toEqual([]);
  });

  it('a member of the team who is also a deployer is refused', async () => {
    const s = scenario({ policy: breakGlassPolicy('deployers: [olivia]\n'), teams: { olivia: ['sre-oncall'] } });
    const { probot, github, audit } = await testApp(s);
    await probot.receive(commentEvent(s, REASON, 'olivia'));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
    expect(summaryOf(github.lastCheckRun())).toContain(
      '@olivia: olivia is a deployer; deployers can never break glass',
    );
    expect(await auditKinds(audit)).toEqual(['break-glass-request', 'decision', 'check-run']);
    expect(github.issues).toEqual([]);
    expect(github.comments).toEqual([]);
  });
});
