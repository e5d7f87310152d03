import type { ComparableObject } from '../terraform/comparableObjects.js';
import type { Body, Expression } from '../terraform/model.js';
import { fileFunctionPath } from './fileFunctions.js';
import { CALL_META_ARGUMENTS, type ModuleInput, type ModuleScope } from './scope.js';

/** A variable declaration's arguments that decide its value (a `validation` block is nested, so counts too). */
const VARIABLE_VALUE_ARGUMENTS: ReadonlySet<string> = new Set(['default', 'type', 'nullable']);

/** What the questions need of one root at base and head (its var-file contexts aside). */
export interface ReachInputs {
  /** the head's module directories: an object not changed is the same at the base */
  modules: ReadonlyMap<string, ReadonlyMap<string, ComparableObject>>;
  /** the base's: a whole call's outputs are those of both sides (one deleted is a change) */
  baseModules: ReadonlyMap<string, ReadonlyMap<string, ComparableObject>>;
  /** the scope inside a local module call at the head, or null where the resolver does not follow it */
  callScope: (scope: ModuleScope, callName: string) => ModuleScope | null;
  /** whether a module directory's object is defined otherwise at the head (see changedObjects) */
  changedObject: (dir: string, address: string) => boolean;
  /**
   * whether the file at a tree path may hold other content at the head; for null (a path not
   * known here, or files a program reads), whether any file may. A file function whose path is
   * written out reads the same content at both sides unless that file changed: then only its
   * arguments can change its value.
   */
  fileChanged: (path: string | null) => boolean;
}

/** What a value reads: `true`, a change whatever the context; else the root variables it reads, whose values a context sets. */
export type Reads = true | ReadonlySet<string>;
export const NOTHING: ReadonlySet<string> = new Set();

/** The references the Resolver memoizes per scope (see ValueReach.referenceReads). */
export type ReferenceKind = 'var' | 'local' | 'output' | 'outputs';

export function either(a: Reads, b: Reads): Reads {
  if (a === true || b === true) return true;
  if (a.size === 0) return b;
  if (b.size === 0) return a;
  return new Set([...a, ...b]);
}

/** The questions of one var-file context. */
export interface ContextReach {
  /** whether `object`, in `scope` at the head, may resolve to another value than at the base */
  objectReached(object: ComparableObject, scope: ModuleScope): boolean;
  /** whether a module call's input may resolve to another value at the head than at the base */
  inputReached(input: ModuleInput): boolean;
  /** whether an expression read in `scope` at the head may resolve to another value than at the base (`each` aside) */
  expressionReached(expr: Expression, scope: ModuleScope): boolean;
  /**
   * The outputs of a local module call made in `scope` that may resolve otherwise at the head;
   * null when the call is itself written otherwise, or not followed.
   */
  reachedOutputs(callName: string, scope: ModuleScope): string[] | null;
}

/**
 * Whether a module's definitions are written otherwise at the head where they decide a value:
 * a changed `description` changes nothing that reads the object.
 */
export class Definitions {
  constructor(private readonly inputs: ReachInputs) {}

  /** The outputs a module directory declares at either side (one only at one side is a change). */
  outputNames(dir: string): string[] {
    const outputs = new Set<string>();
    for (const modules of [this.inputs.baseModules, this.inputs.modules])
      for (const address of modules.get(dir)?.keys() ?? [])
        if (address.startsWith('output.')) outputs.add(address.slice('output.'.length));
    return [...outputs];
  }

  /**
   * Whether a module call is written otherwise where it decides a value: in its source, version,
   * count, for_each or any other argument that is not an input, or in the input `input` (if
   * given). An input changed beside another one changes only what reads that one: its variable,
   * and outputs and objects reading it, are reached through it (variableReads).
   */
  callChanged(dir: string, callName: string, input?: string): boolean {
    return this.writtenOtherwise(dir, `module.${callName}`, (name) => name === input || CALL_META_ARGUMENTS.has(name));
  }

  /**
   * Whether an object is defined otherwise in an argument that `decides` its value: one only at
   * one side, or with nested blocks, is. A changed `description` changes no value.
   */
  writtenOtherwise(dir: string, address: string, decides: (argument: string) => boolean): boolean {
    if (!this.inputs.changedObject(dir, address)) return false;
    const before = this.inputs.baseModules.get(dir)?.get(address)?.ref.body;
    const after = this.inputs.modules.get(dir)?.get(address)?.ref.body;
    if (!before || !after || before.blocks.length > 0 || after.blocks.length > 0) return true;
    const text = (body: Body, name: string) => body.attributes.find((attribute) => attribute.name === name)?.text;
    const names = new Set([...before.attributes, ...after.attributes].map((attribute) => attribute.name));
    return [...names].some((name) => decides(name) && text(before, name) !== text(after, name));
  }

  /** Whether a variable's declaration is written otherwise in what decides its value: `default`, `type`, `nullable`. */
  variableChanged(dir: string, name: string): boolean {
    return this.writtenOtherwise(dir, `var.${name}`, (argument) => VARIABLE_VALUE_ARGUMENTS.has(argument));
  }
}

/** The tree path a file function reads, when it is written out (`"${path.module}/policy.json"`); null otherwise (fileset: a directory). */
export function readPath(call: Extract<Expression, { kind: 'call' }>, scope: ModuleScope): string | null {
  const path = call.args[0];
  return call.name === 'fileset' || path === undefined ? null : fileFunctionPath(path, scope);
}

/** `archive_file.x` or `archive_file.x[0]`: what it packs is files of the tree. */
export function isArchive(expr: Expression): boolean {
  const named = expr.kind === 'index' ? expr.target : expr;
  return named.kind === 'getAttr' && named.target.kind === 'variable' && named.target.name === 'archive_file';
}

/**
 * A bare `var`, `local` or `module` object, or `terraform.workspace`, is not followed: reached.
 * Resource, data, `each`, `count`, `self` and `path` references stay as written on both sides:
 * a changed resource is a change of its own.
 */
export function isReachingRoot(name: string): boolean {
  return name === 'var' || name === 'local' || name === 'module' || name === 'terraform';
}
