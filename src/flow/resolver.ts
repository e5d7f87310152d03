import type { Expression, ObjectItem, Range } from '../terraform/model.js';
import { anyEntryAttribute, anyOf, isAnyOf, isAnyOfName, select, selectAmong } from './anyEntry.js';
import { resolvedList, withResolvedParts } from './expressionParts.js';
import { fileCall } from './fileCalls.js';
import { archiveRead, localFileRead, templateFileRead } from './fileDataSources.js';
import { filteredMap } from './filteredMaps.js';
import { foldedOperator } from './foldedOperators.js';
import { IteratingResolver } from './iteration.js';
import { kubectlDocumentsRead } from './kubectlDocuments.js';
import { lookupRead } from './lookupValues.js';
import { moduleCallName, moduleOutput, moduleOutputs, stateOutputs, wholeCall } from './moduleValues.js';
import { providerConstantRead } from './providerConstantReads.js';
import {
  instancesValue,
  overResource,
  pickedInstance,
  resourceArgumentRead,
  resourceObjectReference,
  splatArgumentRead,
  wholeResource,
  wholeResourceValue,
} from './resourceArguments.js';
import type { ConfigurationSide, ModuleInput, ModuleScope, Resolved } from './scope.js';
import { localValue, variableValue } from './scopeValues.js';
import { readsRootDefault, type SourceLink, type SourceNode } from './sources.js';
import { foldedCall, isWrittenOut } from './staticCalls.js';
import { resolvedTemplate } from './templateValues.js';
import { forPasses, substituted } from './unrolledFor.js';

/** Operators whose operands decide what the value is (see Resolver.deciding). */
const DECIDING_KINDS: ReadonlySet<string> = new Set(['conditional', 'binary', 'unary']);

/** Functions that skip an argument that is null or empty for the next one. */
const SKIPS_EMPTY: ReadonlySet<string> = new Set(['coalesce', 'coalescelist']);

/**
 * Whether folding `lookup(map, key, fallback)` picked the map's entry and dropped the fallback
 * written in the code. Not kept where a root variable's default gives the map: the deployment
 * may set one without the key, so `lookup(var.m, "x", "0.0.0.0/0")` keeps its fallback there.
 * (`try` drops only empty fallbacks, which add nothing: see staticCalls.ts.)
 */
function dropsFallback(name: string, args: readonly Expression[], folded: Expression): boolean {
  return name === 'lookup' && args.length >= 3 && folded !== args[2] && !isAnyOf(folded);
}

/**
 * Substitutes what can be known statically for the references of an expression: `var.x` by the
 * value a var file or the module call gives (else its default), `local.x` by its expression,
 * `module.m.out` of a local module by the output's value, `file(...)` by the file's content.
 * What cannot be known (resource attributes, data sources, `each`, `terraform.workspace`) stays
 * as written, so a changed source still changes the resolved text of whatever it is combined
 * with: a key known only at apply time selects nothing, and the whole collection stays in.
 */
export class Resolver extends IteratingResolver {
  constructor(
    side: ConfigurationSide,
    callScope: (scope: ModuleScope, callName: string) => ModuleScope | null,
    /** the root scopes whose state `data.<type>.<name>` of `scope` may read (a state reader; remoteState.ts) */
    private readonly remoteRoots: (
      scope: ModuleScope,
      type: string,
      dataName: string,
      resolver: Resolver,
    ) => ModuleScope[] = () => [],
  ) {
    super(side, callScope);
  }

  protected remoteRootsOf(scope: ModuleScope, type: string, dataName: string): ModuleScope[] {
    return this.remoteRoots(scope, type, dataName, this);
  }

  resolve(expr: Expression, scope: ModuleScope): Resolved {
    const links: SourceLink[] = [];
    return { expr: this.expression(expr, scope, links), links };
  }

  expression(expr: Expression, scope: ModuleScope, chains: SourceLink[]): Expression {
    switch (expr.kind) {
      case 'getAttr':
        return this.getAttr(expr, scope, chains);
      case 'index':
        return this.index(expr, scope, chains);
      case 'template':
        return resolvedTemplate(this, expr, scope, chains);
      case 'call':
        return this.call(expr, scope, chains);
      // The most common nodes have no parts: returned before a closure is made for them.
      case 'literal':
      case 'variable':
        return expr;
      case 'for':
        return this.forExpression(expr, scope, chains);
      default: {
        const splatRead = expr.kind === 'splat' ? splatArgumentRead(this, expr, scope, chains) : null;
        if (splatRead) return splatRead;
        // An operand a root default gives is not a literal here (see deciding), so it never folds.
        const decides = DECIDING_KINDS.has(expr.kind);
        const resolved = withResolvedParts(expr, (part) =>
          decides ? this.deciding(part, scope, chains) : this.expression(part, scope, chains),
        );
        return foldedOperator(resolved) ?? resolved;
      }
    }
  }

  /**
   * A `for` expression, folded when its collection is empty (see foldedOperator) — unless a root
   * variable's default makes it empty: the deployment may fill it, so what the body writes
   * (`[for r in var.rules : "0.0.0.0/0"]`) stays to be read — or when it filters a map written
   * out (see filteredMap).
   */
  private forExpression(expr: Extract<Expression, { kind: 'for' }>, scope: ModuleScope, chains: SourceLink[]) {
    const mark = chains.length;
    const collection = this.expression(expr.collection, scope, chains);
    const collectionEnd = chains.length;
    const unrolled = readsRootDefault(chains.slice(mark, collectionEnd))
      ? null
      : this.unrolledFor(expr, collection, scope, chains);
    if (unrolled) return unrolled;
    const withCollection = overResource(collection === expr.collection ? expr : { ...expr, collection }, (address) =>
      this.side.modules.get(scope.dir)?.get(address),
    );
    const resolved = withResolvedParts(withCollection, (part) =>
      part === collection ? part : this.expression(part, scope, chains),
    );
    // Only what the collection read decides: the body's own sources do not make it fill.
    const folded = readsRootDefault(chains.slice(mark, collectionEnd)) ? null : foldedOperator(resolved);
    if (folded) return folded;
    // A map filtered by a condition a root default decides is not known: the deployment may keep
    // other entries. Its collection may come from one: its entries are what is known of it either
    // way, and an empty result is judged as a root default's empty for_each (instances.ts).
    if (resolved.kind !== 'for' || readsRootDefault(chains.slice(collectionEnd))) return resolved;
    return filteredMap(resolved) ?? resolved;
  }

  /**
   * A list `for` over a collection written out, as the list it makes: its body resolved once per
   * element with the iterators bound (forPasses), an element dropped where the condition is
   * false. Null where it cannot be (see forPasses, substituted).
   */
  private unrolledFor(
    expr: Extract<Expression, { kind: 'for' }>,
    collection: Expression,
    scope: ModuleScope,
    chains: SourceLink[],
  ): Expression | null {
    const passes = forPasses(expr, collection);
    if (!passes) return null;
    const items: Expression[] = [];
    const entries: ObjectItem[] = [];
    const keys = new Set<string>();
    for (const { bindings } of passes) {
      const value = substituted(expr.value, bindings);
      const cond = expr.cond && substituted(expr.cond, bindings);
      const key = expr.key && substituted(expr.key, bindings);
      if (!value || (expr.cond && !cond) || (expr.key && !key)) return null;
      if (cond) {
        // A condition a root default decides may go the other way in the deployment: the element stays.
        const decided = this.deciding(cond, scope, chains);
        if (decided.kind === 'literal' && decided.value === false) continue;
      }
      if (key) {
        // An object `for`: each key must be known, and once (Terraform rejects a repeated key).
        const name = this.expression(key, scope, chains);
        const text = name.kind === 'literal' && name.value !== null ? String(name.value) : null;
        if (text === null || keys.has(text)) return null;
        keys.add(text);
        entries.push({
          key: { kind: 'literal', value: text, range: key.range },
          value: this.expression(value, scope, chains),
        });
      } else items.push(this.expression(value, scope, chains));
    }
    return expr.key
      ? { kind: 'object', items: entries, range: expr.range }
      : { kind: 'tuple', items, range: expr.range };
  }

  /** `x[k]`: a resolved collection with a known key becomes the selected element. */
  private index(expr: Extract<Expression, { kind: 'index' }>, scope: ModuleScope, chains: SourceLink[]): Expression {
    // `module.m[k]` of a call with count or for_each: every instance runs the same code, so any
    // instance's outputs are what the call's outputs are (what differs per key stays as written).
    const call = moduleCallName(expr.target);
    if (call !== null) {
      const outputs = moduleOutputs(this, call, scope, expr.range);
      if (outputs) {
        chains.push(...outputs.links);
        return outputs.expr;
      }
    }
    const target = this.expression(expr.target, scope, chains);
    const key = this.expression(expr.key, scope, chains);
    const selected = select(target, key) ?? pickedInstance(target) ?? selectAmong(target, key, expr.range);
    if (selected) return selected;
    // `each.value["x"]` written so reads what `each.value.x` reads (a key resolved from a reference
    // stays an index: the element it picks is read where the chain of keys ends).
    const projected =
      expr.key.kind === 'literal' && typeof expr.key.value === 'string'
        ? anyEntryAttribute(target, expr.key.value, expr.range)
        : null;
    if (projected) return projected;
    return target === expr.target && key === expr.key ? expr : { ...expr, target, key };
  }

  private getAttr(
    expr: Extract<Expression, { kind: 'getAttr' }>,
    scope: ModuleScope,
    chains: SourceLink[],
  ): Expression {
    const target = expr.target;
    const iterated = this.iteratedValue(expr, chains);
    if (iterated) return iterated;
    if (target.kind === 'variable') {
      // A whole call, `module.m`: an object of all its outputs, so `local.all = module.m` and
      // `local.all.cidr` still carry a changed output to where it lands.
      const reference =
        target.name === 'module'
          ? wholeCall(this, expr.name, scope, expr.range)
          : this.reference(target.name, expr.name, scope);
      if (reference) {
        chains.push(...reference.links);
        return reference.expr;
      }
      return expr;
    }
    if (target.kind === 'getAttr' && target.target.kind === 'variable' && target.target.name === 'module') {
      const output = moduleOutput(this, target.name, expr.name, scope);
      if (output) {
        chains.push(...output.links);
        return output.expr;
      }
      return expr;
    }
    const fileRead =
      localFileRead(this.side, expr, scope) ??
      archiveRead(this.side, expr, scope, (path) => this.unaskedFileDigest(path, expr.range, chains)) ??
      templateFileRead(this.side, expr, scope) ??
      kubectlDocumentsRead(this.side, expr, scope);
    if (fileRead) return this.expression(fileRead, scope, chains);
    const outputs = stateOutputs(this, expr, scope);
    if (outputs) {
      chains.push(...outputs.links);
      return outputs.expr;
    }
    const constant = providerConstantRead(this, expr, scope, chains);
    if (constant) return constant;
    const lookup = lookupRead(this, expr, scope, chains);
    if (lookup) return lookup;
    const argument = resourceArgumentRead(this, expr, scope, chains);
    if (argument) return argument;
    // `aws_x.c.id`, `aws_x.c[0].arn`: an attribute the provider computes stays the reference it is.
    if (wholeResource(target, (address) => this.side.modules.get(scope.dir)?.get(address))) return expr;
    const resolvedTarget = this.expression(target, scope, chains);
    // `local.lg.name` where `local.lg = aws_cloudwatch_log_group.c`, `each.value.name` where
    // `for_each = aws_cloudwatch_log_group.c`: the resource's argument, read as it is read directly.
    if (resolvedTarget !== target) {
      const readBack = resourceArgumentRead(this, { ...expr, target: resolvedTarget }, scope, chains);
      if (readBack) return readBack;
    }
    const selected = select(resolvedTarget, { kind: 'literal', value: expr.name, range: expr.range });
    if (selected) return selected;
    const projected = anyEntryAttribute(resolvedTarget, expr.name, expr.range);
    if (projected) return projected;
    // `var.lg.arn` of a resource given whole: what the provider computes, the resource's own reference.
    const reference = resourceObjectReference(resolvedTarget);
    if (reference) return { ...expr, target: reference };
    return resolvedTarget === target ? expr : { ...expr, target: resolvedTarget };
  }

  /** `var.x`, `local.x`: memoized per scope, so a value used a thousand times is resolved once. */
  private reference(root: string, name: string, scope: ModuleScope): Resolved | null {
    if (root !== 'var' && root !== 'local') return null;
    const suffix = `\u0000${root}\u0000${name}`;
    const known = this.known(scope, suffix, root, name);
    if (known) return known;
    return this.deeper(() => {
      const resolved = root === 'var' ? variableValue(this, name, scope) : localValue(this, name, scope);
      return resolved && this.remember(scope, suffix, resolved);
    });
  }

  /** A module call's input as the called module reads it: `each` is the call's for_each (at `eachKey`, when one instance's). */
  resolveInput(input: ModuleInput, eachKey?: string): Resolved {
    return this.withCallEach(input, eachKey, () =>
      this.givenWhole(this.resolveShared(input.attribute.expr, input.scope), input.scope),
    );
  }

  /** A module input that is a resource whole, given as the object of its arguments (wholeResourceValue). */
  givenWhole(resolved: Resolved, scope: ModuleScope): Resolved {
    const links: SourceLink[] = [];
    const object = wholeResourceValue(this, resolved.expr, scope, links);
    // The input's route goes on into the resource's arguments: `… → module.m input lg → var.lg → …`.
    return object
      ? { expr: object, links: resolved.links.length > 0 ? continued(resolved.links, links) : links }
      : resolved;
  }

  /** The value of `expr` in `scope`, read through the `path` of sources (outermost first). */
  through(path: SourceNode[], expr: Expression, scope: ModuleScope): Resolved {
    const inner: SourceLink[] = [];
    const resolved = this.expression(expr, scope, inner);
    let links: SourceLink[] = inner;
    for (const node of [...path].reverse()) links = [{ node, next: links }];
    return { expr: resolved, links };
  }

  private call(expr: Extract<Expression, { kind: 'call' }>, scope: ModuleScope, chains: SourceLink[]): Expression {
    const mark = chains.length;
    const args = resolvedList(expr.args, (arg) => this.argument(expr.name, arg, scope, chains));
    // "Any of" values resolved alike is one possibility (anyOf drops the repeats).
    const resolved = args === expr.args ? expr : isAnyOfName(expr.name) ? anyOf(args, expr.range) : { ...expr, args };
    const folded = foldedCall(expr, args) ?? this.succeedingTry(expr, args, chains.slice(mark));
    // A root default may be what the deployment replaces: a fallback or a `can` decided by it is not folded.
    const byDefault = dropsFallback(expr.name, args, folded ?? expr) || expr.name === 'can';
    if (folded && !(byDefault && readsRootDefault(chains.slice(mark)))) return folded;
    return fileCall(this, resolved, scope, chains);
  }

  /**
   * `try(each.value.x, false)` where the entry has `x = true`: a value written out whole cannot
   * fail, so it is the value. Only when the argument as written holds no conditional (one whose
   * branches Terraform rejects as two types fails where its fold here would not), and not where a
   * root default gives it (the deployment may set one without `x`: the fallback is kept).
   */
  private succeedingTry(
    expr: Extract<Expression, { kind: 'call' }>,
    args: readonly Expression[],
    read: readonly SourceLink[],
  ): Expression | null {
    if (expr.name !== 'try' || args.length < 2 || !isWrittenOut(args[0]!)) return null;
    if (hasConditional(expr.args[0]!) || readsRootDefault(read)) return null;
    return args[0]!;
  }

  /**
   * A part of an operator that decides a value (a condition, an operand of `&&`, `==`, `!`): one a
   * root variable's default gives is that value or another the deployment sets, so the policy
   * reader cannot pick a branch by the default alone (`var.admin ? ["*"] : […]`, `admin`
   * defaulting to false).
   */
  private deciding(part: Expression, scope: ModuleScope, chains: SourceLink[]): Expression {
    return this.deploymentMaySet(part, scope, chains, (resolved) => resolved.kind === 'literal');
  }

  /**
   * A call's argument. For `coalesce`/`coalescelist`, one a root variable's default gives is that
   * value or another the deployment sets: it may set it empty, and then a later argument written in
   * the code (`coalesce(var.action, "*")`) is the value.
   */
  private argument(name: string, arg: Expression, scope: ModuleScope, chains: SourceLink[]): Expression {
    if (SKIPS_EMPTY.has(name)) return this.deploymentMaySet(arg, scope, chains, () => true);
    // `values(aws_x.c)[0].name` of a resource with for_each: its instances, each the object of its arguments.
    const instances = name === 'values' ? instancesValue(this, arg, scope, chains) : null;
    return instances ?? this.expression(arg, scope, chains);
  }

  /**
   * `expr` resolved; where (per `applies`) its value came from a root variable's default, "any of"
   * that value and `expr` as written (what the deployment sets): no fold or reader takes the
   * default alone, while a changed default still changes the text.
   */
  private deploymentMaySet(
    expr: Expression,
    scope: ModuleScope,
    chains: SourceLink[],
    applies: (resolved: Expression) => boolean,
  ): Expression {
    const mark = chains.length;
    const resolved = this.expression(expr, scope, chains);
    return resolved !== expr && applies(resolved) && readsRootDefault(chains.slice(mark))
      ? anyOf([resolved, expr], expr.range)
      : resolved;
  }

  /** A file's digest as a value, its node a source, without asking for it when it was not read (see fileNode). */
  private unaskedFileDigest(path: string, range: Range, chains: SourceLink[]): Expression {
    const node = this.fileNode(path, false);
    chains.push({ node, next: [] });
    return { kind: 'literal', value: `${path}@${node.digest}`, range };
  }
}

/** Whether an expression as written holds a conditional anywhere in it. */
function hasConditional(expr: Expression): boolean {
  if (expr.kind === 'conditional') return true;
  let found = false;
  withResolvedParts(expr, (part) => {
    if (!found && hasConditional(part)) found = true;
    return part;
  });
  return found;
}

/** `links` with `tail` where each of their routes ends (a link with nothing further). */
function continued(links: readonly SourceLink[], tail: SourceLink[]): SourceLink[] {
  return links.map((link) => ({ ...link, next: link.next.length === 0 ? tail : continued(link.next, tail) }));
}
