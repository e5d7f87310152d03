import type { GitHubClient, RepositoryRef } from './octokit.js';
import { PULL_REQUESTS_FOR_COMMIT_QUERY, PULL_REQUESTS_SEARCH_QUERY } from './queries.js';

interface PullRequestRef {
  number: number;
  state: string;
  headRefOid: string;
}

/**
 * The open PRs whose head is `sha`. Check suites and check runs of fork PRs list none, so the
 * commit's associated PRs are asked for, and failing that the repository's PRs are searched.
 */
export async function pullRequestsForCommit(
  octokit: GitHubClient,
  repo: RepositoryRef,
  sha: string,
): Promise<number[]> {
  const associated = await octokit.graphql<{
    repository: { object: { associatedPullRequests?: { nodes: PullRequestRef[] } } | null } | null;
  }>(PULL_REQUESTS_FOR_COMMIT_QUERY, { owner: repo.owner, name: repo.name, sha });
  const direct = openWithHead(associated.repository?.object?.associatedPullRequests?.nodes ?? [], sha);
  if (direct.length) return direct;
  const searched = await octokit.graphql<{ search: { nodes: (PullRequestRef | Record<string, never>)[] } }>(
    PULL_REQUESTS_SEARCH_QUERY,
    { search: `repo:${repo.owner}/${repo.name} is:pr is:open ${sha}` },
  );
  return openWithHead(
    searched.search.nodes.filter((n): n is PullRequestRef => 'number' in n),
    sha,
  );
}

function openWithHead(nodes: PullRequestRef[], sha: string): number[] {
  return [...new Set(nodes.filter((n) => n.state === 'OPEN' && n.headRefOid === sha).map((n) => n.number))].sort(
    (a, b) => a - b,
  );
}
