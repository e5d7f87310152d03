import { mayExportVariables } from '../terraform/configurationFiles.js';
import { isProse } from '../terraform/documentation.js';
import type { FileChange } from '../terraform/fileChanges.js';
import type { FlowResult, FlowSide } from './followValues.js';
import { filesNamedNotRead } from './namedFiles.js';
import type { Resolver } from './resolver.js';
import type { VarFileOwner } from './rootContexts.js';

/**
 * Changed value sources Four Eyes cannot place: var files no root owns or declares a variable of,
 * and value files a file function whose path is known only at apply time may read.
 */
export function unreachedSources(
  varFiles: readonly FileChange[],
  valueFiles: readonly FileChange[],
  roots: ReadonlySet<string>,
  owns: { base: VarFileOwner; head: VarFileOwner },
  baseSide: FlowSide,
  headSide: FlowSide,
  base: Resolver,
  head: Resolver,
): FlowResult['unreached'] {
  const out: FlowResult['unreached'] = [];
  // Only the changed var files are asked about: every root for each, not every var file too.
  const changed = new Set(varFiles.map((file) => file.path));
  const adoptedPaths = new Set<string>();
  for (const [side, owner] of [
    [baseSide, owns.base],
    [headSide, owns.head],
  ] as const) {
    for (const file of side.varFiles) {
      if (!changed.has(file.path) || adoptedPaths.has(file.path)) continue;
      for (const root of roots) {
        if (owner(root, file)) {
          adoptedPaths.add(file.path);
          break;
        }
      }
    }
  }
  // A workflow that sets no TF_VAR_ at either side is no var file to adopt.
  const setsNothing = (path: string) =>
    [baseSide, headSide].every(
      (side) => !side.varFiles.some((file) => file.path === path && file.assignments.length > 0),
    );
  // A var file code reads as a value (`decode_tfvars(file(...))`) is placed where it is read.
  const read = (path: string) => base.digests.has(`file|${path}`) || head.digests.has(`file|${path}`);
  for (const file of varFiles) {
    if (read(file.path)) continue;
    if (!adoptedPaths.has(file.path) && !(mayExportVariables(file.path) && setsNothing(file.path)))
      out.push({
        path: file.path,
        reason:
          'no root module in its directory or above it reads it, and no root declares a variable it sets, so Four Eyes cannot tell which configuration it sets',
      });
  }
  const unresolved = [...base.unresolvedReads, ...head.unresolvedReads];
  const unclaimed: FileChange[] = [];
  for (const file of valueFiles) {
    const reader = unresolved.find((candidate) => !candidate.mayName || candidate.mayName.test(file.path));
    if (!reader) {
      unclaimed.push(file);
      continue;
    }
    if (isProse(file.path) || read(file.path)) continue;
    out.push({
      path: file.path,
      reason: `it may be read by ${reader.text} (module ${reader.file}, line ${reader.line}), whose path is known only at apply time`,
    });
  }
  return [...out, ...filesNamedNotRead(unclaimed, [headSide, baseSide], read)];
}
