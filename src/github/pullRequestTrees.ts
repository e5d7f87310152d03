import { isPipelinePath } from '../change/pipelineCommands.js';
import { POLICY_PATH } from '../config/loadPolicy.js';
import { isReachedSource, type ReachedConfiguration } from '../terraform/affectedModules.js';
import { isEnvironmentVariablesPath, isTerraformSourcePath, isVariablesPath } from '../terraform/configurationFiles.js';
import { isDocumentation } from '../terraform/documentation.js';
import { moduleDirectory } from '../terraform/modulePaths.js';
import type { SourceFile, SourceTree } from '../terraform/sourceTree.js';
import { isIgnoredPath } from '../terraform/sourceTree.js';
import type { BlobContent, BlobUse } from './blobs.js';
import { CannotReadChange } from './cannotReadChange.js';
import type { ChangedFile } from './changedFiles.js';
import { configurationFiles, moduleSourcesKey } from './moduleGraph.js';
import { changedPaths, type PullRequestSides } from './pullRequestSides.js';
import { checkNamedReads, READ_LIMITS } from './readLimits.js';
import { SYMBOLIC_LINK, type TreeBlob } from './repositoryTree.js';

/** Terraform, the policy file and CI pipelines are sources, read whole; any other changed file is a value. */
export function blobUse(path: string): BlobUse {
  return isTerraformSourcePath(path) || path === POLICY_PATH || isPipelinePath(path) ? 'source' : 'value';
}

/** Terraform files outside tool caches: what the configuration is made of. */
function isTerraformSource(file: TreeBlob): boolean {
  return isTerraformSourcePath(file.path) && !isIgnoredPath(file.path);
}

/** The bytes of every Terraform file of both sides, once per blob: what the read limits bound. */
export function terraformSizes(
  sides: PullRequestSides,
  contents: ReadonlyMap<string, BlobContent> = new Map(),
): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const file of [...sides.base, ...sides.head]) {
    if (isTerraformSource(file)) sizes.set(file.blobSha, file.size ?? contents.get(file.blobSha)?.byteSize ?? 0);
  }
  return sizes;
}

/**
 * What is read before the affected modules are known: every changed file (values and sources),
 * the configuration files whose module calls are not known yet (to find who calls whom), and the
 * variable files of every module (few and small; one round of reads instead of two).
 */
export function firstReads(
  sides: PullRequestSides,
  files: ChangedFile[],
  knowsCalls: (key: string) => boolean,
): Map<string, BlobUse> {
  const wanted = new Map<string, BlobUse>();
  const want = (file: TreeBlob) => {
    const use = blobUse(file.path);
    if (use === 'value' && file.size !== null && file.size > READ_LIMITS.changedFileBytes) return;
    if (wanted.get(file.blobSha) !== 'source') wanted.set(file.blobSha, use);
  };
  const changed = changedPaths(files);
  for (const file of sides.base) if (changed.base.has(file.path)) want(file);
  for (const file of sides.head) if (changed.head.has(file.path)) want(file);
  const configurations = configurationFiles(sides);
  for (const file of configurations) if (!knowsCalls(moduleSourcesKey(file))) want(file);
  const modules = new Set(configurations.map((file) => moduleDirectory(file.path)));
  for (const file of [...sides.base, ...sides.head]) {
    // A workflow's TF_VAR_s may set any root's variables: read with the first reads, not after them.
    const forModules = modules.has(moduleDirectory(file.path)) || isEnvironmentVariablesPath(file.path);
    if (isVariablesPath(file.path) && !isIgnoredPath(file.path) && forModules) want(file);
    // What a pipeline runs may be any changed file (change/ciRunFiles.ts): every pipeline is read.
    else if (isPipelinePath(file.path) && !isIgnoredPath(file.path)) want(file);
  }
  return wanted;
}

/**
 * The Terraform files the change reaches (affected modules' files, the var files of affected
 * roots and of no root), at both sides: what the change set is built from.
 */
export function affectedReads(sides: PullRequestSides, reached: ReachedConfiguration): Map<string, BlobUse> {
  const wanted = new Map<string, BlobUse>();
  for (const file of [...sides.base, ...sides.head]) {
    if (isTerraformSource(file) && isReachedSource(file.path, reached)) wanted.set(file.blobSha, 'source');
  }
  return wanted;
}

/**
 * The two trees the pure core compares: the Terraform files the change reaches, every CI
 * pipeline (what it runs may be any changed file), and every changed file. A changed file is there with its text when it was read (sources always;
 * values when text of at most READ_LIMITS.changedFileBytes); otherwise, or when its text is the
 * same at both sides (a mode change), with a stand-in that differs exactly when GitHub says the
 * file changed, so file rules (CODEOWNERS, workflows) see every change.
 */
export function pullRequestTrees(
  sides: PullRequestSides,
  files: ChangedFile[],
  reached: ReachedConfiguration,
  contents: ReadonlyMap<string, BlobContent>,
): { base: SourceTree; head: SourceTree } {
  const changed = changedPaths(files);
  const base = reachedFiles(sides.base, changed.base, reached, contents);
  const head = reachedFiles(sides.head, changed.head, reached, contents);
  const baseByPath = new Map(sides.base.map((file) => [file.path, file]));
  const headByPath = new Map(sides.head.map((file) => [file.path, file]));
  for (const file of files) {
    if (file.status === 'unchanged') continue;
    const basePath = file.previousPath ?? file.path;
    const gitlink = submoduleCommits(file.patch);
    if (gitlink) {
      // A submodule: the base tree does not list it, and its "blob" is a commit. The core is given
      // what Git shows of it, so it can say the submodule changed (classify: submodule-commit).
      if (gitlink.base && changed.base.has(basePath)) base.push({ path: basePath, content: gitlink.base });
      if (gitlink.head && changed.head.has(file.path)) head.push({ path: file.path, content: gitlink.head });
      continue;
    }
    const baseFile = baseByPath.get(basePath);
    if (baseFile && isTerraformSource(baseFile) && changed.base.has(basePath)) refuseLink(baseFile, contents);
    // A link the PR adds or retargets is read as its target's path: any file that may be a value is refused.
    const headFile = headByPath.get(file.path);
    if (headFile && changed.head.has(file.path) && !isDocumentation(file.path)) refuseLink(headFile, contents);
    const before = changed.base.has(basePath) ? readFile(baseFile, contents) : undefined;
    const after = changed.head.has(file.path) ? readFile(headByPath.get(file.path), contents) : undefined;
    if (
      blobUse(file.path) === 'source' ||
      (file.previousPath !== undefined && blobUse(file.previousPath) === 'source')
    ) {
      // A source absent at a side is not in that tree (the base branch may have deleted it since).
      if (before) base.push(before);
      if (after) head.push(after);
      continue;
    }
    const sameText = before && after && before.content === after.content;
    if (before !== undefined && !sameText) base.push(before);
    else if (changed.base.has(basePath)) base.push({ path: basePath, content: standIn(file, 'base') });
    if (after !== undefined && !sameText) head.push(after);
    else if (changed.head.has(file.path)) head.push({ path: file.path, content: standIn(file, 'head') });
  }
  return {
    base: { files: base, notRead: notRead(sides.base, base) },
    head: { files: head, notRead: notRead(sides.head, head) },
  };
}

/** The paths of a side's files that are not in its tree: the core learns they exist, and says when it needs one. */
function notRead(side: TreeBlob[], tree: SourceFile[]): string[] {
  const read = new Set(tree.map((file) => file.path));
  return side.filter((file) => !read.has(file.path)).map((file) => file.path);
}

/**
 * The blobs of the files a change set names in `unreadFiles`: files that a file function or a
 * command line of the configuration reads (`file("${path.module}/admin.json")`) but that the
 * change did not touch, so they were not read. Unchanged, each is the same blob at both sides.
 */
export function namedFileReads(sides: PullRequestSides, unread: readonly { path: string }[]): Map<string, BlobUse> {
  const paths = new Set(unread.map((file) => file.path));
  const wanted = new Map<string, BlobUse>();
  const sizes = new Map<string, number | null>();
  for (const file of [...sides.base, ...sides.head]) {
    if (paths.has(file.path) && (file.size === null || file.size <= READ_LIMITS.changedFileBytes)) {
      wanted.set(file.blobSha, 'value');
      sizes.set(file.blobSha, file.size);
    }
  }
  checkNamedReads([...sizes.values()]);
  return wanted;
}

/** The trees with the named files that could be read as text added, at every side that has them. */
export function withNamedFiles(
  trees: { base: SourceTree; head: SourceTree },
  sides: PullRequestSides,
  unread: readonly { path: string }[],
  contents: ReadonlyMap<string, BlobContent>,
): { base: SourceTree; head: SourceTree } {
  const paths = new Set(unread.map((file) => file.path));
  const add = (tree: SourceTree, side: TreeBlob[]): SourceTree => {
    for (const file of side) if (paths.has(file.path)) refuseLink(file, contents);
    const named = side.flatMap((file) => (paths.has(file.path) ? (readFile(file, contents) ?? []) : []));
    const added = new Set(named.map((file) => file.path));
    return { files: [...tree.files, ...named], notRead: (tree.notRead ?? []).filter((path) => !added.has(path)) };
  };
  return { base: add(trees.base, sides.base), head: add(trees.head, sides.head) };
}

function reachedFiles(
  side: TreeBlob[],
  changed: ReadonlySet<string>,
  reached: ReachedConfiguration,
  contents: ReadonlyMap<string, BlobContent>,
): SourceFile[] {
  const files: SourceFile[] = [];
  const readOrFail = (file: TreeBlob) => {
    const read = readFile(file, contents);
    if (!read)
      throw new Error(`${file.path} (blob ${file.blobSha.slice(0, 7)}), which the change reaches, was not read`);
    files.push(read);
  };
  for (const file of side) {
    if (changed.has(file.path) || isIgnoredPath(file.path)) continue;
    if (isPipelinePath(file.path)) {
      // Read for what it runs and the variables it sets; GitHub runs no workflow that is a link.
      if (file.mode !== SYMBOLIC_LINK) readOrFail(file);
    } else if (isTerraformSource(file) && isReachedSource(file.path, reached)) {
      refuseLink(file, contents);
      readOrFail(file);
    }
  }
  return files;
}

/**
 * A file the core needs that is a symbolic link fails the check: Terraform reads the file it
 * points to, but a blob read from GitHub is the link's target path. Judging that text would judge
 * something else than what runs (a `.tf` link would not parse; a JSON policy behind a link would
 * hide its statements), so nothing is decided until the link is replaced.
 */
function refuseLink(file: TreeBlob, contents: ReadonlyMap<string, BlobContent>): void {
  if (file.mode !== SYMBOLIC_LINK) return;
  const target = contents.get(file.blobSha)?.text?.trim();
  throw new CannotReadChange(
    `${file.path} is a symbolic link${target ? ` to ${target}` : ''}: Terraform reads the file it points to, but Four Eyes reads files from GitHub as stored, where a link is only its target's path`,
    'Replace the link with a copy of the file, or share the code as a local module (module "x" { source = "../shared" }), so that what Four Eyes judges is what Terraform runs.',
    'a file this change needs is a symbolic link',
  );
}

function readFile(file: TreeBlob | undefined, contents: ReadonlyMap<string, BlobContent>): SourceFile | undefined {
  const text = file ? contents.get(file.blobSha)?.text : null;
  return file && typeof text === 'string' ? { path: file.path, content: text, blobSha: file.blobSha } : undefined;
}

/** A submodule's commits before and after, as Git shows them, from its patch; null for any other file. */
function submoduleCommits(patch: string | undefined): { base?: string; head?: string } | null {
  if (!patch) return null;
  const lines = patch.split('\n').filter((line) => !line.startsWith('@@') && line !== '');
  const commit = (sign: string) => lines.find((line) => line.startsWith(sign))?.slice(1);
  if (lines.length === 0 || !lines.every((line) => /^[-+]Subproject commit [0-9a-f]{40}$/.test(line))) return null;
  const before = commit('-');
  const after = commit('+');
  return { ...(before ? { base: before + '\n' } : {}), ...(after ? { head: after + '\n' } : {}) };
}

/** A content standing for a file that was not read: equal at both sides only for a rename that kept the blob. */
function standIn(file: ChangedFile, side: 'base' | 'head'): string {
  if (file.status === 'renamed' && file.blobSha !== null) return `four-eyes:blob:${file.blobSha}`;
  return side === 'base'
    ? `four-eyes:base:${file.previousPath ?? file.path}`
    : `four-eyes:head:${file.blobSha ?? file.path}`;
}
