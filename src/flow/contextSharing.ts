import type { Expression } from '../terraform/model.js';
import type { Reads, ReferenceKind } from './reachInputs.js';
import type { ModuleScope } from './scope.js';
import type { ValueReach } from './valueReach.js';
import type { VarAssignment } from './varFiles.js';

/**
 * What a var-file context of a root shares with the root's auto-loaded context, resolved first:
 * a value that reads no root variable the var file sets (directly or through locals, module
 * inputs, defaults and outputs, as ValueReach follows them) is the same value in both, so the
 * Resolver takes the one it already has rather than resolving it again. A root's var files
 * mostly set a few variables each (and every object of a large configuration reads one of them
 * somewhere): most of what each context would resolve is the auto-loaded context's.
 */
export interface SharedContext {
  /** the scope key of the auto-loaded context's root (see rootScope): `key` of a scope there is this and its call path */
  baseKey: string;
  /** the auto-loaded context itself: it keeps what the others share, and shares nothing */
  isBase: boolean;
  /** whether a reference in `scope` (see ValueReach.referenceReads) reads nothing this context sets otherwise */
  sharesReference(kind: ReferenceKind, name: string, scope: ModuleScope): boolean;
  /** whether an expression read in `scope` reads nothing this context sets otherwise */
  sharesExpression(expr: Expression, scope: ModuleScope): boolean;
}

/**
 * The sharing of one var-file context: `reach` answers what values read in the root's code (one
 * ValueReach per root and side, whose answers hold for every context); a root variable whose
 * assignment is another object than the auto-loaded context's (another file's, or one only one
 * of them has) is set otherwise.
 */
export function sharedContext(
  baseKey: string,
  reach: ValueReach,
  autoLoaded: ReadonlyMap<string, VarAssignment>,
  values: ReadonlyMap<string, VarAssignment> | null,
): SharedContext {
  if (values === null) return { baseKey, isBase: true, sharesReference: () => false, sharesExpression: () => false };
  const setOtherwise = new Set<string>();
  for (const [name, value] of values) if (autoLoaded.get(name) !== value) setOtherwise.add(name);
  for (const [name, value] of autoLoaded) if (values.get(name) !== value) setOtherwise.add(name);
  const untouched = (reads: Reads) => {
    if (reads === true) return false;
    for (const name of reads) if (setOtherwise.has(name)) return false;
    return true;
  };
  return {
    baseKey,
    isBase: false,
    sharesReference: (kind, name, scope) => untouched(reach.referenceReads(kind, name, scope)),
    sharesExpression: (expr, scope) => untouched(reach.valueReads(expr, scope)),
  };
}
