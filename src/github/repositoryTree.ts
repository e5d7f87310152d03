import { CannotReadChange } from './cannotReadChange.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';

/** Git's mode of a symbolic link, whose blob is the link's target path. */
export const SYMBOLIC_LINK = '120000';

/** One file of a commit, as Git's tree lists it. */
export interface TreeBlob {
  path: string;
  blobSha: string;
  /** bytes; null when not known (a PR's head files come from its file list, which gives no size) */
  size: number | null;
  /** Git's file mode (100644, 100755, 120000), when read from a tree: a mode change is a change */
  mode?: string;
}

/**
 * Every file of a commit, in one request (`git/trees/<sha>?recursive=1`). GitHub lists at
 * most 100,000 entries (7 MB); beyond that it says the list is truncated, and a tree that
 * cannot be seen whole fails closed: a caller of a changed module could be in the part not
 * listed. Submodules and directories are not files; symbolic links are listed as blobs.
 */
export async function readRepositoryTree(
  octokit: GitHubClient,
  repo: RepositoryRef,
  commitSha: string,
): Promise<TreeBlob[]> {
  const { data } = await octokit.rest.git.getTree({
    owner: repo.owner,
    repo: repo.name,
    tree_sha: commitSha,
    recursive: '1',
  });
  if (data.truncated) {
    throw new CannotReadChange(
      `the repository's file tree at ${commitSha.slice(0, 7)} is too large for GitHub to list in one response (more than 100,000 entries or 7 MB), so Four Eyes cannot see which modules call the changed ones`,
      'Move files that are not configuration (vendored code, generated data, large assets) out of this repository, or keep the Terraform in a repository of its own.',
    );
  }
  const blobs: TreeBlob[] = [];
  for (const entry of data.tree) {
    if (entry.type !== 'blob' || entry.path === undefined || entry.sha === undefined) continue;
    blobs.push({
      path: entry.path,
      blobSha: entry.sha,
      size: entry.size ?? null,
      ...(entry.mode ? { mode: entry.mode } : {}),
    });
  }
  return blobs;
}
