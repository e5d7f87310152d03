import type { GitHubClient, RepositoryRef } from './octokit.js';

/** A workflow run as Four Eyes judges it: which commit it ran on and how it ended. */
export interface WorkflowRun {
  id: number;
  /** the workflow file (`.github/workflows/terraform.yml`) */
  path: string;
  headSha: string;
  /** `queued`, `in_progress`, `waiting`, `completed`, … */
  status: string;
  /** once completed: `success`, `failure`, `cancelled`, `action_required`, … */
  conclusion: string | null;
  url: string;
}

/** Where the plan workflow stands for a head commit. */
export type PlanRunState =
  | { kind: 'waiting'; reason: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'succeeded'; run: WorkflowRun };

/** A run's `path` may carry the ref it was read at (`.github/workflows/a.yml@refs/heads/main`). */
export function workflowFile(path: string): string {
  const at = path.indexOf('@');
  return at < 0 ? path : path.slice(0, at);
}

/**
 * The newest run of `workflow` on `headSha`: the runs of the commit (newest first, 100 a page,
 * stopping at the first page that has one) filtered by workflow file. By commit rather than by
 * workflow id, so a workflow GitHub has not registered yet is simply not found.
 */
export async function latestRun(
  octokit: GitHubClient,
  repo: RepositoryRef,
  workflow: string,
  headSha: string,
): Promise<WorkflowRun | null> {
  const runs = await octokit.paginate(
    octokit.rest.actions.listWorkflowRunsForRepo,
    { owner: repo.owner, repo: repo.name, head_sha: headSha, per_page: 100 },
    (response, done) => {
      const matching = response.data.filter((run) => workflowFile(run.path) === workflow);
      if (matching.length > 0) done();
      return matching;
    },
  );
  const newest = runs.sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id)[0];
  return newest
    ? {
        id: newest.id,
        path: workflowFile(newest.path),
        headSha: newest.head_sha,
        status: newest.status ?? 'queued',
        conclusion: newest.conclusion ?? null,
        url: newest.html_url,
      }
    : null;
}

/** What the newest run means for the plan: not there yet, never coming, or ready to read. */
export function planRunState(run: WorkflowRun | null, workflow: string, headSha: string): PlanRunState {
  const head = headSha.slice(0, 7);
  if (run === null) return { kind: 'waiting', reason: `${workflow} has not run on ${head} yet` };
  const named = `run ${run.id} of ${workflow} (${run.url})`;
  if (run.status !== 'completed') return { kind: 'waiting', reason: `${named} is ${run.status.replace('_', ' ')}` };
  // A run GitHub holds for a maintainer's approval (a first-time contributor's fork) can still run.
  if (run.conclusion === 'action_required')
    return { kind: 'waiting', reason: `${named} waits for a maintainer to approve it` };
  if (run.conclusion !== 'success')
    return { kind: 'failed', reason: `${named} ended ${run.conclusion ?? 'without a conclusion'}` };
  return { kind: 'succeeded', run };
}
