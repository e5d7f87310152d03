import type { Expression, TemplatePart } from '../terraform/model.js';
import type { Resolver } from './resolver.js';
import type { ModuleScope } from './scope.js';
import type { SourceLink } from './sources.js';
import { foldedTemplate } from './staticCalls.js';

/** A template with what can be known of its interpolations and directives resolved; folded to a string when all is known. */
export function resolvedTemplate(
  resolver: Resolver,
  expr: Extract<Expression, { kind: 'template' }>,
  scope: ModuleScope,
  chains: SourceLink[],
): Expression {
  const parts = templateParts(resolver, expr.parts, scope, chains);
  if (parts === expr.parts) return expr;
  const folded = foldedTemplate(parts);
  return folded === null ? { ...expr, parts } : { kind: 'literal', value: folded, range: expr.range };
}

/** Interpolations, and the conditions, collections and bodies of `%{ if }` / `%{ for }` directives. */
function templateParts(
  resolver: Resolver,
  parts: TemplatePart[],
  scope: ModuleScope,
  chains: SourceLink[],
): TemplatePart[] {
  let changed = false;
  const out = parts.map((part): TemplatePart => {
    const resolved = templatePart(resolver, part, scope, chains);
    if (resolved !== part) changed = true;
    return resolved;
  });
  return changed ? out : parts;
}

function templatePart(resolver: Resolver, part: TemplatePart, scope: ModuleScope, chains: SourceLink[]): TemplatePart {
  switch (part.kind) {
    case 'text':
      return part;
    case 'interpolation': {
      const inner = resolver.expression(part.expr, scope, chains);
      return inner === part.expr ? part : { ...part, expr: inner };
    }
    case 'if': {
      const cond = resolver.expression(part.cond, scope, chains);
      const then = templateParts(resolver, part.then, scope, chains);
      const otherwise = part.else && templateParts(resolver, part.else, scope, chains);
      return cond === part.cond && then === part.then && otherwise === part.else
        ? part
        : { ...part, cond, then, else: otherwise };
    }
    case 'for': {
      const collection = resolver.expression(part.collection, scope, chains);
      const body = templateParts(resolver, part.body, scope, chains);
      return collection === part.collection && body === part.body ? part : { ...part, collection, body };
    }
  }
}
