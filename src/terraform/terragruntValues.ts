import type { Expression, ObjectItem, Range } from './model.js';
import { objectKeyText } from './objectKeys.js';
import { withLocalsInlined } from './parentLocals.js';
import { parseHcl } from './parser.js';
import { includedPath } from './terragruntPaths.js';

/**
 * Terragrunt's values worked out from the text, as far as it goes: the `inputs` of a
 * configuration that builds them (`merge(local.account_vars.locals, local.env_vars.locals)`, the
 * layout of Gruntwork's examples), through its locals and the files `read_terragrunt_config()`
 * reads (`env.hcl`, `account.hcl`), each value kept with the file it is written in. Terragrunt
 * evaluates an included configuration in the deployment's directory: `find_in_parent_folders`
 * looks up from there, so each deployment reads its own `env.hcl`.
 */
export type TerragruntValue =
  /** an object whose keys are known; `expr` is the literal it was written as, when it was one */
  | { kind: 'object'; items: Map<string, TerragruntValue>; expr?: Expression; file: string; range: Range }
  /** any other value, as written in `file`, its locals put in place */
  | { kind: 'expr'; expr: Expression; file: string; range: Range };

/** How a file's text is had: null when the tree does not have it (or the app has not read it). */
export type TextReader = (path: string) => string | null;

interface Scope {
  /** the file the expression is written in, and its locals */
  file: string;
  locals: ReadonlyMap<string, Expression>;
  /** the deployment's file, whose directory paths are found from */
  deployment: string;
  read: TextReader;
  depth: number;
}

/** Values nested deeper than this (locals reading locals reading files) are left as written. */
const MAX_DEPTH = 12;

/**
 * What an expression of a Terragrunt file (`file`, with its `locals`) is, for the deployment
 * `deployment` that includes it (or is it).
 */
export function terragruntValue(
  expr: Expression,
  file: string,
  locals: ReadonlyMap<string, Expression>,
  deployment: string,
  read: TextReader,
): TerragruntValue {
  return worked(expr, { file, locals, deployment, read, depth: 0 });
}

function worked(expr: Expression, scope: Scope): TerragruntValue {
  const written = (): TerragruntValue => ({
    kind: 'expr',
    expr: withLocalsInlined(expr, scope.locals),
    file: scope.file,
    range: expr.range,
  });
  if (scope.depth >= MAX_DEPTH) return written();
  const deeper = { ...scope, depth: scope.depth + 1 };
  switch (expr.kind) {
    case 'parens':
      return worked(expr.inner, scope);
    case 'object':
      return objectValue(expr, scope) ?? written();
    case 'getAttr': {
      if (expr.target.kind === 'variable' && expr.target.name === 'local') {
        const local = scope.locals.get(expr.name);
        return local ? worked(local, deeper) : written();
      }
      const target = worked(expr.target, deeper);
      return target.kind === 'object' ? (target.items.get(expr.name) ?? written()) : written();
    }
    case 'call':
      if (expr.name === 'merge') return mergedValue(expr, scope) ?? written();
      if (expr.name === 'read_terragrunt_config') return configurationValue(expr, scope) ?? written();
      return written();
    default:
      return written();
  }
}

/** An object written out with keys known: each value worked out in turn. */
function objectValue(expr: Extract<Expression, { kind: 'object' }>, scope: Scope): TerragruntValue | null {
  const items = new Map<string, TerragruntValue>();
  for (const item of expr.items) {
    const key = objectKeyText(item.key);
    if (key === null) return null;
    items.set(key, worked(item.value, { ...scope, depth: scope.depth + 1 }));
  }
  return { kind: 'object', items, expr: withLocalsInlined(expr, scope.locals), file: scope.file, range: expr.range };
}

/**
 * `merge(a, b, …)`: the keys of the arguments whose keys are known, later keys winning as
 * Terraform's merge does. An argument whose keys are not known (`jsondecode(file(…))`) is left
 * out: what the others give is still given, whatever it may add.
 */
function mergedValue(expr: Extract<Expression, { kind: 'call' }>, scope: Scope): TerragruntValue | null {
  if (expr.expandFinal) return null;
  const items = new Map<string, TerragruntValue>();
  let known = 0;
  for (const arg of expr.args) {
    const value = worked(arg, { ...scope, depth: scope.depth + 1 });
    if (value.kind !== 'object') continue;
    known++;
    for (const [key, item] of value.items) items.set(key, item);
  }
  return known === 0 ? null : { kind: 'object', items, file: scope.file, range: expr.range };
}

/**
 * `read_terragrunt_config(path)`: the file's `locals` and `inputs`, each worked out in that file
 * with its own locals. Null when the path is not known or the tree does not have the file.
 */
function configurationValue(expr: Extract<Expression, { kind: 'call' }>, scope: Scope): TerragruntValue | null {
  const pathExpr = expr.args[0];
  const path = pathExpr
    ? includedPath(pathExpr, scope.deployment, (candidate) => scope.read(candidate) !== null)
    : null;
  const text = path === null ? null : scope.read(path);
  if (path === null || text === null) return null;
  const parsed = parseHcl(text, path);
  if (parsed.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return null;
  const locals = new Map<string, Expression>();
  const localItems: ObjectItem[] = [];
  for (const block of parsed.blocks)
    if (block.type === 'locals')
      for (const local of block.attributes) {
        locals.set(local.name, local.expr);
        localItems.push({ key: { kind: 'variable', name: local.name, range: local.nameRange }, value: local.expr });
      }
  const inner: Scope = { ...scope, file: path, locals, depth: scope.depth + 1 };
  const range = { start: expr.range.start, end: expr.range.start };
  const localsValue = objectValue({ kind: 'object', items: localItems, range }, inner);
  const inputs = parsed.attributes.find((attribute) => attribute.name === 'inputs');
  const items = new Map<string, TerragruntValue>();
  if (localsValue) items.set('locals', localsValue);
  if (inputs) items.set('inputs', worked(inputs.expr, inner));
  return { kind: 'object', items, file: path, range };
}
