import { baseName } from './modulePaths.js';

/** Images and documents: nothing a configuration reads as a value it could be judged by. */
const MEDIA = /\.(png|jpe?g|gif|svg|ico|pdf)$/i;
/** A repository's own documentation and housekeeping, by name (`README.md`, `docs/CHANGELOG.md`). */
const REPOSITORY_DOCUMENTS =
  /^(readme|changelog|changes|history|license|licence|copying|notice|authors|contributors|contributing|code_of_conduct|security|support|upgrade|upgrading|migration)(([-_.][\w.-]*)?\.(md|markdown|rst|adoc|txt))?$/i;
const HOUSEKEEPING = new Set(['CODEOWNERS', '.gitignore', '.gitattributes', '.editorconfig']);
/** Prose by extension: usually documentation, but a configuration may read one (`file("keys.txt")`). */
const PROSE = /\.(md|markdown|rst|adoc|txt)$/i;

/**
 * Files no Terraform configuration reads as a value: images, and a repository's documentation
 * and housekeeping by their conventional names. Other prose (`policies/admin.txt`,
 * `keys/authorized.md`) is a value like any file: `file()` reads it as readily as a `.json`.
 */
export function isDocumentation(path: string): boolean {
  const name = baseName(path);
  return MEDIA.test(name) || HOUSEKEEPING.has(name) || REPOSITORY_DOCUMENTS.test(name);
}

/**
 * Prose that is not a repository document (`docs/guide.md`, `policies/admin.txt`): a value when
 * a configuration reads it by a known path, but not worth a finding of its own when only a path
 * known at apply time might read it (most such files are documentation).
 */
export function isProse(path: string): boolean {
  return PROSE.test(baseName(path)) && !isDocumentation(path);
}
