import type { ComparableObject } from '../terraform/comparableObjects.js';
import type { Attribute, Expression, Range, TemplatePart } from '../terraform/model.js';
import { anyEntryAttribute, ITERATOR_ELEMENT, select } from './anyEntry.js';
import type { SharedContext } from './contextSharing.js';
import { fileCall } from './fileCalls.js';
import { contentDigest, type FileReader } from './fileFunctions.js';
import { STATE_READERS } from './remoteState.js';
import type { SourceLink, SourceNode } from './sources.js';
import { foldedCall } from './staticCalls.js';
import { withTypeDefaults } from './typeDefaults.js';
import type { ReferenceKind } from './valueReach.js';
import type { VarAssignment } from './varFiles.js';

/** One revision of the configuration, as the resolver reads it. */
export interface ConfigurationSide {
  /** module directory → address → object */
  modules: Map<string, Map<string, ComparableObject>>;
  files: FileReader;
}

/** A value given to a called module's variable: the caller's expression, read in the caller's scope. */
export interface ModuleInput {
  attribute: Attribute;
  scope: ModuleScope;
  callName: string;
  file: string;
}

/** One instance of one module directory inside one root: where its references point. */
export interface ModuleScope {
  /** unique per root, variable-file context and call path */
  key: string;
  root: string;
  /** the module directory whose code this is */
  dir: string;
  /** `module.a.module.b.` for objects inside calls; '' in the root itself */
  callPath: string;
  /** null in the root, whose variables are set by var files */
  inputs: Map<string, ModuleInput> | null;
  rootValues: Map<string, VarAssignment> | null;
  /** the module directories from the root down to this one */
  chainDirs: string[];
  /** in a var-file context: what it shares with the root's auto-loaded context, resolved before it */
  shared?: SharedContext;
}

export interface Resolved {
  expr: Expression;
  /** every source the value was read through */
  links: SourceLink[];
}

/** Resolution deeper than this is a cycle or a pathological configuration: the reference stays as written. */
const MAX_DEPTH = 64;

/**
 * Substitutes what can be known statically for the references of an expression: `var.x` by the
 * value a var file or the module call gives (else its default), `local.x` by its expression,
 * `module.m.out` of a local module by the output's value, `file(...)` by the file's content.
 * What cannot be known (resource attributes, data sources, `each`, `terraform.workspace`) stays
 * as written, so a changed source still changes the resolved text of whatever it is combined
 * with: a key known only at apply time selects nothing, and the whole collection stays in.
 */
export class Resolver {
  /** the digest of every source visited, by id: compared between base and head */
  readonly digests = new Map<string, string>();
  /** file functions whose path is known only at apply time (`file` is the module directory): a changed file may be read there */
  readonly unresolvedReads: { text: string; file: string; line: number }[] = [];
  private readonly memo = new Map<string, Resolved>();
  private readonly forEachMemo = new WeakMap<Expression, Map<string, Resolved>>();
  /** attribute values of auto-loaded contexts whose var-file contexts share them (see resolveShared), by scope key */
  private readonly sharedValues = new WeakMap<Expression, Map<string, Resolved>>();
  private depth = 0;
  /** the `for_each` that `each` refers to where an expression is being read, with its scope */
  private each: { forEach: Expression; scope: ModuleScope } | null = null;
  /** a `dynamic` block's iterator where its content is being read: its name, resolved for_each and sources */
  private iterators: { name: string; collection: Expression; links: SourceLink[] }[] = [];

  /** the roots whose outputs are being read through remote state, innermost last: a cycle stops there */
  private readonly remoteRoots: string[] = [];

  constructor(
    readonly side: ConfigurationSide,
    readonly callScope: (scope: ModuleScope, callName: string) => ModuleScope | null,
    /** the root scope whose state `data.<type>.<name>` of `scope` reads (a state reader), or null (remoteState.ts) */
    private readonly remoteRoot: (
      scope: ModuleScope,
      type: string,
      dataName: string,
      resolver: Resolver,
    ) => ModuleScope | null = () => null,
  ) {}

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
        return this.template(expr, scope, chains);
      case 'call':
        return this.call(expr, scope, chains);
      case 'parens': {
        const inner = this.expression(expr.inner, scope, chains);
        return inner === expr.inner ? expr : { ...expr, inner };
      }
      case 'tuple': {
        const items = this.list(expr.items, scope, chains);
        return items === expr.items ? expr : { ...expr, items };
      }
      case 'object':
        return this.object(expr, scope, chains);
      case 'unary': {
        const operand = this.expression(expr.operand, scope, chains);
        return operand === expr.operand ? expr : { ...expr, operand };
      }
      case 'binary': {
        const left = this.expression(expr.left, scope, chains);
        const right = this.expression(expr.right, scope, chains);
        return left === expr.left && right === expr.right ? expr : { ...expr, left, right };
      }
      case 'conditional': {
        const cond = this.expression(expr.cond, scope, chains);
        const then = this.expression(expr.then, scope, chains);
        const otherwise = this.expression(expr.else, scope, chains);
        return cond === expr.cond && then === expr.then && otherwise === expr.else
          ? expr
          : { ...expr, cond, then, else: otherwise };
      }
      case 'for':
        return this.forExpression(expr, scope, chains);
      case 'splat': {
        const source = this.expression(expr.source, scope, chains);
        return source === expr.source ? expr : { ...expr, source };
      }
      default:
        return expr;
    }
  }

  /** `x[k]`: a resolved collection with a known key becomes the selected element. */
  private index(expr: Extract<Expression, { kind: 'index' }>, scope: ModuleScope, chains: SourceLink[]): Expression {
    // `module.m[k]` of a call with count or for_each: every instance runs the same code, so any
    // instance's outputs are what the call's outputs are (what differs per key stays as written).
    const call = moduleCallName(expr.target);
    if (call !== null) {
      const outputs = this.moduleOutputs(call, scope, expr.range);
      if (outputs) {
        chains.push(...outputs.links);
        return outputs.expr;
      }
    }
    const target = this.expression(expr.target, scope, chains);
    const key = this.expression(expr.key, scope, chains);
    const selected = select(target, key);
    if (selected) return selected;
    return target === expr.target && key === expr.key ? expr : { ...expr, target, key };
  }

  /** A bare word as an object key is a name, not a reference: only expression keys are resolved. */
  private object(expr: Extract<Expression, { kind: 'object' }>, scope: ModuleScope, chains: SourceLink[]): Expression {
    let changed = false;
    const items = expr.items.map((item) => {
      const key = item.key.kind === 'variable' ? item.key : this.expression(item.key, scope, chains);
      const value = this.expression(item.value, scope, chains);
      if (key !== item.key || value !== item.value) changed = true;
      return { key, value };
    });
    return changed ? { ...expr, items } : expr;
  }

  private forExpression(
    expr: Extract<Expression, { kind: 'for' }>,
    scope: ModuleScope,
    chains: SourceLink[],
  ): Expression {
    const collection = this.expression(expr.collection, scope, chains);
    const key = expr.key && this.expression(expr.key, scope, chains);
    const value = this.expression(expr.value, scope, chains);
    const cond = expr.cond && this.expression(expr.cond, scope, chains);
    return collection === expr.collection && key === expr.key && value === expr.value && cond === expr.cond
      ? expr
      : { ...expr, collection, key, value, cond };
  }

  private list(items: Expression[], scope: ModuleScope, chains: SourceLink[]): Expression[] {
    let changed = false;
    const out = items.map((item) => {
      const resolved = this.expression(item, scope, chains);
      if (resolved !== item) changed = true;
      return resolved;
    });
    return changed ? out : items;
  }

  private getAttr(
    expr: Extract<Expression, { kind: 'getAttr' }>,
    scope: ModuleScope,
    chains: SourceLink[],
  ): Expression {
    const target = expr.target;
    const iterator =
      target.kind === 'variable' && expr.name === 'value'
        ? this.iterators.findLast((bound) => bound.name === target.name)
        : undefined;
    if (iterator) {
      // `ingress.value` in a dynamic block's content: any element of its resolved for_each.
      chains.push(...iterator.links);
      const key: Expression = { kind: 'getAttr', target, name: ITERATOR_ELEMENT, range: expr.range };
      return { kind: 'index', target: iterator.collection, key, legacy: false, range: expr.range };
    }
    if (target.kind === 'variable' && target.name === 'each' && expr.name === 'value' && this.each) {
      // `each.value`: any entry of the for_each, resolved, so a changed entry reaches what reads it.
      const { expr: collection, links } = this.forEachCollection(this.each.forEach, this.each.scope);
      chains.push(...links);
      const key: Expression = { kind: 'getAttr', target, name: 'key', range: expr.range };
      return { kind: 'index', target: collection, key, legacy: false, range: expr.range };
    }
    if (target.kind === 'variable') {
      // A whole call, `module.m`: an object of all its outputs, so `local.all = module.m` and
      // `local.all.cidr` still carry a changed output to where it lands.
      const reference =
        target.name === 'module'
          ? this.wholeCall(expr.name, scope, expr.range)
          : this.reference(target.name, expr.name, scope);
      if (reference) {
        chains.push(...reference.links);
        return reference.expr;
      }
      return expr;
    }
    if (target.kind === 'getAttr' && target.target.kind === 'variable' && target.target.name === 'module') {
      const output = this.moduleOutput(target.name, expr.name, scope);
      if (output) {
        chains.push(...output.links);
        return output.expr;
      }
      return expr;
    }
    // `data.terraform_remote_state.n.outputs`, `data.tfe_outputs.n.values`, or `…n[0].outputs` of one with count or for_each
    const stateData = target.kind === 'index' ? target.target : target;
    const reader = stateData.kind === 'getAttr' ? stateReaderType(stateData.target) : null;
    if (reader !== null && stateData.kind === 'getAttr' && STATE_READERS.get(reader)?.includes(expr.name)) {
      const outputs = this.remoteOutputs(reader, stateData.name, scope, expr.range);
      if (outputs) {
        chains.push(...outputs.links);
        return outputs.expr;
      }
    }
    const resolvedTarget = this.expression(target, scope, chains);
    const selected = select(resolvedTarget, { kind: 'literal', value: expr.name, range: expr.range });
    if (selected) return selected;
    const projected = anyEntryAttribute(resolvedTarget, expr.name, expr.range);
    if (projected) return projected;
    return resolvedTarget === target ? expr : { ...expr, target: resolvedTarget };
  }

  /** `var.x`, `local.x`: memoized per scope, so a value used a thousand times is resolved once. */
  private reference(root: string, name: string, scope: ModuleScope): Resolved | null {
    if (root !== 'var' && root !== 'local') return null;
    const memoKey = `${scope.key}\u0000${root}\u0000${name}`;
    const known = this.memo.get(memoKey) ?? this.shared(scope, `\u0000${root}\u0000${name}`, root, name, memoKey);
    if (known) return known;
    if (this.depth >= MAX_DEPTH) return null;
    this.depth++;
    try {
      const resolved = root === 'var' ? this.variable(name, scope) : this.local(name, scope);
      if (resolved) this.memo.set(memoKey, resolved);
      return resolved;
    } finally {
      this.depth--;
    }
  }

  private variable(name: string, scope: ModuleScope): Resolved | null {
    const declaration = this.side.modules.get(scope.dir)?.get(`var.${name}`);
    const declared: SourceNode = this.node(
      `var|${scope.key}|${name}`,
      `${scope.callPath}var.${name}`,
      declaration?.ref.file ?? '',
      declaration?.ref.range.start.line ?? 1,
      '',
    );
    // Every source the variable could take its value from is noted, the one used or not, so
    // base and head compare each source itself (a default unchanged while a var file took over
    // is not a changed default).
    const input = scope.inputs?.get(name);
    const given =
      input &&
      this.node(
        `input|${scope.key}|${name}`,
        `${scope.callPath.slice(0, -1)} input ${name}`,
        input.file,
        input.attribute.range.start.line,
        input.attribute.text,
      );
    const assigned = scope.inputs ? undefined : scope.rootValues?.get(name);
    const value =
      assigned &&
      this.node(
        `value|${scope.key}|${name}`,
        `${assigned.file}:${assigned.line} ${name}`,
        assigned.file,
        assigned.line,
        assigned.text,
      );
    const fallback = declaration?.ref.body.attributes.find((attribute) => attribute.name === 'default');
    const defaulted =
      fallback &&
      this.node(
        `default|${scope.dir}|${name}`,
        `default of ${scope.callPath}var.${name}`,
        declaration!.ref.file,
        fallback.range.start.line,
        fallback.text,
      );
    const resolved =
      input && given
        ? this.withEach(this.callForEach(input), input.scope, () =>
            this.through([declared, given], input.attribute.expr, input.scope),
          )
        : assigned && value
          ? { expr: assigned.expr, links: [{ node: declared, next: [{ node: value, next: [] }] }] }
          : fallback && defaulted
            ? this.through([declared, defaulted], fallback.expr, scope)
            : null;
    const type = declaration?.ref.body.attributes.find((attribute) => attribute.name === 'type');
    return resolved && type ? { ...resolved, expr: withTypeDefaults(resolved.expr, type.expr) } : resolved;
  }

  private local(name: string, scope: ModuleScope): Resolved | null {
    const local = this.side.modules.get(scope.dir)?.get(`local.${name}`);
    const attribute = local?.attribute;
    if (!local || !attribute) return null;
    const node = this.node(
      `local|${scope.dir}|${name}`,
      `${scope.callPath}local.${name}`,
      local.ref.file,
      attribute.range.start.line,
      attribute.text,
    );
    return this.through([node], attribute.expr, scope);
  }

  /** `module.m.out` of a local module: the output's value, read inside that call. */
  private moduleOutput(callName: string, output: string, scope: ModuleScope): Resolved | null {
    const memoKey = `${scope.key}\u0000module\u0000${callName}\u0000${output}`;
    const known =
      this.memo.get(memoKey) ??
      this.shared(scope, `\u0000module\u0000${callName}\u0000${output}`, 'output', `${callName}.${output}`, memoKey);
    if (known) return known;
    const inner = this.callScope(scope, callName);
    const declaration = inner && this.side.modules.get(inner.dir)?.get(`output.${output}`);
    const value = declaration?.ref.body.attributes.find((attribute) => attribute.name === 'value');
    if (!inner || !declaration || !value || this.depth >= MAX_DEPTH) return null;
    this.depth++;
    try {
      const node = this.node(
        `output|${inner.key}|${output}`,
        `${scope.callPath}module.${callName}.${output}`,
        declaration.ref.file,
        value.range.start.line,
        value.text,
      );
      const resolved = this.through([node], value.expr, inner);
      this.memo.set(memoKey, resolved);
      return resolved;
    } finally {
      this.depth--;
    }
  }

  /**
   * `module.m` of a local module: an object of every output's value, each read inside that call.
   * Memoized, so every reference shares one object (its canonical text is computed once), and
   * its sources hang below one link: a whole call merged into a map read by a thousand objects
   * costs one link per reader, not one per output.
   */
  private moduleOutputs(callName: string, scope: ModuleScope, range: Range): Resolved | null {
    const memoKey = `${scope.key}\u0000outputs\u0000${callName}`;
    const known =
      this.memo.get(memoKey) ?? this.shared(scope, `\u0000outputs\u0000${callName}`, 'outputs', callName, memoKey);
    if (known) return known;
    const inner = this.callScope(scope, callName);
    const objects = inner && this.side.modules.get(inner.dir);
    if (!inner || !objects) return null;
    const links: SourceLink[] = [];
    const items: { key: Expression; value: Expression }[] = [];
    for (const address of objects.keys()) {
      if (!address.startsWith('output.')) continue;
      const name = address.slice('output.'.length);
      const output = this.moduleOutput(callName, name, scope);
      if (!output) continue;
      links.push(...output.links);
      items.push({ key: { kind: 'variable', name, range: output.expr.range }, value: output.expr });
    }
    // The call itself is no source (its digest never differs); the outputs below it are.
    const call = this.node(`outputs|${inner.key}`, `${scope.callPath}module.${callName}`, inner.dir, 1, '');
    const resolved: Resolved = { expr: { kind: 'object', items, range }, links: [{ node: call, next: links }] };
    this.memo.set(memoKey, resolved);
    return resolved;
  }

  /**
   * `data.terraform_remote_state.<name>.outputs` of a state another root of the tree keeps: an
   * object of that root's outputs, each read in the root with its auto-loaded values, so a
   * changed output reaches what reads it here (`.outputs.admin_cidrs` in an ingress rule).
   */
  private remoteOutputs(type: string, dataName: string, scope: ModuleScope, range: Range): Resolved | null {
    const memoKey = `${scope.key}\u0000remote\u0000${type}\u0000${dataName}`;
    const known = this.memo.get(memoKey);
    if (known) return known;
    const remote = this.remoteRoot(scope, type, dataName, this);
    if (!remote || this.depth >= MAX_DEPTH || this.remoteRoots.includes(remote.root)) return null;
    this.depth++;
    this.remoteRoots.push(remote.root);
    try {
      const links: SourceLink[] = [];
      const items: { key: Expression; value: Expression }[] = [];
      for (const [address, declaration] of this.side.modules.get(remote.dir) ?? []) {
        if (!address.startsWith('output.')) continue;
        const value = declaration.ref.body.attributes.find((attribute) => attribute.name === 'value');
        if (!value) continue;
        const name = address.slice('output.'.length);
        const node = this.node(
          `output|${remote.key}|${name}`,
          `${remote.root}: output.${name}`,
          declaration.ref.file,
          value.range.start.line,
          value.text,
        );
        const output = this.through([node], value.expr, remote);
        links.push(...output.links);
        items.push({ key: { kind: 'variable', name, range: output.expr.range }, value: output.expr });
      }
      // The data source itself is no source; the other root's outputs below it are.
      const data = this.side.modules.get(scope.dir)?.get(`data.${type}.${dataName}`);
      const state = this.node(
        `remote|${scope.key}|${type}|${dataName}`,
        `${scope.callPath}data.${type}.${dataName} (the state of ${remote.root})`,
        data?.ref.file ?? scope.dir,
        data?.ref.range.start.line ?? 1,
        '',
      );
      const resolved: Resolved = { expr: { kind: 'object', items, range }, links: [{ node: state, next: links }] };
      this.memo.set(memoKey, resolved);
      return resolved;
    } finally {
      this.remoteRoots.pop();
      this.depth--;
    }
  }

  /**
   * `module.m` as a value: the object of its outputs, or for a call with count or for_each a
   * collection of such objects under keys known only at apply time, so `local.all[k].out`
   * reads that output of any instance.
   */
  private wholeCall(callName: string, scope: ModuleScope, range: Range): Resolved | null {
    const outputs = this.moduleOutputs(callName, scope, range);
    const call = this.side.modules.get(scope.dir)?.get(`module.${callName}`);
    const expanded = call?.ref.body.attributes.some((a) => a.name === 'for_each' || a.name === 'count');
    if (!outputs || !expanded) return outputs;
    const memoKey = `${scope.key}\u0000instances\u0000${callName}`;
    const known =
      this.memo.get(memoKey) ?? this.shared(scope, `\u0000instances\u0000${callName}`, 'outputs', callName, memoKey);
    if (known) return known;
    // A call as the key: no key text, so no literal key selects it.
    const key: Expression = { kind: 'call', name: 'four_eyes_instance', args: [], expandFinal: false, range };
    const instances: Resolved = {
      ...outputs,
      expr: { kind: 'object', items: [{ key: { kind: 'parens', inner: key, range }, value: outputs.expr }], range },
    };
    this.memo.set(memoKey, instances);
    return instances;
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

  /**
   * The auto-loaded context's value of a reference (`suffix` of its memo key), when `scope` is in a
   * var-file context that sets nothing it reads (see SharedContext); remembered under `memoKey` too.
   */
  private shared(
    scope: ModuleScope,
    suffix: string,
    kind: ReferenceKind,
    name: string,
    memoKey: string,
  ): Resolved | undefined {
    if (!scope.shared || scope.shared.isBase) return undefined;
    const value = this.memo.get(scope.shared.baseKey + scope.callPath + suffix);
    if (!value || !scope.shared.sharesReference(kind, name, scope)) return undefined;
    this.memo.set(memoKey, value);
    return value;
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

  /** A module call's input as the called module reads it: `each` is the call's for_each. */
  resolveInput(input: ModuleInput): Resolved {
    return this.withEach(this.callForEach(input), input.scope, () =>
      this.resolveShared(input.attribute.expr, input.scope),
    );
  }

  /**
   * An attribute's value (an object's, or a module call's input): in a var-file context, the
   * auto-loaded context's when neither it nor the for_each `each` refers to reads anything the
   * context sets (see SharedContext). Not inside a dynamic block's content, whose iterator is
   * read from outside the expression.
   */
  resolveShared(expr: Expression, scope: ModuleScope): Resolved {
    const shared = scope.shared;
    if (!shared || this.iterators.length > 0) return this.resolve(expr, scope);
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

  /** The `for_each` of the module call an input is given in, if it has one. */
  callForEach(input: ModuleInput): Expression | null {
    const call = this.side.modules.get(input.scope.dir)?.get(`module.${input.callName}`);
    return call?.ref.body.attributes.find((attribute) => attribute.name === 'for_each')?.expr ?? null;
  }

  /** The value of `expr` in `scope`, read through the `path` of sources (outermost first). */
  private through(path: SourceNode[], expr: Expression, scope: ModuleScope): Resolved {
    const inner: SourceLink[] = [];
    const resolved = this.expression(expr, scope, inner);
    let links: SourceLink[] = inner;
    for (const node of [...path].reverse()) links = [{ node, next: links }];
    return { expr: resolved, links };
  }

  private template(
    expr: Extract<Expression, { kind: 'template' }>,
    scope: ModuleScope,
    chains: SourceLink[],
  ): Expression {
    let changed = false;
    const parts = expr.parts.map((part): TemplatePart => {
      if (part.kind !== 'interpolation') return part;
      const inner = this.expression(part.expr, scope, chains);
      if (inner === part.expr) return part;
      changed = true;
      return { ...part, expr: inner };
    });
    if (!changed) return expr;
    const folded = foldTemplate(parts);
    return folded === null ? { ...expr, parts } : { kind: 'literal', value: folded, range: expr.range };
  }

  private call(expr: Extract<Expression, { kind: 'call' }>, scope: ModuleScope, chains: SourceLink[]): Expression {
    const args = this.list(expr.args, scope, chains);
    const resolved = args === expr.args ? expr : { ...expr, args };
    const folded = foldedCall(expr, args);
    if (folded) return folded;
    return fileCall(this, resolved, scope, chains);
  }

  fileNode(path: string): SourceNode {
    const content = this.side.files.content(path) ?? '';
    return this.node(`file|${path}`, path, path, 1, contentDigest(content));
  }

  node(id: string, label: string, file: string, line: number, digest: string): SourceNode {
    this.digests.set(id, digest);
    return { id, label, file, line, digest };
  }
}

/** `m` of `module.m`, else null. */
function moduleCallName(expr: Expression): string | null {
  return expr.kind === 'getAttr' && expr.target.kind === 'variable' && expr.target.name === 'module' ? expr.name : null;
}

/** A template whose every interpolation became a known scalar is that string. */
function foldTemplate(parts: TemplatePart[]): string | null {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') out += part.value;
    else if (part.kind === 'interpolation' && part.expr.kind === 'literal' && part.expr.value !== null)
      out += String(part.expr.value);
    else return null;
  }
  return out;
}

/** `data.terraform_remote_state`, `data.tfe_outputs`: the type of a state reader a reference starts with, or null. */
function stateReaderType(expr: Expression): string | null {
  return expr.kind === 'getAttr' &&
    STATE_READERS.has(expr.name) &&
    expr.target.kind === 'variable' &&
    expr.target.name === 'data'
    ? expr.name
    : null;
}
