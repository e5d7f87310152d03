import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { configurationFiles } from '../terraform/configurationFiles.js';
import { isTerraformPath } from '../terraform/parseFile.js';
import type { SourceFile, SourceTree } from '../terraform/sourceTree.js';
import { isIgnoredPath, isInTerraformDataDirectory } from '../terraform/sourceTree.js';
import { UsageError } from './errors.js';
import { fileDigest, linkDigest } from './fileDigest.js';

/**
 * Reads every file under `root` (VCS metadata and node_modules excepted) into a tree of POSIX
 * paths. Files under `.terraform/` are only compared, never parsed: each is its content hash (a
 * link: its target), so a committed provider plugin costs no memory and compares byte-exactly.
 * A file with the same path and content as in `sameAs` (the base, when this is the head) keeps
 * that tree's text: two revisions of a repository are mostly the same files, held once.
 */
export function readSourceTree(root: string, sameAs?: SourceTree): SourceTree {
  const before = sameAs ? new Map(sameAs.files.map((file) => [file.path, file.content])) : null;
  const files = listFiles(root).map(({ path, full }): SourceFile => {
    const content = isDataPath(path) ? dataFileContent(full) : readText(full);
    const known = before?.get(path);
    return { path, content: known === content ? known : content };
  });
  return { files };
}

/**
 * Reads the given files, and the configuration files under the given directories as Terraform
 * and OpenTofu load them (`main.tofu` replaces `main.tf`, see configurationFiles).
 */
export function readConfigurationPaths(paths: string[]): SourceFile[] {
  const files: SourceFile[] = [];
  for (const path of paths) {
    if (statOrFail(path).isDirectory()) {
      // Chosen by paths relative to the directory: what lies above it (a .terraform/ the user asked for) does not count.
      const read = listFiles(path)
        .filter((file) => isTerraformPath(file.path))
        .map((file) => ({ path: file.path, content: readText(file.full) }));
      for (const file of configurationFiles(read))
        files.push({ path: join(path, file.path).split(sep).join('/'), content: file.content });
    } else {
      files.push({ path: path.split(sep).join('/'), content: readText(path) });
    }
  }
  return files;
}

interface ListedFile {
  /** POSIX path relative to the root */
  path: string;
  /** path on disk */
  full: string;
}

/** Every file under `root`, sorted by path. */
function listFiles(root: string): ListedFile[] {
  const stat = statOrFail(root);
  if (!stat.isDirectory()) throw new UsageError(`not a directory: ${root}`);
  const files: ListedFile[] = [];
  walk(root, root, files);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function walk(root: string, dir: string, out: ListedFile[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    const path = relative(root, full).split(sep).join('/');
    if (isIgnoredPath(path)) continue;
    if (entry.isDirectory()) walk(root, full, out);
    else if (entry.isFile()) out.push({ path, full });
    else if (entry.isSymbolicLink()) {
      // Terraform links plugin-cache directories into .terraform/: compared by target, as Git would.
      if (isDataPath(path)) out.push({ path, full });
      // Skipping a link silently could hide a change: follow links to files, refuse the rest.
      else if (statOrFail(full).isFile()) out.push({ path, full });
      else
        throw new UsageError(
          `${full} is a symbolic link to a directory; Four Eyes does not follow those (copy the tree without links)`,
        );
    }
  }
}

/** Under `.terraform/`, or a `.terraform` link itself. */
function isDataPath(path: string): boolean {
  return isInTerraformDataDirectory(path) || path.split('/').at(-1) === '.terraform';
}

function dataFileContent(full: string): string {
  return attempt(full, () => {
    const target = symbolicLinkTarget(full);
    return target === undefined ? fileDigest(full) : linkDigest(target);
  });
}

function symbolicLinkTarget(full: string): string | undefined {
  try {
    return readlinkSync(full);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EINVAL') return undefined;
    throw error;
  }
}

function statOrFail(path: string) {
  try {
    return statSync(path);
  } catch {
    throw new UsageError(`no such file or directory: ${path}`);
  }
}

function readText(path: string): string {
  return attempt(path, () => readFileSync(path, 'utf8'));
}

function attempt<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const reason =
      error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : 'unreadable';
    throw new UsageError(`cannot read ${path} (${reason})`);
  }
}
