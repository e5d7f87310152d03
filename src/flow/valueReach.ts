import type { ComparableObject } from '../terraform/comparableObjects.js';
import type { Body, Expression, TemplatePart } from '../terraform/model.js';
import type { ModuleInput, ModuleScope } from './resolver.js';
import type { VarAssignment } from './varFiles.js';

/** Functions that read files: a changed file they read is not a changed directory. */
const FILE_FUNCTIONS: ReadonlySet<string> = new Set([
  'file',
  'templatefile',
  'filebase64',
  'filemd5',
  'filesha1',
  'filesha256',
  'filesha512',
  'filebase64sha256',
  'filebase64sha512',
  'fileset',
  'fileexists',
]);
/** References deeper than this are taken as reached, as the resolver stops following them. */
const MAX_DEPTH = 48;

/** What the question needs of one revision pair under one root and var-file context. */
export interface ReachInputs {
  /** the head's module directories: an object not changed is the same at the base */
  modules: ReadonlyMap<string, ReadonlyMap<string, ComparableObject>>;
  /** the scope inside a local module call at the head, or null where the resolver does not follow it */
  callScope: (scope: ModuleScope, callName: string) => ModuleScope | null;
  /** whether a module directory's object is defined otherwise at the head (see changedObjects) */
  changedObject: (dir: string, address: string) => boolean;
  /** whether any file of the module directory, or of a module it calls (transitively), changed */
  changedBelow: (dir: string) => boolean;
  /** the var files' values for the root at the base, to compare with the head scope's */
  baseRootValues: ReadonlyMap<string, VarAssignment>;
}

/**
 * Which objects can resolve to another value at the head than at the base. An object reaches a
 * change when it is defined otherwise (on one side only, or in a changed file), or when one of
 * its expressions reads — through variables, locals, module calls' inputs, defaults and outputs
 * of local modules, followed as the Resolver follows them — an object defined otherwise, a
 * var-file value that differs, or any file. What the walk cannot follow to the end (a cycle, a
 * chain too deep, a whole `var` or `local` object, `terraform.workspace`, a template
 * directive, a provisioner, an external program) counts as reached; a whole module call's
 * value does when the call or the module's code changed. An object that reaches
 * nothing resolves to the same value on both sides: it cannot be a change, and need not be resolved.
 */
export class ValueReach {
  private readonly memo = new Map<string, boolean>();
  private depth = 0;

  constructor(private readonly inputs: ReachInputs) {}

  /** Whether `object`, in `scope` at the head, may resolve to another value than at the base. */
  objectReached(object: ComparableObject, scope: ModuleScope): boolean {
    if (this.objectChanged(scope.dir, object.address)) return true;
    if (object.address.startsWith('data.external.') || object.address.startsWith('external.')) return true;
    return this.bodyReached(object.ref.body, scope);
  }

  /** Whether a module call's input may resolve to another value at the head than at the base. */
  inputReached(input: ModuleInput): boolean {
    return (
      this.objectChanged(input.scope.dir, `module.${input.callName}`) ||
      this.expressionReached(input.attribute.expr, input.scope)
    );
  }

  private objectChanged(dir: string, address: string): boolean {
    return this.inputs.changedObject(dir, address);
  }

  private bodyReached(body: Body, scope: ModuleScope): boolean {
    for (const attribute of body.attributes) if (this.expressionReached(attribute.expr, scope)) return true;
    for (const block of body.blocks) {
      // A provisioner's commands name scripts whose content is part of the value.
      if (block.type === 'provisioner' || this.bodyReached(block, scope)) return true;
    }
    return false;
  }

  private expressionReached(expr: Expression, scope: ModuleScope): boolean {
    switch (expr.kind) {
      case 'literal':
      case 'splatItem':
      case 'invalid':
        return false;
      case 'variable':
        return isReachingRoot(expr.name);
      case 'getAttr':
        return this.getAttrReached(expr, scope);
      case 'index':
        return this.expressionReached(expr.target, scope) || this.expressionReached(expr.key, scope);
      case 'splat':
        return this.expressionReached(expr.source, scope) || this.expressionReached(expr.each, scope);
      case 'call':
        return FILE_FUNCTIONS.has(expr.name) || expr.args.some((arg) => this.expressionReached(arg, scope));
      case 'template':
        return expr.parts.some((part) => this.partReached(part, scope));
      case 'tuple':
        return expr.items.some((item) => this.expressionReached(item, scope));
      case 'object':
        return expr.items.some(
          (item) =>
            (item.key.kind !== 'variable' && this.expressionReached(item.key, scope)) ||
            this.expressionReached(item.value, scope),
        );
      case 'unary':
        return this.expressionReached(expr.operand, scope);
      case 'binary':
        return this.expressionReached(expr.left, scope) || this.expressionReached(expr.right, scope);
      case 'conditional':
        return (
          this.expressionReached(expr.cond, scope) ||
          this.expressionReached(expr.then, scope) ||
          this.expressionReached(expr.else, scope)
        );
      case 'for':
        return (
          this.expressionReached(expr.collection, scope) ||
          (expr.key !== null && this.expressionReached(expr.key, scope)) ||
          this.expressionReached(expr.value, scope) ||
          (expr.cond !== null && this.expressionReached(expr.cond, scope))
        );
      case 'parens':
        return this.expressionReached(expr.inner, scope);
      default:
        return true;
    }
  }

  private partReached(part: TemplatePart, scope: ModuleScope): boolean {
    if (part.kind === 'text') return false;
    if (part.kind === 'interpolation') return this.expressionReached(part.expr, scope);
    return true;
  }

  private getAttrReached(expr: Extract<Expression, { kind: 'getAttr' }>, scope: ModuleScope): boolean {
    const target = expr.target;
    if (target.kind === 'variable') {
      if (target.name === 'var')
        return this.memoized(scope, 'var', expr.name, () => this.variableReached(expr.name, scope));
      if (target.name === 'local')
        return this.memoized(scope, 'local', expr.name, () => this.localReached(expr.name, scope));
      if (target.name === 'module')
        return this.memoized(scope, 'module', expr.name, () => this.callReached(expr.name, scope));
      return isReachingRoot(target.name);
    }
    if (target.kind === 'getAttr' && target.target.kind === 'variable' && target.target.name === 'module') {
      const call = target.name;
      return this.memoized(scope, 'module', `${call}.${expr.name}`, () => this.outputReached(call, expr.name, scope));
    }
    return this.expressionReached(target, scope);
  }

  private variableReached(name: string, scope: ModuleScope): boolean {
    if (this.objectChanged(scope.dir, `var.${name}`)) return true;
    if (scope.inputs) {
      // The call gives the value: when the call changed, so may the value.
      const caller = scope.chainDirs[scope.chainDirs.length - 2];
      const callName = /module\.([^.]+)\.$/.exec(scope.callPath)?.[1];
      if (caller === undefined || callName === undefined || this.objectChanged(caller, `module.${callName}`))
        return true;
      const input = scope.inputs.get(name);
      if (input) return this.expressionReached(input.attribute.expr, input.scope);
    } else {
      const before = this.inputs.baseRootValues.get(name);
      const after = scope.rootValues?.get(name);
      if (before !== undefined || after !== undefined) return before?.text !== after?.text;
    }
    const declaration = this.inputs.modules.get(scope.dir)?.get(`var.${name}`);
    const fallback = declaration?.ref.body.attributes.find((attribute) => attribute.name === 'default');
    return fallback !== undefined && this.expressionReached(fallback.expr, scope);
  }

  private localReached(name: string, scope: ModuleScope): boolean {
    if (this.objectChanged(scope.dir, `local.${name}`)) return true;
    const attribute = this.inputs.modules.get(scope.dir)?.get(`local.${name}`)?.attribute;
    return attribute !== undefined && this.expressionReached(attribute.expr, scope);
  }

  /**
   * `module.m` as a whole stays as written on both sides (the Resolver does not follow it), but
   * its value at apply time is the module's outputs: reached when the call or any code of the
   * module (or below) changed. Its inputs are not followed here: an object inside the module
   * that reads a changed input is reached, and compared, in the module's own instance.
   */
  private callReached(callName: string, scope: ModuleScope): boolean {
    if (this.objectChanged(scope.dir, `module.${callName}`)) return true;
    const inner = this.inputs.callScope(scope, callName);
    return inner !== null && this.inputs.changedBelow(inner.dir);
  }

  private outputReached(callName: string, output: string, scope: ModuleScope): boolean {
    if (this.objectChanged(scope.dir, `module.${callName}`)) return true;
    const inner = this.inputs.callScope(scope, callName);
    if (!inner) return false;
    if (this.objectChanged(inner.dir, `output.${output}`)) return true;
    const declaration = this.inputs.modules.get(inner.dir)?.get(`output.${output}`);
    const value = declaration?.ref.body.attributes.find((attribute) => attribute.name === 'value');
    return value !== undefined && this.expressionReached(value.expr, inner);
  }

  /** Each reference answered once per scope; one being answered (a cycle) or too deep is reached. */
  private memoized(scope: ModuleScope, kind: string, name: string, answer: () => boolean): boolean {
    const key = `${scope.key}\u0000${kind}\u0000${name}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    if (this.depth >= MAX_DEPTH) return true;
    this.memo.set(key, true);
    this.depth++;
    try {
      const reached = answer();
      this.memo.set(key, reached);
      return reached;
    } finally {
      this.depth--;
    }
  }
}

/**
 * A bare `var`, `local` or `module` object, or `terraform.workspace`, is not followed: reached.
 * Resource, data, `each`, `count`, `self` and `path` references stay as written on both sides:
 * a changed resource is a change of its own.
 */
function isReachingRoot(name: string): boolean {
  return name === 'var' || name === 'local' || name === 'module' || name === 'terraform';
}
