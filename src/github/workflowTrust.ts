import type { GitHubClient, RepositoryRef } from './octokit.js';
import { FILE_AT_TWO_COMMITS_QUERY } from './queries.js';

/** Whether plans the workflow made for the head can be trusted: null when they can, else why not. */
export type WorkflowDistrust = string | null;

/**
 * A plan is only as honest as the workflow that made it: one the pull request wrote could upload
 * anything. So the workflow file must be the very blob the base has (one GraphQL request for
 * both commits). A base branch that changed it since the PR branched fails this too: the head
 * then runs an older workflow, and updating the branch settles it.
 */
export async function workflowDistrust(
  octokit: GitHubClient,
  repo: RepositoryRef,
  workflow: string,
  baseSha: string,
  headSha: string,
): Promise<WorkflowDistrust> {
  const { repository } = await octokit.graphql<{
    repository: { base: { oid?: string } | null; head: { oid?: string } | null } | null;
  }>(FILE_AT_TWO_COMMITS_QUERY, {
    owner: repo.owner,
    name: repo.name,
    base: `${baseSha}:${workflow}`,
    head: `${headSha}:${workflow}`,
  });
  const base = repository?.base?.oid ?? null;
  const head = repository?.head?.oid ?? null;
  if (base === null)
    return `${workflow} is not on the base branch: the workflow that makes plans must be merged before its plans count`;
  if (head === null) return `the pull request deletes ${workflow}, the workflow that makes plans`;
  if (base !== head)
    return `${workflow}, which makes the plans, differs between the base and the head (this pull request changes it, or the base branch changed it since: then update the branch); a pull request cannot supply its own plan`;
  return null;
}
