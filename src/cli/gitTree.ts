import { isTerraformPath } from '../terraform/parseFile.js';
import type { SourceFile, SourceTree } from '../terraform/sourceTree.js';
import { isIgnoredPath } from '../terraform/sourceTree.js';
import { git, gitBytes } from './git.js';

/** Paths whose content matters beyond "did it change": Terraform files and the policy file. */
function needsContent(path: string): boolean {
  return isTerraformPath(path) || path === '.github/four-eyes.yml' || path === '.github/four-eyes.yaml';
}

/**
 * The files of one commit. Terraform files (and the policy) are read; every other file is
 * represented by its blob id, which is all the change set needs to see that it changed.
 */
export function readGitTree(repo: string, commit: string): SourceTree {
  const listing = git(repo, ['ls-tree', '-r', '-z', '--full-tree', commit]);
  const blobs: { path: string; sha: string }[] = [];
  for (const entry of listing.split('\0')) {
    if (!entry) continue;
    const tab = entry.indexOf('\t');
    const [, type, sha] = entry.slice(0, tab).split(' ');
    const path = entry.slice(tab + 1);
    if (type === 'blob' && sha && !isIgnoredPath(path)) blobs.push({ path, sha });
  }
  const wanted = blobs.filter((b) => needsContent(b.path));
  const contents = readBlobs(repo, wanted.map((b) => b.sha));
  const files: SourceFile[] = blobs.map((b) => ({ path: b.path, content: needsContent(b.path) ? contents.get(b.sha) ?? '' : `blob ${b.sha}` }));
  return { files };
}

/** `git cat-file --batch`: many blobs in one process. */
function readBlobs(repo: string, shas: string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (shas.length === 0) return out;
  const unique = [...new Set(shas)];
  const buffer = gitBytes(repo, ['cat-file', '--batch'], unique.join('\n') + '\n');
  let offset = 0;
  for (const sha of unique) {
    const headerEnd = buffer.indexOf(10, offset);
    const header = buffer.subarray(offset, headerEnd).toString('utf8');
    const size = Number(header.split(' ')[2]);
    out.set(sha, buffer.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8'));
    offset = headerEnd + 1 + size + 1;
  }
  return out;
}
