import { POLICY_PATH } from '../config/loadPolicy.js';
import { isTerraformPath } from '../terraform/parseFile.js';
import type { SourceFile, SourceTree } from '../terraform/sourceTree.js';
import type { BlobText } from './blobs.js';
import type { ChangedFile } from './changedFiles.js';

/** Files whose contents matter: Terraform and OpenTofu configuration (parsed and compared) and the policy file (validated). */
export function needsContent(file: ChangedFile): boolean {
  return isTerraformPath(file.path) || (file.previousPath !== undefined && isTerraformPath(file.previousPath)) || file.path === POLICY_PATH;
}

/** The two lookups per file whose contents matter: the base at its old path, the head at its path. */
export function contentExpressions(files: ChangedFile[], baseSha: string, headSha: string): string[] {
  return files.filter(needsContent).flatMap((file) => [`${baseSha}:${file.previousPath ?? file.path}`, `${headSha}:${file.path}`]);
}

/**
 * The changed files at base and head, as the pure core reads them. Contents of Terraform files
 * and the policy come from `contents` (absent at a side: not in that tree). Other files get a
 * stand-in that differs exactly when GitHub says they differ, so file rules (CODEOWNERS,
 * workflows) see every change without a download.
 */
export function pullRequestTrees(files: ChangedFile[], baseSha: string, headSha: string, contents: Map<string, BlobText | null>): { base: SourceTree; head: SourceTree } {
  const base: SourceFile[] = [];
  const head: SourceFile[] = [];
  for (const file of files) {
    if (file.status === 'unchanged') continue;
    const basePath = file.previousPath ?? file.path;
    if (needsContent(file)) {
      const before = contents.get(`${baseSha}:${basePath}`);
      const after = contents.get(`${headSha}:${file.path}`);
      if (before) base.push({ path: basePath, content: before.text, blobSha: before.oid });
      if (after) head.push({ path: file.path, content: after.text, blobSha: after.oid });
      continue;
    }
    const sameContent = file.status === 'renamed' && file.blobSha !== null ? `four-eyes:blob:${file.blobSha}` : null;
    if (file.status !== 'added' && file.status !== 'copied') base.push({ path: basePath, content: sameContent ?? `four-eyes:base:${basePath}` });
    if (file.status !== 'removed') head.push({ path: file.path, content: sameContent ?? `four-eyes:head:${file.blobSha ?? file.path}` });
  }
  return { base: { files: base }, head: { files: head } };
}
