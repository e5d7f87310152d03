import { isConfigurationPath } from '../terraform/configurationFiles.js';
import { isLocalModuleSource, localModuleDirectory } from '../terraform/localModules.js';
import { moduleDirectory } from '../terraform/modulePaths.js';
import type { Change } from './changeSet.js';

/** A module call, new or given a new source, whose local source names no Terraform code in the tree. */
export interface UnseenModuleCall {
  module: string;
  address: string;
  action: Change['action'];
  file: string;
  line: number;
  source: string;
  /** `outside`: the path climbs out of the repository; `missing`: no configuration file is there */
  where: 'outside' | 'missing';
}

/**
 * A local `source` is code of the same repository, read and judged with the change; but a path
 * that climbs out of the repository (`../../../../opt/modules/admin`), or names a directory with
 * no configuration file in the tree (a symbolic link Git stores as a file, a directory a pipeline
 * writes before `init`), loads code no reviewer sees. Such a call is judged as unseen code, as a
 * remote one would be. `paths` are every path of the head (read or not): the app does not read
 * what a change does not reach, but knows it exists. A call of such code whose inputs change
 * (its source the same) is marked `codeUnseen`: its inputs are judged as a remote module's.
 */
export function unseenLocalModules(changes: readonly Change[], paths: Iterable<string>): UnseenModuleCall[] {
  const calls = changes.filter((change) => change.kind === 'module' && change.head !== undefined);
  if (calls.length === 0) return [];
  const directories = new Set<string>();
  for (const path of paths) if (isConfigurationPath(path)) directories.add(moduleDirectory(path));
  const unseen: UnseenModuleCall[] = [];
  for (const change of calls) {
    const source = change.head!.body.attributes.find((attribute) => attribute.name === 'source')?.value;
    if (typeof source !== 'string' || !isLocalModuleSource(source) || /(^|\/)node_modules(\/|$)/.test(source)) continue;
    const directory = localModuleDirectory(change.module, source);
    if (directory !== null && directories.has(directory)) continue;
    if (!isNewCodeCall(change)) {
      // Its inputs take effect in code no one here sees: judged as a remote module's are.
      if (change.action === 'update' || change.action === 'move') change.codeUnseen = true;
      continue;
    }
    unseen.push({
      module: change.module,
      address: change.address,
      action: change.action,
      file: change.head!.file,
      line: change.head!.range.start.line,
      source,
      where: directory === null ? 'outside' : 'missing',
    });
  }
  return unseen;
}

/** A module call that now loads code it did not: created, or its source changed. */
function isNewCodeCall(change: Change): boolean {
  if (change.kind !== 'module' || change.head === undefined) return false;
  return change.action === 'create' || change.changedPaths.includes('source');
}
