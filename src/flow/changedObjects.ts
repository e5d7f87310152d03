import type { ComparableObject } from '../terraform/comparableObjects.js';
import type { CompareContext } from './compareInstances.js';

type Modules = ReadonlyMap<string, ReadonlyMap<string, ComparableObject>>;

/**
 * Whether a module directory's object is defined otherwise at the head than at the base: on one
 * side only, made of other files, or with a different canonical text (the paths `literalPaths`
 * reports, and a local's own text). An object of unchanged files only is the same without reading
 * it. Absent at both sides, a reference to it stays as written on both. A directory with a
 * Terraform file that does not parse at either side is unknown: every object of it changed.
 * Answers are kept: every root and var-file context asks again.
 */
export function changedObjects(
  base: Modules,
  head: Modules,
  changedPaths: ReadonlySet<string>,
  unknownDirs: ReadonlySet<string>,
  literalPaths: CompareContext['literalPaths'],
): (dir: string, address: string) => boolean {
  const memo = new Map<string, boolean>();
  const differs = (dir: string, address: string): boolean => {
    if (unknownDirs.has(dir)) return true;
    const before = base.get(dir)?.get(address);
    const after = head.get(dir)?.get(address);
    if (!before || !after) return before !== after;
    if (before.files.length !== after.files.length || after.files.some((file, i) => file !== before.files[i]))
      return true;
    if (!after.files.some((file) => changedPaths.has(file))) return false;
    return before.attribute?.text !== after.attribute?.text || literalPaths(before, after).length > 0;
  };
  return (dir, address) => {
    const key = dir + '\u0000' + address;
    let known = memo.get(key);
    if (known === undefined) {
      known = differs(dir, address);
      memo.set(key, known);
    }
    return known;
  };
}
