import type { ChangeSet } from '../change/changeSet.js';
import { MAX_SCRIPT_DEPTH } from '../change/ciRunFiles.js';
import { codeownersPath } from '../config/codeowners.js';
import { POLICY_PATH } from '../config/loadPolicy.js';
import { reachedConfiguration } from '../terraform/affectedModules.js';
import type { SourceTree } from '../terraform/sourceTree.js';
import { type BlobContent, type BlobUse, readBlobs } from './blobs.js';
import { type AppCaches, cachedParser, changeKey, type PreparedChange } from './caches.js';
import type { ChangedFileList } from './changedFiles.js';
import type { BlobShape } from './graphqlShapes.js';
import { withHeadModes } from './headLinks.js';
import { moduleGraphInSlices } from './moduleGraph.js';
import { fullName, type GitHubClient, type RepositoryRef } from './octokit.js';
import { headsFromPatches, patchedHeads } from './patchedHeads.js';
import { changedPaths, type PullRequestSides, pullRequestSides } from './pullRequestSides.js';
import {
  affectedReads,
  firstReads,
  namedFileReads,
  pullRequestTrees,
  terraformSizes,
  withNamedFiles,
} from './pullRequestTrees.js';
import { checkReadLimits } from './readLimits.js';
import { readRepositoryTree, type TreeBlob } from './repositoryTree.js';

/** What is read of GitHub before the facts: the changed files and the base commit's tree. */
export interface ListedChange {
  listing: ChangedFileList;
  /** null when the listing is truncated: the decision fails closed without reading anything */
  baseTree: TreeBlob[] | null;
}

export async function listChange(
  octokit: GitHubClient,
  repo: RepositoryRef,
  listing: ChangedFileList,
  baseSha: string,
): Promise<ListedChange> {
  return { listing, baseTree: listing.truncated ? null : await readRepositoryTree(octokit, repo, baseSha) };
}

/**
 * The blobs to look up with the facts query: the first reads that are not cached, but for the
 * heads GitHub's patches make from their bases.
 */
export function blobsToPrefetch(listed: ListedChange, caches: AppCaches): string[] {
  if (!listed.baseTree) return [];
  const sides = pullRequestSides(listed.baseTree, listed.listing.files);
  checkReadLimits(terraformSizes(sides));
  const wanted = firstReads(sides, listed.listing.files, (key) => caches.moduleSources.get(key) !== undefined);
  const patched = patchedHeads(sides, listed.listing.files);
  return [...wanted.keys()].filter((oid) => caches.blobs.get(oid) === undefined && !patched.has(oid));
}

/**
 * The change between base and head: the changed files and the Terraform of every module they
 * affect (read by blob, most from the cache or with the facts query), parsed with the parse
 * cache, compared, and cached by the two SHAs.
 */
export async function prepareChange(
  octokit: GitHubClient,
  repo: RepositoryRef,
  listed: ListedChange,
  baseSha: string,
  headSha: string,
  caches: AppCaches,
  prefetched: ReadonlyMap<string, BlobShape | null>,
): Promise<PreparedChange> {
  const { listing } = listed;
  const listedSides: PullRequestSides = listed.baseTree
    ? pullRequestSides(listed.baseTree, listing.files)
    : { base: [], head: [] };
  checkReadLimits(terraformSizes(listedSides));
  // Module sources found in the cache now are kept for this evaluation: other evaluations may evict them while blobs are read.
  const known = new Map<string, readonly string[]>();
  const knowsCalls = (key: string) => {
    const sources = caches.moduleSources.get(key);
    if (sources) known.set(key, sources);
    return sources !== undefined;
  };
  const contents = await readFirst(octokit, repo, listedSides, listing.files, knowsCalls, caches, prefetched);
  checkReadLimits(terraformSizes(listedSides, contents));
  const sides = await withHeadModes(octokit, repo, headSha, listedSides, listing.files, contents);
  const changed = changedPaths(listing.files);
  const sources = {
    get: (key: string) => known.get(key) ?? caches.moduleSources.get(key),
    set: (key: string, value: readonly string[]) => caches.moduleSources.set(key, value),
  };
  const reached = reachedConfiguration(
    [...changed.base, ...changed.head],
    await moduleGraphInSlices(sides, contents, sources, caches.builder.scanModules),
  );
  const more = [...affectedReads(sides, reached)].filter(([oid]) => !contents.get(oid)?.text);
  for (const [oid, content] of await readBlobs(octokit, repo, new Map(more), caches.blobs)) contents.set(oid, content);
  const { trees, changeSet } = await builtChange(
    octokit,
    repo,
    sides,
    pullRequestTrees(sides, listing.files, reached, contents),
    contents,
    caches,
  );
  const sourceBytes = [...trees.base.files, ...trees.head.files].reduce(
    (sum, file) => sum + (file.blobSha === undefined ? 0 : file.content.length),
    0,
  );
  const prepared: PreparedChange = {
    changeSet,
    sourceBytes,
    filesTruncated: listing.truncated,
    proposedPolicyText: proposedPolicy(listing, sides, contents),
    baseCodeowners: baseCodeowners(sides),
  };
  caches.changes.set(changeKey(fullName(repo), baseSha, headSha), prepared);
  return prepared;
}

/**
 * The change set of the trees; when the configuration names files the change did not touch
 * (`file("admin.json")` where the code now reads another file, a script a CI pipeline runs), they
 * are read and the change set built again with them. A script may name another script: one round
 * per level, as deep as the core follows them.
 */
async function builtChange(
  octokit: GitHubClient,
  repo: RepositoryRef,
  sides: PullRequestSides,
  first: { base: SourceTree; head: SourceTree },
  contents: Map<string, BlobContent>,
  caches: AppCaches,
): Promise<{ trees: { base: SourceTree; head: SourceTree }; changeSet: ChangeSet }> {
  let trees = first;
  let changeSet = await caches.builder.build(first.base, first.head, cachedParser(caches.parses));
  const asked: { side: 'base' | 'head'; path: string }[] = [];
  const askedKeys = new Set<string>();
  for (let round = 0; round <= MAX_SCRIPT_DEPTH && changeSet.unreadFiles; round++) {
    const fresh = changeSet.unreadFiles.filter((file) => !askedKeys.has(`${file.side}:${file.path}`));
    // Asked for again: it could not be read as text (too large, binary); the change set says so.
    if (fresh.length === 0) break;
    for (const file of fresh) askedKeys.add(`${file.side}:${file.path}`);
    asked.push(...fresh);
    // The bounds are checked against everything read this way for this change, not per round.
    const named = namedFileReads(sides, asked);
    for (const [oid, content] of await readBlobs(octokit, repo, named, caches.blobs)) contents.set(oid, content);
    trees = withNamedFiles(trees, sides, fresh, contents);
    changeSet = await caches.builder.build(trees.base, trees.head, cachedParser(caches.parses));
  }
  return { trees, changeSet };
}

/**
 * The first reads: the heads GitHub's patches make from their bases are made, once the bases are
 * read, and read only when that fails (see patchedHeads.ts).
 */
async function readFirst(
  octokit: GitHubClient,
  repo: RepositoryRef,
  sides: PullRequestSides,
  files: ChangedFileList['files'],
  knowsCalls: (key: string) => boolean,
  caches: AppCaches,
  prefetched: ReadonlyMap<string, BlobShape | null>,
): Promise<Map<string, BlobContent>> {
  const wanted = firstReads(sides, files, knowsCalls);
  const patched = patchedHeads(sides, files);
  const heads = new Map<string, BlobUse>();
  for (const [oid, use] of wanted) {
    if (!patched.has(oid) || caches.blobs.get(oid) !== undefined || prefetched.has(oid)) continue;
    heads.set(oid, use);
    wanted.delete(oid);
  }
  const contents = await readBlobs(octokit, repo, wanted, caches.blobs, prefetched);
  const { made, toRead } = await headsFromPatches(heads, patched, contents);
  for (const [oid, content] of made) {
    caches.blobs.set(oid, content);
    contents.set(oid, content);
  }
  for (const [oid, content] of await readBlobs(octokit, repo, toRead, caches.blobs)) contents.set(oid, content);
  return contents;
}

/** Where the base's CODEOWNERS is, if it has one: the policy may take owners from it, as GitHub does from the base. */
function baseCodeowners(sides: PullRequestSides): PreparedChange['baseCodeowners'] {
  const path = codeownersPath(sides.base.map((blob) => blob.path));
  const blob = path === null ? undefined : sides.base.find((b) => b.path === path);
  return blob ? { path: blob.path, blobSha: blob.blobSha } : null;
}

/** The PR's `.github/four-eyes.yml` at the head, when the PR changes it. */
function proposedPolicy(
  listing: ChangedFileList,
  sides: PullRequestSides,
  contents: ReadonlyMap<string, BlobContent>,
): string | null {
  if (!listing.files.some((file) => file.path === POLICY_PATH && file.status !== 'removed')) return null;
  const blob = sides.head.find((file) => file.path === POLICY_PATH);
  return blob ? (contents.get(blob.blobSha)?.text ?? null) : null;
}
