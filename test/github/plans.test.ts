import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as pipeline from '../../src/policy/evaluateChange.js';
import { evaluateChange } from '../../src/policy/evaluateChange.js';
import { type ScenarioRun, zipOf } from './support/fakeActions.js';
import { summaryOf } from './support/policies.js';
import { BASE_SHA, HEAD_SHA, IAM_BASE, IAM_HEAD, type Scenario, scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { pullRequestEvent, workflowRunEvent } from './support/webhooks.js';

// The app reads the plans of the policy's plan workflow and hands them to the pipeline; the spy
// observes what reaches it (a spy on the export: this file shares its worker's modules).
beforeEach(() => {
  vi.spyOn(pipeline, 'evaluateChange');
});
afterEach(() => {
  vi.restoreAllMocks();
  nock.cleanAll();
  nock.enableNetConnect();
});

const WORKFLOW = '.github/workflows/terraform.yml';
const WORKFLOW_TEXT = 'name: Terraform plan\non: pull_request\njobs:\n  plan:\n    runs-on: ubuntu-latest\n';
const policy = (required = false) => `version: 1\nplans:\n  workflow: ${WORKFLOW}\n  required: ${required}\n`;

/** `terraform show -json` of the IAM change: the attachment the HCL shows, created. */
const PLAN = JSON.stringify({
  format_version: '1.2',
  terraform_version: '1.9.5',
  resource_changes: [
    {
      address: 'aws_iam_role_policy_attachment.admin',
      mode: 'managed',
      type: 'aws_iam_role_policy_attachment',
      name: 'admin',
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: {
        actions: ['create'],
        before: null,
        after: { role: 'deploy', policy_arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' },
        after_unknown: { id: true },
      },
    },
  ],
});

/** The IAM change in root stacks/prod, the workflow file unchanged: its plan is `stacks__prod.json`. */
function planScenario(overrides: Partial<Scenario> = {}): Scenario {
  return scenario({
    policy: policy(),
    files: [{ path: 'stacks/prod/iam.tf', status: 'modified', base: IAM_BASE, head: IAM_HEAD }],
    unchangedFiles: [{ path: WORKFLOW, content: WORKFLOW_TEXT }],
    ...overrides,
  });
}

function run(overrides: Partial<ScenarioRun> = {}): ScenarioRun {
  return {
    id: 77,
    path: WORKFLOW,
    headSha: HEAD_SHA,
    status: 'completed',
    conclusion: 'success',
    artifacts: [{ id: 501, name: 'four-eyes-plan', zip: zipOf({ 'stacks__prod.json': PLAN }) }],
    ...overrides,
  };
}

/** The plan evidence the pipeline was given by the last evaluation. */
function evidenceGiven() {
  const call = vi.mocked(evaluateChange).mock.calls.at(-1);
  if (!call) throw new Error('evaluateChange was not called');
  return call[0].plans;
}

const NEW_HEAD = [
  'GET /repos/acme/infra/contents/.github/four-eyes.yml',
  'POST /repos/acme/infra/check-runs',
  'GET /repos/acme/infra/pulls/42/files',
  `GET /repos/acme/infra/git/trees/${BASE_SHA}`,
  'POST /graphql FourEyesPullRequest',
];
const READ_PLAN = [
  'POST /graphql FourEyesFileAtTwoCommits',
  'GET /repos/acme/infra/actions/runs',
  'GET /repos/acme/infra/actions/runs/77/artifacts',
  'GET /repos/acme/infra/actions/artifacts/501/zip',
  'GET https://artifacts.blob.example/artifacts/501.zip',
];

describe('plans from the plan workflow', () => {
  it("a trusted plan is read from the head's run and reaches the pipeline; the check names it with its digest", async () => {
    const s = planScenario({ workflowRuns: [run()] });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.apiRequests()).toEqual([...NEW_HEAD, ...READ_PLAN, 'PATCH /repos/acme/infra/check-runs/1000']);
    expect(github.requests.find((r) => r.route.startsWith('https://artifacts'))!.body).toEqual({
      authorization: undefined,
    });
    expect(github.requests.find((r) => r.route === '/repos/acme/infra/actions/runs')!.query).toContain(
      `head_sha=${HEAD_SHA}`,
    );
    const evidence = evidenceGiven()!;
    expect(evidence).toMatchObject({ unreadable: [], ignored: [], missing: null });
    expect(evidence.plans).toHaveLength(1);
    expect(evidence.plans[0]).toMatchObject({
      source: 'four-eyes-plan/stacks__prod.json',
      formatVersion: '1.2',
      resourceChanges: [{ address: 'aws_iam_role_policy_attachment.admin', change: { action: 'create' } }],
    });
    const summary = summaryOf(github.lastCheckRun());
    expect(summary).toContain('### Plans');
    expect(summary).toMatch(/\*\*Plans judged:\*\*\n\n- `four-eyes-plan\/stacks__prod\.json` `sha256:[0-9a-f]{64}`/);
    expect(github.lastCheckRun()).toMatchObject({ status: 'completed' });
  });

  it('binds the decision to the plan: the audit record carries the digest the check shows', async () => {
    const s = planScenario({ workflowRuns: [run()] });
    const { probot, github, audit } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    const shown = /`(sha256:[0-9a-f]{64})`/.exec(summaryOf(github.lastCheckRun()))![1];
    const decisions = [];
    for await (const record of audit.records.records()) if (record.kind === 'decision') decisions.push(record);
    expect((JSON.parse(decisions.at(-1)!.body) as { data: unknown }).data).toMatchObject({
      plans: { judged: [{ source: 'four-eyes-plan/stacks__prod.json', root: 'stacks/prod', digest: shown }] },
    });
  });

  it('a plan from a workflow the PR changes is ignored, with the reason in the check, and nothing of it is downloaded', async () => {
    const s = planScenario({
      files: [
        { path: 'stacks/prod/iam.tf', status: 'modified', base: IAM_BASE, head: IAM_HEAD },
        { path: WORKFLOW, status: 'modified', base: WORKFLOW_TEXT, head: `${WORKFLOW_TEXT}    # upload my own plan\n` },
      ],
      unchangedFiles: [],
      workflowRuns: [run()],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.apiRequests().filter((r) => r.includes('actions') || r.includes('FileAt'))).toEqual([
      'POST /graphql FourEyesFileAtTwoCommits',
    ]);
    const evidence = evidenceGiven()!;
    expect(evidence.plans).toEqual([]);
    expect(evidence.ignored).toEqual([
      {
        source: `artifact "four-eyes-plan" of ${WORKFLOW}`,
        reason: `${WORKFLOW}, which makes the plans, differs between the base and the head (this pull request changes it, or the base branch changed it since: then update the branch); a pull request cannot supply its own plan`,
      },
    ]);
    expect(evidence.missing).toBeNull();
    const summary = summaryOf(github.lastCheckRun());
    expect(summary).toContain('**Plans ignored:**');
    expect(summary).toContain('a pull request cannot supply its own plan');
  });

  it('required: the same untrusted plan leaves the plan missing, as a failure (not a wait)', async () => {
    const s = planScenario({
      policy: policy(true),
      files: [
        { path: 'stacks/prod/iam.tf', status: 'modified', base: IAM_BASE, head: IAM_HEAD },
        { path: WORKFLOW, status: 'modified', base: WORKFLOW_TEXT, head: `${WORKFLOW_TEXT}# mine\n` },
      ],
      unchangedFiles: [],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(evidenceGiven()!.missing).toMatchObject({ state: 'failed' });
    expect(evidenceGiven()!.missing!.reason).toMatch(/cannot supply its own plan; root stacks\/prod needs a plan$/);
    expect(github.lastCheckRun()).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(summaryOf(github.lastCheckRun())).toContain('**Plan missing:**');
  });

  it('required, no run yet: the check stays in progress, waiting for the plan; workflow_run.completed brings it and completes the same run', async () => {
    const s = planScenario({ policy: policy(true) });
    const { probot, github, audit } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(evidenceGiven()!.missing).toEqual({
      state: 'waiting',
      reason: `${WORKFLOW} has not run on ${HEAD_SHA.slice(0, 7)} yet; root stacks/prod needs a plan`,
    });
    expect(github.lastCheckRun()).toMatchObject({
      status: 'in_progress',
      output: { title: `Waiting for the plan: ${WORKFLOW} has not run on ccccccc yet; root stacks/prod needs a plan` },
    });
    expect(github.lastCheckRun()).not.toHaveProperty('conclusion');
    expect(summaryOf(github.lastCheckRun())).toMatch(/^## ⏳ Waiting for the plan\n/);
    expect(github.openCheckRuns().map((r) => r.id)).toEqual([1000]);
    expect(await audit.records.dataOf('check-run', 'acme/infra', 42)).toMatchObject([
      { checkRunId: 1000, headSha: HEAD_SHA, status: 'in_progress' },
    ]);

    s.workflowRuns = [run()];
    github.requests.length = 0;
    await probot.receive(workflowRunEvent(s, { id: 77, path: WORKFLOW, conclusion: 'success', pullRequests: [42] }));
    // The policy and the change are cached: the facts, the plan, the completion.
    expect(github.apiRequests()).toEqual([
      'POST /graphql FourEyesPullRequest',
      ...READ_PLAN,
      'PATCH /repos/acme/infra/check-runs/1000',
    ]);
    expect(evidenceGiven()).toMatchObject({ missing: null, plans: [{ source: 'four-eyes-plan/stacks__prod.json' }] });
    expect(github.runs.get(1000)).toMatchObject({ status: 'completed', conclusion: 'action_required' });
    expect(summaryOf(github.lastCheckRun())).toContain('**Plans judged:**');
  });

  it.each([
    ['failed', 'failure'],
    ['was cancelled', 'cancelled'],
  ] as const)(
    'required, the plan run %s: the plan is missing as a failure, and the check completes',
    async (_name, conclusion) => {
      const s = planScenario({ policy: policy(true), workflowRuns: [run({ conclusion, artifacts: [] })] });
      const { probot, github } = await testApp(s);
      await probot.receive(pullRequestEvent('synchronize', s));
      expect(evidenceGiven()!.missing).toEqual({
        state: 'failed',
        reason: `run 77 of ${WORKFLOW} (https://github.com/acme/infra/actions/runs/77) ended ${conclusion}; root stacks/prod needs a plan`,
      });
      expect(github.lastCheckRun()).toMatchObject({ status: 'completed', conclusion: 'failure' });
      expect(summaryOf(github.lastCheckRun())).toContain(`**Plan missing:** run 77 of ${WORKFLOW}`);
    },
  );

  it.each([
    ['no artifact', run({ artifacts: [] }), 'uploaded no artifact "four-eyes-plan"'],
    [
      'an expired artifact',
      run({ artifacts: [{ id: 501, name: 'four-eyes-plan', zip: zipOf({}), expired: true }] }),
      'expired on 2027-02-22T11:05:00Z: re-run the workflow',
    ],
    [
      "no file for the root's plan",
      run({ artifacts: [{ id: 501, name: 'four-eyes-plan', zip: zipOf({ 'stacks__dev.json': PLAN }) }] }),
      'holds no stacks__prod.json; root stacks/prod needs a plan',
    ],
  ])('required, the run succeeded with %s: the plan is missing as a failure', async (_name, completed, reason) => {
    const s = planScenario({ policy: policy(true), workflowRuns: [completed] });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(evidenceGiven()!.missing).toMatchObject({ state: 'failed' });
    expect(evidenceGiven()!.missing!.reason).toContain(reason);
    expect(github.lastCheckRun()).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('an artifact larger than Four Eyes reads is not downloaded: it is unreadable, which fails closed', async () => {
    const big = run({ artifacts: [{ id: 501, name: 'four-eyes-plan', zip: zipOf({}), sizeInBytes: 150_000_000 }] });
    const s = planScenario({ workflowRuns: [big] });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.apiRequests().some((r) => r.includes('/zip') || r.includes('blob.example'))).toBe(false);
    expect(evidenceGiven()!.unreadable).toEqual([
      {
        source: 'artifact "four-eyes-plan" of run 77 (https://github.com/acme/infra/actions/runs/77)',
        line: null,
        message:
          'artifact "four-eyes-plan" of run 77 (https://github.com/acme/infra/actions/runs/77) is 150.0 MB zipped; Four Eyes reads at most 100 MB',
      },
    ]);
    expect(summaryOf(github.lastCheckRun())).toContain('**Plans unreadable:**');
    expect(github.lastCheckRun()).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('an artifact of more than 100 files is read no further: unreadable', async () => {
    const files = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`root${i}.json`, PLAN]));
    const s = planScenario({
      workflowRuns: [run({ artifacts: [{ id: 501, name: 'four-eyes-plan', zip: zipOf(files) }] })],
    });
    const { probot } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(evidenceGiven()!.plans).toEqual([]);
    expect(evidenceGiven()!.unreadable.map((u) => u.message)).toEqual([
      'artifact "four-eyes-plan" of run 77 (https://github.com/acme/infra/actions/runs/77) holds 101 files; Four Eyes reads at most 100 (one plan per root)',
    ]);
  });

  it('GitHub refusing the Actions API (no actions: read) fails the evaluation closed, saying which permission', async () => {
    const s = planScenario({ workflowRuns: [run()] });
    const { probot, github } = await testApp(s);
    github.fail('GET /repos/acme/infra/actions/runs', {
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(summaryOf(github.lastCheckRun())).toContain(
      'GitHub Actions answered 403 (Resource not accessible by integration): Four Eyes reads plans with the "actions: read" permission',
    );
  });
});

describe('without plans: in the policy', () => {
  it('no request to GitHub Actions, and no plan evidence for the pipeline', async () => {
    const s = planScenario({ policy: 'version: 1\n', workflowRuns: [run()] });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.apiRequests()).toEqual([...NEW_HEAD, 'PATCH /repos/acme/infra/check-runs/1000']);
    expect(vi.mocked(evaluateChange).mock.calls.at(-1)![0]).not.toHaveProperty('plans');
    expect(summaryOf(github.lastCheckRun())).not.toContain('### Plans');
  });

  it('workflow_run.completed costs the policy read only, and writes nothing', async () => {
    const s = planScenario({ policy: 'version: 1\n' });
    const { probot, github } = await testApp(s);
    await probot.receive(workflowRunEvent(s, { id: 77, path: WORKFLOW, conclusion: 'success', pullRequests: [42] }));
    expect(github.apiRequests()).toEqual(['GET /repos/acme/infra/contents/.github/four-eyes.yml']);
    expect(github.checkRuns).toEqual([]);
  });
});

describe('workflow_run.completed', () => {
  it("another workflow's run leaves a wait for the plan as it is", async () => {
    const s = planScenario({ policy: policy(true) });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    github.requests.length = 0;
    await probot.receive(
      workflowRunEvent(s, { id: 78, path: '.github/workflows/lint.yml', conclusion: 'success', pullRequests: [42] }),
    );
    expect(github.apiRequests()).toEqual([]);
    expect(github.runs.get(1000)).toMatchObject({ status: 'in_progress' });
    // The test ends with every run completed: the plan arrives.
    s.workflowRuns = [run()];
    await probot.receive(workflowRunEvent(s, { id: 77, path: WORKFLOW, conclusion: 'success', pullRequests: [42] }));
    expect(github.runs.get(1000)).toMatchObject({ status: 'completed' });
  });

  it('a missed workflow_run webhook: the sweep evaluates a waiting pull request again and finds the plan', async () => {
    const s = planScenario({ policy: policy(true) });
    const { probot, github, sweep } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(await sweep.run()).toEqual({ flushed: 0, evaluated: 1, failed: 0 });
    expect(github.runs.get(1000)).toMatchObject({ status: 'in_progress' });
    s.workflowRuns = [run()];
    expect(await sweep.run()).toEqual({ flushed: 0, evaluated: 1, failed: 0 });
    expect(github.runs.get(1000)).toMatchObject({ status: 'completed', conclusion: 'action_required' });
    expect(await sweep.run()).toEqual({ flushed: 0, evaluated: 0, failed: 0 });
  });

  it("another workflow's run leaves a retry the pull request awaits scheduled", async () => {
    const s = planScenario({ workflowRuns: [run()] });
    const { probot, github, audit } = await testApp(s);
    github.fail('GET /repos/acme/infra/actions/runs', { status: 502 });
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(await audit.retries.get('acme/infra', 42)).not.toBeNull();
    await probot.receive(
      workflowRunEvent(s, { id: 78, path: '.github/workflows/lint.yml', conclusion: 'success', pullRequests: [42] }),
    );
    expect(await audit.retries.get('acme/infra', 42)).not.toBeNull();
  });

  it("a fork's run lists no pull request: they are found by the run's commit", async () => {
    const s = planScenario({
      workflowRuns: [run()],
      associated: [{ number: 42, headRefOid: HEAD_SHA, state: 'OPEN' }],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(
      workflowRunEvent(s, { id: 77, path: WORKFLOW, conclusion: 'success', pullRequests: [], fork: true }),
    );
    expect(github.apiRequests()[0]).toBe('POST /graphql FourEyesPullRequestsForCommit');
    expect(evidenceGiven()).toMatchObject({ plans: [{ source: 'four-eyes-plan/stacks__prod.json' }] });
    expect(github.lastCheckRun()).toMatchObject({ status: 'completed' });
  });

  it('a run of a branch with no pull request, or of a workflow file GitHub made, costs nothing', async () => {
    const s = planScenario();
    const { probot, github } = await testApp(s);
    await probot.receive(workflowRunEvent(s, { id: 77, path: WORKFLOW, conclusion: 'success', pullRequests: [] }));
    await probot.receive(
      workflowRunEvent(s, {
        id: 79,
        path: 'dynamic/github-code-scanning/codeql',
        conclusion: 'success',
        pullRequests: [42],
      }),
    );
    expect(github.apiRequests()).toEqual([]);
  });
});
