import type { ComparableObject } from '../terraform/comparableObjects.js';
import type { Expression } from '../terraform/model.js';
import { compactText } from './compactText.js';
import type { Resolver } from './resolver.js';
import { resourceArgumentRead } from './resourceArguments.js';
import type { ModuleScope } from './scope.js';
import type { SourceLink } from './sources.js';

type GetAttr = Extract<Expression, { kind: 'getAttr' }>;

/** Arguments that say how a lookup runs, not what it asks for. */
const NOT_ASKED: ReadonlySet<string> = new Set(['depends_on', 'provider', 'count', 'for_each', 'with_decryption']);

/**
 * `data.aws_ssm_parameter.x.value` where the module writes that parameter itself
 * (`resource "aws_ssm_parameter" "x"` with the same `name`): the value the resource is given,
 * read as resourceArgumentRead reads `aws_ssm_parameter.x.value`. Only when exactly one resource
 * of the lookup's type has every argument the lookup asks with, resolved to the same text, and
 * sets the attribute read; null otherwise.
 */
export function readBack(
  resolver: Resolver,
  lookup: ComparableObject,
  type: string,
  expr: GetAttr,
  scope: ModuleScope,
  chains: SourceLink[],
): Expression | null {
  if (expr.target.kind !== 'getAttr') return null;
  let known = matched.get(resolver);
  if (!known) {
    known = new Map();
    matched.set(resolver, known);
  }
  const key = `${scope.key}\u0000${lookup.address}\u0000${expr.name}`;
  let name = known.get(key);
  if (name === undefined) {
    name = writerOf(resolver, lookup, type, expr.name, scope);
    known.set(key, name);
  }
  if (name === null) return null;
  const written: GetAttr = {
    kind: 'getAttr',
    target: { kind: 'getAttr', target: { kind: 'variable', name: type, range: expr.range }, name, range: expr.range },
    name: expr.name,
    range: expr.range,
  };
  return resourceArgumentRead(resolver, written, scope, chains);
}

/**
 * The resources a lookup reads after they are written: those its `depends_on` names
 * (`data "aws_ssm_parameter" "x" { depends_on = [aws_ssm_parameter.x] }`, the way a value is
 * written and then read). What they are given is part of what the lookup returns, though it asks
 * the same thing.
 */
export function writtenBefore(
  lookup: ComparableObject,
  objects: ReadonlyMap<string, ComparableObject> | undefined,
): ComparableObject[] {
  if (!objects) return [];
  return dependsOn(lookup).flatMap((address) => {
    const object = objects.get(address);
    return object?.kind === 'resource' ? [object] : [];
  });
}

/**
 * What a lookup may read back, for ValueReach: the resources written before it, and every
 * resource of its own type (`aws_ssm_parameter` for `data.aws_ssm_parameter`), one of which
 * readBack may find it reads.
 */
export function mayReadBack(
  lookup: ComparableObject,
  type: string,
  objects: ReadonlyMap<string, ComparableObject> | undefined,
): ComparableObject[] {
  if (!objects) return [];
  return [...new Set([...writtenBefore(lookup, objects), ...resourcesOfType(objects, type)])];
}

const byType = new WeakMap<ReadonlyMap<string, ComparableObject>, Map<string, ComparableObject[]>>();

/** A module's resources of one type, listed once per module (lookups ask for them again and again). */
function resourcesOfType(objects: ReadonlyMap<string, ComparableObject>, type: string): ComparableObject[] {
  let types = byType.get(objects);
  if (!types) {
    types = new Map();
    for (const object of objects.values()) {
      if (object.kind !== 'resource') continue;
      const own = object.address.slice(0, object.address.indexOf('.'));
      const list = types.get(own);
      if (list) list.push(object);
      else types.set(own, [object]);
    }
    byType.set(objects, types);
  }
  return types.get(type) ?? [];
}

/** `depends_on = [aws_ssm_parameter.x, module.m]`: the resource addresses it names. */
function dependsOn(object: ComparableObject): string[] {
  const list = object.ref.body.attributes.find((attribute) => attribute.name === 'depends_on')?.expr;
  if (list?.kind !== 'tuple') return [];
  return list.items.flatMap((item) => {
    const address = resourceAddress(item);
    return address === null ? [] : [address];
  });
}

/** Reference roots that name no managed resource type. */
const NOT_RESOURCE_ROOTS: ReadonlySet<string> = new Set(['module', 'data', 'ephemeral', 'action', 'var', 'local']);

function resourceAddress(expr: Expression): string | null {
  if (expr.kind !== 'getAttr' || expr.target.kind !== 'variable') return null;
  const type = expr.target.name;
  return NOT_RESOURCE_ROOTS.has(type) ? null : `${type}.${expr.name}`;
}

/** Per resolver (one side, one context): the resource each lookup's attribute is read back from, or null. */
const matched = new WeakMap<Resolver, Map<string, string | null>>();

/** The name of the one resource of `type` that sets `attribute` and every argument the lookup asks with, alike; else null. */
function writerOf(
  resolver: Resolver,
  lookup: ComparableObject,
  type: string,
  attribute: string,
  scope: ModuleScope,
): string | null {
  const objects = resolver.side.modules.get(scope.dir);
  const asked = lookup.ref.body.attributes.filter((candidate) => !NOT_ASKED.has(candidate.name));
  if (!objects || asked.length === 0 || lookup.ref.body.blocks.length > 0) return null;
  const candidates = resourcesOfType(objects, type).filter((object) =>
    object.ref.body.attributes.some((candidate) => candidate.name === attribute),
  );
  if (candidates.length === 0) return null;
  const text = (value: Expression) => compactText(resolver.expression(value, scope, []));
  const wanted = asked.map((candidate) => [candidate.name, text(candidate.expr)] as const);
  const matches = candidates.filter((object) => {
    const argument = (name: string) => object.ref.body.attributes.find((candidate) => candidate.name === name);
    return wanted.every(([name, value]) => {
      const given = argument(name);
      return given !== undefined && text(given.expr) === value;
    });
  });
  return matches.length === 1 ? matches[0]!.address.slice(type.length + 1) : null;
}
