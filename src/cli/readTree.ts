import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { SourceFile, SourceTree } from '../terraform/sourceTree.js';
import { isIgnoredPath } from '../terraform/sourceTree.js';
import { UsageError } from './errors.js';

/** Reads every file under `root` (VCS and tool caches excepted) into a tree of POSIX paths. */
export function readSourceTree(root: string): SourceTree {
  const stat = statOrFail(root);
  if (!stat.isDirectory()) throw new UsageError(`not a directory: ${root}`);
  const files: SourceFile[] = [];
  walk(root, root, files);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files };
}

function walk(root: string, dir: string, out: SourceFile[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    const path = relative(root, full).split(sep).join('/');
    if (isIgnoredPath(path)) continue;
    if (entry.isDirectory()) walk(root, full, out);
    else if (entry.isFile()) out.push({ path, content: readText(full) });
    else if (entry.isSymbolicLink()) {
      // Skipping a link silently could hide a change: follow links to files, refuse the rest.
      if (statOrFail(full).isFile()) out.push({ path, content: readText(full) });
      else throw new UsageError(`${full} is a symbolic link to a directory; Four Eyes does not follow those (copy the tree without links)`);
    }
  }
}

/** Reads the given files, and the Terraform files under the given directories. */
export function readTerraformPaths(paths: string[], isTerraform: (path: string) => boolean): SourceFile[] {
  const files: SourceFile[] = [];
  for (const path of paths) {
    if (statOrFail(path).isDirectory()) {
      for (const file of readSourceTree(path).files) {
        if (isTerraform(file.path)) files.push({ path: join(path, file.path).split(sep).join('/'), content: file.content });
      }
    } else {
      files.push({ path: path.split(sep).join('/'), content: readText(path) });
    }
  }
  return files;
}

function statOrFail(path: string) {
  try {
    return statSync(path);
  } catch {
    throw new UsageError(`no such file or directory: ${path}`);
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : 'unreadable';
    throw new UsageError(`cannot read ${path} (${reason})`);
  }
}
