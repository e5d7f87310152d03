import { type ComparableObject, writtenElsewhere } from '../terraform/comparableObjects.js';
import type { Body, Expression } from '../terraform/model.js';
import { isTerragruntPath, TERRAGRUNT_CALL } from '../terraform/terragrunt.js';
import type { SharedContext } from './contextSharing.js';
import { expansionGrowth } from './expansionGrowth.js';
import type { InstanceReuse } from './instanceReuse.js';
import { localCallTarget } from './moduleGraph.js';
import { ownEntryOnly } from './ownEntry.js';
import type { ContextReach } from './reachInputs.js';
import { resolveBody } from './resolveBody.js';
import type { Resolver } from './resolver.js';
import { sameCode, sameInstance } from './sameInstance.js';
import { CALL_META_ARGUMENTS, type ModuleInput, type ModuleScope } from './scope.js';
import { readsRootDefault, type SourceLink } from './sources.js';
import { makesNoInstances } from './staticValue.js';
import type { ValueReach } from './valueReach.js';
import type { VarAssignment } from './varFiles.js';

/** One object as one root's state holds it: a module directory's object, reached through calls. */
export interface Instance {
  /** root and address in the root's state */
  key: string;
  root: string;
  address: string;
  object: ComparableObject;
  /** the body with what can be known of its references resolved */
  body: Body;
  chains: Map<string, SourceLink[]>;
  /** module directories from the root down to the object's */
  chainDirs: string[];
  /**
   * It reads no change (see ValueReach): the same value at base and head, so only its `count` /
   * `for_each` were resolved and it is not compared.
   */
  settled?: true;
  /**
   * The object or call (this one, or a module call around it) whose `count`/`for_each` is empty
   * only by a root variable's default: the instance is judged as if the deployment set it.
   */
  byRootDefault?: string;
  /**
   * One instance per key of the object's own for_each, when its keys are known here and few:
   * each with `each.value` its own entry, so a rule sees the type and the CIDR of one entry
   * together, not any entry's type beside any entry's CIDR. compareInstances uses them when
   * both sides have them.
   */
  perKey?: Instance[];
}

/** Objects with more keys than this are compared as one instance of any entry: the cost grows with every key. */
const MAX_KEYED_INSTANCES = 16;

/** Kinds whose values take effect: only these are resolved (a local or an output only carries a value on). */
const RESOLVED_KINDS: ReadonlySet<string> = new Set(['resource', 'data', 'ephemeral', 'action', 'module', 'provider']);
/** The arguments that decide how many instances an object or call has. */
const EXPANSION_ARGUMENTS: ReadonlySet<string> = new Set(['count', 'for_each']);
/** Kinds that take `count` / `for_each`. */
const EXPANDED_KINDS: ReadonlySet<string> = new Set(['resource', 'data', 'ephemeral', 'action', 'module']);
/** Calls nested deeper than this are not followed (Terraform configurations stay far below it). */
const MAX_CALL_DEPTH = 32;

export function instanceKey(root: string, address: string): string {
  return root + '\u0000' + address;
}

/**
 * The scope of a root whose code is in `dir`, with the values its var files set (later files win).
 * `root` names it in instance keys: for a root renamed as a whole, its head directory on both
 * sides. `key` (see rootScopeKey) is the same at both sides.
 */
export function rootScope(
  root: string,
  dir: string,
  key: string,
  values: Map<string, VarAssignment>,
  shared?: SharedContext,
): ModuleScope {
  const scope: ModuleScope = {
    key,
    root,
    dir,
    callPath: '',
    inputs: null,
    rootValues: values,
    chainDirs: [dir],
  };
  return shared ? { ...scope, shared } : scope;
}

/**
 * A root scope's key, by the root pair's and its var-file context's numbers: a scope inside calls
 * adds its call path to it. Short, as every memoized value and source of the scope is named with it.
 */
export function rootScopeKey(pair: number, context: number): string {
  return `${pair}|${context}|`;
}

/** The scope inside a local module call, or null when the call is not local or would recurse. */
export function callScope(
  modules: ReadonlyMap<string, ReadonlyMap<string, ComparableObject>>,
  scope: ModuleScope,
  callName: string,
): ModuleScope | null {
  const call = modules.get(scope.dir)?.get(`module.${callName}`);
  const target = call ? localCallTarget(call) : null;
  if (!call || target === null || scope.chainDirs.includes(target) || scope.chainDirs.length > MAX_CALL_DEPTH)
    return null;
  const inputs = new Map<string, ModuleInput>();
  for (const attribute of call.ref.body.attributes) {
    if (!CALL_META_ARGUMENTS.has(attribute.name))
      // An input may be written in another file than the call's (an override, a Terragrunt parent).
      inputs.set(attribute.name, { attribute, scope, callName, file: writtenElsewhere(attribute) ?? call.ref.file });
  }
  const callPath = `${scope.callPath}module.${callName}.`;
  const deploymentRoot = scope.inputs === null && isTerragruntCall(call);
  return {
    key: scope.key + `module.${callName}.`,
    root: scope.root,
    dir: target,
    callPath,
    inputs,
    callName,
    rootValues: deploymentRoot ? scope.rootValues : null,
    ...(deploymentRoot ? { deploymentRoot: true as const } : {}),
    chainDirs: [...scope.chainDirs, target],
    ...(scope.shared ? { shared: scope.shared } : {}),
  };
}

/** The module call a `terragrunt.hcl` amounts to (terraform/terragrunt.ts). */
export function isTerragruntCall(call: ComparableObject): boolean {
  return call.address === `module.${TERRAGRUNT_CALL}` && isTerragruntPath(call.ref.file);
}

/** One side of a root being instantiated: its scope, code and resolver. */
export interface SideScope {
  scope: ModuleScope;
  modules: ReadonlyMap<string, ReadonlyMap<string, ComparableObject>>;
  resolver: Resolver;
}

/** What tells an unchanged module instance from one that may differ. */
export interface ChangeHints {
  /** whether anything in the module directory or a module it calls (transitively) changed */
  changedBelow(dir: string): boolean;
  /** whether a module directory's object is defined otherwise at the head (see changedObjects) */
  changedObject(dir: string, address: string): boolean;
}

/**
 * Every object instance of one root at base and head: its own objects, and those of the local
 * modules it calls (transitively), addressed as Terraform's state addresses them
 * (`module.app.aws_s3_bucket.x`). An object or call whose `count`/`for_each` is statically empty
 * has no instance. A module instance that is the same at both sides — nothing changed in its
 * directory or below, and its inputs resolve to the same values — is left out of both lists:
 * it cannot differ, and a large configuration is mostly such instances.
 */
export function rootInstances(
  base: SideScope | null,
  head: SideScope | null,
  hints: ChangeHints,
  reuse?: InstanceReuse,
  reach?: ValueReach,
): { base: Instance[]; head: Instance[] } {
  const out = { base: [] as Instance[], head: [] as Instance[] };
  // A root renamed as a whole moves all its objects: each is compared, none is settled.
  const context =
    reach && base && head && base.scope.dir === head.scope.dir
      ? reach.inContext(base.scope.rootValues ?? new Map(), head.scope.rootValues ?? new Map())
      : null;
  collectPair(base, head, hints, out, reuse, context);
  return out;
}

function collectPair(
  base: SideScope | null,
  head: SideScope | null,
  hints: ChangeHints,
  out: { base: Instance[]; head: Instance[] },
  reuse: InstanceReuse | undefined,
  reach: ContextReach | null,
  grown = false,
): void {
  // A call whose count / for_each adds or removes instances is never the same at both sides.
  if (!grown && base && head && sameInstance(base, head, hints, reach)) return;
  const reusable = reuse?.find(base, head) ?? null;
  if (reusable?.known) {
    for (const instance of reusable.known.base) out.base.push(instance);
    for (const instance of reusable.known.head) out.head.push(instance);
    return;
  }
  const from = { base: out.base.length, head: out.head.length };
  const settled = reach && base && head ? settledObjects(base, head, reach) : NONE_SETTLED;
  const baseCalls = base ? collect(base, out.base, settled) : new Map<string, SideScope>();
  const headCalls = head ? collect(head, out.head, settled) : new Map<string, SideScope>();
  // A scan from this module instance's first object, not a copy: a root with hundreds of calls collects thousands.
  const callBody = (instances: Instance[], start: number, name: string) => {
    const address = `module.${name}`;
    for (let i = start; i < instances.length; i++) {
      const { object, body } = instances[i]!;
      if (object.kind === 'module' && object.address === address) return body;
    }
    return undefined;
  };
  for (const name of new Set([...baseCalls.keys(), ...headCalls.keys()])) {
    const baseCall = baseCalls.get(name) ?? null;
    const headCall = headCalls.get(name) ?? null;
    const keyed = base && head && baseCall && headCall ? keyedCallPairs(base, head, baseCall, headCall, name) : null;
    if (keyed) {
      // One instance per key: a key only at one side is a module instance created or destroyed.
      for (const [before, after] of keyed) collectPair(before, after, hints, out, reuse, reach, true);
      continue;
    }
    const before = callBody(out.base, from.base, name);
    const after = callBody(out.head, from.head, name);
    const grown = before !== undefined && after !== undefined && expansionGrowth(before, after) !== null;
    collectPair(baseCall, headCall, hints, out, reuse, reach, grown);
  }
  if (reusable) reuse!.keep(reusable.call, { base: out.base.slice(from.base), head: out.head.slice(from.head) });
}

/**
 * The instances of a local module call, paired by key, when its `for_each` has at most 16 keys
 * known at both sides (as objects are compared key by key): each reads its own entry, so one
 * entry turning a flag on is that instance's change, not "any entry"'s. Null otherwise.
 */
function keyedCallPairs(
  base: SideScope,
  head: SideScope,
  baseCall: SideScope,
  headCall: SideScope,
  name: string,
): [SideScope | null, SideScope | null][] | null {
  const keysOf = (parent: SideScope, call: SideScope) => {
    if (call.scope.byRootDefault) return null;
    const object = parent.modules.get(parent.scope.dir)?.get(`module.${name}`);
    const forEach = object ? ownForEach(object) : null;
    // Only entries each instance can pick whole: a map left as a `for` or a conditional would be
    // read whole into every instance, and differ wherever any entry does.
    const keys = forEach ? parent.resolver.forEachPickableKeys(forEach, parent.scope) : null;
    return keys && keys.length > 0 && keys.length <= MAX_KEYED_INSTANCES && new Set(keys).size === keys.length
      ? keys
      : null;
  };
  const baseKeys = keysOf(base, baseCall);
  const headKeys = keysOf(head, headCall);
  if (!baseKeys || !headKeys) return null;
  // Named as Terraform's state names it, under the scope that makes the call.
  const keyed = (parent: SideScope, call: SideScope, key: string): SideScope => {
    const label = `module.${name}[${JSON.stringify(key)}].`;
    const scope = {
      ...call.scope,
      key: parent.scope.key + label,
      callPath: parent.scope.callPath + label,
      eachKey: key,
    };
    return { ...call, scope };
  };
  return [...new Set([...baseKeys, ...headKeys])].map((key) => [
    baseKeys.includes(key) ? keyed(base, baseCall, key) : null,
    headKeys.includes(key) ? keyed(head, headCall, key) : null,
  ]);
}

const NONE_SETTLED: ReadonlySet<string> = new Set();

/**
 * The addresses of a module instance's objects that read no change (see ValueReach), when the
 * instance is of the same directory at both sides, reached through the same directories.
 */
function settledObjects(base: SideScope, head: SideScope, reach: ContextReach): ReadonlySet<string> {
  if (!sameCode(base.scope, head.scope)) return NONE_SETTLED;
  const settled = new Set<string>();
  for (const object of head.modules.get(head.scope.dir)?.values() ?? []) {
    if (RESOLVED_KINDS.has(object.kind) && !reach.objectReached(object, head.scope)) settled.add(object.address);
  }
  return settled;
}

/** The instances of one module instance's own objects; its local module calls, to follow. */
function collect(side: SideScope, out: Instance[], settled: ReadonlySet<string>): Map<string, SideScope> {
  const { scope, modules, resolver } = side;
  const calls = new Map<string, SideScope>();
  const objects = modules.get(scope.dir);
  if (!objects) return calls;
  for (const object of objects.values()) {
    const local = object.kind === 'module' && localCallTarget(object) !== null;
    const same = settled.has(object.address);
    const options = {
      externalProgram: object.address.startsWith('data.external.') || object.address.startsWith('external.'),
      helmRelease: object.address.startsWith('helm_release.'),
      // A local module's inputs take effect on the objects inside it, resolved there.
      ...(local ? { only: EXPANSION_ARGUMENTS } : {}),
    };
    const resolved = same
      ? resolveBody(object.ref.body, scope, resolver, { externalProgram: false, only: EXPANSION_ARGUMENTS })
      : RESOLVED_KINDS.has(object.kind)
        ? // `each.value` in the object's own arguments is any entry of its for_each.
          resolver.withEach(ownForEach(object), scope, () => resolveBody(object.ref.body, scope, resolver, options))
        : { body: object.ref.body, chains: new Map<string, SourceLink[]>() };
    const expansion = EXPANDED_KINDS.has(object.kind) ? expansionOf(resolved.body, resolved.chains) : 'some';
    if (expansion === 'none') continue;
    const address = scope.callPath + object.address;
    const byRootDefault = expansion === 'none by a root default' ? address : scope.byRootDefault;
    const instance: Instance = {
      key: instanceKey(scope.root, address),
      root: scope.root,
      address,
      object,
      body: resolved.body,
      chains: resolved.chains,
      chainDirs: scope.chainDirs,
      ...(same ? { settled: true as const } : {}),
      ...(byRootDefault ? { byRootDefault } : {}),
    };
    if (!same && (object.kind === 'resource' || object.kind === 'data')) {
      const perKey = keyedInstances(instance, side, options);
      if (perKey) instance.perKey = perKey;
    }
    out.push(instance);
    if (object.kind === 'module') {
      const name = object.address.slice('module.'.length);
      const inner = callScope(modules, scope, name);
      if (inner) calls.set(name, { ...side, scope: byRootDefault ? { ...inner, byRootDefault } : inner });
    }
  }
  return calls;
}

/** The object's instances, one per key of its own for_each, when the keys are known and few; else null. */
function keyedInstances(
  instance: Instance,
  side: SideScope,
  options: Parameters<typeof resolveBody>[3],
): Instance[] | null {
  const forEach = ownForEach(instance.object);
  if (!forEach) return null;
  const { scope, resolver } = side;
  const keys = resolver.forEachKeys(forEach, scope);
  if (!keys || keys.length === 0 || keys.length > MAX_KEYED_INSTANCES || new Set(keys).size !== keys.length)
    return null;
  return keys.map((key) => {
    const resolved = resolver.withEachKey(forEach, scope, key, () =>
      resolveBody(instance.object.ref.body, scope, resolver, options),
    );
    const address = `${instance.address}[${JSON.stringify(key)}]`;
    return {
      ...instance,
      key: instanceKey(scope.root, address),
      address,
      body: ownEntryOnly(resolved.body, key),
      chains: resolved.chains,
    };
  });
}

function ownForEach(object: ComparableObject): Expression | null {
  return object.ref.body.attributes.find((attribute) => attribute.name === 'for_each')?.expr ?? null;
}

/**
 * Whether `count` / `for_each` makes no instance. Not when a root variable's default decides it:
 * the deployment may set the variable (an object added with `for_each = var.admins`, default
 * `{}`, is judged as created, since a workspace's variables can fill it).
 */
function expansionOf(
  body: Body,
  chains: ReadonlyMap<string, readonly SourceLink[]>,
): 'none' | 'none by a root default' | 'some' {
  for (const attribute of body.attributes) {
    if (attribute.name === 'count' || attribute.name === 'for_each') {
      if (makesNoInstances(attribute.name, attribute.expr))
        return readsRootDefault(chains.get(attribute.name) ?? []) ? 'none by a root default' : 'none';
    }
  }
  return 'some';
}
