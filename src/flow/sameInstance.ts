import type { Expression } from '../terraform/model.js';
import { compactText } from './compactText.js';
import type { ChangeHints, SideScope } from './instances.js';
import { moduleOutput } from './moduleValues.js';
import type { ContextReach } from './reachInputs.js';
import type { ModuleInput, ModuleScope } from './scope.js';
import type { VarAssignment } from './varFiles.js';

/** Same code below, same inputs: the module instance is identical at both sides. */
export function sameInstance(
  base: SideScope,
  head: SideScope,
  hints: ChangeHints,
  reach: ContextReach | null,
): boolean {
  if (base.scope.dir !== head.scope.dir || hints.changedBelow(base.scope.dir)) return false;
  // A Terragrunt deployment's module takes the var files' values too (ModuleScope.deploymentRoot).
  if ((base.scope.deploymentRoot || head.scope.deploymentRoot) && !sameRootValues(base, head)) return false;
  if (base.scope.inputs && head.scope.inputs) {
    if (base.scope.inputs.size !== head.scope.inputs.size) return false;
    for (const [name, input] of base.scope.inputs) {
      const other = head.scope.inputs.get(name);
      if (!other) return false;
      // The same code reading no change gives the same value: no need to resolve it.
      const sameWay = reach !== null && sameCode(input.scope, other.scope);
      if (sameWay && !reach.inputReached(other)) continue;
      const byOutputs = sameWay ? sameByParts(base, head, input, other, reach) : null;
      if (byOutputs === false) return false;
      if (byOutputs === true) continue;
      const before = base.resolver.resolveInput(input, base.scope.eachKey).expr;
      const after = head.resolver.resolveInput(other, head.scope.eachKey).expr;
      if (compactText(before) !== compactText(after)) return false;
    }
    return true;
  }
  return sameRootValues(base, head);
}

/** The same values set by var files at both sides. */
function sameRootValues(base: SideScope, head: SideScope): boolean {
  const before = base.scope.rootValues ?? new Map<string, VarAssignment>();
  const after = head.scope.rootValues ?? new Map<string, VarAssignment>();
  return before.size === after.size && [...before].every(([name, value]) => after.get(name)?.text === value.text);
}

/**
 * An input compared part by part, where its value is made of parts each resolved alike
 * (see comparedParts), and only the parts a change may reach: the others are the same value at
 * both sides. A framework module handing a helper an object of everything it made
 * (`objects = module.all`, `remote_objects = local.remote_objects`) has hundreds of parts, of
 * which a change reaches a few. Null when the input is written otherwise: it is compared whole.
 */
function sameByParts(
  base: SideScope,
  head: SideScope,
  input: ModuleInput,
  other: ModuleInput,
  reach: ContextReach,
): boolean | null {
  if (input.attribute.text !== other.attribute.text) return null;
  // `each.value` in the input is an entry of the call's for_each: a part reading it reads that too.
  const forEach = head.resolver.callForEach(other);
  const eachReached = forEach !== null && reach.expressionReached(forEach, other.scope);
  const text = (side: SideScope, given: ModuleInput, expr: Expression, whole: boolean) =>
    side.resolver.withCallEach(given, side.scope.eachKey, () => {
      const resolved = side.resolver.resolve(expr, given.scope);
      return compactText((whole ? side.resolver.givenWhole(resolved, given.scope) : resolved).expr);
    });
  const same = (before: Expression, after: Expression, whole: boolean, depth: number): boolean => {
    if (!eachReached && !reach.expressionReached(after, other.scope)) return true;
    const parts = depth < MAX_PART_DEPTH ? comparedParts(base, head, before, after, other.scope, reach) : null;
    if (parts === null) return text(base, input, before, whole) === text(head, other, after, whole);
    return parts.every((part) =>
      'output' in part
        ? outputText(base, input, part) === outputText(head, other, part)
        : same(part.before, part.after, whole && part.whole, depth + 1),
    );
  };
  return same(input.attribute.expr, other.attribute.expr, true, 0);
}

/** Parts nested deeper than this are compared whole. */
const MAX_PART_DEPTH = 8;

/**
 * Functions whose resolved value is their resolved arguments combined, and nothing else (no
 * file read, no fallback a root default decides; see Resolver.call).
 */
const COMBINING: ReadonlySet<string> = new Set(['merge', 'concat', 'flatten', 'tomap', 'tolist']);

type Part = { before: Expression; after: Expression; whole: boolean } | { callName: string; output: string };

/**
 * The parts whose values make up an expression's, written alike at both sides: an object's items
 * (under the same keys, written out), the arguments of a function that only combines them, a
 * local's expression, or the outputs a change may reach of a local module call read whole.
 * Null for anything else.
 */
function comparedParts(
  base: SideScope,
  head: SideScope,
  before: Expression,
  after: Expression,
  scope: ModuleScope,
  reach: ContextReach,
): Part[] | null {
  if (before.kind === 'object' && after.kind === 'object') {
    if (before.items.length !== after.items.length) return null;
    const keyed = (key: Expression) => key.kind === 'variable' || key.kind === 'literal';
    const parts: Part[] = [];
    for (const [i, item] of after.items.entries()) {
      const previous = before.items[i]!;
      if (!keyed(item.key) || !keyed(previous.key) || compactText(item.key) !== compactText(previous.key)) return null;
      parts.push({ before: previous.value, after: item.value, whole: false });
    }
    return parts;
  }
  // A function that only combines its arguments: alike arguments give alike results.
  if (after.kind === 'call' && COMBINING.has(after.name) && before.kind === 'call' && before.name === after.name) {
    if (before.args.length !== after.args.length || before.expandFinal || after.expandFinal) return null;
    return after.args.map((arg, i) => ({ before: before.args[i]!, after: arg, whole: false }));
  }
  if (after.kind !== 'getAttr' || after.target.kind !== 'variable' || compactText(before) !== compactText(after))
    return null;
  if (after.target.name === 'local') {
    const local = (side: SideScope) => side.modules.get(scope.dir)?.get(`local.${after.name}`)?.attribute;
    const previous = local(base);
    const next = local(head);
    // The local's value is its expression's: when both sides write it alike.
    return previous && next && previous.text === next.text
      ? [{ before: previous.expr, after: next.expr, whole: true }]
      : null;
  }
  if (after.target.name === 'module') {
    const outputs = reach.reachedOutputs(after.name, scope);
    return outputs?.map((output) => ({ callName: after.name, output })) ?? null;
  }
  return null;
}

/** An output of a local module call, read in the scope the input is given in. */
function outputText(side: SideScope, given: ModuleInput, part: { callName: string; output: string }): string | null {
  const value = moduleOutput(side.resolver, part.callName, part.output, given.scope);
  return value === null ? null : compactText(value.expr);
}

/** Two scopes of the same call path whose directories are the same all the way from the root. */
export function sameCode(base: ModuleScope, head: ModuleScope): boolean {
  return (
    base.key === head.key &&
    base.dir === head.dir &&
    base.chainDirs.length === head.chainDirs.length &&
    base.chainDirs.every((dir, i) => dir === head.chainDirs[i])
  );
}
