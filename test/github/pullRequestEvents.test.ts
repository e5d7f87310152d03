import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { gitBlobSha } from './support/fakeGitHub.js';
import { BASE_SHA, HEAD_SHA, IAM_BASE, IAM_HEAD, review, type ScenarioFile, scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { pullRequestEvent, reviewEvent } from './support/webhooks.js';

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const POLICY = 'version: 1\n';
const NEW_HEAD = [
  'GET /repos/acme/infra/contents/.github/four-eyes.yml',
  'POST /repos/acme/infra/check-runs',
  'GET /repos/acme/infra/pulls/42/files',
  `GET /repos/acme/infra/git/trees/${BASE_SHA}`,
  'POST /graphql FourEyesPullRequest',
  'PATCH /repos/acme/infra/check-runs/1000',
];

describe('pull_request events', () => {
  it('synchronize: starts the check, reads the change, completes it with the decision', async () => {
    const s = scenario({ policy: POLICY });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.apiRequests()).toEqual(NEW_HEAD);
    expect(github.checkRuns[0]!.body).toMatchObject({
      name: 'Separation of duties',
      head_sha: HEAD_SHA,
      status: 'in_progress',
      external_id: '42',
    });
    expect(github.lastCheckRun()).toMatchObject({
      status: 'completed',
      conclusion: 'action_required',
      external_id: '42',
      details_url: 'https://github.com/acme/infra/pull/42',
      actions: [
        { label: 'Re-evaluate', description: 'Evaluate this pull request again now', identifier: 're-evaluate' },
      ],
      output: {
        title: 'High impact: 0 of 1 independent approval',
        annotations: [
          {
            path: 'iam.tf',
            start_line: 5,
            end_line: 5,
            annotation_level: 'failure',
            title: 'high: create aws_iam_role_policy_attachment.admin (identity.aws.iam)',
          },
        ],
      },
    });
    const summary = (github.lastCheckRun().output as { summary: string }).summary;
    expect(summary).toContain(
      '| high | create | `aws_iam_role_policy_attachment.admin` | identity.aws.iam | [iam.tf:5](https://github.com/acme/infra/blob/' +
        HEAD_SHA +
        '/iam.tf#L5) |',
    );
    expect(summary).toContain('### What to do next');
    expect(summary).toContain('(excluded: alice)');
  });

  it.each(['opened', 'reopened', 'ready_for_review', 'labeled', 'unlabeled'])('%s evaluates the PR', async (action) => {
    const s = scenario({ policy: POLICY });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent(action, s));
    expect(github.apiRequests()).toEqual(NEW_HEAD);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
  });

  it('edited re-evaluates only when the base branch changed', async () => {
    const s = scenario({ policy: POLICY });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('edited', s, 'alice', { changes: { title: { from: 'old title' } } }));
    expect(github.apiRequests()).toEqual([]);
    await probot.receive(
      pullRequestEvent('edited', s, 'alice', {
        changes: { base: { ref: { from: 'develop' }, sha: { from: 'd'.repeat(40) } } },
      }),
    );
    expect(github.apiRequests()).toEqual(NEW_HEAD);
  });

  it('closed pull requests are not evaluated', async () => {
    const s = scenario({ policy: POLICY, state: 'CLOSED' });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    await probot.receive(pullRequestEvent('closed', s));
    await probot.receive(reviewEvent('submitted', s, review('carol')));
    expect(github.apiRequests()).toEqual([]);
  });

  it('a labels-only event on a head already evaluated reuses the change set: 2 requests', async () => {
    const s = scenario({ policy: POLICY });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    github.requests.length = 0;
    await probot.receive(pullRequestEvent('labeled', s));
    expect(github.apiRequests()).toEqual(['POST /graphql FourEyesPullRequest', 'POST /repos/acme/infra/check-runs']);
  });
});

describe('request budget', () => {
  const terraformFiles = (count: number, patch?: null): ScenarioFile[] =>
    Array.from({ length: count }, (_, i) => ({
      path: `modules/m${i % 10}/file${i}.tf`,
      status: 'modified' as const,
      base: `resource "aws_s3_bucket" "b${i}" {\n  bucket = "b${i}"\n}\n`,
      head: `resource "aws_s3_bucket" "b${i}" {\n  bucket = "b${i}-renamed"\n}\n`,
      ...(patch === null ? { patch } : {}),
    }));

  // policy + check start + file pages + base tree + facts (with the first 100 blobs) + the other blobs + check completion
  it.each([1, 10, 49, 50, 100, 250])(
    'a synchronize of %i changed Terraform files costs 5 + ceil(F/100) + ceil((F - 100)/100) requests: heads are made from their bases and patches',
    async (count) => {
      const s = scenario({ policy: POLICY, files: terraformFiles(count) });
      const { probot, github } = await testApp(s);
      await probot.receive(pullRequestEvent('synchronize', s));
      expect(github.lastCheckRun()).toMatchObject({ status: 'completed' });
      expect(github.apiRequests().length).toBe(5 + Math.ceil(count / 100) + Math.ceil(Math.max(0, count - 100) / 100));
    },
  );

  it.each([1, 50, 250])(
    'without patches (a very large diff), %i files cost 5 + ceil(F/100) + ceil((2F - 100)/100) requests',
    async (count) => {
      const s = scenario({ policy: POLICY, files: terraformFiles(count, null) });
      const { probot, github } = await testApp(s);
      await probot.receive(pullRequestEvent('synchronize', s));
      expect(github.lastCheckRun()).toMatchObject({ status: 'completed' });
      expect(github.apiRequests().length).toBe(
        5 + Math.ceil(count / 100) + Math.ceil(Math.max(0, 2 * count - 100) / 100),
      );
    },
  );

  it('a review of a head whose change set is cached costs at most 3 requests', async () => {
    const s = scenario({ policy: POLICY });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    github.requests.length = 0;
    s.reviews = [review('carol')];
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    expect(github.apiRequests()).toEqual(['POST /graphql FourEyesPullRequest', 'POST /repos/acme/infra/check-runs']);
    expect(github.lastCheckRun()).toMatchObject({
      conclusion: 'success',
      output: { title: 'High impact: 1 of 1 independent approval' },
    });
  });

  it("with a team requirement, the approvers' teams cost one more request, and only then", async () => {
    const teamPolicy =
      'version: 1\ntiers:\n  high:\n    requirements:\n      - name: platform review\n        approvals: 1\n        from: { teams: [acme/platform] }\n';
    const s = scenario({ policy: teamPolicy, teams: { carol: ['platform'] } });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    github.requests.length = 0;
    s.reviews = [review('carol')];
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    expect(github.apiRequests()).toEqual([
      'POST /graphql FourEyesPullRequest',
      'POST /graphql FourEyesTeams',
      'POST /repos/acme/infra/check-runs',
    ]);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
  });

  it('a renamed Terraform file is read at its old path in the base: its blob in the base tree', async () => {
    const s = scenario({
      policy: POLICY,
      files: [{ path: 'identity/iam.tf', previousPath: 'iam.tf', status: 'renamed', base: IAM_BASE, head: IAM_HEAD }],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    const facts = github.requests.find((r) => r.route === '/graphql FourEyesPullRequest')!.body as {
      variables: Record<string, string>;
    };
    // The head is made from the base and GitHub's patch (it is not looked up).
    expect(Object.values(facts.variables).filter((v) => /^[0-9a-f]{40}$/.test(v))).toEqual([gitBlobSha(IAM_BASE)]);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
  });
});
