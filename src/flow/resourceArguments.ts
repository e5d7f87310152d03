import { createHash } from 'node:crypto';
import type { ComparableObject } from '../terraform/comparableObjects.js';
import type { Attribute, Expression } from '../terraform/model.js';
import { anyKey, select } from './anyEntry.js';
import { compactText } from './compactText.js';
import { boundReference } from './lookupValues.js';
import type { Resolver } from './resolver.js';
import type { ModuleScope } from './scope.js';
import type { SourceLink } from './sources.js';
import { substituted } from './unrolledFor.js';

type GetAttr = Extract<Expression, { kind: 'getAttr' }>;

/** Attributes a resource type exposes under another name than the argument that sets them. */
const RENAMED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  terraform_data: { output: 'input' },
  // Some of the input's elements, in some order: read as the input, any element may be in it.
  random_shuffle: { result: 'input' },
};

/**
 * Resources that store a value for others to read: what is read back from them is their argument,
 * resolved. Any other resource's argument read back is its value when that is a literal, and
 * otherwise the reference bound to a digest of the resolved argument (resourceArgumentRead): a
 * role's name built from values known only at apply time stays one settled value in the policy
 * that interpolates it, and following every resource's arguments whole made a pull request's
 * classification half again as slow.
 */
const CARRIERS: ReadonlySet<string> = new Set([
  'terraform_data',
  'random_shuffle',
  'null_resource',
  'aws_ssm_parameter',
  'aws_secretsmanager_secret_version',
  'aws_s3_object',
  'local_file',
  'local_sensitive_file',
  'kubernetes_config_map',
  'kubernetes_config_map_v1',
  'google_secret_manager_secret_version',
  'azurerm_key_vault_secret',
  'azurerm_app_configuration_key',
  'vault_generic_secret',
  'github_actions_variable',
  'tfe_variable',
]);

/**
 * The resource and argument that `aws_ssm_parameter.cidr.value` (or `terraform_data.cidr.output`,
 * `null_resource.cfg.triggers.cidr`'s `triggers`) reads, when the module declares that resource
 * and sets that argument; null otherwise.
 */
export function resourceArgumentOf(
  expr: GetAttr,
  declared: (address: string) => ComparableObject | undefined,
): { resource: ComparableObject; argument: Attribute; carrier: boolean; perInstance: boolean } | null {
  const resource = wholeResource(expr.target, declared);
  if (!resource) return null;
  const type = resource.address.slice(0, resource.address.indexOf('.'));
  const name = RENAMED[type]?.[expr.name] ?? expr.name;
  const argument = resource.ref.body.attributes.find((attribute) => attribute.name === name);
  if (!argument) return null;
  return { resource, argument, carrier: CARRIERS.has(type), perInstance: readsInstance(argument.expr) };
}

/** Reference roots that name no resource type. */
const NOT_RESOURCES: ReadonlySet<string> = new Set([
  'var',
  'local',
  'module',
  'data',
  'ephemeral',
  'action',
  'each',
  'count',
  'self',
  'path',
  'terraform',
]);

/**
 * `aws_ssm_parameter.cidr.value`: a provider stores the argument it was given, so the attribute is
 * the argument's value, resolved where the resource is declared. A value set on a resource and
 * read from it (`terraform_data`'s input as its output, a parameter's value, a trigger) then
 * reaches what reads it: `0.0.0.0/0` written into a `terraform_data` lands in the security group
 * rule that reads its output. Any other resource's argument read back (`aws_cloudwatch_log_group.
 * c.name`) is its value when that resolves to values written out, and otherwise the reference bound
 * to a digest of the resolved argument (lookupValues.boundReference): changing a log group's name,
 * a change rated by the log group's rules, is also a change of the security group rule that reads
 * it. An argument that reads `count`, `each` or `self` is bound the same way, by a digest of it
 * resolved for any instance, whatever the resource: a reader of one instance changes when any
 * instance's value does. Null when the argument is not set, or is null.
 */
export function resourceArgumentRead(
  resolver: Resolver,
  expr: GetAttr,
  scope: ModuleScope,
  chains: SourceLink[],
): Expression | null {
  const found = resourceArgumentOf(expr, (address) => resolver.side.modules.get(scope.dir)?.get(address));
  if (!found) return null;
  const { resource, argument, carrier, perInstance } = found;
  const instance = perInstance ? instanceRead(resource, expr) : null;
  const suffix = `\u0000argument\u0000${resource.address}\u0000${argument.name}\u0000${instance?.key ?? ''}`;
  let read = resolver.known(scope, suffix);
  if (!read) {
    const fresh = resolver.deeper(() => {
      const node = resolver.node(
        `argument|${scope.key}|${resource.address}|${argument.name}`,
        `${scope.callPath}${resource.address} ${argument.name}`,
        resource.ref.file,
        argument.range.start.line,
        argument.text,
      );
      const through = (value: Expression) => () => resolver.through([node], value, scope);
      if (!perInstance) return through(argument.expr)();
      // `each` is the resource's own, at the key read or any entry, never the reader's.
      const forEach = metaArgument(resource, 'for_each');
      if (instance?.index !== undefined) {
        const value = substituted(argument.expr, new Map([['count', countAt(instance.index, expr)]]));
        return value && resolver.withEach(null, scope, through(value));
      }
      if (forEach && instance?.key !== undefined)
        return resolver.withEachKey(forEach, scope, instance.key, through(argument.expr));
      return resolver.withEach(forEach, scope, through(argument.expr));
    });
    if (!fresh || (fresh.expr.kind === 'literal' && fresh.expr.value === null)) return null;
    read = resolver.remember(scope, suffix, fresh);
  }
  chains.push(...read.links);
  // A value of one known instance, or of every instance alike, stands in the reader's place; values
  // that differ per instance do not: their digest stands for all of them.
  if ((!perInstance || instance) && (carrier || isWrittenOut(read.expr, 0))) return read.expr;
  return boundReference(expr, digestOf(compactText(read.expr)));
}

/**
 * The instance `aws_x.c[0].name` or `aws_x.c["a"].name` reads, when its index is written out:
 * `index` for a resource with `count`, `key` (its text) for one with `for_each`; null otherwise.
 */
function instanceRead(resource: ComparableObject, expr: GetAttr): { key: string; index?: number } | null {
  if (expr.target.kind !== 'index' || expr.target.key.kind !== 'literal') return null;
  const key = expr.target.key.value;
  if (typeof key === 'number' && Number.isInteger(key) && metaArgument(resource, 'count'))
    return { key: String(key), index: key };
  if (typeof key === 'string' && metaArgument(resource, 'for_each')) return { key };
  return null;
}

/** `count` as one instance reads it: `{ index = n }`. */
function countAt(index: number, at: Expression): Expression {
  return {
    kind: 'object',
    items: [
      {
        key: { kind: 'variable', name: 'index', range: at.range },
        value: { kind: 'literal', value: index, range: at.range },
      },
    ],
    range: at.range,
  };
}

/** A resource's `count` or `for_each` expression, or null. */
function metaArgument(resource: ComparableObject, name: 'count' | 'for_each'): Expression | null {
  return resource.ref.body.attributes.find((attribute) => attribute.name === name)?.expr ?? null;
}

function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** A literal, or a list or object of them (with literal keys): a value known before the plan. */
function isWrittenOut(expr: Expression, depth: number): boolean {
  if (depth > 4) return false;
  switch (expr.kind) {
    case 'literal':
      return true;
    case 'tuple':
      return expr.items.every((item) => isWrittenOut(item, depth + 1));
    case 'object':
      return expr.items.every(
        (item) => (item.key.kind === 'literal' || item.key.kind === 'variable') && isWrittenOut(item.value, depth + 1),
      );
    default:
      return false;
  }
}

/** Whether an expression reads `each`, `count` or `self` (a value of one instance), or cannot be looked into. */
function readsInstance(expr: Expression): boolean {
  const marker: Expression = { kind: 'literal', value: null, range: expr.range };
  return substituted(expr, new Map(['each', 'count', 'self'].map((name) => [name, marker]))) !== expr;
}

/**
 * The resource `expr` names whole (`aws_cloudwatch_log_group.c`, or one instance of it,
 * `aws_cloudwatch_log_group.c[0]`, `c[each.key]`), when the module declares it; null otherwise.
 */
export function wholeResource(
  expr: Expression,
  declared: (address: string) => ComparableObject | undefined,
): ComparableObject | null {
  const named = expr.kind === 'index' ? expr.target : expr;
  if (named.kind !== 'getAttr' || named.target.kind !== 'variable' || NOT_RESOURCES.has(named.target.name)) return null;
  const resource = declared(`${named.target.name}.${named.name}`);
  return resource?.kind === 'resource' ? resource : null;
}

/** Arguments that say how Terraform handles a resource, not what it is given. */
const META_ARGUMENTS: ReadonlySet<string> = new Set(['count', 'for_each', 'provider', 'depends_on']);

/** The objects wholeResourceValue made, and the resource each stands for. */
const resourceObjects = new WeakMap<Expression, Expression>();

/**
 * `lg = aws_cloudwatch_log_group.c` given to a module: inside it, `var.lg.name` must read the
 * argument, but the resource's address names nothing there. So the resource is given as the
 * object of its arguments, each read back as resourceArgumentRead reads it in `scope` (where it is
 * declared); what the provider computes (`var.lg.arn`) is read as the resource's own reference
 * (resourceObjectReference). A resource with `count` or `for_each` is given as a collection of
 * such objects, one per instance under a key known only at apply time (`var.lg[0].name` reads the
 * name of any instance). Null for anything but a resource.
 */
export function wholeResourceValue(
  resolver: Resolver,
  expr: Expression,
  scope: ModuleScope,
  chains: SourceLink[],
  onlyExpanded = false,
): Expression | null {
  if (expr.kind !== 'getAttr') return null;
  const resource = wholeResource(expr, (address) => resolver.side.modules.get(scope.dir)?.get(address));
  if (!resource) return null;
  // With count or for_each, a collection of instances under keys known only at apply time, each
  // the object of its arguments read for any instance, as `c[*].name` reads them.
  const expanded = metaArgument(resource, 'count') !== null || metaArgument(resource, 'for_each') !== null;
  if (onlyExpanded && !expanded) return null;
  const instance = expanded ? anyInstanceOf(expr, expr) : expr;
  const items = [];
  for (const attribute of resource.ref.body.attributes) {
    if (META_ARGUMENTS.has(attribute.name)) continue;
    const read: GetAttr = { kind: 'getAttr', target: instance, name: attribute.name, range: expr.range };
    const value = resourceArgumentRead(resolver, read, scope, chains);
    if (value) items.push({ key: { kind: 'variable' as const, name: attribute.name, range: expr.range }, value });
  }
  const object: Expression = { kind: 'object', items, range: expr.range };
  resourceObjects.set(object, instance);
  if (!expanded) return object;
  const collection: Expression = {
    kind: 'object',
    items: [{ key: anyKey(expr.range), value: object }],
    range: expr.range,
  };
  instanceCollections.set(collection, object);
  return collection;
}

/** A resource with count or for_each, whole, as wholeResourceValue gives it; null for anything else. */
export function instancesValue(
  resolver: Resolver,
  expr: Expression,
  scope: ModuleScope,
  chains: SourceLink[],
): Expression | null {
  return wholeResourceValue(resolver, expr, scope, chains, true);
}

/** The collections of instances wholeResourceValue made, and the object of any instance's arguments. */
const instanceCollections = new WeakMap<Expression, Expression>();

/**
 * `var.lg[0]` or `var.lg["a"]` of a resource with count or for_each given whole: any instance's
 * object (a key written out picks one instance, whose arguments read alike for any instance where
 * they do not differ per instance, and by a digest of every instance's where they do). Null for
 * anything else.
 */
export function pickedInstance(collection: Expression): Expression | null {
  return instanceCollections.get(collection) ?? null;
}

/** The resource a wholeResourceValue object stands for (`aws_cloudwatch_log_group.c`), or null. */
export function resourceObjectReference(expr: Expression): Expression | null {
  return resourceObjects.get(expr) ?? null;
}

/**
 * `aws_cloudwatch_log_group.c[*].name` (or `.*.name`): the list of every instance's argument, read
 * as resourceArgumentRead reads one instance's: its value where it is the same for every instance
 * (a one-element list; how many there are is the resource's own change), else bound to the digest
 * of every instance's value. Null for a splat of anything else, or of more than one attribute.
 */
export function splatArgumentRead(
  resolver: Resolver,
  expr: Extract<Expression, { kind: 'splat' }>,
  scope: ModuleScope,
  chains: SourceLink[],
): Expression | null {
  if (expr.each.kind !== 'getAttr' || expr.each.target.kind !== 'splatItem') return null;
  const source = expr.source;
  if (!wholeResource(source, (address) => resolver.side.modules.get(scope.dir)?.get(address)))
    return givenSplatRead(resolver, expr, expr.each.name, scope, chains);
  const read: GetAttr = {
    kind: 'getAttr',
    target: source.kind === 'index' ? source : anyInstanceOf(source, expr),
    name: expr.each.name,
    range: expr.range,
  };
  const value = resourceArgumentRead(resolver, read, scope, chains);
  return value && { kind: 'tuple', items: [value], range: expr.range };
}

/**
 * `[for g in aws_cloudwatch_log_group.c : g.name]`: the iterator is any instance of the resource,
 * so the body reads its arguments back (resourceArgumentRead), as `aws_cloudwatch_log_group.c[k].name`.
 * `expr` itself for a `for` over anything else.
 */
export function overResource(
  expr: Extract<Expression, { kind: 'for' }>,
  declared: (address: string) => ComparableObject | undefined,
): Extract<Expression, { kind: 'for' }> {
  if (!wholeResource(expr.collection, declared)) return expr;
  const bindings = new Map([[expr.valueVar, anyInstanceOf(expr.collection, expr)]]);
  const value = substituted(expr.value, bindings);
  const cond = expr.cond && substituted(expr.cond, bindings);
  return value && (!expr.cond || cond) ? { ...expr, value, cond } : expr;
}

/** `aws_x.c[<no key known>]`: any instance of the resource `resource` names (an index no instance is known by). */
/**
 * `var.lg[*].name` of a resource with count or for_each given whole (wholeResourceValue): the
 * list of any instance's `name`, as `aws_cloudwatch_log_group.c[*].name` reads it where the
 * resource is declared. Null for a splat of anything else.
 */
function givenSplatRead(
  resolver: Resolver,
  expr: Extract<Expression, { kind: 'splat' }>,
  name: string,
  scope: ModuleScope,
  chains: SourceLink[],
): Expression | null {
  if (expr.source.kind !== 'getAttr') return null;
  const links: SourceLink[] = [];
  const instance = pickedInstance(resolver.expression(expr.source, scope, links));
  if (!instance) return null;
  const value =
    instance.kind === 'object' ? select(instance, { kind: 'literal', value: name, range: expr.range }) : null;
  if (!value) return null;
  chains.push(...links);
  return { kind: 'tuple', items: [value], range: expr.range };
}

function anyInstanceOf(resource: Expression, at: Expression): Expression {
  return {
    kind: 'index',
    target: resource,
    key: { kind: 'variable', name: 'count', range: at.range },
    legacy: false,
    range: at.range,
  };
}
