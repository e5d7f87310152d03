import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryJob } from '../../src/audit/deliveries.js';
import { recordDataOf } from '../../src/audit/records.js';
import { type ScenarioArtifact, zipOf } from './support/fakeActions.js';
import { type AssociatedPull, deploymentGateEvent, gateApp } from './support/gateGitHub.js';
import { BREAK_GLASS_REASON } from './support/policies.js';
import { BASE_SHA, HEAD_SHA, IAM_BASE, IAM_HEAD, review, type Scenario, scenario } from './support/scenario.js';
import { commentEvent, pullRequestEvent } from './support/webhooks.js';

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const RUN = 555;
const MERGE_SHA = 'e'.repeat(40);
const PUSH_SHA = 'f'.repeat(40);
const UNKNOWN_SHA = '9'.repeat(40);
const ANSWER = `POST /repos/acme/infra/actions/runs/${RUN}/deployment_protection_rule`;
/** the plans the deploying run uploaded (plan binding): read once the environment is gated */
const RUN_PLANS = `GET /repos/acme/infra/actions/runs/${RUN}/artifacts`;
const READ_RUN = `GET /repos/acme/infra/actions/runs/${RUN}`;
const pullsOf = (sha: string) => `GET /repos/acme/infra/commits/${sha}/pulls`;
const commitOf = (sha: string) => `GET /repos/acme/infra/git/commits/${sha}`;
const treeOf = (sha: string) => `GET /repos/acme/infra/git/trees/${sha}`;

/** A security group opened to the world: what slips into a merge or a push unreviewed. */
const OPEN_SSH = `resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = "sg-1"
}
`;

const OPEN_PULL: AssociatedPull = { number: 42, state: 'open', author: 'alice', headSha: HEAD_SHA, baseSha: BASE_SHA };
const MERGED_PULL: AssociatedPull = { ...OPEN_PULL, state: 'closed', mergeCommitSha: MERGE_SHA };

/** The app, after the pull request of `s` was evaluated (its decision recorded), with GitHub's requests forgotten. */
async function decidedPullRequest(s: Scenario, options: { evaluated?: boolean } = {}) {
  const app = await gateApp(s);
  if (options.evaluated !== false) await app.probot.receive(pullRequestEvent('opened', s));
  app.github.requests.length = 0;
  return app;
}

type GitHub = Awaited<ReturnType<typeof decidedPullRequest>>['github'];

function deployRun(github: GitHub, actor: string, triggeringActor = actor, runId = RUN): void {
  github.workflowRuns.set(runId, { actor, triggeringActor });
}

/** The merge commit of #42: the base with the pull request's change, and `extra` files beside it. */
function merge(github: GitHub, extra: { path: string; content: string }[] = []): void {
  github.commits.set(MERGE_SHA, {
    parents: [BASE_SHA, HEAD_SHA],
    files: [{ path: 'iam.tf', content: IAM_HEAD }, ...extra],
  });
  github.pullsOfCommit.set(MERGE_SHA, [MERGED_PULL]);
}

/** A direct push on top of the merge: its tree is the merge's with `extra` files. */
function pushOnMerge(github: GitHub, extra: { path: string; content: string }[]): void {
  github.commits.set(PUSH_SHA, { parents: [MERGE_SHA], files: [{ path: 'iam.tf', content: IAM_HEAD }, ...extra] });
}

function answered(state: 'approved' | 'rejected', comment: string, environment = 'production') {
  return { runId: RUN, body: { environment_name: environment, state, comment } };
}

describe('the head of an open pull request', () => {
  it('an approver triggers the deploy: rejected, naming them, and recorded', async () => {
    const s = scenario({ reviews: [review('carol')] });
    const { probot, github, audit } = await decidedPullRequest(s);
    github.pullsOfCommit.set(HEAD_SHA, [OPEN_PULL]);
    deployRun(github, 'carol');
    await probot.receive(deploymentGateEvent(s, { sha: HEAD_SHA, runId: RUN }));
    expect(github.apiRequests()).toEqual([READ_RUN, pullsOf(HEAD_SHA), RUN_PLANS, ANSWER]);
    expect(github.answers).toEqual([
      answered(
        'rejected',
        '**Four Eyes: rejected** (`approver-executes`): carol approved #42 and now runs its deployment (carol (actor, triggering actor)); without their approval "independent approval" misses 1 approval of 1: someone who did not approve must run it, or another independent reviewer must approve\n\nAudit record #3.',
      ),
    ]);
    const [record] = await audit.records.dataOf('execution', 'acme/infra', 42);
    expect(record).toEqual({
      sha: HEAD_SHA,
      environment: 'production',
      runId: RUN,
      deploymentId: 145988746,
      executors: [
        { login: 'carol', roles: ['actor', 'triggering-actor'] },
        { login: 'github-actions[bot]', roles: ['deployment-creator'] },
      ],
      approvers: ['carol'],
      planDigests: [],
      outcome: 'rejected',
      code: 'approver-executes',
      reason: expect.stringContaining('carol approved #42'),
      decision: expect.objectContaining({ seq: 1, pullRequest: 42, headSha: HEAD_SHA, tier: 'high' }),
      breakGlass: null,
    });
  });

  it('an approver triggers, but a second independent approval remains: approved', async () => {
    const s = scenario({
      reviews: [review('carol'), review('dave', 'APPROVED', { submittedAt: '2026-11-24T10:30:00Z' })],
    });
    const { probot, github } = await decidedPullRequest(s);
    github.pullsOfCommit.set(HEAD_SHA, [OPEN_PULL]);
    deployRun(github, 'carol');
    await probot.receive(deploymentGateEvent(s, { sha: HEAD_SHA, runId: RUN }));
    expect(github.answers).toEqual([
      answered(
        'approved',
        '**Four Eyes: approved** (`approved-change`): ccccccc is the head of #42: High impact: 1 of 1 independent approval; run by carol (actor, triggering actor) and github-actions[bot] (deployment creator); carol approved it, but the requirements hold without them ("independent approval" by dave)\n\nAudit record #3.',
      ),
    ]);
  });

  it.each([
    ['by default', 'version: 1\n', 'approved', 'approved-change'],
    [
      'unless the policy says executor_may_be_author: false',
      'version: 1\nexecution:\n  executor_may_be_author: false\n',
      'rejected',
      'author-executes',
    ],
  ])('the author triggers it: allowed %s', async (_when, policy, state, code) => {
    const s = scenario({ policy, reviews: [review('carol')] });
    const { probot, github } = await decidedPullRequest(s);
    github.pullsOfCommit.set(HEAD_SHA, [OPEN_PULL]);
    deployRun(github, 'alice');
    await probot.receive(deploymentGateEvent(s, { sha: HEAD_SHA, runId: RUN }));
    expect(github.answers).toEqual([
      { runId: RUN, body: expect.objectContaining({ state, comment: expect.stringContaining(`(\`${code}\`)`) }) },
    ]);
  });

  it('a deployer bot runs it: approved', async () => {
    const s = scenario({ policy: 'version: 1\ndeployers: [tf-deployer]\n', reviews: [review('carol')] });
    const { probot, github } = await decidedPullRequest(s);
    github.pullsOfCommit.set(HEAD_SHA, [OPEN_PULL]);
    deployRun(github, 'tf-deployer');
    await probot.receive(deploymentGateEvent(s, { sha: HEAD_SHA, runId: RUN }));
    expect(github.answers).toEqual([
      answered(
        'approved',
        '**Four Eyes: approved** (`approved-change`): ccccccc is the head of #42: High impact: 1 of 1 independent approval; run by tf-deployer (actor, triggering actor) and github-actions[bot] (deployment creator), none of whom approved it\n\nAudit record #3.',
      ),
    ]);
  });

  it('a head nobody approved yet: rejected with what it waits for', async () => {
    const s = scenario();
    const { probot, github } = await decidedPullRequest(s);
    github.pullsOfCommit.set(HEAD_SHA, [OPEN_PULL]);
    deployRun(github, 'alice');
    await probot.receive(deploymentGateEvent(s, { sha: HEAD_SHA, runId: RUN }));
    expect(github.answers).toEqual([
      answered(
        'rejected',
        '**Four Eyes: rejected** (`not-approved`): #42 at ccccccc is not approved: High impact: 0 of 1 independent approval; production has no approved deployment to compare ccccccc with\n\nAudit record #3.',
      ),
    ]);
  });
  it('a passing decision recorded from the command line (typed-in facts) approves nothing', async () => {
    const s = scenario();
    const { probot, github, audit } = await decidedPullRequest(s);
    const [appDecision] = await audit.records.dataOf('decision', 'acme/infra', 42);
    const {
      checkName: _checkName,
      policyFiles: _policyFiles,
      ...decision
    } = appDecision as typeof appDecision & {
      checkName: string;
      policyFiles: unknown;
    };
    await audit.records.append([
      {
        kind: 'decision',
        repository: 'acme/infra',
        pullRequest: 42,
        deliveryId: null,
        recordedAt: '2026-11-24T11:00:00Z',
        data: { ...decision, conclusion: 'success', recordedBy: 'four-eyes evaluate --record' },
      },
    ]);
    github.pullsOfCommit.set(HEAD_SHA, [OPEN_PULL]);
    deployRun(github, 'erin');
    await probot.receive(deploymentGateEvent(s, { sha: HEAD_SHA, runId: RUN }));
    expect(github.answers).toEqual([
      {
        runId: RUN,
        body: expect.objectContaining({ state: 'rejected', comment: expect.stringContaining('(`not-approved`)') }),
      },
    ]);
  });
});

describe('a commit on the base branch', () => {
  it('the merge of exactly the approved change: approved, its impact compared with the approved one', async () => {
    const s = scenario({ reviews: [review('carol')] });
    const { probot, github } = await decidedPullRequest(s);
    merge(github);
    deployRun(github, 'erin');
    await probot.receive(deploymentGateEvent(s, { sha: MERGE_SHA, runId: RUN }));
    expect(github.apiRequests()).toEqual([
      READ_RUN,
      pullsOf(MERGE_SHA),
      commitOf(MERGE_SHA),
      RUN_PLANS,
      treeOf(BASE_SHA),
      treeOf(MERGE_SHA),
      ANSWER,
    ]);
    expect(github.answers).toEqual([
      answered(
        'approved',
        expect.stringMatching(
          /^\*\*Four Eyes: approved\*\* \(`approved-change`\): eeeeeee merged #42 and brought exactly its approved change \(impact sha256:[0-9a-f]{12}\): High impact: 1 of 1 independent approval; run by erin/,
        ),
      ),
    ]);
  });

  it('a merge commit that brought more than the approved change: rejected', async () => {
    const s = scenario({ reviews: [review('carol')] });
    const { probot, github } = await decidedPullRequest(s);
    merge(github, [{ path: 'network.tf', content: OPEN_SSH }]);
    deployRun(github, 'erin');
    await probot.receive(deploymentGateEvent(s, { sha: MERGE_SHA, runId: RUN }));
    expect(github.answers).toEqual([
      answered(
        'rejected',
        expect.stringMatching(
          /^\*\*Four Eyes: rejected\*\* \(`change-differs`\): eeeeeee merged #42, but the merge brought another change than the one approved \(impact sha256:[0-9a-f]{12} of its first parent → eeeeeee, approved sha256:[0-9a-f]{12}\): something reached the branch unreviewed; production has no approved deployment to compare eeeeeee with\n\nAudit record #3\.$/,
        ),
      ),
    ]);
  });

  it('an unapproved direct push, then a deploy: rejected', async () => {
    const s = scenario({ reviews: [review('carol')] });
    const { probot, github } = await decidedPullRequest(s);
    merge(github);
    deployRun(github, 'erin');
    await probot.receive(deploymentGateEvent(s, { sha: MERGE_SHA, runId: RUN }));
    expect(github.answers.at(-1)?.body.state).toBe('approved');

    pushOnMerge(github, [{ path: 'network.tf', content: OPEN_SSH }]);
    github.requests.length = 0;
    await probot.receive(deploymentGateEvent(s, { sha: PUSH_SHA, runId: RUN }));
    expect(github.apiRequests()).toEqual([
      READ_RUN,
      pullsOf(PUSH_SHA),
      commitOf(PUSH_SHA),
      'GET /repos/acme/infra/contents/.github/four-eyes.yml',
      'GET /repos/acme/.github/contents/.github/four-eyes.yml',
      RUN_PLANS,
      treeOf(MERGE_SHA),
      treeOf(PUSH_SHA),
      'POST /graphql FourEyesBlobs',
      ANSWER,
    ]);
    expect(github.answers.at(-1)).toEqual(
      answered(
        'rejected',
        '**Four Eyes: rejected** (`not-approved`): fffffff is neither the head of an open pull request nor the merge commit of one; fffffff changes Terraform since the last approved deployment of production (eeeeeee, run 555) (2 findings) without an approved pull request\n\nAudit record #4.',
      ),
    );
  });

  it('a push that changes no Terraform since the last approved deployment: nothing to gate', async () => {
    const s = scenario({ reviews: [review('carol')] });
    const { probot, github } = await decidedPullRequest(s);
    merge(github);
    deployRun(github, 'erin');
    await probot.receive(deploymentGateEvent(s, { sha: MERGE_SHA, runId: RUN }));
    pushOnMerge(github, [{ path: 'README.md', content: '# infra\n' }]);
    await probot.receive(deploymentGateEvent(s, { sha: PUSH_SHA, runId: RUN }));
    expect(github.answers.at(-1)).toEqual(
      answered(
        'approved',
        '**Four Eyes: approved** (`nothing-to-gate`): nothing to gate: fffffff has no Terraform change since the last approved deployment of production (eeeeeee, run 555)\n\nAudit record #4.',
      ),
    );
  });

  it('a commit Four Eyes never saw approved: rejected', async () => {
    const s = scenario();
    const { probot, github } = await decidedPullRequest(s, { evaluated: false });
    github.commits.set(UNKNOWN_SHA, { parents: [BASE_SHA], files: [{ path: 'iam.tf', content: IAM_BASE }] });
    deployRun(github, 'erin');
    await probot.receive(deploymentGateEvent(s, { sha: UNKNOWN_SHA, runId: RUN }));
    expect(github.answers).toEqual([
      answered(
        'rejected',
        '**Four Eyes: rejected** (`not-approved`): 9999999 is neither the head of an open pull request nor the merge commit of one; production has no approved deployment to compare 9999999 with\n\nAudit record #1.',
      ),
    ]);
  });
});

describe('break-glass', () => {
  const policy =
    'version: 1\nbreak_glass:\n  allowed:\n    users: [dana]\n  min_reason_length: 20\nowners:\n  users: [sec-lead]\n';

  it('passes the gate, marked, and the owners hear of it again', async () => {
    const s = scenario({ policy });
    const { probot, github } = await decidedPullRequest(s, { evaluated: false });
    await probot.receive(commentEvent(s, BREAK_GLASS_REASON, 'dana'));
    const comments = github.comments.length;
    github.requests.length = 0;
    github.pullsOfCommit.set(HEAD_SHA, [OPEN_PULL]);
    deployRun(github, 'dana');
    await probot.receive(deploymentGateEvent(s, { sha: HEAD_SHA, runId: RUN }));
    expect(github.answers).toEqual([
      answered(
        'approved',
        expect.stringMatching(
          /^\*\*Four Eyes: approved \(BREAK-GLASS\)\*\* \(`break-glass`\): BREAK-GLASS: ccccccc is the head of #42/,
        ),
      ),
    ]);
    expect(github.comments.slice(comments).map((c) => [c.issue, c.body.split('\n')[0]])).toEqual([
      [900, expect.stringContaining('**BREAK-GLASS change deployed** to `production`')],
      [
        42,
        expect.stringMatching(
          /^@sec-lead: the change @dana broke glass for \(ccccccc\) is being deployed to `production`/,
        ),
      ],
    ]);
  });
});

describe('environments', () => {
  it('an environment the policy does not gate: approved as not gated, nothing else read', async () => {
    const s = scenario({ policy: 'version: 1\nexecution:\n  environments: [production]\n' });
    const { probot, github } = await decidedPullRequest(s, { evaluated: false });
    github.pullsOfCommit.set(HEAD_SHA, [OPEN_PULL]);
    deployRun(github, 'carol');
    await probot.receive(deploymentGateEvent(s, { sha: HEAD_SHA, runId: RUN, environment: 'staging' }));
    expect(github.apiRequests()).toEqual([
      READ_RUN,
      pullsOf(HEAD_SHA),
      'GET /repos/acme/infra/contents/.github/four-eyes.yml',
      ANSWER,
    ]);
    expect(github.answers).toEqual([
      answered(
        'approved',
        "**Four Eyes: approved** (`not-gated`): staging is not gated by Four Eyes: the policy's execution.environments (production) do not name it\n\nAudit record #1.",
        'staging',
      ),
    ]);
  });
});

describe('when deciding fails', () => {
  it('GitHub answers 502: rejected with the reason, and the re-delivery decides again', async () => {
    const s = scenario({ reviews: [review('carol')] });
    const { probot, github } = await decidedPullRequest(s);
    github.pullsOfCommit.set(HEAD_SHA, [OPEN_PULL]);
    deployRun(github, 'erin');
    github.fail(READ_RUN, { status: 502 });
    const delivery = deploymentGateEvent(s, { sha: HEAD_SHA, runId: RUN });
    await probot.receive(delivery);
    expect(github.answers).toEqual([
      answered(
        'rejected',
        '**Four Eyes: rejected** (`error`): Four Eyes could not decide: GitHub answered 502 while reading workflow run 555; re-run the job (or redeliver the event) to decide again\n\nAudit record #3.',
      ),
    ]);
    await probot.receive(delivery);
    expect(github.answers.map((a) => a.body.state)).toEqual(['rejected', 'approved']);
  });

  it('the answer itself fails: the delivery stays open, and its re-delivery decides and answers', async () => {
    const s = scenario({ reviews: [review('carol')] });
    const { probot, github, audit } = await decidedPullRequest(s);
    github.pullsOfCommit.set(HEAD_SHA, [OPEN_PULL]);
    deployRun(github, 'erin');
    github.fail(ANSWER, { status: 502 });
    const delivery = deploymentGateEvent(s, { sha: HEAD_SHA, runId: RUN });
    await probot.receive(delivery);
    expect(github.answers).toEqual([]);
    await probot.receive(delivery);
    expect(github.answers.map((a) => a.body.state)).toEqual(['approved']);
    expect((await audit.records.dataOf('execution', 'acme/infra', 42)).map((r) => r.outcome)).toEqual([
      'approved',
      'approved',
    ]);
  });

  it('a deployment without a commit: rejected, saying so', async () => {
    const s = scenario();
    const { probot, github } = await decidedPullRequest(s, { evaluated: false });
    const delivery = deploymentGateEvent(s, { sha: HEAD_SHA, runId: RUN }) as { payload: { deployment: object } };
    delete (delivery.payload.deployment as { sha?: string }).sha;
    await probot.receive(delivery as never);
    expect(github.apiRequests()).toEqual([ANSWER]);
    expect(github.answers).toEqual([
      answered(
        'rejected',
        '**Four Eyes: rejected** (`error`): the deployment names no commit SHA, so Four Eyes cannot tell what would run\n\nAudit record #1.',
      ),
    ]);
  });
});

describe('a gate whose process died', () => {
  it('is answered by the next recovery round, from the job kept with its claim', async () => {
    const s = scenario({ reviews: [review('carol')] });
    const { github, audit, recovery } = await decidedPullRequest(s);
    github.pullsOfCommit.set(HEAD_SHA, [OPEN_PULL]);
    deployRun(github, 'erin');
    const minuteAgo = new Date(Date.parse('2026-11-24T11:59:00Z'));
    await audit.instances.heartbeat('dead-process', minuteAgo);
    const job: DeliveryJob = {
      installationId: 7,
      repository: { owner: 'acme', name: 'infra', url: 'https://github.com/acme/infra' },
      push: null,
      pullRequests: [],
      commit: null,
      hint: null,
      breakGlass: null,
      gate: {
        environment: 'production',
        runId: RUN,
        sha: HEAD_SHA,
        ref: 'main',
        deploymentId: 1,
        creator: 'github-actions[bot]',
        ownerIsOrganization: true,
      },
    };
    const claimed = await audit.deliveries.claim('gate-of-the-dead', 'deployment_protection_rule', minuteAgo, {
      owner: 'dead-process',
      staleBefore: new Date(0),
      job,
    });
    expect(claimed).toBe('claimed');
    expect(await recovery.tick()).toEqual({ resumed: ['gate-of-the-dead'], retried: [] });
    expect(github.answers.map((a) => [a.runId, a.body.state])).toEqual([[RUN, 'approved']]);
  });
});

describe('the audit log', () => {
  it('records every answer as an execution record, readable by kind', async () => {
    const s = scenario();
    const { probot, github, audit } = await decidedPullRequest(s, { evaluated: false });
    github.commits.set(UNKNOWN_SHA, { parents: [BASE_SHA], files: [] });
    deployRun(github, 'erin');
    await probot.receive(deploymentGateEvent(s, { sha: UNKNOWN_SHA, runId: RUN }));
    const rows = [];
    for await (const row of audit.records.records({ kinds: ['execution'] })) rows.push(recordDataOf('execution', row));
    expect(rows.map((r) => [r.sha, r.environment, r.runId, r.outcome, r.code])).toEqual([
      [UNKNOWN_SHA, 'production', RUN, 'rejected', 'not-approved'],
    ]);
  });
});

describe('plan binding: the run applies only a plan the decision approved', () => {
  const PLAN = JSON.stringify({
    format_version: '1.2',
    resource_changes: [
      {
        address: 'aws_iam_role_policy_attachment.admin',
        mode: 'managed',
        type: 'aws_iam_role_policy_attachment',
        name: 'admin',
        change: {
          actions: ['create'],
          before: null,
          after: { role: 'ci', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
        },
      },
    ],
  });
  /** The deploying run, as the Actions API lists it, with the artifacts it uploaded before the gated job. */
  const uploading = (s: Scenario, artifacts: ScenarioArtifact[]): Scenario => ({
    ...s,
    workflowRuns: [
      {
        id: RUN,
        path: '.github/workflows/deploy.yml',
        headSha: HEAD_SHA,
        status: 'in_progress',
        conclusion: null,
        artifacts,
      },
    ],
  });

  it('a plan the decision never judged: rejected, naming its digest', async () => {
    const s = uploading(
      scenario({ reviews: [review('carol'), review('dave', 'APPROVED', { submittedAt: '2026-11-24T10:30:00Z' })] }),
      [{ id: 901, name: 'four-eyes-plan', zip: zipOf({ 'root.json': PLAN }) }],
    );
    const { probot, github } = await decidedPullRequest(s);
    github.pullsOfCommit.set(HEAD_SHA, [OPEN_PULL]);
    deployRun(github, 'erin');
    await probot.receive(deploymentGateEvent(s, { sha: HEAD_SHA, runId: RUN }));
    expect(github.answers).toEqual([
      {
        runId: RUN,
        body: expect.objectContaining({
          state: 'rejected',
          comment: expect.stringMatching(
            /\(`plan-not-approved`\).*the run uploaded the plan sha256:[0-9a-f]{64}, which #42's decision did not approve/,
          ),
        }),
      },
    ]);
  });

  it('an uploaded plan that cannot be read: rejected with the reason', async () => {
    const s = uploading(scenario({ reviews: [review('carol')] }), [
      {
        id: 901,
        name: 'four-eyes-plan',
        zip: zipOf({ 'root.json': '{"format_version": "1.2", "resource_changes": [' }),
      },
    ]);
    const { probot, github } = await decidedPullRequest(s);
    github.pullsOfCommit.set(HEAD_SHA, [OPEN_PULL]);
    deployRun(github, 'erin');
    await probot.receive(deploymentGateEvent(s, { sha: HEAD_SHA, runId: RUN }));
    expect(github.answers).toEqual([
      {
        runId: RUN,
        body: expect.objectContaining({
          state: 'rejected',
          comment: expect.stringContaining(
            'Four Eyes cannot compare the plan this run uploaded with the approved one: the plan four-eyes-plan/root.json:1 cannot be read',
          ),
        }),
      },
    ]);
  });
});

describe('rejected deployments: the owners hear of them on the pull request', () => {
  const OWNED = 'version: 1\nowners:\n  users: [sec-lead]\n';

  it('one comment per reason, edited (not repeated) when another run is rejected for it', async () => {
    const s = scenario({ policy: OWNED, reviews: [review('carol')] });
    const { probot, github } = await decidedPullRequest(s);
    github.pullsOfCommit.set(HEAD_SHA, [OPEN_PULL]);
    deployRun(github, 'carol');
    await probot.receive(deploymentGateEvent(s, { sha: HEAD_SHA, runId: RUN }));
    expect(github.answers.map((a) => a.body.state)).toEqual(['rejected']);
    expect(github.comments).toEqual([{ issue: 42, body: expect.any(String) }]);
    expect(github.comments[0]!.body.split('\n')[0]).toBe(
      "@sec-lead: a deployment of this pull request's change was rejected by the execution gate (`approver-executes`).",
    );
    deployRun(github, 'carol', 'carol', 556);
    await probot.receive(deploymentGateEvent(s, { sha: HEAD_SHA, runId: 556 }));
    expect(github.comments).toHaveLength(1);
    const body = github.comments[0]!.body;
    expect(body.split('\n')[0]).toBe(
      "@sec-lead: 2 deployments of this pull request's change were rejected by the execution gate (`approver-executes`).",
    );
    expect(body).toContain('- [run 555](');
    expect(body).toContain('- [run 556](');
  });

  it('not with notifications.blocked_attempts: false; the gate decision is recorded either way', async () => {
    const s = scenario({ policy: `${OWNED}notifications:\n  blocked_attempts: false\n`, reviews: [review('carol')] });
    const { probot, github, audit } = await decidedPullRequest(s);
    github.pullsOfCommit.set(HEAD_SHA, [OPEN_PULL]);
    deployRun(github, 'carol');
    await probot.receive(deploymentGateEvent(s, { sha: HEAD_SHA, runId: RUN }));
    expect(github.comments).toEqual([]);
    expect((await audit.records.dataOf('execution', 'acme/infra', 42)).map((r) => r.code)).toEqual([
      'approver-executes',
    ]);
  });
});
