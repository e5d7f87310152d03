import type { Expression } from '../terraform/model.js';
import { compactText } from './compactText.js';
import { lookupRead } from './lookupValues.js';
import { constantArgumentsSource, providerConstant } from './providerConstants.js';
import type { Resolver } from './resolver.js';
import type { ModuleScope } from './scope.js';
import type { SourceLink } from './sources.js';

/**
 * A value an AWS data source computes from its own arguments (providerConstants.ts), those
 * arguments resolved in `scope`: the trace names the data source and what its arguments read.
 * Null for any other attribute read.
 */
export function providerConstantRead(
  resolver: Resolver,
  expr: Extract<Expression, { kind: 'getAttr' }>,
  scope: ModuleScope,
  chains: SourceLink[],
): Expression | null {
  const declared = (address: string) => resolver.side.modules.get(scope.dir)?.get(address);
  const argumentLinks: SourceLink[] = [];
  const argumentOf = (address: string, name: string) => {
    const attribute = declared(address)?.ref.body.attributes.find((candidate) => candidate.name === name);
    return attribute && resolver.expression(attribute.expr, scope, argumentLinks);
  };
  const constant = providerConstant(expr, argumentOf);
  if (!constant) return null;
  // Computed from the data source's arguments: the trace names it, and its text is the digest.
  const source = constantArgumentsSource(expr);
  const object = source === null ? undefined : declared(source);
  if (source !== null && object)
    chains.push({
      node: resolver.node(
        `constant|${scope.key}|${source}`,
        `${scope.callPath}${source}`,
        object.ref.file,
        object.ref.range.start.line,
        compactText(constant),
      ),
      next: argumentLinks,
    });
  // `.name` read as `.region`: still what the data source fetches.
  return (constant.kind === 'getAttr' && lookupRead(resolver, constant, scope, chains)) || constant;
}
