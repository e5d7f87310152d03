import type { ComparableObject } from '../terraform/comparableObjects.js';
import type { Attribute, Body } from '../terraform/model.js';
import { parsedNetwork } from '../util/ipAddresses.js';
import type { ChangeHints } from './instances.js';
import { localCallTarget } from './moduleGraph.js';
import type { ContextReach, Reads } from './reachInputs.js';
import type { ContextChooser, VarContext } from './rootContexts.js';
import type { ModuleScope } from './scope.js';
import { ValueReach } from './valueReach.js';
import type { VarAssignment } from './varFiles.js';

/** One side of a root pair as the walk reads it. */
export interface RelevanceSide {
  modules: ReadonlyMap<string, ReadonlyMap<string, ComparableObject>>;
  callScope: (scope: ModuleScope, callName: string) => ModuleScope | null;
  /** the root's scope in the auto-loaded context */
  root: ModuleScope;
}

/** Kinds whose values take effect (see instances.ts): a local or an output only carries a value on. */
const RESOLVED_KINDS: ReadonlySet<string> = new Set(['resource', 'data', 'ephemeral', 'action', 'module', 'provider']);
const EXPANSION_ARGUMENTS: ReadonlySet<string> = new Set(['count', 'for_each']);

/** A var-file context's values at both sides, beside the auto-loaded files'. */
export interface ContextValues {
  autoLoaded: { base: ReadonlyMap<string, VarAssignment>; head: ReadonlyMap<string, VarAssignment> };
  of(context: VarContext): { base: ReadonlyMap<string, VarAssignment>; head: ReadonlyMap<string, VarAssignment> };
}

/**
 * Chooses a root's unchanged var-file contexts by what decides the change. A var-file context
 * that sets none of the deciding variables (decidingVariables) otherwise than the auto-loaded
 * files finds exactly the auto-loaded context's changes: it need not be resolved. Two that give
 * every deciding variable the same values find the same changes: one of them is resolved. A
 * root with hundreds of var files (one per example deployment), or dev, stage and prod agreeing
 * on what the change reads, is then resolved with those whose values differ where it matters,
 * rather than the first few by name. The walk stops as soon as the choice is settled: when the
 * first candidates for the slots all matter and differ, no further variable can change it.
 */
export function relevantContexts(
  sides: () => { base: RelevanceSide; head: RelevanceSide; reach: ContextReach; hints: ChangeHints },
  values: ContextValues,
): ContextChooser {
  return (candidates, slots) => {
    const known = new Map<VarContext, ReturnType<ContextValues['of']>>();
    const valuesOf = (context: VarContext) => {
      let found = known.get(context);
      if (!found) {
        found = values.of(context);
        known.set(context, found);
      }
      return found;
    };
    // The deciding variables' values, where the context sets one otherwise: equal keys, equal changes.
    const keyOf = (context: VarContext, variables: ReadonlySet<string>): string | null => {
      const { base, head } = valuesOf(context);
      const parts: string[] = [];
      for (const name of [...variables].sort()) {
        const [before, after] = [base.get(name), head.get(name)];
        if (before === values.autoLoaded.base.get(name) && after === values.autoLoaded.head.get(name)) continue;
        parts.push(`${name}\u0000${before?.text ?? ''}\u0000${after?.text ?? ''}`);
      }
      return parts.length === 0 ? null : parts.join('\u0001');
    };
    const choose = (variables: ReadonlySet<string>, among: readonly VarContext[]) => {
      const keys = new Set<string>();
      const chosen: VarContext[] = [];
      for (const context of among) {
        const key = keyOf(context, variables);
        if (key === null || keys.has(key)) continue;
        keys.add(key);
        chosen.push(context);
        if (chosen.length === slots) break;
      }
      return chosen;
    };
    // More kinds of values than slots: those opening a range to the internet, or setting "*", first.
    const risky = (context: VarContext) => {
      const { base, head } = valuesOf(context);
      const own = (set: ReadonlyMap<string, VarAssignment>, auto: ReadonlyMap<string, VarAssignment>) =>
        [...set].some(([name, assignment]) => assignment !== auto.get(name) && risksMost(assignment.text));
      return own(base, values.autoLoaded.base) || own(head, values.autoLoaded.head);
    };
    const ordered = [...candidates.filter(risky), ...candidates.filter((context) => !risky(context))];
    const first = ordered.slice(0, slots);
    const settled = (variables: ReadonlySet<string>) => choose(variables, first).length === first.length;
    const { base, head, reach, hints } = sides();
    const variables = decidingVariables(base, head, reach, hints, settled);
    return variables === 'any' ? first : choose(variables, ordered);
  };
}

/**
 * The root variables whose values decide what the change does at a root present at both sides,
 * or `'any'` when that cannot be told: every instance that can change (an object `reach` finds
 * reached, at either side) resolves alike in two contexts that give these the same values, and
 * so does whether it exists (the `count` / `for_each` of the calls it is in).
 *
 * The walk follows the calls the instantiation follows (instances.ts): a call whose code below
 * did not change and whose inputs read no change is the same instance in every context, and is
 * not entered. What an object reads is asked of a ValueReach that knows of no change, so it names
 * every root variable the object reads (through locals, inputs, defaults and outputs). It stops
 * early once `enough` holds of the variables found so far.
 */
function decidingVariables(
  base: RelevanceSide,
  head: RelevanceSide,
  reach: ContextReach,
  hints: ChangeHints,
  enough: (variables: ReadonlySet<string>) => boolean = () => false,
): ReadonlySet<string> | 'any' {
  const plain = (side: RelevanceSide) =>
    new ValueReach({
      modules: side.modules,
      baseModules: side.modules,
      callScope: side.callScope,
      changedObject: () => false,
      fileChanged: () => false,
    });
  const walk = new DecidingWalk(base, head, plain(base), plain(head), reach, hints, enough);
  walk.pair(base.root, head.root);
  return walk.any ? 'any' : walk.variables;
}

class DecidingWalk {
  any = false;
  readonly variables = new Set<string>();
  /** the variables found so far settle the question asked: nothing more need be walked */
  private stopped = false;

  constructor(
    private readonly base: RelevanceSide,
    private readonly head: RelevanceSide,
    private readonly basePlain: ValueReach,
    private readonly headPlain: ValueReach,
    private readonly reach: ContextReach,
    private readonly hints: ChangeHints,
    private readonly enough: (variables: ReadonlySet<string>) => boolean,
  ) {}

  private get done(): boolean {
    return this.any || this.stopped;
  }

  private add(reads: Reads): void {
    if (reads === true) {
      this.any = true;
      return;
    }
    const known = this.variables.size;
    for (const name of reads) this.variables.add(name);
    if (this.variables.size > known && this.enough(this.variables)) this.stopped = true;
  }

  /** A module instance present at both sides, through the same directories. */
  pair(baseScope: ModuleScope, headScope: ModuleScope): void {
    if (this.done) return;
    const baseObjects = this.base.modules.get(baseScope.dir) ?? new Map<string, ComparableObject>();
    const headObjects = this.head.modules.get(headScope.dir) ?? new Map<string, ComparableObject>();
    for (const object of headObjects.values()) {
      if (!RESOLVED_KINDS.has(object.kind)) continue;
      const before = baseObjects.get(object.address);
      if (object.kind === 'module' && localCallTarget(object) !== null) {
        this.call(object.address, before, object, baseScope, headScope);
        continue;
      }
      if (!before) this.add(this.headPlain.objectReads(object, headScope));
      else if (this.reach.objectReached(object, headScope)) this.changedParts(before, object, baseScope, headScope);
      if (this.done) return;
    }
    // An object only at the base is deleted: whether it exists decides that.
    for (const object of baseObjects.values()) {
      if (!RESOLVED_KINDS.has(object.kind) || headObjects.has(object.address)) continue;
      if (object.kind === 'module' && localCallTarget(object) !== null)
        this.call(object.address, object, undefined, baseScope, headScope);
      else this.add(this.basePlain.objectReads(object, baseScope));
      if (this.done) return;
    }
  }

  /**
   * What decides an object's change: its count / for_each, and each argument (nested ones too)
   * written otherwise or reading a change. One written alike that reads no change is the same
   * value at both sides whatever the var file sets (a bastion's `name`, beside the CIDRs that changed).
   */
  private changedParts(
    before: ComparableObject,
    after: ComparableObject,
    baseScope: ModuleScope,
    headScope: ModuleScope,
  ): void {
    const previous = argumentsByPath(before.ref.body);
    const next = argumentsByPath(after.ref.body);
    for (const [path, attribute] of next) {
      const old = previous.get(path);
      const decides =
        EXPANSION_ARGUMENTS.has(path) ||
        old?.text !== attribute.text ||
        this.reach.expressionReached(attribute.expr, headScope);
      if (!decides) continue;
      this.add(this.headPlain.valueReads(attribute.expr, headScope));
      if (old) this.add(this.basePlain.valueReads(old.expr, baseScope));
      if (this.done) return;
    }
    for (const [path, attribute] of previous)
      if (!next.has(path)) this.add(this.basePlain.valueReads(attribute.expr, baseScope));
  }

  /**
   * A local module call: its count / for_each decide which instances exist, an input that reads
   * a change is compared by value (sameInstance.ts), and the instance is entered unless it is the
   * same in every context.
   */
  private call(
    address: string,
    before: ComparableObject | undefined,
    after: ComparableObject | undefined,
    baseScope: ModuleScope,
    headScope: ModuleScope,
  ): void {
    const name = address.slice('module.'.length);
    const baseInner = before ? this.base.callScope(baseScope, name) : null;
    const headInner = after ? this.head.callScope(headScope, name) : null;
    if (before && after && baseInner && headInner && baseInner.dir === headInner.dir) {
      const reachedInputs = [...(headInner.inputs?.values() ?? [])].filter((input) => this.reach.inputReached(input));
      if (!this.hints.changedBelow(headInner.dir) && reachedInputs.length === 0) return;
      this.expansion(after, headScope, this.headPlain);
      this.expansion(before, baseScope, this.basePlain);
      // A reached input's value is read inside, by objects the walk finds reached there.
      this.pair(baseInner, headInner);
      return;
    }
    // A call at one side only, to other code, or not followed (recursive, too deep): all it holds counts.
    if (after) this.oneSide(this.head, this.headPlain, after, headScope, headInner);
    if (before) this.oneSide(this.base, this.basePlain, before, baseScope, baseInner);
  }

  private expansion(call: ComparableObject, scope: ModuleScope, plain: ValueReach): void {
    for (const attribute of call.ref.body.attributes)
      if (EXPANSION_ARGUMENTS.has(attribute.name)) this.add(plain.valueReads(attribute.expr, scope));
  }

  /** Every object of a module instance at one side only (or not followed: the call alone), and of the calls it makes. */
  private oneSide(
    side: RelevanceSide,
    plain: ValueReach,
    call: ComparableObject,
    outer: ModuleScope,
    inner: ModuleScope | null,
  ): void {
    this.add(plain.objectReads(call, outer));
    if (inner === null) return;
    for (const object of side.modules.get(inner.dir)?.values() ?? []) {
      if (this.done) return;
      if (!RESOLVED_KINDS.has(object.kind)) continue;
      const nested = object.kind === 'module' ? side.callScope(inner, object.address.slice('module.'.length)) : null;
      if (nested) this.oneSide(side, plain, object, inner, nested);
      else this.add(plain.objectReads(object, inner));
    }
  }
}

/** Every argument of a body, nested blocks' too, by its path (`ingress[0].cidr_blocks`). */
function argumentsByPath(body: Body, prefix = '', out = new Map<string, Attribute>()): Map<string, Attribute> {
  for (const attribute of body.attributes) out.set(prefix + attribute.name, attribute);
  const seen = new Map<string, number>();
  for (const block of body.blocks) {
    const name = [block.type, ...block.labels].join(' ');
    const index = seen.get(name) ?? 0;
    seen.set(name, index + 1);
    argumentsByPath(block, `${prefix}${name}[${index}].`, out);
  }
  return out;
}

/**
 * A value holding `"*"` or every action of a service (`"iam:*"`), or a range of at most one bit of
 * prefix (`0.0.0.0/0`, `::/0`): what most rules flag.
 */
function risksMost(text: string): boolean {
  for (const [, literal] of text.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    if (literal === '*' || /^[A-Za-z0-9-]+:\*$/.test(literal!)) return true;
    const network = parsedNetwork(literal!);
    if (network !== null && network.bits <= 1) return true;
  }
  return false;
}
