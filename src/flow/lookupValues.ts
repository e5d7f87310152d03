import { createHash } from 'node:crypto';
import type { ComparableObject } from '../terraform/comparableObjects.js';
import type { Body, Expression } from '../terraform/model.js';
import { compactText } from './compactText.js';
import { FILE_DATA_SOURCES } from './fileDataSources.js';
import { readBack, writtenBefore } from './lookupCounterparts.js';
import { dataSourceOf } from './providerConstants.js';
import { STATE_READERS } from './remoteState.js';
import type { Resolver } from './resolver.js';
import type { ModuleScope, Resolved } from './scope.js';
import type { SourceLink } from './sources.js';

/** What a lookup's value is marked with: a call no function is named, so nothing folds it. */
const LOOKUP = 'four_eyes_lookup';

/**
 * Data sources whose value is made from their own arguments, judged where they are written
 * (a policy document's statements): what reads them is not a change of its own.
 */
const RENDERED_HERE: ReadonlySet<string> = new Set([
  'aws_iam_policy_document',
  'google_iam_policy',
  'vault_policy_document',
  'azuread_application_published_app_ids',
]);

type GetAttr = Extract<Expression, { kind: 'getAttr' }>;

/**
 * Whether a data source's attributes are read as a lookup (lookupRead): not one rendered where it
 * is written, nor one whose value the flow reads otherwise (another root's state, files of the tree).
 */
export function isLookup(type: string): boolean {
  return (
    !RENDERED_HERE.has(type) && !STATE_READERS.has(type) && !FILE_DATA_SOURCES.has(type) && type !== 'archive_file'
  );
}

/**
 * `data.aws_vpc.peer.cidr_block`: what a data source fetches is known only at plan time, but it
 * is fetched by its arguments. Read as `four_eyes_lookup(data.aws_vpc.peer.cidr_block, "<digest
 * of the arguments, resolved>")`, it is the same at both sides while the lookup asks the same
 * thing, and another value where it asks another VPC (an `id` changed, or a tfvars entry the `id`
 * reads): the security group rule that allows its CIDR changes with it, at that rule's tier. Null
 * for anything else, or a data source the module does not declare.
 */
export function lookupRead(
  resolver: Resolver,
  expr: GetAttr,
  scope: ModuleScope,
  chains: SourceLink[],
): Expression | null {
  const source = dataSourceOf(expr.target);
  if (!source || !isLookup(source.type)) return null;
  const address = `data.${source.type}.${source.name}`;
  const declaration = resolver.side.modules.get(scope.dir)?.get(address);
  if (!declaration) return null;
  const written = readBack(resolver, declaration, source.type, expr, scope, chains);
  if (written) return written;
  const suffix = `\u0000lookup\u0000${address}`;
  let asked = resolver.known(scope, suffix);
  if (!asked) {
    const fresh = resolver.deeper(() => askedFor(resolver, declaration, scope));
    if (!fresh) return null;
    asked = resolver.remember(scope, suffix, fresh);
  }
  chains.push(...asked.links);
  return boundReference(expr, (asked.expr as { value: string }).value);
}

/**
 * `four_eyes_lookup(<reference>, "<digest>")`: a value known only at plan or apply time, bound to
 * what makes it (a lookup's arguments, a resource's argument): the same at both sides while the
 * digest is, and a settled value where a policy interpolates it (classify/policyValues.ts).
 */
export function boundReference(reference: Expression, digest: string): Expression {
  return {
    kind: 'call',
    name: LOOKUP,
    args: [reference, { kind: 'literal', value: digest, range: reference.range }],
    expandFinal: false,
    range: reference.range,
  };
}

/**
 * A digest of what a data source asks: every argument, nested blocks too, as resolved in `scope`,
 * and what the resources it depends on are given (it reads after they are written).
 */
function askedFor(resolver: Resolver, declaration: ComparableObject, scope: ModuleScope): Resolved {
  const inner: SourceLink[] = [];
  const texts: string[] = [];
  const walk = (body: Body, prefix: string) => {
    for (const attribute of body.attributes) {
      const value = resolver.expression(attribute.expr, scope, inner);
      // An argument set to null is one left out (`region = var.region`, null by default): the same lookup.
      if (value.kind === 'literal' && value.value === null) continue;
      texts.push(`${prefix}${attribute.name}=${compactText(value)}`);
    }
    for (const [index, block] of body.blocks.entries()) walk(block, `${prefix}${block.type}[${index}].`);
  };
  walk(declaration.ref.body, '');
  // What the configuration writes before the lookup reads (lookupCounterparts.ts).
  for (const resource of writtenBefore(declaration, resolver.side.modules.get(scope.dir))) {
    const forEach = resource.ref.body.attributes.find((attribute) => attribute.name === 'for_each')?.expr ?? null;
    resolver.withEach(forEach, scope, () => walk(resource.ref.body, `${resource.address}:`));
  }
  const digest = createHash('sha256').update(texts.sort().join('\n')).digest('hex').slice(0, 32);
  const node = resolver.node(
    `lookup|${scope.key}|${declaration.address}`,
    `${scope.callPath}${declaration.address}`,
    declaration.ref.file,
    declaration.ref.range.start.line,
    digest,
  );
  return { expr: { kind: 'literal', value: digest, range: declaration.ref.range }, links: [{ node, next: inner }] };
}
