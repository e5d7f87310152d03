import { normalizePath } from './localModules.js';
import type { Body, Expression } from './model.js';
import { objectKeyText } from './objectKeys.js';

/*
 * Where a root keeps its state, as a key two configurations share when they name the same state:
 * a root's backend (`terraform { backend "s3" { bucket = "b", key = "network.tfstate" } }`), and
 * a `data "terraform_remote_state"` of another root (`backend = "s3"`, `config = { ... }`).
 */

/** The attributes that locate a state, by backend type (a nested block's attribute as `block.name`). */
const STATE_LOCATION: Readonly<Record<string, readonly string[]>> = {
  s3: ['bucket', 'key'],
  gcs: ['bucket', 'prefix'],
  azurerm: ['storage_account_name', 'container_name', 'key'],
  oss: ['bucket', 'prefix', 'key'],
  cos: ['bucket', 'prefix', 'key'],
  consul: ['path'],
  http: ['address'],
  pg: ['conn_str', 'schema_name'],
  kubernetes: ['secret_suffix'],
  remote: ['organization', 'workspaces.name'],
  local: ['path'],
};

/** Where a local state is when no `path` is given, relative to the root's directory. */
const LOCAL_DEFAULT_PATH = 'terraform.tfstate';

/**
 * The state a root keeps, from the body of its `backend "TYPE"` block, as a key; null when the
 * backend is not one of those above or a locating attribute is not written literally (a partial
 * configuration completed with `-backend-config`, unless `settings` gives it).
 */
export function backendStateKey(type: string, body: Body, rootDir: string, settings?: Body): string | null {
  const location = STATE_LOCATION[type];
  if (!location) return null;
  // `-backend-config` settings (a `*.tfbackend` file) complete and override the block's.
  const values = location.map((name) => (settings && literalIn(settings, name)) ?? literalIn(body, name));
  if (type === 'local') values[0] = localPath(values[0] ?? LOCAL_DEFAULT_PATH, rootDir);
  return stateKey(type, values);
}

/**
 * The state a `terraform_remote_state` reads, from its `backend` and `config` as a key; null when
 * not known. A `local` state's path is the caller's to place (`localPath`, a tree path): relative
 * paths are read from the directory Terraform runs in, which the caller knows.
 */
export function readStateKey(
  backend: Expression | undefined,
  config: Expression | undefined,
  localPath: (path: Expression | undefined) => string | null,
): string | null {
  const type = backend && literalString(backend);
  const location = type ? STATE_LOCATION[type] : undefined;
  if (!type || !location) return null;
  if (type === 'local') return stateKey(type, [localPath(memberExpression(config, 'path'))]);
  return stateKey(
    type,
    location.map((name) => literalMember(config, name)),
  );
}

/**
 * The state a `data "tfe_outputs"` reads (Terraform Cloud / Enterprise): the workspace of an
 * organization, as a `remote` backend or a `cloud` block names it.
 */
export function workspaceStateKey(
  organization: Expression | undefined,
  workspace: Expression | undefined,
): string | null {
  return stateKey('remote', [organization && literalString(organization), workspace && literalString(workspace)]);
}

/** The key of a local state at `path`, relative to the root directory `dir`. */
export function localStateKey(path: string, dir: string): string | null {
  return stateKey('local', [localPath(path, dir)]);
}

/**
 * The key of the state a Terragrunt deployment keeps, by its directory: what a `dependency`'s
 * `config_path` (relative to the reading deployment's directory `dir`) names, whatever its backend.
 */
export function deploymentStateKey(path: string, dir: string): string | null {
  return stateKey('terragrunt-deployment', [localPath(path, dir)]);
}

/** The backend type a state key names. */
export function stateKeyType(key: string): string {
  const end = key.indexOf('\u0000');
  return end < 0 ? key : key.slice(0, end);
}

function stateKey(type: string, values: (string | null | undefined)[]): string | null {
  if (values.some((value) => value === null || value === undefined)) return null;
  return [type, ...values].join('\u0000');
}

function localPath(path: string, rootDir: string): string | null {
  if (path.startsWith('/')) return null;
  return normalizePath(rootDir === '.' ? path : `${rootDir}/${path}`);
}

/** A backend block's attribute (or a nested block's, `workspaces.name`) when it is a literal string. */
function literalIn(body: Body, name: string): string | null {
  const [first, rest] = splitName(name);
  if (rest !== null) {
    const block = body.blocks.find((b) => b.type === first);
    return block ? literalIn(block, rest) : null;
  }
  const attribute = body.attributes.find((a) => a.name === first);
  return attribute ? literalString(attribute.expr) : null;
}

/** A member of an object expression (`config = { bucket = "x", workspaces = { name = "y" } }`) as a literal string. */
function literalMember(object: Expression | undefined, name: string): string | null {
  const [first, rest] = splitName(name);
  const member = memberExpression(object, first);
  if (rest !== null) return literalMember(member, rest);
  return member ? literalString(member) : null;
}

function memberExpression(object: Expression | undefined, name: string): Expression | undefined {
  while (object?.kind === 'parens') object = object.inner;
  if (object?.kind !== 'object') return undefined;
  for (const item of object.items) if (objectKeyText(item.key) === name) return item.value;
  return undefined;
}

export function literalString(expr: Expression): string | null {
  while (expr.kind === 'parens') expr = expr.inner;
  if (expr.kind === 'literal' && typeof expr.value === 'string') return expr.value;
  if (expr.kind === 'template' && expr.parts.every((part) => part.kind === 'text'))
    return expr.parts.map((part) => (part.kind === 'text' ? part.value : '')).join('');
  return null;
}

function splitName(name: string): [string, string | null] {
  const dot = name.indexOf('.');
  return dot < 0 ? [name, null] : [name.slice(0, dot), name.slice(dot + 1)];
}
