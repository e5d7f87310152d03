import type { CheckRunOutput, CheckTarget, StartedCheck } from '../audit/outboxPosts.js';
import type { Conclusion } from '../policy/decision.js';
import { REEVALUATE_ACTION } from './checkRunOutput.js';
import type { GitHubClient } from './octokit.js';

export type { CheckTarget, StartedCheck };

/** Tells the PR that evaluation started; used when the work will take more than a moment. */
export async function startCheck(octokit: GitHubClient, target: CheckTarget): Promise<StartedCheck> {
  const { data } = await octokit.rest.checks.create({
    owner: target.repo.owner,
    repo: target.repo.name,
    name: target.name,
    head_sha: target.headSha,
    status: 'in_progress',
    external_id: String(target.number),
    details_url: target.detailsUrl,
    output: { title: 'Evaluating', summary: 'Four Eyes is reading the Terraform change and the reviews.' },
  });
  return { ...target, id: data.id };
}

/** Shows a started check's output while it stays in progress (a decision waiting for the plan). */
export async function reportProgress(
  octokit: GitHubClient,
  started: StartedCheck,
  output: CheckRunOutput,
): Promise<void> {
  await octokit.rest.checks.update({
    owner: started.repo.owner,
    repo: started.repo.name,
    check_run_id: started.id,
    status: 'in_progress',
    external_id: String(started.number),
    details_url: started.detailsUrl,
    output,
    actions: [REEVALUATE_ACTION],
  });
}

/** Completes the started check, or creates a completed one: one request either way. */
export async function completeCheck(
  octokit: GitHubClient,
  target: CheckTarget,
  started: StartedCheck | null,
  conclusion: Conclusion | 'cancelled',
  output: CheckRunOutput,
  completedAt: Date,
): Promise<number> {
  const body = {
    owner: target.repo.owner,
    repo: target.repo.name,
    status: 'completed' as const,
    conclusion,
    completed_at: completedAt.toISOString(),
    external_id: String(target.number),
    details_url: target.detailsUrl,
    output,
    actions: [REEVALUATE_ACTION],
  };
  if (started && started.headSha === target.headSha && started.name === target.name) {
    await octokit.rest.checks.update({ ...body, check_run_id: started.id });
    return started.id;
  }
  const { data } = await octokit.rest.checks.create({ ...body, name: target.name, head_sha: target.headSha });
  return data.id;
}
