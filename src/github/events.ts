import type { Context, Probot } from 'probot';
import type { DeliveryJob, GateJob } from '../audit/deliveries.js';
import { parseReason } from '../policy/breakGlass.js';
import { REEVALUATE_ACTION } from './checkRunOutput.js';
import { type DeliveryDependencies, processOnce } from './deliveryWork.js';
import { runIdOf } from './gateAnswer.js';
import type { GitHubClient } from './octokit.js';
import { admitted } from './webhookGuard.js';
import { workflowFile } from './workflowRuns.js';

export interface EventOptions extends DeliveryDependencies {
  /** the app's own id: its check runs' events come back to it */
  appId: number;
}

const PULL_REQUEST_ACTIONS = [
  'opened',
  'reopened',
  'synchronize',
  'ready_for_review',
  'edited',
  'labeled',
  'unlabeled',
] as const;
const REVIEW_ACTIONS = ['submitted', 'edited', 'dismissed'] as const;

/** The webhook events the app subscribes to (app.yml must list exactly these). */
export const SUBSCRIBED_EVENTS = [
  'check_run',
  'check_suite',
  'deployment_protection_rule',
  'issue_comment',
  'merge_group',
  'pull_request',
  'pull_request_review',
  'push',
  'workflow_run',
] as const;

interface RepositoryPayload {
  name: string;
  owner: { login: string };
  html_url: string;
}

/** Every event Four Eyes acts on, translated once into the job its delivery asks for. */
export function registerEvents(app: Probot, options: EventOptions): void {
  onPullRequest(app, options);
  onReview(app, options);
  onBreakGlassComment(app, options);
  onCheckRequests(app, options);
  onPush(app, options);
  onMergeGroup(app, options);
  onDeploymentGate(app, options);
  onWorkflowRun(app, options);
}

/** A new head, a reopened PR, labels, or another base branch: evaluate (a push also counts its pusher). */
function onPullRequest(app: Probot, options: EventOptions): void {
  app.on(
    PULL_REQUEST_ACTIONS.map((action) => `pull_request.${action}` as const),
    async (context) => {
      if (!admitted(context)) return;
      const { payload } = context;
      const pr = payload.pull_request;
      if (pr.state !== 'open') return;
      // An edit matters only when it moves the PR to another base branch.
      if (
        payload.action === 'edited' &&
        !('changes' in payload && payload.changes && 'base' in payload.changes && payload.changes.base)
      )
        return;
      const push =
        payload.action === 'synchronize'
          ? {
              to: { pullRequest: pr.number },
              facts: { login: payload.sender.login, sha: pr.head.sha, at: pr.updated_at, forced: false },
            }
          : null;
      const hint = {
        baseRef: pr.base.ref,
        baseSha: pr.base.sha,
        headSha: pr.head.sha,
        changedFiles: pr.changed_files ?? null,
      };
      await once(context, options, job(context, payload.repository, { push, pullRequests: [pr.number], hint }));
    },
  );
}

function onReview(app: Probot, options: EventOptions): void {
  app.on(
    REVIEW_ACTIONS.map((action) => `pull_request_review.${action}` as const),
    async (context) => {
      if (!admitted(context)) return;
      const { payload } = context;
      const pr = payload.pull_request;
      if (pr.state !== 'open') return;
      const hint = { baseRef: pr.base.ref, baseSha: pr.base.sha, headSha: pr.head.sha, changedFiles: null };
      await once(context, options, job(context, payload.repository, { pullRequests: [pr.number], hint }));
    },
  );
}

/** `/four-eyes break-glass <reason>` on an open PR: evaluate with the request. */
function onBreakGlassComment(app: Probot, options: EventOptions): void {
  app.on('issue_comment.created', async (context) => {
    if (!admitted(context)) return;
    const { payload } = context;
    if (!payload.issue.pull_request || payload.issue.state !== 'open') return;
    // Bots, this app included, cannot break glass; their comments are never commands.
    if (payload.sender.type === 'Bot' || parseReason(payload.comment.body) === null) return;
    const breakGlass = {
      author: payload.comment.user?.login ?? payload.sender.login,
      text: payload.comment.body,
      at: payload.comment.created_at,
    };
    await once(
      context,
      options,
      job(context, payload.repository, { pullRequests: [payload.issue.number], breakGlass }),
    );
  });
}

/** Re-run and Re-evaluate on the app's own check runs, and check suites GitHub asks for. */
function onCheckRequests(app: Probot, options: EventOptions): void {
  app.on(['check_run.rerequested', 'check_run.requested_action'], async (context) => {
    if (!admitted(context)) return;
    const { payload } = context;
    const run = payload.check_run;
    if (run.app?.id !== options.appId) return; // another app's check
    if (payload.action === 'requested_action' && payload.requested_action?.identifier !== REEVALUATE_ACTION.identifier)
      return;
    const numbers = run.pull_requests.length
      ? run.pull_requests.map((p) => p.number)
      : numbersFromExternalId(run.external_id);
    await once(context, options, job(context, payload.repository, { pullRequests: numbers, commit: run.head_sha }));
  });

  app.on(['check_suite.requested', 'check_suite.rerequested'], async (context) => {
    if (!admitted(context)) return;
    const { payload } = context;
    const suite = payload.check_suite;
    // Fork PRs are not listed on the suite: they are found by the commit.
    await once(
      context,
      options,
      job(context, payload.repository, {
        pullRequests: suite.pull_requests.map((p) => p.number),
        commit: suite.head_sha,
      }),
    );
  });
}

/** Every push to a branch is recorded: a pusher may not approve what they pushed. */
function onPush(app: Probot, options: EventOptions): void {
  app.on('push', async (context) => {
    if (!admitted(context)) return;
    const { payload } = context;
    if (!payload.ref.startsWith('refs/heads/') || payload.deleted) return;
    const facts = {
      login: payload.sender?.login ?? payload.pusher.name,
      sha: payload.after,
      at: options.now().toISOString(),
      forced: payload.forced,
    };
    // A push's repository may name no owner object: its full name always does.
    const [owner = '', name = ''] = payload.repository.full_name.split('/');
    const repository = { owner: { login: owner }, name, html_url: payload.repository.html_url };
    await once(
      context,
      options,
      job(context, repository, { push: { to: { branch: payload.ref.slice('refs/heads/'.length) }, facts } }),
    );
  });
}

/**
 * A merge queue asks for the required checks on a merge group: Four Eyes posts its check on the
 * group's head (src/github/mergeGroupCheck.ts). `destroyed` needs nothing: the group's branch is
 * gone, and its check with it.
 */
function onMergeGroup(app: Probot, options: EventOptions): void {
  app.on('merge_group.checks_requested', async (context) => {
    if (!admitted(context)) return;
    const { payload } = context;
    const group = payload.merge_group;
    const mergeGroup = {
      headSha: group.head_sha,
      headRef: group.head_ref,
      baseSha: group.base_sha,
      baseRef: group.base_ref,
    };
    // admitted() checked that the repository is there: its payload type leaves it optional.
    await once(context, options, job(context, payload.repository as RepositoryPayload, { mergeGroup }));
  });
}

/** A workflow job waits on an environment with Four Eyes' protection rule enabled: the execution gate answers it. */
function onDeploymentGate(app: Probot, options: EventOptions): void {
  app.on('deployment_protection_rule.requested', async (context) => {
    if (!admitted(context)) return;
    const { payload } = context;
    const deployment = payload.deployment;
    const gate: GateJob = {
      environment: payload.environment ?? '',
      runId: runIdOf(payload.deployment_callback_url),
      sha: deployment?.sha ?? null,
      ref: deployment?.ref ?? null,
      deploymentId: deployment?.id ?? null,
      creator: deployment?.creator?.login ?? null,
      ownerIsOrganization: (payload.repository.owner as { type?: string }).type === 'Organization',
    };
    await once(context, options, job(context, payload.repository, { gate }));
  });
}

/**
 * A workflow run completed: if it is the plan workflow of the policy that judges its pull
 * requests, their plan may have arrived (or will never come). The payload lists the PRs of the
 * repository's own branches; a fork's PR is found by the run's commit. A run of a branch with no
 * pull request costs nothing.
 */
function onWorkflowRun(app: Probot, options: EventOptions): void {
  app.on('workflow_run.completed', async (context) => {
    if (!admitted(context)) return;
    const { payload } = context;
    const run = payload.workflow_run;
    // Runs GitHub makes itself (CodeQL's `dynamic/…`) and payloads without a path are no workflow file.
    const path = run.path ? workflowFile(run.path) : '';
    if (!path.startsWith('.github/workflows/')) return;
    const listed = run.pull_requests.flatMap((pr) => (pr && pr.head.sha === run.head_sha ? [pr] : []));
    const fromFork = run.head_repository?.full_name !== payload.repository.full_name;
    if (listed.length === 0 && !fromFork) return;
    const one = listed.length === 1 ? listed[0]! : null;
    const hint = one
      ? { baseRef: one.base.ref, baseSha: one.base.sha, headSha: one.head.sha, changedFiles: null }
      : null;
    await once(
      context,
      options,
      job(context, payload.repository, {
        pullRequests: listed.map((pr) => pr.number),
        commit: listed.length ? null : run.head_sha,
        hint,
        planWorkflow: path,
      }),
    );
  });
}

function once(context: Context, options: EventOptions, work: DeliveryJob): Promise<void> {
  return processOnce(context.octokit as GitHubClient, context.id, context.name, work, options, context.log);
}

/** The delivery's job: its repository and installation, and what the event asks for. */
function job(
  context: Context,
  repository: RepositoryPayload,
  parts: Partial<Omit<DeliveryJob, 'installationId' | 'repository'>>,
): DeliveryJob {
  const installation = (context.payload as { installation?: { id?: number } }).installation;
  return {
    installationId: installation?.id ?? null,
    repository: { owner: repository.owner.login, name: repository.name, url: repository.html_url },
    push: null,
    pullRequests: [],
    commit: null,
    hint: null,
    breakGlass: null,
    ...parts,
  };
}

/** Four Eyes keeps the PR number as its check runs' external id. */
function numbersFromExternalId(externalId: string | null): number[] {
  return externalId && /^\d+$/.test(externalId) ? [Number(externalId)] : [];
}
