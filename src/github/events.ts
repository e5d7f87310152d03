import type { Context, Probot } from 'probot';
import { parseReason } from '../policy/breakGlass.js';
import type { AppDependencies, EvaluationRequest } from './evaluation.js';
import { evaluatePullRequest } from './evaluation.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';
import { REEVALUATE_ACTION } from './checkRunOutput.js';
import { pullRequestsForCommit } from './pullRequestsForCommit.js';

export interface EventOptions extends AppDependencies {
  /** the app's own id: its check runs' events come back to it */
  appId: number;
}

const PULL_REQUEST_ACTIONS = ['opened', 'reopened', 'synchronize', 'ready_for_review', 'edited', 'labeled', 'unlabeled'] as const;
const REVIEW_ACTIONS = ['submitted', 'edited', 'dismissed'] as const;

/** The webhook events the app subscribes to (app.yml must list exactly these). */
export const SUBSCRIBED_EVENTS = ['check_run', 'check_suite', 'issue_comment', 'pull_request', 'pull_request_review', 'push'] as const;

interface RepositoryPayload {
  name: string;
  owner: { login: string };
  html_url: string;
}

/** Every event Four Eyes acts on, translated once into an evaluation request. */
export function registerEvents(app: Probot, options: EventOptions): void {
  onPullRequest(app, options);
  onReview(app, options);
  onBreakGlassComment(app, options);
  onCheckRequests(app, options);
  onPush(app, options);
}

/** A new head, a reopened PR, labels, or another base branch: evaluate (a push also counts its pusher). */
function onPullRequest(app: Probot, options: EventOptions): void {
  app.on(PULL_REQUEST_ACTIONS.map((action) => `pull_request.${action}` as const), async (context) => {
    const { payload } = context;
    const pr = payload.pull_request;
    if (pr.state !== 'open') return;
    // An edit matters only when it moves the PR to another base branch.
    if (payload.action === 'edited' && !('changes' in payload && payload.changes && 'base' in payload.changes && payload.changes.base)) return;
    await once(context, options, async () => {
      if (payload.action === 'synchronize') {
        await options.activity.recordPullRequestPush(fullNameOf(payload.repository), pr.number, { login: payload.sender.login, sha: pr.head.sha, at: pr.updated_at, forced: false }, context.id);
      }
      return evaluate(context, payload.repository, pr.number, { baseRef: pr.base.ref, baseSha: pr.base.sha, headSha: pr.head.sha, changedFiles: pr.changed_files ?? null }, options);
    });
  });
}

function onReview(app: Probot, options: EventOptions): void {
  app.on(REVIEW_ACTIONS.map((action) => `pull_request_review.${action}` as const), async (context) => {
    const { payload } = context;
    const pr = payload.pull_request;
    if (pr.state !== 'open') return;
    await once(context, options, () => evaluate(context, payload.repository, pr.number, { baseRef: pr.base.ref, baseSha: pr.base.sha, headSha: pr.head.sha, changedFiles: null }, options));
  });
}

/** `/four-eyes break-glass <reason>` on an open PR: evaluate with the request. */
function onBreakGlassComment(app: Probot, options: EventOptions): void {
  app.on('issue_comment.created', async (context) => {
    const { payload } = context;
    if (!payload.issue.pull_request || payload.issue.state !== 'open') return;
    // Bots, this app included, cannot break glass; their comments are never commands.
    if (payload.sender.type === 'Bot' || parseReason(payload.comment.body) === null) return;
    const breakGlass = { author: payload.comment.user?.login ?? payload.sender.login, text: payload.comment.body, at: payload.comment.created_at };
    await once(context, options, () => evaluate(context, payload.repository, payload.issue.number, null, options, breakGlass));
  });
}

/** Re-run and Re-evaluate on the app's own check runs, and check suites GitHub asks for. */
function onCheckRequests(app: Probot, options: EventOptions): void {
  app.on(['check_run.rerequested', 'check_run.requested_action'], async (context) => {
    const { payload } = context;
    const run = payload.check_run;
    if (run.app?.id !== options.appId) return; // another app's check
    if (payload.action === 'requested_action' && payload.requested_action?.identifier !== REEVALUATE_ACTION.identifier) return;
    await once(context, options, async () => {
      const numbers = run.pull_requests.length ? run.pull_requests.map((p) => p.number) : numbersFromExternalId(run.external_id);
      const found = numbers.length ? numbers : await pullRequestsForCommit(context.octokit as GitHubClient, repoRef(payload.repository), run.head_sha);
      return evaluateEach(context, payload.repository, found, options);
    });
  });

  app.on(['check_suite.requested', 'check_suite.rerequested'], async (context) => {
    const { payload } = context;
    const suite = payload.check_suite;
    // Fork PRs are not listed on the suite: find them by the commit.
    await once(context, options, async () => {
      const numbers = suite.pull_requests.length ? suite.pull_requests.map((p) => p.number) : await pullRequestsForCommit(context.octokit as GitHubClient, repoRef(payload.repository), suite.head_sha);
      return evaluateEach(context, payload.repository, numbers, options);
    });
  });
}

/** Every push to a branch is recorded: a pusher may not approve what they pushed. */
function onPush(app: Probot, options: EventOptions): void {
  app.on('push', async (context) => {
    const { payload } = context;
    if (!payload.ref.startsWith('refs/heads/') || payload.deleted) return;
    const push = { login: payload.sender?.login ?? payload.pusher.name, sha: payload.after, at: options.now().toISOString(), forced: payload.forced };
    await once(context, options, async () => {
      await options.activity.recordPush(payload.repository.full_name, payload.ref.slice('refs/heads/'.length), push, context.id);
      return true;
    });
  });
}

/**
 * Processes a webhook delivery once: the first replica to claim its id does the work; another
 * that receives it too, or a re-delivery of finished work, does nothing. Work left incomplete
 * (a post to GitHub failed) releases the claim, so a re-delivery finishes it.
 */
async function once(context: Context, options: EventOptions, work: () => Promise<boolean>): Promise<void> {
  const { deliveries } = options.audit;
  const claim = await deliveries.claim(context.id, context.name, options.now());
  if (claim !== 'claimed') {
    context.log.info({ delivery: context.id, event: context.name }, `four-eyes: delivery ${claim === 'done' ? 'already processed' : 'being processed elsewhere'}; skipped`);
    return;
  }
  let complete = false;
  try {
    complete = await work();
  } finally {
    if (complete) await deliveries.finish(context.id, options.now());
    else await deliveries.release(context.id, options.now());
  }
}

async function evaluate(
  context: Context, repository: RepositoryPayload, number: number, hint: EvaluationRequest['hint'], options: EventOptions,
  breakGlass?: { author: string; text: string; at: string },
): Promise<boolean> {
  const installationId = (context.payload as { installation?: { id: number } }).installation?.id ?? null;
  const request: EvaluationRequest = { repo: repoRef(repository), repositoryUrl: repository.html_url, number, deliveryId: context.id, hint, installationId };
  if (breakGlass) request.breakGlass = breakGlass;
  const log = context.log.child({ delivery: context.id, event: context.name });
  const result = await evaluatePullRequest(context.octokit as GitHubClient, request, options, log);
  return result.complete;
}

async function evaluateEach(context: Context, repository: RepositoryPayload, numbers: number[], options: EventOptions): Promise<boolean> {
  let complete = true;
  for (const number of numbers) complete = (await evaluate(context, repository, number, null, options)) && complete;
  return complete;
}

function repoRef(repository: RepositoryPayload): RepositoryRef {
  return { owner: repository.owner.login, name: repository.name };
}

function fullNameOf(repository: RepositoryPayload): string {
  return `${repository.owner.login}/${repository.name}`;
}

/** Four Eyes keeps the PR number as its check runs' external id. */
function numbersFromExternalId(externalId: string | null): number[] {
  return externalId && /^\d+$/.test(externalId) ? [Number(externalId)] : [];
}
