import type { Expression, TemplatePart } from './model.js';

/** Locals nested deeper than this (or in a cycle) are left as references. */
const MAX_DEPTH = 16;

type GetAttr = Extract<Expression, { kind: 'getAttr' }>;

/**
 * `expr` with each `local.x` replaced by the expression of `x` in `locals`, its own locals
 * replaced in turn: a value written in one file with the locals of that file, read in another
 * file's scope (a Terragrunt parent's inputs, given to the deployment's module), keeps its
 * meaning. A local `locals` does not have stays a reference. The same object when nothing is replaced.
 */
export function withLocalsInlined(expr: Expression, locals: ReadonlyMap<string, Expression>): Expression {
  if (locals.size === 0) return expr;
  return withReferencesReplaced(expr, (node) =>
    node.target.kind === 'variable' && node.target.name === 'local' ? locals.get(node.name) : undefined,
  );
}

/**
 * `expr` with each attribute reference `replacement` gives a value for replaced by it, and the
 * references in that value in turn (up to a depth: a cycle stays a reference). The same object
 * when nothing is replaced.
 */
export function withReferencesReplaced(
  expr: Expression,
  replacement: (node: GetAttr) => Expression | undefined,
): Expression {
  let replaced = false;
  const visit = (node: Expression, depth: number): Expression => {
    if (node.kind === 'getAttr') {
      const value = depth < MAX_DEPTH ? replacement(node) : undefined;
      if (value !== undefined) {
        replaced = true;
        return visit(value, depth + 1);
      }
    }
    const next = (child: Expression) => visit(child, depth);
    switch (node.kind) {
      case 'literal':
      case 'variable':
      case 'splatItem':
      case 'invalid':
        return node;
      case 'getAttr':
        return { ...node, target: next(node.target) };
      case 'index':
        return { ...node, target: next(node.target), key: next(node.key) };
      case 'splat':
        return { ...node, source: next(node.source), each: next(node.each) };
      case 'call':
        return { ...node, args: node.args.map(next) };
      case 'tuple':
        return { ...node, items: node.items.map(next) };
      case 'object':
        return { ...node, items: node.items.map((item) => ({ key: next(item.key), value: next(item.value) })) };
      case 'unary':
        return { ...node, operand: next(node.operand) };
      case 'binary':
        return { ...node, left: next(node.left), right: next(node.right) };
      case 'conditional':
        return { ...node, cond: next(node.cond), then: next(node.then), else: next(node.else) };
      case 'for':
        return {
          ...node,
          collection: next(node.collection),
          key: node.key && next(node.key),
          value: next(node.value),
          cond: node.cond && next(node.cond),
        };
      case 'parens':
        return { ...node, inner: next(node.inner) };
      case 'template':
        return { ...node, parts: node.parts.map((part) => visitPart(part, next)) };
    }
  };
  const inlined = visit(expr, 0);
  return replaced ? inlined : expr;
}

function visitPart(part: TemplatePart, next: (expr: Expression) => Expression): TemplatePart {
  switch (part.kind) {
    case 'text':
      return part;
    case 'interpolation':
      return { ...part, expr: next(part.expr) };
    case 'if':
      return {
        ...part,
        cond: next(part.cond),
        then: part.then.map((inner) => visitPart(inner, next)),
        else: part.else === null ? null : part.else.map((inner) => visitPart(inner, next)),
      };
    case 'for':
      return { ...part, collection: next(part.collection), body: part.body.map((inner) => visitPart(inner, next)) };
  }
}
