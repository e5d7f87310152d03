import { GITHUB_MAX_FILES } from '../policy/facts.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';

type GitHubFileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

/** One file of a pull request's diff, as GitHub lists it. */
export interface ChangedFile {
  path: string;
  status: GitHubFileStatus;
  previousPath?: string;
  /** the blob at the head; null when removed */
  blobSha: string | null;
  /** GitHub's unified diff of the file (hunks only), when it gives one: not for binary or very large diffs */
  patch?: string;
}

export interface ChangedFileList {
  files: ChangedFile[];
  /** GitHub lists at most 3000 files; beyond that part of the change cannot be seen */
  truncated: boolean;
}

/**
 * The PR's changed files, 100 per request. A PR known to change more than GitHub lists is not
 * listed at all: the decision fails closed on it whatever the listed part holds.
 */
export async function listChangedFiles(
  octokit: GitHubClient,
  repo: RepositoryRef,
  number: number,
  changedFiles: number,
): Promise<ChangedFileList> {
  if (changedFiles > GITHUB_MAX_FILES) return { files: [], truncated: true };
  const listed = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: repo.owner,
    repo: repo.name,
    pull_number: number,
    per_page: 100,
  });
  const files = listed.map((file): ChangedFile => {
    const entry: ChangedFile = {
      path: file.filename,
      status: file.status,
      blobSha: file.status === 'removed' ? null : (file.sha ?? null),
    };
    if (file.previous_filename) entry.previousPath = file.previous_filename;
    if (typeof file.patch === 'string') entry.patch = file.patch;
    return entry;
  });
  return { files, truncated: files.length < changedFiles };
}
