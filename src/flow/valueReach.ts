import type { ComparableObject } from '../terraform/comparableObjects.js';
import type { Attribute, Body, Expression } from '../terraform/model.js';
import { FILE_DATA_SOURCES } from './fileDataSources.js';
import { CONTENT_FUNCTIONS } from './fileFunctions.js';
import { mayReadBack } from './lookupCounterparts.js';
import { isLookup } from './lookupValues.js';
import { chainReads, referenceChain } from './pathReads.js';
import { constantArgumentsSource, dataSourceOf } from './providerConstants.js';
import { type ContextReach, either, isArchive, isReachingRoot, NOTHING, type Reads, readPath } from './reachInputs.js';
import { ReferenceReads } from './referenceReads.js';
import { STATE_READERS } from './remoteState.js';
import { resourceArgumentOf, wholeResource } from './resourceArguments.js';
import type { ModuleScope } from './scope.js';
import type { VarAssignment } from './varFiles.js';

/** Functions that read files: a changed file they read is not a changed directory. */
const FILE_FUNCTIONS: ReadonlySet<string> = new Set([...CONTENT_FUNCTIONS, 'fileset', 'fileexists']);

/**
 * Which objects can resolve to another value at the head than at the base. An object reaches a
 * change when it is defined otherwise (on one side only, or in a changed file), or when one of
 * its expressions reads — through variables, locals, module calls' inputs, defaults and outputs
 * of local modules, followed as the Resolver follows them — an object defined otherwise, a
 * var-file value that differs, or a changed file (the one a file function names, where its path
 * is written out; any, for a provisioner or an external program). What the walk cannot follow to
 * the end (a cycle, a chain too deep, a whole `var` or `local` object, `terraform.workspace`, a
 * template directive) counts as reached. A part of a value (`local.all[k].id`, an entry's `id`
 * out of a collection of every module call's outputs) reads only what makes that part
 * (pathReads.ts). An object that reaches nothing resolves to the same value on both sides: it
 * cannot be a change, and need not be resolved.
 */
export class ValueReach extends ReferenceReads {
  private readonly expressionMemo = new WeakMap<Expression, Map<string, Reads>>();

  /**
   * The questions under one var-file context: a root variable read is reached when the base's
   * and the head's var files give it other values (or one gives it none).
   */
  inContext(
    baseRootValues: ReadonlyMap<string, VarAssignment>,
    headRootValues: ReadonlyMap<string, VarAssignment>,
  ): ContextReach {
    const differs = (reads: Reads) =>
      reads === true || [...reads].some((name) => baseRootValues.get(name)?.text !== headRootValues.get(name)?.text);
    return {
      objectReached: (object, scope) => differs(this.objectReads(object, scope)),
      inputReached: (input) => differs(this.inputReads(input)),
      expressionReached: (expr, scope) => differs(this.valueReads(expr, scope)),
      reachedOutputs: (callName, scope) => {
        const outputs = this.callOutputs(callName, scope);
        return outputs?.filter((output) => differs(output.reads)).map((output) => output.name) ?? null;
      },
    };
  }

  /**
   * What an expression read in `scope` reads (`each` aside: the caller adds what its for_each
   * reads); once per expression and call path, as it is asked in every context.
   */
  valueReads(expr: Expression, scope: ModuleScope): Reads {
    let byPath = this.expressionMemo.get(expr);
    if (!byPath) {
      byPath = new Map();
      this.expressionMemo.set(expr, byPath);
    }
    let reads = byPath.get(scope.callPath);
    if (reads === undefined) {
      reads = this.expressionReads(expr, scope);
      byPath.set(scope.callPath, reads);
    }
    return reads;
  }

  /** What an object's arguments and blocks read in `scope`; a change where it is defined otherwise. */
  objectReads(object: ComparableObject, scope: ModuleScope): Reads {
    return this.memoized(scope, 'object', object.address, () => {
      if (this.inputs.changedObject(scope.dir, object.address)) return true;
      // What a program reads is not known here: any file, its own script or a Terraform file.
      if (object.address.startsWith('data.external.') || object.address.startsWith('external.'))
        return this.inputs.fileChanged(null) || this.bodyReads(object.ref.body, scope);
      // A local chart's files are the release's content (flow/resolveBody.ts).
      if (object.address.startsWith('helm_release.'))
        return this.inputs.fileChanged(null) || this.bodyReads(object.ref.body, scope);
      return this.bodyReads(object.ref.body, scope);
    });
  }

  /**
   * What a data source asks with, which is what its readers get (a lookup's digest, a provider
   * constant): its arguments as resolved. Not what its own value reads besides: an external
   * program's script is part of the data source's change, not of the result its readers are bound to.
   */
  private askedReads(source: ComparableObject, scope: ModuleScope): Reads {
    return this.memoized(scope, 'asked', source.address, () =>
      this.inputs.changedObject(scope.dir, source.address) ? true : this.bodyReads(source.ref.body, scope),
    );
  }

  private bodyReads(body: Body, scope: ModuleScope): Reads {
    let reads: Reads = NOTHING;
    for (const attribute of body.attributes) {
      reads = either(reads, this.expressionReads(attribute.expr, scope));
      if (reads === true) return true;
    }
    for (const block of body.blocks) {
      // A provisioner's commands name scripts whose content is part of the value.
      if (block.type === 'provisioner' && this.inputs.fileChanged(null)) return true;
      reads = either(reads, this.bodyReads(block, scope));
      if (reads === true) return true;
    }
    return reads;
  }

  protected expressionReads(expr: Expression, scope: ModuleScope): Reads {
    switch (expr.kind) {
      case 'literal':
      case 'splatItem':
      case 'invalid':
        return NOTHING;
      case 'variable':
        return isReachingRoot(expr.name) ? true : NOTHING;
      case 'getAttr': {
        const chain = referenceChain(expr);
        return chain !== null && chain.path.length > 0
          ? chainReads(chain, scope, this.paths)
          : this.getAttrReads(expr, scope);
      }
      case 'index': {
        const chain = referenceChain(expr);
        return chain !== null ? chainReads(chain, scope, this.paths) : this.all([expr.target, expr.key], scope);
      }
      case 'splat':
        return this.all([expr.source, expr.each], scope);
      case 'call':
        return FILE_FUNCTIONS.has(expr.name) && this.inputs.fileChanged(readPath(expr, scope))
          ? true
          : this.all(expr.args, scope);
      case 'template': {
        let reads: Reads = NOTHING;
        for (const part of expr.parts) {
          if (part.kind === 'text') continue;
          if (part.kind !== 'interpolation') return true;
          reads = either(reads, this.expressionReads(part.expr, scope));
          if (reads === true) return true;
        }
        return reads;
      }
      case 'tuple':
        return this.all(expr.items, scope);
      case 'object':
        return this.all(
          expr.items.flatMap((item) => (item.key.kind === 'variable' ? [item.value] : [item.key, item.value])),
          scope,
        );
      case 'unary':
        return this.expressionReads(expr.operand, scope);
      case 'binary':
        return this.all([expr.left, expr.right], scope);
      case 'conditional':
        return this.all([expr.cond, expr.then, expr.else], scope);
      case 'for':
        return this.all([expr.collection, expr.key, expr.value, expr.cond], scope);
      case 'parens':
        return this.expressionReads(expr.inner, scope);
      default:
        return true;
    }
  }

  private getAttrReads(expr: Extract<Expression, { kind: 'getAttr' }>, scope: ModuleScope): Reads {
    // A value the Resolver computes from a data source's arguments (providerConstants.ts), or
    // fetches by them (lookupValues.ts), changes with them: with what the data source reads.
    // A resource's argument read back from it (resourceArguments.ts) changes with what it reads.
    const argument = resourceArgumentOf(expr, (address) => this.inputs.modules.get(scope.dir)?.get(address));
    if (argument?.carrier) return this.objectReads(argument.resource, scope);
    if (argument) return this.argumentReads(argument.resource, argument.argument, argument.perInstance, scope);
    const source = dataSourceOf(expr.target);
    if (source !== null && (constantArgumentsSource(expr) !== null || isLookup(source.type))) {
      const objects = this.inputs.modules.get(scope.dir);
      const declared = objects?.get(`data.${source.type}.${source.name}`);
      if (declared) {
        let reads = this.askedReads(declared, scope);
        if (isLookup(source.type))
          for (const resource of mayReadBack(declared, source.type, objects)) {
            if (reads === true) break;
            reads = either(reads, this.objectReads(resource, scope));
          }
        return reads;
      }
    }
    const target = expr.target;
    const declared = (address: string) => this.inputs.modules.get(scope.dir)?.get(address);
    // `aws_x.c.id`: an attribute the provider computes, read directly, is a change of the resource's own
    // (an archive's hash is read from the files it packs: below).
    if (wholeResource(target, declared) && !isArchive(target))
      return target.kind === 'index' ? this.expressionReads(target.key, scope) : NOTHING;
    // `aws_x.c` whole (`local.lg = aws_x.c`, `for_each = aws_x.c`): its arguments may be read from it.
    const whole = isArchive(expr) ? null : wholeResource(expr, declared);
    if (whole) return this.objectReads(whole, scope);
    if (target.kind === 'variable') {
      if (target.name === 'var')
        return this.memoized(scope, 'var', expr.name, () => this.variableReads(expr.name, scope));
      if (target.name === 'local')
        return this.memoized(scope, 'local', expr.name, () => this.localReads(expr.name, scope));
      // `module.m` as a whole (or `module.m[k]`): the Resolver reads it as an object of all its outputs.
      if (target.name === 'module')
        return this.memoized(scope, 'outputs', expr.name, () => this.allOutputsReads(expr.name, scope));
      // Another root's outputs, through its state (remoteState.ts): what changes there is not followed here.
      if (target.name === 'data' && STATE_READERS.has(expr.name)) return true;
      // Terragrunt's `dependency.x.outputs`: another deployment's outputs, the same way.
      if (target.name === 'dependency') return true;
      // A data source made from files of the tree (fileDataSources.ts) may read any changed file, as file() may.
      if (target.name === 'data' && FILE_DATA_SOURCES.has(expr.name)) return true;
      if (target.name === 'archive_file') return true;
      return isReachingRoot(target.name) ? true : NOTHING;
    }
    if (target.kind === 'getAttr' && target.target.kind === 'variable' && target.target.name === 'module') {
      const call = target.name;
      return this.memoized(scope, 'output', `${call}.${expr.name}`, () => this.outputReads(call, expr.name, scope));
    }
    return this.expressionReads(target, scope);
  }

  /** What one argument of a resource reads: its expression, or a change where it is written otherwise. */
  private argumentReads(
    resource: ComparableObject,
    argument: Attribute,
    perInstance: boolean,
    scope: ModuleScope,
  ): Reads {
    return this.memoized(scope, 'argument', `${resource.address}.${argument.name}`, () => {
      const meta = ['count', 'for_each'];
      const read = resource.ref.body.attributes.filter(
        (attribute) => attribute.name === argument.name || (perInstance && meta.includes(attribute.name)),
      );
      if (this.inputs.changedObject(scope.dir, resource.address)) {
        const before = this.inputs.baseModules.get(scope.dir)?.get(resource.address)?.ref.body.attributes;
        const previous = (name: string) => before?.find((attribute) => attribute.name === name)?.text;
        if (read.some((attribute) => previous(attribute.name) !== attribute.text)) return true;
        if (perInstance && meta.some((name) => previous(name) !== undefined && !read.some((a) => a.name === name)))
          return true;
      }
      return this.all(
        read.map((attribute) => attribute.expr),
        scope,
      );
    });
  }
}
