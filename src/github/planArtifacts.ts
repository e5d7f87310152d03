import type { PlanPolicy } from '../model/policy.js';
import type { PlanEvidence } from '../plan/planEvidence.js';
import { planFileName } from '../plan/planFileName.js';
import { downloadArtifact, runArtifact } from './artifactDownload.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';
import { ARCHIVE_LIMITS, type ArchiveContents, readPlanArchive } from './planArchive.js';
import { latestRun, planRunState } from './workflowRuns.js';
import { workflowDistrust } from './workflowTrust.js';

/** The plans to look for: the PR's two commits, the policy's `plans:`, and the roots that must have one. */
export interface PlanLookup {
  repo: RepositoryRef;
  baseSha: string;
  headSha: string;
  plans: PlanPolicy;
  /** the roots whose plan the pull request cannot pass without (rootsNeedingPlans) */
  requiredRoots: string[];
}

/**
 * The plan evidence for a pull request's head: the plan JSON files of the artifact that the
 * newest run of the plan workflow on the head uploaded, read when the workflow is the base's.
 * Requests: one GraphQL (the workflow at base and head), then the runs of the head, the run's
 * artifacts and the download (a redirect to blob storage). A GitHub failure throws, and the
 * evaluation fails closed as for any other request; what the artifact holds never throws.
 */
export async function gatherPlanEvidence(
  octokit: GitHubClient,
  lookup: PlanLookup,
  limits = ARCHIVE_LIMITS,
): Promise<PlanEvidence> {
  const { repo, plans, headSha, requiredRoots } = lookup;
  const ifRequired = (state: 'waiting' | 'failed', reason: string) =>
    requiredRoots.length > 0 ? { state, reason: `${reason}; ${needing(requiredRoots)}` } : null;
  const distrust = await workflowDistrust(octokit, repo, plans.workflow, lookup.baseSha, headSha);
  if (distrust)
    return evidence({
      ignored: [{ source: `artifact "${plans.artifact}" of ${plans.workflow}`, reason: distrust }],
      missing: ifRequired('failed', distrust),
    });
  const state = planRunState(
    await withPermissionHint(() => latestRun(octokit, repo, plans.workflow, headSha)),
    plans.workflow,
    headSha,
  );
  if (state.kind !== 'succeeded') return evidence({ missing: ifRequired(state.kind, state.reason) });
  const { run } = state;
  const named = `artifact "${plans.artifact}" of run ${run.id} (${run.url})`;
  if (run.headSha !== headSha)
    return evidence({
      ignored: [
        { source: named, reason: `it was made for ${run.headSha.slice(0, 7)}, not the head ${headSha.slice(0, 7)}` },
      ],
      missing: ifRequired('failed', `no run of ${plans.workflow} on the head uploaded a plan`),
    });
  const artifact = await withPermissionHint(() => runArtifact(octokit, repo, run.id, plans.artifact));
  if (!artifact)
    return evidence({
      missing: ifRequired('failed', `run ${run.id} (${run.url}) uploaded no artifact "${plans.artifact}"`),
    });
  if (artifact.expired)
    return evidence({
      missing: ifRequired(
        'failed',
        `${named} expired${artifact.expiresAt ? ` on ${artifact.expiresAt}` : ''}: re-run the workflow`,
      ),
    });
  const tooLarge = (size: string) =>
    evidence({
      unreadable: [
        {
          source: named,
          line: null,
          message: `${named} is ${size} zipped; Four Eyes reads at most ${limits.zipBytes / 1e6} MB`,
        },
      ],
    });
  if (artifact.sizeInBytes > limits.zipBytes) return tooLarge(`${(artifact.sizeInBytes / 1e6).toFixed(1)} MB`);
  const zip = await withPermissionHint(() => downloadArtifact(octokit, repo, artifact.id, limits.zipBytes));
  if (zip === null) return tooLarge('more than that');
  return archiveEvidence(readPlanArchive(zip, named, plans.artifact, limits), named, requiredRoots);
}

/** The plans an artifact holds, and the required roots it has none for (unless the artifact is unreadable as a whole). */
function archiveEvidence(contents: ArchiveContents, named: string, requiredRoots: string[]): PlanEvidence {
  const present = new Set([...contents.plans, ...contents.unreadable].map((p) => baseName(p.source)));
  const absent = requiredRoots.filter((root) => !present.has(planFileName(root)));
  const whole = contents.unreadable.some((u) => u.source === named);
  return {
    ...contents,
    missing:
      absent.length > 0 && !whole
        ? { state: 'failed', reason: `${named} holds no ${absent.map(planFileName).join(', ')}; ${needing(absent)}` }
        : null,
  };
}

function evidence(parts: Partial<PlanEvidence>): PlanEvidence {
  return { plans: [], unreadable: [], ignored: [], missing: null, ...parts };
}

function needing(roots: string[]): string {
  return roots.length === 1 ? `root ${roots[0]} needs a plan` : `roots ${roots.join(', ')} need plans`;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * GitHub answers 403 or 404 to an installation that has not accepted the `actions: read`
 * permission: say what fixes it (the cause stays, so a rate limit is still found and retried).
 */
async function withPermissionHint<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if ((status === 403 || status === 404) && !/rate limit/i.test((error as Error).message))
      throw new Error(
        `GitHub Actions answered ${status} (${(error as Error).message.split('\n')[0]}): Four Eyes reads plans with the "actions: read" permission; if the installation lacks it, an owner accepts it in the app's installation settings`,
        { cause: error },
      );
    throw error;
  }
}
