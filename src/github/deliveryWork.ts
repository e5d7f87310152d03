import type { Logger } from 'probot';
import type { DeliveryJob } from '../audit/deliveries.js';
import type { DeliveryIntake } from './deliveryIntake.js';
import { type AppDependencies, type EvaluationRequest, evaluatePullRequest } from './evaluation.js';
import { answerDeploymentGate } from './executionGate.js';
import { checkMergeGroup } from './mergeGroupCheck.js';
import { fullName, type GitHubClient } from './octokit.js';
import { pullRequestsForCommit } from './pullRequestsForCommit.js';

/** This process, as the owner of what it claims: its id, and how long a silent owner counts as alive. */
export interface ProcessIdentity {
  id: string;
  staleAfterMs: number;
}

export interface DeliveryDependencies extends AppDependencies {
  process: ProcessIdentity;
  /** whether new deliveries are taken, and those in flight (absent: always taken, not tracked) */
  intake?: DeliveryIntake;
}

/**
 * Processes a webhook delivery once: the first replica to claim its id does the work, and keeps
 * the job with the claim so another process can finish it if this one dies. Another replica that
 * receives it too, or a re-delivery of finished work, does nothing; a re-delivery of work that
 * failed, or that a dead process held, does it at once.
 */
export async function processOnce(
  octokit: GitHubClient,
  deliveryId: string,
  event: string,
  job: DeliveryJob,
  deps: DeliveryDependencies,
  log: Logger,
): Promise<void> {
  if (deps.intake && !deps.intake.open) deps.metrics?.delivery('refused');
  const claimAndRun = () => claimAndRunOnce(octokit, deliveryId, event, job, deps, log);
  return deps.intake ? deps.intake.run(claimAndRun) : claimAndRun();
}

async function claimAndRunOnce(
  octokit: GitHubClient,
  deliveryId: string,
  event: string,
  job: DeliveryJob,
  deps: DeliveryDependencies,
  log: Logger,
): Promise<void> {
  const now = deps.now();
  const claim = await deps.audit.deliveries.claim(deliveryId, event, now, {
    owner: deps.process.id,
    staleBefore: staleBefore(deps.process, now),
    job,
  });
  if (claim !== 'claimed') {
    log.info(
      { delivery: deliveryId, event },
      `four-eyes: delivery ${claim === 'done' ? 'already processed' : 'being processed elsewhere'}; skipped`,
    );
    deps.metrics?.delivery('skipped');
    return;
  }
  await runClaimed(octokit, deliveryId, job, deps, log.child({ delivery: deliveryId, event }));
}

/** Does a claimed delivery's work; done when it completed, else released for a re-delivery (or a retry) to finish. */
export async function runClaimed(
  octokit: GitHubClient,
  deliveryId: string,
  job: DeliveryJob,
  deps: DeliveryDependencies,
  log: Logger,
): Promise<void> {
  const { deliveries } = deps.audit;
  let complete = false;
  try {
    complete = await runJob(octokit, deliveryId, job, deps, log);
  } finally {
    if (complete) await deliveries.finish(deliveryId, deps.now());
    else await deliveries.release(deliveryId, deps.now());
    deps.metrics?.delivery(complete ? 'processed' : 'released');
  }
}

/**
 * Answers the deployment gate it asks for, or checks the merge group it told of, or records the
 * push it told of and evaluates its pull requests; whether all of it completed.
 */
async function runJob(
  octokit: GitHubClient,
  deliveryId: string,
  job: DeliveryJob,
  deps: AppDependencies,
  log: Logger,
): Promise<boolean> {
  if (job.gate) return answerDeploymentGate(octokit, deliveryId, { ...job, gate: job.gate }, deps, log);
  const repo = { owner: job.repository.owner, name: job.repository.name };
  if (job.mergeGroup)
    return checkMergeGroup(
      octokit,
      { repo, repositoryUrl: job.repository.url, deliveryId, group: job.mergeGroup },
      deps,
      log,
    );
  if (job.push) {
    const { to, facts } = job.push;
    if ('branch' in to) await deps.activity.recordPush(fullName(repo), to.branch, facts, deliveryId);
    else await deps.activity.recordPullRequestPush(fullName(repo), to.pullRequest, facts, deliveryId);
  }
  const numbers =
    job.pullRequests.length || job.commit === null
      ? job.pullRequests
      : await pullRequestsForCommit(octokit, repo, job.commit);
  let complete = true;
  for (const number of numbers) {
    const request: EvaluationRequest = { repo, repositoryUrl: job.repository.url, number, deliveryId, hint: job.hint };
    if (job.breakGlass) request.breakGlass = job.breakGlass;
    if (job.installationId !== null) request.installationId = job.installationId;
    if (job.planWorkflow !== undefined) request.planWorkflow = job.planWorkflow;
    complete = (await evaluatePullRequest(octokit, request, deps, log)).complete && complete;
  }
  return complete;
}

/** Owners whose heartbeat is older than this are gone. */
export function staleBefore(process: ProcessIdentity, now: Date): Date {
  return new Date(now.getTime() - process.staleAfterMs);
}
