import type { ComparableObject } from '../terraform/comparableObjects.js';
import type { Expression } from '../terraform/model.js';
import { anyOf, isAnyOf } from './anyEntry.js';
import type { Resolver } from './resolver.js';
import type { ModuleScope, Resolved } from './scope.js';
import type { SourceNode } from './sources.js';
import { withTypeDefaults } from './typeDefaults.js';

/**
 * `var.x` in `scope`: the value its module call gives, else the root's var files, else its
 * default, read through the type constraint's defaults. Null when none is known.
 */
export function variableValue(resolver: Resolver, name: string, scope: ModuleScope): Resolved | null {
  const declaration = resolver.side.modules.get(scope.dir)?.get(`var.${name}`);
  const { declared, input, given, assigned, value, fallback, defaulted } = variableSources(
    resolver,
    name,
    scope,
    declaration,
  );
  // A Terragrunt deployment's var files set its module's variables over the inputs (TF_VAR_s).
  const overInput = scope.deploymentRoot === true && assigned !== undefined && value !== undefined;
  const resolved =
    input && given && !overInput
      ? resolver.withCallEach(input, scope.eachKey, () =>
          givenWhole(resolver, resolver.through([declared, given], input.attribute.expr, input.scope), input.scope),
        )
      : assigned && value
        ? { expr: assigned.expr, links: [{ node: declared, next: [{ node: value, next: [] }] }] }
        : fallback && defaulted
          ? resolver.through([declared, defaulted], fallback.expr, scope)
          : null;
  const nonNull =
    input && given && !overInput && resolved
      ? defaultForNull(resolver, resolved, declaration, scope, defaulted ? [declared, defaulted] : [declared])
      : resolved;
  const type = declaration?.ref.body.attributes.find((attribute) => attribute.name === 'type');
  return nonNull && type ? { ...nonNull, expr: withTypeDefaults(nonNull.expr, type.expr) } : nonNull;
}

function givenWhole(resolver: Resolver, resolved: Resolved | null, scope: ModuleScope): Resolved | null {
  return resolved && resolver.givenWhole(resolved, scope);
}

/**
 * A variable declared `nullable = false` takes its default where the caller passes null, in
 * every entry of "any of" too: `try(each.value.x, null)` rewritten `each.value.x` (an optional
 * attribute, null where an entry leaves it out) gives the module the same value.
 */
function defaultForNull(
  resolver: Resolver,
  given: Resolved,
  declaration: ComparableObject | undefined,
  scope: ModuleScope,
  path: SourceNode[],
): Resolved {
  const attributes = declaration?.ref.body.attributes;
  const nullable = attributes?.find((attribute) => attribute.name === 'nullable')?.expr;
  const fallback = attributes?.find((attribute) => attribute.name === 'default');
  if (!fallback || nullable?.kind !== 'literal' || nullable.value !== false) return given;
  const isNull = (expr: Expression) => expr.kind === 'literal' && expr.value === null;
  const expr = given.expr;
  if (!isNull(expr) && !(isAnyOf(expr) && expr.args.some(isNull))) return given;
  const defaulted = resolver.through(path, fallback.expr, scope);
  const value = isNull(expr)
    ? defaulted.expr
    : anyOf(
        (expr as Extract<Expression, { kind: 'call' }>).args.map((arg) => (isNull(arg) ? defaulted.expr : arg)),
        expr.range,
      );
  return { expr: value, links: [...given.links, ...defaulted.links] };
}

/** The declaration of `var.x`, and each source it could take its value from in `scope`: the module call's input, a var file's value, the default. */
function variableSources(
  resolver: Resolver,
  name: string,
  scope: ModuleScope,
  declaration: ComparableObject | undefined,
) {
  const declared: SourceNode = resolver.node(
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
    resolver.node(
      `input|${scope.key}|${name}`,
      `${scope.callPath.slice(0, -1)} input ${name}`,
      input.file,
      input.attribute.range.start.line,
      input.attribute.text,
    );
  const assigned = scope.inputs && !scope.deploymentRoot ? undefined : scope.rootValues?.get(name);
  const value =
    assigned &&
    resolver.node(
      `value|${scope.key}|${name}`,
      `${assigned.file}:${assigned.line} ${name}`,
      assigned.file,
      assigned.line,
      assigned.text,
    );
  const fallback = declaration?.ref.body.attributes.find((attribute) => attribute.name === 'default');
  const defaultNode =
    fallback &&
    resolver.node(
      `default|${scope.dir}|${name}`,
      `default of ${scope.callPath}var.${name}`,
      declaration!.ref.file,
      fallback.range.start.line,
      fallback.text,
    );
  // A root's variables are the deployment's inputs: its default is only what applies when nothing sets them.
  const rootVariable = !scope.inputs || scope.deploymentRoot === true;
  const defaulted = defaultNode && rootVariable ? { ...defaultNode, rootDefault: true as const } : defaultNode;
  return { declared, input, given, assigned, value, fallback, defaulted };
}

/** `local.x` in `scope`: its expression, read there. Null when the module has no such local. */
export function localValue(resolver: Resolver, name: string, scope: ModuleScope): Resolved | null {
  const local = resolver.side.modules.get(scope.dir)?.get(`local.${name}`);
  const attribute = local?.attribute;
  if (!local || !attribute) return null;
  const node = resolver.node(
    `local|${scope.dir}|${name}`,
    `${scope.callPath}local.${name}`,
    local.ref.file,
    attribute.range.start.line,
    attribute.text,
  );
  return resolver.through([node], attribute.expr, scope);
}
