import type { Expression } from '../terraform/model.js';
import { ITERATOR_ELEMENT, select } from './anyEntry.js';
import { ResolverMemory } from './resolverMemory.js';
import type { ModuleInput, ModuleScope, Resolved } from './scope.js';
import type { SourceLink } from './sources.js';
import { instanceKeys } from './staticValue.js';

/**
 * What `each` and a dynamic block's iterator refer to while a Resolver reads an expression: the
 * for_each of the object or call being read (any entry, or one key's), the iterators of the
 * dynamic blocks around it, each read once per scope and shared by every reader.
 */
export abstract class IteratingResolver extends ResolverMemory {
  private readonly forEachMemo = new WeakMap<Expression, Map<string, Resolved>>();
  /** attribute values of auto-loaded contexts whose var-file contexts share them (see resolveShared), by scope key */
  private readonly sharedValues = new WeakMap<Expression, Map<string, Resolved>>();
  /** the `for_each` that `each` refers to where an expression is being read, with its scope (and the key, for one instance) */
  private each: { forEach: Expression; scope: ModuleScope; key?: Expression } | null = null;
  /** a `dynamic` block's iterator where its content is being read: its name, resolved for_each and sources */
  private iterators: { name: string; collection: Expression; links: SourceLink[] }[] = [];

  abstract resolve(expr: Expression, scope: ModuleScope): Resolved;

  /**
   * `ingress.value` in a dynamic block's content, or `each.value`: any element of the resolved
   * collection it iterates, so a changed element reaches what reads it. Null for any other reference.
   */
  protected iteratedValue(expr: Extract<Expression, { kind: 'getAttr' }>, chains: SourceLink[]): Expression | null {
    const target = expr.target;
    if (target.kind !== 'variable') return null;
    if (expr.name === 'key' && target.name === 'each' && this.each?.key) return this.each.key;
    if (expr.name !== 'value') return null;
    const iterator = this.iterators.findLast((bound) => bound.name === target.name);
    if (iterator) {
      chains.push(...iterator.links);
      const key: Expression = { kind: 'getAttr', target, name: ITERATOR_ELEMENT, range: expr.range };
      return { kind: 'index', target: iterator.collection, key, legacy: false, range: expr.range };
    }
    if (target.name !== 'each' || !this.each) return null;
    const { expr: collection, links } = this.forEachCollection(this.each.forEach, this.each.scope);
    chains.push(...links);
    const key: Expression = this.each.key ?? { kind: 'getAttr', target, name: 'key', range: expr.range };
    return (
      (this.each.key && select(collection, this.each.key)) || {
        kind: 'index',
        target: collection,
        key,
        legacy: false,
        range: expr.range,
      }
    );
  }

  /**
   * The keys of a for_each when they are known (a map or set written out), with the resolved
   * collection's sources; null when they are not.
   */
  forEachKeys(forEach: Expression, scope: ModuleScope): string[] | null {
    return instanceKeys('for_each', this.forEachCollection(forEach, scope).expr) ?? null;
  }

  /**
   * The keys of a for_each whose entries can each be picked by key (a map written out, with no
   * condition or function left around it), with `each.value` then that entry; null otherwise.
   */
  forEachPickableKeys(forEach: Expression, scope: ModuleScope): string[] | null {
    const collection = this.forEachCollection(forEach, scope).expr;
    const keys = instanceKeys('for_each', collection) ?? null;
    const pickable = (key: string) =>
      select(collection, { kind: 'literal', value: key, range: forEach.range }) !== null;
    return keys?.every(pickable) ? keys : null;
  }

  /** Reads `read` with `each` one instance of `forEach`: `each.key` is `key`, `each.value` its entry. */
  withEachKey<T>(forEach: Expression, scope: ModuleScope, key: string, read: () => T): T {
    const outer = this.each;
    this.each = { forEach, scope, key: { kind: 'literal', value: key, range: forEach.range } };
    try {
      return read();
    } finally {
      this.each = outer;
    }
  }

  /**
   * A for_each's collection, resolved once per scope: every `each.value` of an object or call
   * shares it, so its canonical text (memoized per expression) is computed once, not per reader.
   */
  private forEachCollection(forEach: Expression, scope: ModuleScope): Resolved {
    let byScope = this.forEachMemo.get(forEach);
    if (!byScope) {
      byScope = new Map();
      this.forEachMemo.set(forEach, byScope);
    }
    const known = byScope.get(scope.key);
    if (known) return known;
    const shared = scope.shared && !scope.shared.isBase && byScope.get(scope.shared.baseKey + scope.callPath);
    if (shared && scope.shared!.sharesExpression(forEach, scope)) {
      byScope.set(scope.key, shared);
      return shared;
    }
    const resolved = this.withEach(null, scope, () => this.resolve(forEach, scope));
    byScope.set(scope.key, resolved);
    return resolved;
  }

  /** Reads `read` with a dynamic block's iterator `name` referring to any element of `forEach`, read in `scope`. */
  withIterator<T>(name: string, forEach: Expression, scope: ModuleScope, read: () => T): T {
    const { expr: collection, links } = this.resolve(forEach, scope);
    this.iterators.push({ name, collection, links });
    try {
      return read();
    } finally {
      this.iterators.pop();
    }
  }

  /** Reads `read` with `each` referring to `forEach` (null: to nothing known). */
  withEach<T>(forEach: Expression | null, scope: ModuleScope, read: () => T): T {
    const outer = this.each;
    this.each = forEach ? { forEach, scope } : null;
    try {
      return read();
    } finally {
      this.each = outer;
    }
  }

  /** Reads `read` with `each` the for_each of the call `input` is given in: any entry, or the entry at `eachKey`. */
  withCallEach<T>(input: ModuleInput, eachKey: string | undefined, read: () => T): T {
    const forEach = this.callForEach(input);
    return eachKey !== undefined && forEach
      ? this.withEachKey(forEach, input.scope, eachKey, read)
      : this.withEach(forEach, input.scope, read);
  }

  /** The `for_each` of the module call an input is given in, if it has one. */
  callForEach(input: ModuleInput): Expression | null {
    const call = this.side.modules.get(input.scope.dir)?.get(`module.${input.callName}`);
    return call?.ref.body.attributes.find((attribute) => attribute.name === 'for_each')?.expr ?? null;
  }

  /**
   * An attribute's value (an object's, or a module call's input): in a var-file context, the
   * auto-loaded context's when neither it nor the for_each `each` refers to reads anything the
   * context sets (see SharedContext). Not inside a dynamic block's content, whose iterator is
   * read from outside the expression.
   */
  resolveShared(expr: Expression, scope: ModuleScope): Resolved {
    const shared = scope.shared;
    // One instance of a for_each (each.key known) is read on its own: values are shared per object, not per key.
    if (!shared || this.iterators.length > 0 || this.each?.key) return this.resolve(expr, scope);
    let byScope = this.sharedValues.get(expr);
    if (shared.isBase) {
      const resolved = this.resolve(expr, scope);
      if (!byScope) {
        byScope = new Map();
        this.sharedValues.set(expr, byScope);
      }
      byScope.set(scope.key, resolved);
      return resolved;
    }
    const known = byScope?.get(shared.baseKey + scope.callPath);
    const each = this.each;
    if (
      known &&
      shared.sharesExpression(expr, scope) &&
      (each === null || shared.sharesExpression(each.forEach, each.scope))
    )
      return known;
    return this.resolve(expr, scope);
  }
}
