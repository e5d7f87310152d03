import { isTerraformSourcePath } from '../terraform/configurationFiles.js';
import type { SourceFile, SourceTree } from '../terraform/sourceTree.js';
import { isGitMetadataPath, isIgnoredPath } from '../terraform/sourceTree.js';
import { git, gitBytes } from './git.js';

/** Files larger than this are compared by blob id only: no var file, policy or script is that big. */
const MAX_VALUE_BYTES = 1_000_000;

/** Paths read whatever their size: Terraform sources (configuration and var files) and the policy file. */
function isSource(path: string): boolean {
  return isTerraformSourcePath(path) || path === '.github/four-eyes.yml' || path === '.github/four-eyes.yaml';
}

/**
 * The files of one commit. Terraform sources and the policy are read; so is every other text file
 * of at most 1 MB, since `file()`, `templatefile()` and provisioners make files values. Larger and
 * binary files, and committed packages (`node_modules`), are represented by their blob id, which
 * is all the change set needs to see that they changed.
 */
export function readGitTree(repo: string, commit: string): SourceTree {
  const listing = git(repo, ['ls-tree', '-r', '-l', '-z', '--full-tree', commit]);
  const blobs: { path: string; sha: string; size: number }[] = [];
  for (const entry of listing.split('\0')) {
    if (!entry) continue;
    const tab = entry.indexOf('\t');
    const [, type, sha, size] = entry.slice(0, tab).trim().split(/\s+/);
    const path = entry.slice(tab + 1);
    if (type === 'blob' && sha && !isGitMetadataPath(path)) blobs.push({ path, sha, size: Number(size) });
  }
  // Committed packages are compared by blob id: they can be large, and are never read as values.
  const wanted = blobs.filter((b) => !isIgnoredPath(b.path) && (isSource(b.path) || b.size <= MAX_VALUE_BYTES));
  const contents = readBlobs(
    repo,
    wanted.map((b) => b.sha),
  );
  const files: SourceFile[] = blobs.map((b) => {
    const content = contents.get(b.sha);
    const readable = content !== undefined && (isSource(b.path) || !content.includes('\0'));
    return { path: b.path, content: readable ? content : `blob ${b.sha}` };
  });
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
