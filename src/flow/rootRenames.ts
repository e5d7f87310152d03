import type { FileChange } from '../terraform/fileChanges.js';
import { baseName, moduleDirectory } from '../terraform/modulePaths.js';
import { isTerraformPath } from '../terraform/parseFile.js';
import type { FlowSide } from './followValues.js';

/**
 * Roots that moved as a whole: a base root gone from its directory whose Terraform files all
 * reappear (by name, at least one of them byte for byte) in one new directory, with the same
 * backend configuration. Its state follows the backend, so its objects keep their identity; a
 * changed backend means a new state, and so a delete and a create of everything.
 */
export function renamedRoots(
  base: FlowSide,
  head: FlowSide,
  files: readonly FileChange[],
  baseRoots: readonly string[],
  headRoots: readonly string[],
): Map<string, string> {
  const renames = new Map<string, string>();
  const headRootSet = new Set(headRoots);
  for (const root of baseRoots) {
    if (head.modules.has(root) || head.unknownModules.has(root)) continue;
    const targets = new Set(
      files
        .filter(
          (file) =>
            file.status === 'renamed' && file.previousPath !== undefined && moduleDirectory(file.previousPath) === root,
        )
        .map((file) => moduleDirectory(file.path)),
    );
    if (targets.size !== 1) continue;
    const target = [...targets][0]!;
    if (!headRootSet.has(target) || base.modules.has(target) || base.unknownModules.has(target)) continue;
    const names = (side: FlowSide, dir: string) =>
      [...side.files.keys()].filter((path) => isTerraformPath(path) && moduleDirectory(path) === dir).map(baseName);
    const targetNames = new Set(names(head, target));
    if (!names(base, root).every((name) => targetNames.has(name))) continue;
    if (backendText(base, root) !== backendText(head, target)) continue;
    renames.set(root, target);
  }
  return renames;
}

function backendText(side: FlowSide, dir: string): string {
  const objects = side.modules.get(dir);
  if (!objects) return '';
  return [...objects.values()]
    .filter((object) => object.kind === 'backend' || object.kind === 'cloud')
    .map(
      (object) =>
        object.address +
        ':' +
        object.ref.body.attributes
          .map((attribute) => `${attribute.name}=${attribute.text}`)
          .sort()
          .join(';'),
    )
    .sort()
    .join('\n');
}
