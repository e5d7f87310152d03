import type { ProbotOctokit } from 'probot';

/** The installation-authenticated client Probot hands each event (REST, GraphQL, pagination, retry, throttling). */
export type GitHubClient = InstanceType<typeof ProbotOctokit>;

export interface RepositoryRef {
  owner: string;
  name: string;
}

export function fullName(repo: RepositoryRef): string {
  return `${repo.owner}/${repo.name}`;
}
