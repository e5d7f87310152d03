import { DEFAULT_PLAN_ARTIFACT, type Policy } from '../model/policy.js';
import { planDigest } from '../plan/planDigest.js';
import { downloadArtifact, runArtifact } from './artifactDownload.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';
import { ARCHIVE_LIMITS, readPlanArchive } from './planArchive.js';

/** A plan artifact of the deploying run that cannot be judged: the gate rejects, saying why. */
export class UnreadableRunPlan extends Error {}

/**
 * The digests of the plans a deploying workflow run uploaded before the job that waits on the
 * gate (its artifact named like the policy's `plans.artifact`), read like a pull request's plans.
 * None when it uploaded none. An artifact that cannot be read throws: a plan that is there but
 * cannot be compared must never let the deployment through.
 */
export async function uploadedPlanDigests(
  octokit: GitHubClient,
  repo: RepositoryRef,
  runId: number,
  policy: Policy,
): Promise<string[]> {
  const name = policy.plans?.artifact ?? DEFAULT_PLAN_ARTIFACT;
  const artifact = await runArtifact(octokit, repo, runId, name);
  if (artifact === null) return [];
  const label = `artifact "${name}" of run ${runId}`;
  if (artifact.expired) throw new UnreadableRunPlan(`${label} has expired, so the plan it held cannot be compared`);
  const zip =
    artifact.sizeInBytes > ARCHIVE_LIMITS.zipBytes
      ? null
      : await downloadArtifact(octokit, repo, artifact.id, ARCHIVE_LIMITS.zipBytes);
  if (zip === null)
    throw new UnreadableRunPlan(`${label} is larger than Four Eyes reads (${ARCHIVE_LIMITS.zipBytes / 1e6} MB zipped)`);
  const contents = readPlanArchive(zip, label, name);
  const unreadable = contents.unreadable[0];
  if (unreadable)
    throw new UnreadableRunPlan(
      `the plan ${unreadable.source}${unreadable.line === null ? '' : `:${unreadable.line}`} cannot be read: ${unreadable.message}`,
    );
  return contents.plans.map(planDigest);
}
