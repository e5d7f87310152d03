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
  const only = expr.parts.length === 1 && !expr.heredoc ? expr.parts[0]! : null;
  // `"${var.cidrs}"` is var.cidrs itself, not a string: the spelling of Terraform 0.11 and of
  // every reference in JSON syntax.
  if (only?.kind === 'interpolation' && !only.stripLeft && !only.stripRight)
    return resolver.expression(only.expr, scope, chains);
  const parts = templateParts(resolver, expr.parts, scope, chains);
  if (parts === expr.parts) return expr;
  const folded = foldedTemplate(parts);
  return folded === null
    ? { ...expr, parts: withKnownText(parts) }
    : { kind: 'literal', value: folded, range: expr.range };
}

/**
 * Interpolations of values known here written into the text around them, so
 * `"arn:${"aws"}:logs:${x}"` reads as `"arn:aws:logs:${x}"`: the same string, written either way.
 * Not where a strip marker (`~`) trims the text beside it.
 */
function withKnownText(parts: TemplatePart[]): TemplatePart[] {
  const out: TemplatePart[] = [];
  let merged = false;
  for (const part of parts) {
    const text = knownText(part);
    const last = out[out.length - 1];
    if (text === null) out.push(part);
    else if (last?.kind === 'text') {
      out[out.length - 1] = { kind: 'text', value: last.value + text };
      merged = true;
    } else {
      out.push({ kind: 'text', value: text });
      merged ||= part.kind !== 'text';
    }
  }
  return merged ? out : parts;
}

function knownText(part: TemplatePart): string | null {
  if (part.kind === 'text') return part.value;
  if (part.kind !== 'interpolation' || part.stripLeft || part.stripRight || part.expr.kind !== 'literal') return null;
  const value = part.expr.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
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
