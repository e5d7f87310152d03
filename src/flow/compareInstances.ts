import { changedPaths } from '../terraform/attributeDiff.js';
import type { ComparableObject } from '../terraform/comparableObjects.js';
import { type ExpansionGrowth, expansionGrowth } from './expansionGrowth.js';
import type { Instance } from './instances.js';
import { instanceKey } from './instances.js';
import { callPathOf, movedChanges } from './movedInstances.js';
import { withoutNullArguments } from './nullArguments.js';
import type { SourceLink, SourceNode, ValueTrace } from './sources.js';

/** What happened to an object between base and head. */
export type ChangeAction = 'create' | 'update' | 'delete' | 'move';

/** A change of one instance: the comparison before merging instances that changed alike. */
export interface InstanceChange {
  action: ChangeAction;
  base: Instance | null;
  head: Instance | null;
  changedPaths: string[];
  /** how changes made elsewhere reached it */
  via: ValueTrace[];
  /** for a move: only its name changes, in the same module call of the same state (or its root moved whole) */
  renameOnly?: boolean;
}

export interface CompareContext {
  /** paths whose written text differs, between two definitions of the same object */
  literalPaths: (base: ComparableObject, head: ComparableObject) => string[];
  baseDigests: ReadonlyMap<string, string>;
  headDigests: ReadonlyMap<string, string>;
  /** module directories with a file that does not parse, per side: their objects are unknown there */
  baseUnknown: ReadonlySet<string>;
  headUnknown: ReadonlySet<string>;
}

/** Kinds where a value takes effect; a local module call passes its inputs on to the objects inside. */
const LANDING_KINDS: ReadonlySet<string> = new Set(['resource', 'data', 'ephemeral', 'action', 'provider', 'module']);

/**
 * The changes between one root's instances at base and head (the same root, or a root renamed as
 * a whole, whose objects all move). An instance only at head is created, only at base deleted — unless a module on its
 * way is unreadable on the other side. `moved` blocks of the head move instances within the root.
 * Paths changed by the code itself are reported as such; paths whose written code is the same but
 * whose resolved value differs are indirect, with a trace of how the change reached them.
 */
export function compareInstances(
  base: readonly Instance[],
  head: readonly Instance[],
  context: CompareContext,
  headRoot: string,
  rootRenamed = false,
  comparedBefore?: ComparedPairs,
): InstanceChange[] {
  // Instances reused from an earlier var-file context of this root were compared there: the same
  // instances make the same change, which would only be dropped as a repeat (repeatedContexts.ts).
  const first = (before: Instance | null, after: Instance | null) => comparedBefore?.first(before, after) ?? true;
  const baseByKey = new Map(base.map((instance) => [instanceKey(headRoot, instance.address), instance]));
  const headByKey = new Map(head.map((instance) => [instance.key, instance]));
  const moved = new Set<string>();
  const changes: InstanceChange[] = movedChanges(baseByKey, headByKey, headRoot, moved, (from, to) =>
    pathsOf(from, to, context),
  );
  const growthOf = instanceGrowth(baseByKey, headByKey);
  for (const [key, after] of headByKey) {
    if (moved.has(key)) continue;
    const before = baseByKey.get(key);
    const growth = before && !rootRenamed ? growthOf(after) : null;
    if (before && growth) {
      // Instances added (a new for_each key, a larger count) are created; removed ones deleted.
      if (growth.adds) changes.push({ action: 'create', base: null, head: after, changedPaths: [], via: [] });
      if (growth.removes) changes.push({ action: 'delete', base: before, head: null, changedPaths: [], via: [] });
    } else if (before) {
      if (!first(before, after)) continue;
      if (before.perKey && after.perKey && !rootRenamed) {
        changes.push(...keyedChanges(before.perKey, after.perKey, context));
        continue;
      }
      // Settled at both sides: it reads nothing that changed, so its value is the same.
      const paths = before.settled && after.settled ? { changedPaths: [], via: [] } : pathsOf(before, after, context);
      // A root renamed as a whole keeps its state: each of its objects moves, changed or not.
      if (rootRenamed) changes.push({ action: 'move', base: before, head: after, ...paths, renameOnly: true });
      else if (paths.changedPaths.length > 0) changes.push({ action: 'update', base: before, head: after, ...paths });
    } else if (!after.chainDirs.some((dir) => context.baseUnknown.has(dir)) && first(null, after)) {
      for (const created of after.perKey ?? [after])
        changes.push({ action: 'create', base: null, head: created, changedPaths: [], via: [] });
    }
  }
  const forgotten = forgottenAddresses(head);
  for (const [key, before] of baseByKey) {
    if (moved.has(key) || headByKey.has(key) || before.chainDirs.some((dir) => context.headUnknown.has(dir))) continue;
    if (!first(before, null) || forgotten(before.address)) continue;
    for (const deleted of before.perKey ?? [before])
      changes.push({ action: 'delete', base: deleted, head: null, changedPaths: [], via: [] });
  }
  return changes;
}

/**
 * The changes of an object whose for_each keys are known at both sides, key by key: a key only at
 * head is an instance created, only at base one deleted, in both one compared on its own entry.
 */
function keyedChanges(base: readonly Instance[], head: readonly Instance[], context: CompareContext): InstanceChange[] {
  const before = new Map(base.map((instance) => [instance.address, instance]));
  const changes: InstanceChange[] = [];
  for (const after of head) {
    const match = before.get(after.address);
    before.delete(after.address);
    if (!match) {
      changes.push({ action: 'create', base: null, head: after, changedPaths: [], via: [] });
      continue;
    }
    // The for_each of an instance is its key: entries added or removed are instances created or deleted.
    const paths = pathsOf(match, after, context);
    const changedPaths = paths.changedPaths.filter((path) => path !== 'for_each');
    const via = paths.via.filter((trace) => trace.path !== 'for_each');
    if (changedPaths.length > 0) changes.push({ action: 'update', base: match, head: after, changedPaths, via });
  }
  for (const removed of before.values())
    changes.push({ action: 'delete', base: removed, head: null, changedPaths: [], via: [] });
  return changes;
}

/**
 * The pairs of instances (either may be absent) a root's var-file contexts have compared so far.
 * Held weakly: an instance no later context reuses (most of a var file's own) is not kept alive by it.
 */
export class ComparedPairs {
  private readonly pairs = new WeakMap<Instance, PairedWith>();
  private readonly withoutBase: PairedWith = { afters: new WeakSet(), none: false };

  /** Whether this pair is compared for the first time; it is recorded as compared. */
  first(before: Instance | null, after: Instance | null): boolean {
    let paired = before === null ? this.withoutBase : this.pairs.get(before);
    if (!paired) {
      paired = { afters: new WeakSet(), none: false };
      this.pairs.set(before!, paired);
    }
    if (after === null) {
      if (paired.none) return false;
      paired.none = true;
      return true;
    }
    if (paired.afters.has(after)) return false;
    paired.afters.add(after);
    return true;
  }
}

/** What one instance (or none) was compared with: instances, and whether with none. */
interface PairedWith {
  afters: WeakSet<Instance>;
  none: boolean;
}

/**
 * Whether a module call on an instance's way adds or removes instances of the module at the head
 * (a new for_each key, a larger count): each object inside is then created, or deleted. An
 * object's own count / for_each is an update of that argument, judged by the object's rules.
 */
function instanceGrowth(
  baseByKey: ReadonlyMap<string, Instance>,
  headByKey: ReadonlyMap<string, Instance>,
): (instance: Instance) => ExpansionGrowth | null {
  const calls = new Map<string, ExpansionGrowth>();
  for (const [key, after] of headByKey) {
    const before = baseByKey.get(key);
    if (!before || after.object.kind !== 'module') continue;
    const growth = expansionGrowth(before.body, after.body);
    if (growth) calls.set(after.address + '.', growth);
  }
  if (calls.size === 0) return () => null;
  return (instance) => {
    if (!GROWING_KINDS.has(instance.object.kind)) return null;
    let adds = false;
    let removes = false;
    for (const [prefix, call] of calls) {
      if (!instance.address.startsWith(prefix)) continue;
      adds ||= call.adds;
      removes ||= call.removes;
    }
    return adds || removes ? { adds, removes } : null;
  };
}

/** Kinds that are instances of their own in a state (what a module call's growth creates or deletes). */
const GROWING_KINDS: ReadonlySet<string> = new Set(['resource', 'data', 'ephemeral', 'action', 'module']);

/**
 * Whether an address is one a `removed` block of the head forgets (`lifecycle { destroy = false }`,
 * written out): Terraform drops it, and everything in a module call it names, from state and
 * destroys nothing. The removed block is the change to judge; with `destroy = true`, or any
 * other value, the object is destroyed as any object taken out of the code.
 */
function forgottenAddresses(head: readonly Instance[]): (address: string) => boolean {
  const prefixes: string[] = [];
  for (const instance of head) {
    if (instance.object.kind !== 'removed') continue;
    const { body } = instance.object.ref;
    const from = body.attributes.find((attribute) => attribute.name === 'from')?.text;
    const lifecycle = body.blocks.find((block) => block.type === 'lifecycle');
    const destroy = lifecycle?.attributes.find((attribute) => attribute.name === 'destroy')?.expr;
    if (from === undefined || destroy?.kind !== 'literal' || destroy.value !== false) continue;
    prefixes.push(callPathOf(instance) + from);
  }
  if (prefixes.length === 0) return () => false;
  return (address) =>
    prefixes.some(
      (prefix) => address === prefix || address.startsWith(`${prefix}.`) || address.startsWith(`${prefix}[`),
    );
}

function pathsOf(
  base: Instance,
  head: Instance,
  context: CompareContext,
): { changedPaths: string[]; via: ValueTrace[] } {
  const literal = context.literalPaths(base.object, head.object);
  const resolvedBodies = base.body !== base.object.ref.body || head.body !== head.object.ref.body;
  if (!resolvedBodies || !LANDING_KINDS.has(head.object.kind)) return { changedPaths: literal, via: [] };
  // What changes is what the values do: a rewritten reference that resolves to the same value
  // (a variable renamed, a literal moved into a local) is no change, as in Terraform's plan.
  const resolved =
    head.object.kind === 'module'
      ? changedPaths(base.body, head.body)
      : changedPaths(withoutNullArguments(base.body), withoutNullArguments(head.body));
  const written = new Set(literal);
  const indirect = resolved.filter((path) => !written.has(path));
  return { changedPaths: resolved, via: indirect.flatMap((path) => traces(path, base, head, context)) };
}

/** Routes a path's value took through sources, each ending at a changed one, at most this many. */
const MAX_TRACES = 20;

/** For each route through a changed source: the steps from that source to the attribute. */
function traces(path: string, base: Instance, head: Instance, context: CompareContext): ValueTrace[] {
  const roots: SourceLink[] = [...(head.chains.get(path) ?? []), ...(base.chains.get(path) ?? [])];
  const changed = (node: SourceNode) => context.baseDigests.get(node.id) !== context.headDigests.get(node.id);
  const seen = new Set<string>();
  const visited = new Set<SourceLink>();
  const out: ValueTrace[] = [];
  // The nodes from the attribute to the link walked: one array, grown and shrunk as the walk goes.
  const route: SourceNode[] = [];
  const walk = (link: SourceLink): void => {
    if (out.length >= MAX_TRACES || visited.has(link)) return;
    visited.add(link);
    route.push(link.node);
    if (changed(link.node)) {
      const steps: ValueTrace['steps'] = [];
      for (let i = route.length - 1; i >= 0; i--) {
        const { label, file, line } = route[i]!;
        steps.push({ label, file, line });
      }
      const key = steps.map((step) => step.label).join('\u0000');
      if (!seen.has(key)) out.push({ path, steps });
      seen.add(key);
    }
    for (const next of link.next) walk(next);
    route.pop();
  };
  for (const root of roots) walk(root);
  if (out.length === 0) {
    // The value differs though no source the resolver followed changed: say so rather than nothing.
    out.push({
      path,
      steps: [
        {
          label: 'a value known only at apply time',
          file: head.object.ref.file,
          line: head.object.ref.range.start.line,
        },
      ],
    });
  }
  return dropContained(out);
}

/** A trace that is the tail of a longer one adds nothing: keep the longest chain of each source. */
function dropContained(traces: ValueTrace[]): ValueTrace[] {
  const texts = traces.map((trace) => trace.steps.map((step) => step.label).join(' → '));
  return traces.filter(
    (_, i) => !texts.some((other, j) => j !== i && other.length > texts[i]!.length && other.endsWith(' → ' + texts[i])),
  );
}
