import type { FileChange } from '../terraform/fileChanges.js';
import { isTerraformPath } from '../terraform/parseFile.js';
import { parseHcl } from '../terraform/parser.js';
import { sameConfiguration } from '../terraform/sameConfiguration.js';
import type { SourceTree } from '../terraform/sourceTree.js';
import { isTerragruntPath } from '../terraform/terragrunt.js';

/**
 * Changed HCL files that are not configuration (Terragrunt's `env.hcl`, `_envcommon/*.hcl`, the
 * lock file, a TFLint configuration) whose change is comments and layout only: they parse to the
 * same at both sides, so whatever reads them reads the same, and no rule about them as files has
 * anything to judge (a typo fixed in an `env.hcl`'s comment was `high`).
 */
export function cosmeticHclFiles(files: readonly FileChange[], base: SourceTree, head: SourceTree): string[] {
  const candidates = files.filter(
    (file) =>
      file.status === 'modified' &&
      file.path.endsWith('.hcl') &&
      !isTerraformPath(file.path) &&
      !isTerragruntPath(file.path),
  );
  if (candidates.length === 0) return [];
  const textOf = (tree: SourceTree) => new Map(tree.files.map((file) => [file.path, file.content]));
  const before = textOf(base);
  const after = textOf(head);
  return candidates
    .filter((file) => {
      const [a, b] = [before.get(file.path), after.get(file.path)];
      return a !== undefined && b !== undefined && sameConfiguration(parseHcl(a, file.path), parseHcl(b, file.path));
    })
    .map((file) => file.path);
}
