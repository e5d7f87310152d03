import type { Expression } from '../terraform/model.js';
import {
  ANY,
  type PathReader,
  pathKey,
  projectedReads,
  type ReadPath,
  type ReferenceChain,
  WHOLE,
} from './pathReads.js';
import { Definitions, either, NOTHING, type ReachInputs, type Reads, type ReferenceKind } from './reachInputs.js';
import type { ModuleInput, ModuleScope } from './scope.js';

/** References deeper than this are taken as reached, as the resolver stops following them. */
const MAX_DEPTH = 48;

/**
 * What references read, for ValueReach: a variable (the var files' value by name in a root, the
 * call's input in a module), a local, a local module call's outputs — whole, or the part a path
 * names (pathReads.ts). Each question is answered once per call path, for every context.
 */
export abstract class ReferenceReads {
  private readonly memo = new Map<string, Reads>();
  private depth = 0;
  protected readonly definitions: Definitions;
  /** Parts of values read (pathReads.ts): `local.all[k].id` reads the `id` of each entry, not the entries' other outputs. */
  protected readonly paths: PathReader = {
    whole: (expr, scope) => this.expressionReads(expr, scope),
    chain: (chain, scope) => this.chainPartReads(chain, scope),
  };

  constructor(protected readonly inputs: ReachInputs) {
    this.definitions = new Definitions(inputs);
  }

  /** What an expression read in `scope` reads, whole. */
  protected abstract expressionReads(expr: Expression, scope: ModuleScope): Reads;

  /**
   * Each output of a local module call, with what it reads; null when the call is written
   * otherwise (a changed `source` changes every output) or is not followed.
   */
  protected callOutputs(callName: string, scope: ModuleScope): { name: string; reads: Reads }[] | null {
    const inner = this.definitions.callChanged(scope.dir, callName) ? null : this.inputs.callScope(scope, callName);
    if (!inner) return null;
    return this.definitions.outputNames(inner.dir).map((name) => ({
      name,
      reads: this.memoized(scope, 'output', `${callName}.${name}`, () => this.outputReads(callName, name, scope)),
    }));
  }

  /**
   * What a reference in `scope` reads, followed as the Resolver follows it: `var.name`,
   * `local.name`, `module.call.output` (name `call.output`), `module.call` as a whole (name `call`).
   */
  referenceReads(kind: ReferenceKind, name: string, scope: ModuleScope): Reads {
    switch (kind) {
      case 'var':
        return this.memoized(scope, 'var', name, () => this.variableReads(name, scope));
      case 'local':
        return this.memoized(scope, 'local', name, () => this.localReads(name, scope));
      case 'output': {
        const dot = name.indexOf('.');
        const call = name.slice(0, dot);
        return this.memoized(scope, 'output', name, () => this.outputReads(call, name.slice(dot + 1), scope));
      }
      case 'outputs':
        return this.memoized(scope, 'outputs', name, () => this.allOutputsReads(name, scope));
    }
  }

  protected inputReads(input: ModuleInput): Reads {
    if (this.definitions.callChanged(input.scope.dir, input.callName, input.attribute.name)) return true;
    return this.givenReads(input);
  }

  /** What an input reads (of `path` of its value): its expression, and the call's for_each, which `each.value` reads. */
  protected givenReads(input: ModuleInput, path: ReadPath = WHOLE): Reads {
    const reads = projectedReads(input.attribute.expr, input.scope, path, this.paths);
    const call = this.inputs.modules.get(input.scope.dir)?.get(`module.${input.callName}`);
    const forEach = call?.ref.body.attributes.find((attribute) => attribute.name === 'for_each');
    return reads === true || !forEach ? reads : either(reads, this.expressionReads(forEach.expr, input.scope));
  }

  protected all(expressions: readonly (Expression | null)[], scope: ModuleScope): Reads {
    let reads: Reads = NOTHING;
    for (const expr of expressions) {
      if (expr === null) continue;
      reads = either(reads, this.expressionReads(expr, scope));
      if (reads === true) return true;
    }
    return reads;
  }

  /** What a part of a variable, a local or a module call's outputs reads. */
  protected chainPartReads({ root, name, path }: ReferenceChain, scope: ModuleScope): Reads {
    const key = name + pathKey(path);
    switch (root) {
      case 'var':
        return this.memoized(scope, 'var', key, () => this.variableReads(name, scope, path));
      case 'local':
        return this.memoized(scope, 'local', key, () => this.localReads(name, scope, path));
      case 'module':
        return this.memoized(scope, 'outputs', key, () => this.callPartReads(name, scope, path));
    }
  }

  /**
   * A part of a local module call's value: with count or for_each, an instance's (which instances
   * there are is read too), else the outputs object's; the output the path names, or every one.
   */
  protected callPartReads(callName: string, scope: ModuleScope, path: ReadPath): Reads {
    if (this.definitions.callChanged(scope.dir, callName)) return true;
    if (!this.inputs.callScope(scope, callName)) return NOTHING;
    const call = this.inputs.modules.get(scope.dir)?.get(`module.${callName}`);
    const expansion = (call?.ref.body.attributes ?? []).filter((a) => a.name === 'count' || a.name === 'for_each');
    let reads = this.all(
      expansion.map((attribute) => attribute.expr),
      scope,
    );
    const rest = expansion.length > 0 ? path.slice(1) : path;
    if (reads === true || rest.length === 0) return either(reads, this.referenceReads('outputs', callName, scope));
    const [output, ...further] = rest as [string, ...string[]];
    const names = output === ANY ? this.definitions.outputNames(this.inputs.callScope(scope, callName)!.dir) : [output];
    for (const name of names) {
      reads = either(
        reads,
        this.memoized(scope, 'output', `${callName}.${name}${pathKey(further)}`, () =>
          this.outputReads(callName, name, scope, further),
        ),
      );
      if (reads === true) return true;
    }
    return reads;
  }

  /** A root's variable is read by name (its value is the context's); a called module's from the call. */
  protected variableReads(name: string, scope: ModuleScope, path: ReadPath = WHOLE): Reads {
    if (this.definitions.variableChanged(scope.dir, name)) return true;
    let reads: Reads = NOTHING;
    if (scope.inputs) {
      // The call gives the value: when the call changed where it gives it, so may the value.
      const caller = scope.chainDirs[scope.chainDirs.length - 2];
      if (
        caller === undefined ||
        scope.callName === undefined ||
        this.definitions.callChanged(caller, scope.callName, name)
      )
        return true;
      const input = scope.inputs.get(name);
      // A Terragrunt deployment's module is its root: a var file may set the variable over the input.
      const byName: Reads = scope.deploymentRoot ? new Set([name]) : NOTHING;
      if (input) return either(byName, this.givenReads(input, path));
      reads = byName;
    } else {
      reads = new Set([name]);
    }
    const declaration = this.inputs.modules.get(scope.dir)?.get(`var.${name}`);
    const fallback = declaration?.ref.body.attributes.find((attribute) => attribute.name === 'default');
    return fallback === undefined ? reads : either(reads, projectedReads(fallback.expr, scope, path, this.paths));
  }

  protected localReads(name: string, scope: ModuleScope, path: ReadPath = WHOLE): Reads {
    if (this.inputs.changedObject(scope.dir, `local.${name}`)) return true;
    const attribute = this.inputs.modules.get(scope.dir)?.get(`local.${name}`)?.attribute;
    return attribute === undefined ? NOTHING : projectedReads(attribute.expr, scope, path, this.paths);
  }

  protected outputReads(callName: string, output: string, scope: ModuleScope, path: ReadPath = WHOLE): Reads {
    if (this.definitions.callChanged(scope.dir, callName)) return true;
    const inner = this.inputs.callScope(scope, callName);
    if (!inner) return NOTHING;
    const declaration = this.inputs.modules.get(inner.dir)?.get(`output.${output}`);
    const value = declaration?.ref.body.attributes.find((attribute) => attribute.name === 'value');
    // Only its value is read: a changed description or `sensitive` changes no reader's value.
    if (this.inputs.changedObject(inner.dir, `output.${output}`)) {
      const before = this.inputs.baseModules.get(inner.dir)?.get(`output.${output}`);
      const previous = before?.ref.body.attributes.find((attribute) => attribute.name === 'value');
      if (!value || !previous || value.text !== previous.text) return true;
    }
    return value === undefined ? NOTHING : projectedReads(value.expr, inner, path, this.paths);
  }

  protected allOutputsReads(callName: string, scope: ModuleScope): Reads {
    if (this.definitions.callChanged(scope.dir, callName)) return true;
    const inner = this.inputs.callScope(scope, callName);
    if (!inner) return NOTHING;
    let reads: Reads = NOTHING;
    for (const output of this.definitions.outputNames(inner.dir)) {
      reads = either(
        reads,
        this.memoized(scope, 'output', `${callName}.${output}`, () => this.outputReads(callName, output, scope)),
      );
      if (reads === true) return true;
    }
    return reads;
  }

  /**
   * Each question answered once per call path, for every context (a scope differs between
   * contexts only in its root's values, which answers leave by name). One being answered (a
   * cycle) or too deep is reached.
   */
  protected memoized(scope: ModuleScope, kind: string, name: string, answer: () => Reads): Reads {
    const key = `${scope.callPath}\u0000${kind}\u0000${name}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    if (this.depth >= MAX_DEPTH) return true;
    this.memo.set(key, true);
    this.depth++;
    try {
      const reads = answer();
      this.memo.set(key, reads);
      return reads;
    } finally {
      this.depth--;
    }
  }
}
