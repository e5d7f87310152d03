import type { ComparableObject } from '../terraform/comparableObjects.js';
import { normalizePath } from '../terraform/localModules.js';
import type { Body, Expression } from '../terraform/model.js';
import { moduleDirectory } from '../terraform/modulePaths.js';
import { parseHcl } from '../terraform/parser.js';
import {
  backendStateKey,
  deploymentStateKey,
  localStateKey,
  readStateKey,
  stateKeyType,
  workspaceStateKey,
} from '../terraform/stateLocation.js';
import { TERRAGRUNT_DEPENDENCY } from '../terraform/terragrunt.js';
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
  [TERRAGRUNT_DEPENDENCY, ['outputs']],
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
  if (type === TERRAGRUNT_DEPENDENCY) {
    // `config_path` is read from the deployment's directory, the root's.
    const path = attribute('config_path');
    return path?.kind === 'literal' && typeof path.value === 'string'
      ? deploymentStateKey(path.value, scope.root)
      : null;
  }
  return remoteStateKey(attribute('backend'), attribute('config'), scope);
}

/** The state a root keeps, from its `terraform.backend.TYPE` object, or its `terraform.cloud` (a `remote` workspace). */
function backendState(backend: ComparableObject, rootDir: string, settings?: Body): string | null {
  if (backend.address === 'terraform.cloud') return backendStateKey('remote', backend.ref.body, rootDir, settings);
  return backendStateKey(backendType(backend), backend.ref.body, rootDir, settings);
}

function backendType(backend: ComparableObject): string {
  return backend.address === 'terraform.cloud' ? 'remote' : backend.address.slice('terraform.backend.'.length);
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

/**
 * Where roots keep their states: by key, the roots whose backend locates it literally or with a
 * `*.tfbackend` file beside it (`terraform init -backend-config=prod.s3.tfbackend`); and by backend
 * type, the roots whose partial backend no such file completes, each of which may keep any state
 * of that type.
 */
export interface RootStates {
  /** state key → the roots that keep it (several: any of them) */
  byKey: Map<string, string[]>;
  /** backend type → the roots whose partial backend no settings file completes */
  partial: Map<string, string[]>;
}

export function statesOfRoots(
  roots: Iterable<string>,
  modules: ReadonlyMap<string, ReadonlyMap<string, ComparableObject>>,
  files: ReadonlyMap<string, string> = new Map(),
): RootStates {
  const states: RootStates = { byKey: new Map(), partial: new Map() };
  const add = (map: Map<string, string[]>, key: string, root: string) => {
    const known = map.get(key) ?? [];
    if (!known.includes(root)) map.set(key, [...known, root]);
  };
  const settings = backendSettings(files);
  for (const root of roots) {
    const deployment = deploymentStateKey('.', root);
    if (deployment !== null) add(states.byKey, deployment, root);
    let backends = 0;
    for (const [address, object] of modules.get(root) ?? []) {
      if (!address.startsWith('terraform.backend.') && address !== 'terraform.cloud') continue;
      backends++;
      const literal = backendState(object, root);
      const keys =
        literal !== null
          ? [literal]
          : (settings.get(root) ?? []).flatMap((body) => backendState(object, root, body) ?? []);
      for (const key of keys) add(states.byKey, key, root);
      if (keys.length === 0) add(states.partial, backendType(object), root);
    }
    // No backend: Terraform keeps the state in `terraform.tfstate` beside the root's files.
    if (backends === 0) {
      const local = localStateKey('terraform.tfstate', root);
      if (local !== null) add(states.byKey, local, root);
    }
  }
  return states;
}

/** The roots that may keep the state `key`: those that name it, else every partial one of its type. */
export function rootsOfState(states: RootStates, key: string): string[] {
  return states.byKey.get(key) ?? states.partial.get(stateKeyType(key)) ?? [];
}

/** The settings of each directory's `*.tfbackend` files (`name = value` lines), by directory. */
function backendSettings(files: ReadonlyMap<string, string>): Map<string, Body[]> {
  const byDirectory = new Map<string, Body[]>();
  for (const [path, content] of files) {
    if (!path.endsWith('.tfbackend')) continue;
    const parsed = parseHcl(content, path);
    if (parsed.diagnostics.some((d) => d.severity === 'error')) continue;
    const directory = moduleDirectory(path);
    byDirectory.set(directory, [...(byDirectory.get(directory) ?? []), parsed]);
  }
  return byDirectory;
}

/**
 * Which directories read which roots' states, as module calls are read for reach: a root whose
 * module reads another root's state is evaluated when that root changes. A read whose state is
 * not known statically (its config built from variables) may read any of them.
 */
export function stateReads(
  modules: ReadonlyMap<string, ReadonlyMap<string, ComparableObject>>,
  states: RootStates,
  roots: readonly string[],
): LocalCall[] {
  const reads: LocalCall[] = [];
  for (const [dir, objects] of modules) {
    for (const [address, object] of objects) {
      const [kind, type, name] = address.split('.');
      if (kind !== 'data' || type === undefined || name === undefined || !STATE_READERS.has(type)) continue;
      const key = readerStateKey(type, object, { root: dir, dir });
      const targets = key === null ? roots : rootsOfState(states, key);
      for (const target of targets) if (target !== dir) reads.push({ caller: dir, name: `state:${name}`, target });
    }
  }
  return reads;
}
