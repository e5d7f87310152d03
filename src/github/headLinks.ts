import { isDocumentation } from '../terraform/documentation.js';
import { moduleDirectory } from '../terraform/modulePaths.js';
import type { BlobContent } from './blobs.js';
import type { ChangedFile } from './changedFiles.js';
import type { GitHubClient, RepositoryRef } from './octokit.js';
import type { PullRequestSides } from './pullRequestSides.js';
import { treeModesQuery } from './queries.js';
import { SYMBOLIC_LINK } from './repositoryTree.js';

/** Directories looked up per GraphQL request. */
const DIRECTORIES_PER_REQUEST = 100;
/** Git's mode of a symbolic link, as GraphQL gives it: 0o120000. */
const LINK_MODE = 0o120000;
/** No link target is longer than a path may be. */
const MAX_TARGET_LENGTH = 4096;

/**
 * The head's files with the mode the head commit gives the files the pull request changes, where
 * one may be a symbolic link. GitHub's file list gives no mode, and a link's blob is only its
 * target's path, so a link the pull request adds (`policy.json` → `admin.json`) would be read as
 * that path. A link's blob is one line without a line break; only changed files whose text is
 * like that are looked up, in the head commit's trees (one request for up to a hundred of their
 * directories), so most pull requests cost no request.
 */
export async function withHeadModes(
  octokit: GitHubClient,
  repo: RepositoryRef,
  headSha: string,
  sides: PullRequestSides,
  files: ChangedFile[],
  contents: ReadonlyMap<string, BlobContent>,
): Promise<PullRequestSides> {
  const candidates = new Set(
    files
      .filter((file) => file.status !== 'removed' && file.blobSha !== null && !isDocumentation(file.path))
      .filter((file) => mayBeLink(contents.get(file.blobSha!)))
      .map((file) => file.path),
  );
  if (candidates.size === 0) return sides;
  const links = await linksAmong(octokit, repo, headSha, [...candidates]);
  if (links.size === 0) return sides;
  return {
    base: sides.base,
    head: sides.head.map((file) => (links.has(file.path) ? { ...file, mode: SYMBOLIC_LINK } : file)),
  };
}

function mayBeLink(content: BlobContent | undefined): boolean {
  const text = content?.text;
  return typeof text === 'string' && text.length > 0 && text.length <= MAX_TARGET_LENGTH && !text.includes('\n');
}

/** Which of `paths` the head commit's trees list as symbolic links. */
async function linksAmong(
  octokit: GitHubClient,
  repo: RepositoryRef,
  headSha: string,
  paths: string[],
): Promise<Set<string>> {
  const directories = [...new Set(paths.map((path) => moduleDirectory(path)))];
  const wanted = new Set(paths);
  const links = new Set<string>();
  for (let start = 0; start < directories.length; start += DIRECTORIES_PER_REQUEST) {
    const batch = directories.slice(start, start + DIRECTORIES_PER_REQUEST);
    const variables: Record<string, unknown> = { owner: repo.owner, name: repo.name };
    batch.forEach((directory, i) => {
      variables[`d${i}`] = `${headSha}:${directory === '.' ? '' : directory}`;
    });
    const response = await octokit.graphql<{ repository: Record<string, TreeEntries | null> | null }>(
      treeModesQuery(batch.length),
      variables,
    );
    batch.forEach((directory, i) => {
      const tree = response.repository?.[`d${i}`];
      if (!tree?.entries) {
        throw new Error(
          `GitHub did not list the directory ${directory} of the head commit ${headSha.slice(0, 7)}, where the pull request changes files`,
        );
      }
      for (const entry of tree.entries) {
        const path = directory === '.' ? entry.name : `${directory}/${entry.name}`;
        if (entry.mode === LINK_MODE && wanted.has(path)) links.add(path);
      }
    });
  }
  return links;
}

interface TreeEntries {
  entries?: { name: string; mode: number }[];
}
