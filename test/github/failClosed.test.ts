import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { BASE_SHA, HEAD_SHA, IAM_BASE, IAM_HEAD, review, type ScenarioFile, scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { pullRequestEvent, reviewEvent } from './support/webhooks.js';

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

function output(body: Record<string, unknown>): {
  title: string;
  summary: string;
  annotations: Record<string, unknown>[];
} {
  return body.output as never;
}

describe('the policy', () => {
  it('none in the repository or the organization: the built-in defaults, and the check says so', async () => {
    const s = scenario({ reviews: [review('carol')] });
    const { probot, github } = await testApp(s);
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    expect(github.apiRequests()).toContain('GET /repos/acme/.github/contents/.github/four-eyes.yml');
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
  });

  it("the organization's .github repository is the fallback", async () => {
    const s = scenario({ orgPolicy: 'version: 1\ncheck_name: Acme four eyes\n', reviews: [review('carol')] });
    const { probot, github } = await testApp(s);
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    expect(github.checkRuns.map((run) => run.body.name).filter(Boolean)).toEqual(['Acme four eyes']);
  });

  it("_extends: the repository's file extends the organization's, key by key", async () => {
    const s = scenario({
      policy: '_extends: .github\ncheck_name: Infra four eyes\n',
      orgPolicy: 'version: 1\ncheck_name: Acme four eyes\ndistinct: false\n',
      reviews: [review('carol')],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    expect(github.checkRuns.map((run) => run.body.name).filter(Boolean)).toEqual(['Infra four eyes']);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
  });

  it('_extends with an invalid result: fails closed, naming both files', async () => {
    const s = scenario({
      policy: '_extends: .github\n',
      orgPolicy: 'version: 1\ndistinct: sometimes\n',
      reviews: [review('carol')],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'failure' });
    expect(output(github.lastCheckRun()).title).toBe(
      'Blocked: the policy acme/infra:.github/four-eyes.yml extended by acme/.github:.github/four-eyes.yml (merged) is invalid',
    );
  });

  it('is read at the base commit, not the head', async () => {
    const s = scenario({ policy: 'version: 1\n' });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.requests[1]!.query).toBe(`?ref=${BASE_SHA}`);
  });

  it('invalid: fails closed, naming each error with its line, even with approvals', async () => {
    const s = scenario({
      policy: 'version: 1\ntiers:\n  high:\n    approvals: two\n',
      reviews: [review('carol'), review('dave')],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(reviewEvent('submitted', s, s.reviews[0]!));
    const body = github.lastCheckRun();
    expect(body).toMatchObject({ conclusion: 'failure' });
    expect(output(body).title).toBe('Blocked: the policy main:.github/four-eyes.yml is invalid');
    expect(output(body).summary).toContain(
      '### Policy errors\n\n- main:.github/four-eyes.yml:4:16: tiers.high.approvals must be an integer ≥ 0, got "two"',
    );
  });

  it("not YAML at all: fails closed with the parser's position", async () => {
    const s = scenario({ policy: 'version: 1\ntiers: [\n' });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'failure' });
    expect(output(github.lastCheckRun()).summary).toContain('- main:.github/four-eyes.yml:3:1: invalid YAML');
  });

  it('a PR that changes the policy is critical, and its new policy is checked: errors annotated on their lines', async () => {
    const valid = 'version: 1\n';
    const broken = 'version: 1\ntiers:\n  high:\n    approvals: -1\n';
    const s = scenario({
      policy: valid,
      files: [{ path: '.github/four-eyes.yml', status: 'modified', base: valid, head: broken }],
      reviews: [review('carol'), review('dave')],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    const body = github.lastCheckRun();
    expect(body).toMatchObject({ conclusion: 'failure' });
    expect(output(body).annotations).toEqual([
      {
        path: '.github/four-eyes.yml',
        start_line: 4,
        end_line: 4,
        annotation_level: 'failure',
        title: 'Invalid Four Eyes policy',
        message: expect.stringContaining('tiers.high.approvals'),
      },
      expect.objectContaining({
        path: '.github/four-eyes.yml',
        title: expect.stringContaining('critical: modified .github/four-eyes.yml'),
      }),
    ]);
    expect(output(body).summary).toContain('**invalid-proposed-policy**');
  });

  it("a valid policy change needs the critical tier's approvals", async () => {
    const s = scenario({
      policy: 'version: 1\n',
      files: [
        {
          path: '.github/four-eyes.yml',
          status: 'modified',
          base: 'version: 1\n',
          head: 'version: 1\ndistinct: false\n',
        },
      ],
      reviews: [review('carol')],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(output(github.lastCheckRun()).title).toBe('Critical impact: 1 of 2 independent approvals');
  });
});

describe('what cannot be seen fails closed', () => {
  it('3001 changed files: no listing at all, the check fails and says to split the PR', async () => {
    const s = scenario({ policy: 'version: 1\n', changedFiles: 3001, reviews: [review('carol'), review('dave')] });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.apiRequests()).not.toContain('GET /repos/acme/infra/pulls/42/files');
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'failure' });
    expect(output(github.lastCheckRun()).summary).toContain('more files than GitHub lists (3000)');
  });

  it('a Terraform file that does not parse', async () => {
    const s = scenario({
      policy: 'version: 1\n',
      files: [
        { path: 'main.tf', status: 'modified', base: IAM_BASE, head: 'resource "aws_iam_role" "x" {\n  name = \n' },
      ],
      reviews: [review('carol'), review('dave')],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'failure' });
    expect(output(github.lastCheckRun()).annotations[0]).toMatchObject({
      path: 'main.tf',
      annotation_level: 'failure',
      title: expect.stringContaining('unparseable'),
    });
  });

  it('a commit author GitHub cannot link to an account', async () => {
    const s = scenario({
      policy: 'version: 1\n',
      reviews: [review('carol')],
      commits: [
        {
          oid: HEAD_SHA,
          parents: [BASE_SHA],
          authors: [
            { login: 'alice', email: 'alice@acme.example', name: 'Alice' },
            { login: null, email: 'ghost@elsewhere.example', name: 'Ghost' },
          ],
        },
      ],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'failure' });
    expect(output(github.lastCheckRun()).summary).toContain('is not linked to a GitHub account');
  });

  it('an API failure: the check fails, says why, and offers Re-evaluate', async () => {
    const s = scenario({ policy: 'version: 1\n', reviews: [review('carol')] });
    const { probot, github } = await testApp(s);
    github.fail('POST /graphql FourEyesPullRequest', { status: 502, body: { message: 'Bad Gateway' } });
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({
      conclusion: 'failure',
      actions: [expect.objectContaining({ identifier: 're-evaluate' })],
    });
    expect(output(github.lastCheckRun()).title).toBe('Blocked: Four Eyes could not evaluate this pull request');
    expect(output(github.lastCheckRun()).summary).toContain('GitHub answered 502');
  });

  it('a 502 then success: retried, and the decision is made', async () => {
    const s = scenario({ policy: 'version: 1\n', reviews: [review('carol')] });
    const { probot, github } = await testApp(s, { retry: { enabled: true, retries: 2, retryAfterBaseValue: 1 } });
    github.fail('GET /repos/acme/infra/pulls/42/files', { status: 502, body: { message: 'Bad Gateway' } });
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.apiRequests().filter((r) => r === 'GET /repos/acme/infra/pulls/42/files')).toHaveLength(2);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
  });

  it('a secondary rate limit: waits as GitHub asks, then goes on', async () => {
    const s = scenario({ policy: 'version: 1\n', reviews: [review('carol')] });
    const { probot, github } = await testApp(s, {
      retry: { enabled: false },
      throttle: {
        enabled: true,
        onSecondaryRateLimit: (_after: number, _o: unknown, _k: unknown, retryCount: number) => retryCount < 1,
        onRateLimit: () => false,
      },
    });
    github.fail('POST /graphql FourEyesPullRequest', {
      status: 403,
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      headers: { 'retry-after': '1' },
    });
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.apiRequests().filter((r) => r === 'POST /graphql FourEyesPullRequest')).toHaveLength(2);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
  });
});

describe("output within GitHub's limits", () => {
  it('more than 50 findings at medium or above: 50 annotations, the rest summarized', async () => {
    const files: ScenarioFile[] = Array.from({ length: 60 }, (_, i) => ({
      path: `iam${i}.tf`,
      status: 'added' as const,
      head: IAM_HEAD.replace(/"admin"/, `"admin${i}"`).replace(/"deploy"/g, `"deploy${i}"`),
    }));
    const s = scenario({ policy: 'version: 1\n', files });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    const body = output(github.lastCheckRun());
    expect(body.annotations).toHaveLength(50);
    expect(body.summary).toMatch(/_\d+ more annotation\(s\) at medium or above were not added/);
    expect(body.summary.length).toBeLessThanOrEqual(65_535);
  });

  it('the head moving during the evaluation: the started run is superseded, the new head judged', async () => {
    const s = scenario({ policy: 'version: 1\n' });
    const { probot, github } = await testApp(s);
    const event = pullRequestEvent('synchronize', { ...s, headSha: 'a'.repeat(40) });
    await probot.receive(event);
    const [started, superseded, restarted, completed] = github.checkRuns;
    expect(started!.body).toMatchObject({ head_sha: 'a'.repeat(40), status: 'in_progress' });
    expect(superseded).toMatchObject({
      action: 'update',
      id: started!.id,
      body: { conclusion: 'cancelled', output: { title: `Superseded: the head is now ${HEAD_SHA.slice(0, 7)}` } },
    });
    expect(restarted).toMatchObject({ action: 'create', body: { head_sha: HEAD_SHA, status: 'in_progress' } });
    expect(completed).toMatchObject({ action: 'update', id: restarted!.id, body: { conclusion: 'action_required' } });
    expect(github.checkRuns).toHaveLength(4);
  });
});
