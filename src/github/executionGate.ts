import type { Logger } from 'probot';
import type { DeliveryJob, GateJob } from '../audit/deliveries.js';
import type { AuditEntry } from '../audit/records.js';
import type { Policy } from '../model/policy.js';
import type { Executor } from '../policy/executionPeople.js';
import { type ExecutionVerdict, executionVerdict, gateFailure } from '../policy/executionVerdict.js';
import { type AppDependencies, flushPullRequest } from './evaluation.js';
import { gateComment, postGateAnswer } from './gateAnswer.js';
import { type GatePlans, GateStepError, gatherGateFacts } from './gateFacts.js';
import { breakGlassExecutionPosts } from './gatePosts.js';
import { fullName, type GitHubClient, type RepositoryRef } from './octokit.js';
import { TooLargeToRead } from './tooLargeToRead.js';
import { transientFailure } from './transientFailure.js';

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
  // Plan binding is coming with plans (issue 13): until the app reads the plan artifacts the run
  // uploaded and the plans the decision approved, it has none of either to compare.
  const plans: GatePlans = { uploaded: [], approved: [] };
  try {
    const facts = await gatherGateFacts(octokit, repo, { ...gate, sha: gate.sha, runId: gate.runId }, deps, plans);
    return {
      verdict: executionVerdict(facts.input),
      executors: facts.input.executors,
      policy: facts.input.policy,
      planDigests: [...plans.uploaded],
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
  if (cause instanceof TooLargeToRead) return `Four Eyes could not decide: ${step}: ${cause.message}. ${cause.remedy}`;
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
  const entry: AuditEntry = {
    kind: 'execution',
    repository,
    pullRequest,
    deliveryId,
    recordedAt: now.toISOString(),
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
  const posts =
    decided.policy && gate.runId !== null && pullRequest !== null
      ? breakGlassExecutionPosts(
          verdict,
          {
            repository,
            repositoryUrl: job.repository.url,
            environment: gate.environment,
            runId: gate.runId,
            executors: decided.executors,
          },
          decided.policy,
        )
      : [];
  return deps.audit.transaction(async (tx) => {
    const [record] = await tx.append([entry]);
    const item = { deliveryId, repository, pullRequest, decisionSeq: record!.seq };
    const installation = job.installationId === null ? {} : { installationId: job.installationId };
    for (const post of posts) await tx.addPost({ ...item, ...installation, ...post }, now);
    return record!.seq;
  });
}

/** The owners' posts of a break-glass deployment go out now; a failure leaves them pending for the next flush or the sweep. */
async function notifyOwners(
  octokit: GitHubClient,
  repo: RepositoryRef,
  decided: GateDecision,
  deps: AppDependencies,
  log: Logger,
): Promise<void> {
  const pullRequest = decided.verdict.decision?.pullRequest;
  if (!decided.verdict.breakGlass || pullRequest === undefined) return;
  try {
    await flushPullRequest(octokit, repo, pullRequest, deps, log);
  } catch (error) {
    log.error({ err: error, pr: pullRequest }, "four-eyes: the owners' break-glass posts stay pending");
  }
}
