import { baseName } from './modulePaths.js';

const DOCUMENTATION = /\.(md|markdown|rst|adoc|txt|png|jpe?g|gif|svg|ico|pdf)$/i;
const DOCUMENTATION_NAMES = new Set([
  'LICENSE',
  'NOTICE',
  'CHANGELOG',
  'AUTHORS',
  'CODEOWNERS',
  '.gitignore',
  '.gitattributes',
  '.editorconfig',
]);

/** Files no Terraform configuration reads as a value: documentation and repository housekeeping. */
export function isDocumentation(path: string): boolean {
  return DOCUMENTATION.test(path) || DOCUMENTATION_NAMES.has(baseName(path));
}
