import { hasMarker } from './effectMarkers.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';

/**
 * Finding a post an earlier attempt may have made, by the marker in its body. Only what was
 * created since that attempt began is read (less a margin for the clocks of GitHub and Four Eyes
 * to differ), newest pages first where GitHub can sort: one request in all but the busiest
 * repositories.
 */
const CLOCK_SKEW_MS = 10 * 60_000;
const PER_PAGE = 100;
/** Past this many pages the lookup gives up and the post is made: a duplicate is better than a lost post. */
const MAX_PAGES = 10;

function lookFrom(attempt: Date): string {
  return new Date(attempt.getTime() - CLOCK_SKEW_MS).toISOString();
}

/** The comment with the marker on an issue or pull request, among those written since the attempt: its address. */
export async function findMarkedComment(
  octokit: GitHubClient,
  repo: RepositoryRef,
  issueNumber: number,
  key: string,
  attempt: Date,
): Promise<string | null> {
  return (await scanComments(octokit, repo, issueNumber, key, lookFrom(attempt)))?.html_url ?? null;
}

/** A comment found by its marker: what editing it takes. */
export interface MarkedComment {
  id: number;
  html_url: string;
  body: string;
}

/**
 * The comment with the marker on an issue or pull request, whenever it was written: a comment
 * Four Eyes keeps up to date rather than posts again. Oldest first, so the first it made.
 */
export function findKeptComment(
  octokit: GitHubClient,
  repo: RepositoryRef,
  issueNumber: number,
  key: string,
): Promise<MarkedComment | null> {
  return scanComments(octokit, repo, issueNumber, key, null);
}

async function scanComments(
  octokit: GitHubClient,
  repo: RepositoryRef,
  issueNumber: number,
  key: string,
  since: string | null,
): Promise<MarkedComment | null> {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await octokit.rest.issues.listComments({
      owner: repo.owner,
      repo: repo.name,
      issue_number: issueNumber,
      ...(since === null ? {} : { since }),
      per_page: PER_PAGE,
      page,
    });
    const found = data.find((comment) => hasMarker(comment.body, key));
    if (found) return { id: found.id, html_url: found.html_url, body: found.body ?? '' };
    if (data.length < PER_PAGE) return null;
  }
  return null;
}

/** The issue with the marker among those opened since the attempt (newest first; pull requests skipped). */
export async function findMarkedIssue(
  octokit: GitHubClient,
  repo: RepositoryRef,
  key: string,
  attempt: Date,
): Promise<{ number: number; html_url: string } | null> {
  const since = lookFrom(attempt);
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await octokit.rest.issues.listForRepo({
      owner: repo.owner,
      repo: repo.name,
      state: 'all',
      sort: 'created',
      direction: 'desc',
      since,
      per_page: PER_PAGE,
      page,
    });
    const found = data.find((issue) => !issue.pull_request && hasMarker(issue.body, key));
    if (found) return { number: found.number, html_url: found.html_url };
    const oldest = data.at(-1);
    if (data.length < PER_PAGE || !oldest || Date.parse(oldest.created_at) < Date.parse(since)) return null;
  }
  return null;
}
