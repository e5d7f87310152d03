import type { Logger } from 'probot';
import type { DeliveryJob, GateJob } from '../audit/deliveries.js';
import type { NewOutboxItem } from '../audit/outbox.js';
import type { AuditEntry } from '../audit/records.js';
import type { Policy } from '../model/policy.js';
import type { Executor } from '../policy/executionPeople.js';
import { type ExecutionVerdict, executionVerdict, gateFailure } from '../policy/executionVerdict.js';
import { CannotReadChange } from './cannotReadChange.js';
import { effectKeys } from './effectMarkers.js';
import { type AppDependencies, flushPullRequest } from './evaluation.js';
import type { GitHubPost } from './exceptionLog.js';
import { gateComment, postGateAnswer } from './gateAnswer.js';
import { GateStepError, gatherGateFacts } from './gateFacts.js';
import { breakGlassExecutionPosts, rejectedExecutionPosts } from './gatePosts.js';
import { fullName, type GitHubClient, type RepositoryRef } from './octokit.js';
import { UnreadableRunPlan, uploadedPlanDigests } from './runPlans.js';
import { transientFailure } from './transientFailure.js';

/** Whose posts they are: the gate decision's delivery, pull request and record. */
type OutboxItemOrigin = Pick<NewOutboxItem, 'deliveryId' | 'repository' | 'pullRequest' | 'decisionSeq'>;

/** A job of the `deployment_protection_rule` event. */
export type GateDelivery = DeliveryJob & { gate: GateJob };

/** What the gate decided, and what it decided on: recorded with the verdict. */
interface GateDecision {
  verdict: ExecutionVerdict;
  executors: Executor[];
  /** the policy in force, when it was read */
  policy: Policy | null;
  planDigests: string[];
}

/**
 * The execution gate's answer to one deployment protection rule: decide, record, answer. It
 * always answers when the event names a run — GitHub would otherwise hold the job for 30 days —
 * and whatever fails while deciding or recording rejects, saying why. Returns whether the work
 * is complete: a gate that could not decide leaves the delivery open, so its re-delivery decides again.
 */
export async function answerDeploymentGate(
  octokit: GitHubClient,
  deliveryId: string,
  job: GateDelivery,
  deps: AppDependencies,
  log: Logger,
): Promise<boolean> {
  const { gate } = job;
  const repo = { owner: job.repository.owner, name: job.repository.name };
  let decided = await decideGate(octokit, repo, gate, deps, log);
  let seq: number | null = null;
  try {
    seq = await recordGate(decided, job, deliveryId, deps);
  } catch (error) {
    log.error({ err: error }, 'four-eyes: the gate decision could not be recorded');
    // Nothing is approved that the audit log does not hold.
    decided = {
      ...decided,
      verdict: gateFailure(
        `Four Eyes could not record its decision in the audit log (${(error as Error).message}); re-run the job to decide again`,
      ),
    };
  }
  if (gate.runId === null) {
    log.error(
      { environment: gate.environment },
      'four-eyes: deployment_protection_rule names no workflow run; nothing to answer',
    );
    return true;
  }
  try {
    await postGateAnswer(
      octokit,
      repo,
      gate.runId,
      gate.environment,
      decided.verdict.state,
      gateComment(decided.verdict, seq),
    );
  } catch (error) {
    log.error(
      { err: error, run: gate.runId },
      'four-eyes: the gate answer could not be posted; a re-delivery decides again',
    );
    return false;
  }
  log.info(
    { run: gate.runId, environment: gate.environment, state: decided.verdict.state, code: decided.verdict.code },
    'four-eyes: deployment gate answered',
  );
  await notifyOwners(octokit, repo, decided, deps, log);
  return decided.verdict.code !== 'error';
}

async function decideGate(
  octokit: GitHubClient,
  repo: RepositoryRef,
  gate: GateJob,
  deps: AppDependencies,
  log: Logger,
): Promise<GateDecision> {
  const failed = (reason: string): GateDecision => ({
    verdict: gateFailure(reason),
    executors: [],
    policy: null,
    planDigests: [],
  });
  if (gate.runId === null) return failed("the event's deployment_callback_url names no workflow run");
  if (gate.sha === null || !/^[0-9a-f]{40}$/.test(gate.sha))
    return failed('the deployment names no commit SHA, so Four Eyes cannot tell what would run');
  const runId = gate.runId;
  // Plan binding: the plans the run uploaded before this job, read once the policy names the artifact.
  const uploadedPlans = (policy: Policy) => uploadedPlanDigests(octokit, repo, runId, policy);
  try {
    const facts = await gatherGateFacts(octokit, repo, { ...gate, sha: gate.sha, runId }, deps, uploadedPlans);
    return {
      verdict: executionVerdict(facts.input),
      executors: facts.input.executors,
      policy: facts.input.policy,
      planDigests: [...facts.input.plans.uploaded],
    };
  } catch (error) {
    log.error({ err: error, run: gate.runId }, 'four-eyes: the deployment gate could not decide');
    return failed(failureReason(error, deps.now()));
  }
}

/** Why the gate could not decide, and what to do: a transient cause is worth a re-run, others are not. */
function failureReason(error: unknown, now: Date): string {
  const step = error instanceof GateStepError ? error.step : 'deciding';
  const cause = error instanceof GateStepError ? error.cause : error;
  if (cause instanceof CannotReadChange)
    return `Four Eyes could not decide: ${step}: ${cause.message}. ${cause.remedy}`;
  if (cause instanceof UnreadableRunPlan)
    return `Four Eyes cannot compare the plan this run uploaded with the approved one: ${cause.message}; upload the output of \`terraform show -json\` of the plan this job applies`;
  const transient = transientFailure(cause, now);
  if (transient)
    return `Four Eyes could not decide: ${transient.reason} while ${step}; re-run the job (or redeliver the event) to decide again`;
  const message = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0];
  return `Four Eyes could not decide: ${step} failed (${message}); re-run the job to try again, and if it keeps failing an administrator can find this delivery in the app's log`;
}

/** The decision in the audit log; with a break-glass change, the owners' posts beside it, in one transaction. */
async function recordGate(
  decided: GateDecision,
  job: GateDelivery,
  deliveryId: string,
  deps: AppDependencies,
): Promise<number> {
  const { gate } = job;
  const { verdict } = decided;
  const repository = fullName(job.repository);
  const now = deps.now();
  const pullRequest = verdict.decision?.pullRequest ?? null;
  const entry = executionEntry(decided, gate, { repository, pullRequest, deliveryId, recordedAt: now.toISOString() });
  const deployment =
    gate.runId === null
      ? null
      : {
          repository,
          repositoryUrl: job.repository.url,
          environment: gate.environment,
          runId: gate.runId,
          executors: decided.executors,
        };
  const earlier =
    pullRequest !== null && verdict.state === 'rejected'
      ? await deps.audit.records.dataOf('execution', repository, pullRequest)
      : [];
  const posts: GitHubPost[] =
    decided.policy && deployment && pullRequest !== null
      ? [
          ...breakGlassExecutionPosts(verdict, deployment, decided.policy),
          ...rejectedExecutionPosts(verdict, deployment, decided.policy, earlier),
        ]
      : [];
  return deps.audit.transaction(async (tx) => {
    const [record] = await tx.append([entry]);
    const seq = record!.seq;
    const item: OutboxItemOrigin = { deliveryId, repository, pullRequest, decisionSeq: seq };
    const installation = job.installationId === null ? {} : { installationId: job.installationId };
    const section = verdict.decision && deploymentsSectionPost(verdict.decision.headSha, seq, job.repository.url);
    for (const post of section ? [...posts, section] : posts)
      await tx.addPost({ ...item, ...installation, ...post }, now);
    return seq;
  });
}

/** The gate decision's audit record: what it decided, on what, and for whom. */
function executionEntry(
  decided: GateDecision,
  gate: GateJob,
  origin: Pick<AuditEntry, 'repository' | 'pullRequest' | 'deliveryId' | 'recordedAt'>,
): AuditEntry {
  const { verdict } = decided;
  return {
    kind: 'execution',
    ...origin,
    data: {
      sha: gate.sha,
      environment: gate.environment,
      runId: gate.runId,
      deploymentId: gate.deploymentId,
      executors: decided.executors,
      approvers: verdict.approvers,
      planDigests: decided.planDigests,
      outcome: verdict.state,
      code: verdict.code,
      reason: verdict.reason,
      decision: verdict.decision,
      breakGlass: verdict.breakGlass,
    },
  };
}

/**
 * The deployment's posts go out now — the Deployments section of the pull request's check run, the
 * owners' posts of a break-glass or rejected deployment; a failure leaves them pending for the
 * next flush or the sweep.
 */
async function notifyOwners(
  octokit: GitHubClient,
  repo: RepositoryRef,
  decided: GateDecision,
  deps: AppDependencies,
  log: Logger,
): Promise<void> {
  const pullRequest = decided.verdict.decision?.pullRequest;
  if (pullRequest === undefined) return;
  try {
    await flushPullRequest(octokit, repo, pullRequest, deps, log);
  } catch (error) {
    log.error({ err: error, pr: pullRequest }, "four-eyes: the deployment's posts stay pending");
  }
}

/**
 * The gate decision's line in the Deployments section of the check run on the head it rests on:
 * one post per gate decision (its record's key), which writes the section as the audit log has it then.
 */
function deploymentsSectionPost(headSha: string, executionSeq: number, repositoryUrl: string): GitHubPost {
  return {
    action: 'deployments-section',
    effectKey: effectKeys.deploymentsSection(executionSeq),
    payload: { headSha, repositoryUrl },
  };
}
