import type { ComparableObject } from '../terraform/comparableObjects.js';
import { normalizePath } from '../terraform/localModules.js';
import type { Expression } from '../terraform/model.js';
import { backendStateKey, readStateKey } from '../terraform/stateLocation.js';
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

export const REMOTE_STATE_PREFIX = 'data.terraform_remote_state.';

/** The state a root keeps, from its `terraform.backend.TYPE` object. */
function backendState(backend: ComparableObject, rootDir: string): string | null {
  return backendStateKey(backend.address.slice('terraform.backend.'.length), backend.ref.body, rootDir);
}

/** The state a `terraform_remote_state` reads, its `config` resolved by the caller (values from variables count). */
export function remoteStateKey(
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
      if (!address.startsWith('terraform.backend.')) continue;
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
      if (!address.startsWith(REMOTE_STATE_PREFIX)) continue;
      const name = address.slice(REMOTE_STATE_PREFIX.length);
      const attribute = (n: string) => object.ref.body.attributes.find((a) => a.name === n)?.expr;
      const key = remoteStateKey(attribute('backend'), attribute('config'), { root: dir, dir });
      const targets = key === null ? roots : [states.get(key)].filter((root): root is string => root !== undefined);
      for (const target of targets) if (target !== dir) reads.push({ caller: dir, name: `state:${name}`, target });
    }
  }
  return reads;
}
