import type { Diagnostic, ParsedFile } from './model.js';

/**
 * Git LFS commits a small pointer in place of a file's content and keeps the content elsewhere
 * (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md). A checkout with LFS, as a
 * pipeline makes, gives Terraform the real content; the tree, and so Four Eyes, holds only the
 * pointer.
 */
const POINTER_START = /^version https:\/\/(git-lfs|hawser)\.github\.com\/spec\/v1\n/;
const POINTER_OID = /^oid sha256:[0-9a-f]{64}$/m;
/** The specification caps a pointer at 1024 bytes. */
const MAX_POINTER_CHARS = 1024;

export function isLfsPointer(content: string): boolean {
  return content.length <= MAX_POINTER_CHARS && POINTER_START.test(content) && POINTER_OID.test(content);
}

/** Why a configuration or variables file that is an LFS pointer cannot be read, and what to do. */
export function lfsPointerDiagnostic(): Diagnostic {
  return {
    severity: 'error',
    message:
      'a Git LFS pointer, not Terraform: the content Terraform runs is stored outside the repository, where no reviewer sees it; commit Terraform files as text (remove their pattern from the LFS rules in .gitattributes)',
    range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
  };
}

/** An LFS pointer read as a configuration file: nothing in it, and the error above. */
export function lfsPointerFile(path: string, syntax: ParsedFile['syntax']): ParsedFile {
  return { path, syntax, attributes: [], blocks: [], diagnostics: [lfsPointerDiagnostic()] };
}
