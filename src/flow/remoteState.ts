import type { ComparableObject } from '../terraform/comparableObjects.js';
import { normalizePath } from '../terraform/localModules.js';
import type { Expression } from '../terraform/model.js';
import { backendStateKey, readStateKey, workspaceStateKey } from '../terraform/stateLocation.js';
import { fileFunctionPath, type PathScope } from './fileFunctions.js';
import type { LocalCall } from './moduleGraph.js';

/**
 * Which root's state a `data "terraform_remote_state"` reads. A root's outputs reach every other
 * root that reads its state: opening `output "admin_cidrs"` of `stacks/network` to `0.0.0.0/0`
 * opens the security group of `stacks/bastion` that reads
 * `data.terraform_remote_state.network.outputs.admin_cidrs` at its next apply. Two configurations
 * name the same state when their backend type and the attributes that locate the state agree
 * (terraform/stateLocation.ts).
 */

/** The data sources that read another root's outputs, and the attributes that hold them. */
export const STATE_READERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['terraform_remote_state', ['outputs']],
  ['tfe_outputs', ['values', 'nonsensitive_values']],
]);

/**
 * The state a reader object reads (`data.<type>.<name>`), its expressions resolved by `resolve`
 * (values from variables count; the identity when the caller cannot resolve), as a key.
 */
export function readerStateKey(
  type: string,
  reader: ComparableObject,
  scope: PathScope,
  resolve: (expr: Expression) => Expression = (expr) => expr,
): string | null {
  const attribute = (name: string) => {
    const expr = reader.ref.body.attributes.find((a) => a.name === name)?.expr;
    return expr && resolve(expr);
  };
  if (type === 'tfe_outputs') return workspaceStateKey(attribute('organization'), attribute('workspace'));
  return remoteStateKey(attribute('backend'), attribute('config'), scope);
}

/** The state a root keeps, from its `terraform.backend.TYPE` object, or its `terraform.cloud` (a `remote` workspace). */
function backendState(backend: ComparableObject, rootDir: string): string | null {
  if (backend.address === 'terraform.cloud') return backendStateKey('remote', backend.ref.body, rootDir);
  return backendStateKey(backend.address.slice('terraform.backend.'.length), backend.ref.body, rootDir);
}

/** The state a `terraform_remote_state` reads, its `config` resolved by the caller (values from variables count). */
function remoteStateKey(
  backend: Expression | undefined,
  config: Expression | undefined,
  scope: PathScope,
): string | null {
  // Terraform reads a relative path from the directory it runs in: the reading root's.
  return readStateKey(backend, config, (path) =>
    path ? fileFunctionPath(path, scope) : normalizePath(`${scope.root}/terraform.tfstate`),
  );
}

/** Each root's state key, for the roots whose backend locates it literally (a key two roots share names neither). */
export function statesOfRoots(
  roots: Iterable<string>,
  modules: ReadonlyMap<string, ReadonlyMap<string, ComparableObject>>,
): Map<string, string> {
  const byKey = new Map<string, string | null>();
  for (const root of roots) {
    for (const [address, object] of modules.get(root) ?? []) {
      if (!address.startsWith('terraform.backend.') && address !== 'terraform.cloud') continue;
      const key = backendState(object, root);
      if (key !== null) byKey.set(key, byKey.has(key) ? null : root);
    }
  }
  return new Map([...byKey].filter((entry): entry is [string, string] => entry[1] !== null));
}

/**
 * Which directories read which roots' states, as module calls are read for reach: a root whose
 * module reads another root's state is evaluated when that root changes. A read whose state is
 * not known statically (its config built from variables) may read any of them.
 */
export function stateReads(
  modules: ReadonlyMap<string, ReadonlyMap<string, ComparableObject>>,
  states: ReadonlyMap<string, string>,
  roots: readonly string[],
): LocalCall[] {
  const reads: LocalCall[] = [];
  for (const [dir, objects] of modules) {
    for (const [address, object] of objects) {
      const [kind, type, name] = address.split('.');
      if (kind !== 'data' || type === undefined || name === undefined || !STATE_READERS.has(type)) continue;
      const key = readerStateKey(type, object, { root: dir, dir });
      const targets = key === null ? roots : [states.get(key)].filter((root): root is string => root !== undefined);
      for (const target of targets) if (target !== dir) reads.push({ caller: dir, name: `state:${name}`, target });
    }
  }
  return reads;
}
