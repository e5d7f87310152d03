import type { Expression } from '../terraform/model.js';
import { objectKeyText } from '../terraform/objectKeys.js';
import { select } from './anyEntry.js';
import { foldedOperator } from './foldedOperators.js';
import { cannotSucceed, foldedCall, isWrittenOut } from './staticCalls.js';

type ForExpression = Extract<Expression, { kind: 'for' }>;

/**
 * `{ for k, v in m : k => v if cond }` over a map written out: the map of the entries whose
 * condition is known to hold, as Terraform makes it. The pattern picks the instances of a
 * module call from a var file's map (`if try(v.version, "") == "v1"`); read as one unknown
 * collection, any change to any entry (a key added to one) would reach every attribute of every
 * instance. Null unless every key is known and every entry's condition is known true or false.
 */
export function filteredMap(expr: ForExpression): Expression | null {
  if (expr.key === null || expr.group || expr.keyVar === null) return null;
  if (expr.key.kind !== 'variable' || expr.key.name !== expr.keyVar) return null;
  if (expr.value.kind !== 'variable' || expr.value.name !== expr.valueVar) return null;
  const collection = unparenthesized(expr.collection);
  if (collection.kind !== 'object') return null;
  const items: { key: Expression; value: Expression }[] = [];
  for (const item of collection.items) {
    const name = objectKeyText(item.key);
    if (name === null) return null;
    if (expr.cond !== null) {
      const bindings = new Map<string, Expression>([
        [expr.keyVar, { kind: 'literal', value: name, range: item.key.range }],
        [expr.valueVar, item.value],
      ]);
      const kept = staticallyFolded(expr.cond, bindings);
      if (kept.kind !== 'literal' || typeof kept.value !== 'boolean') return null;
      if (!kept.value) continue;
    }
    items.push({ key: { kind: 'literal', value: name, range: item.key.range }, value: item.value });
  }
  return { kind: 'object', items, range: expr.range };
}

function unparenthesized(expr: Expression): Expression {
  return expr.kind === 'parens' ? unparenthesized(expr.inner) : expr;
}

/**
 * The expression with the iterator's names replaced by an entry's key and value, folded as far
 * as its parts are known: attributes of a map written out, `try`/`can`/`lookup` and the other
 * calls foldedCall knows, operators. What is not known stays as written, so the condition is
 * not a literal and the map is not folded.
 */
function staticallyFolded(expr: Expression, bindings: ReadonlyMap<string, Expression>): Expression {
  const fold = (part: Expression) => staticallyFolded(part, bindings);
  switch (expr.kind) {
    case 'literal':
      return expr;
    case 'variable':
      return bindings.get(expr.name) ?? expr;
    case 'parens':
      return fold(expr.inner);
    case 'getAttr': {
      const target = fold(expr.target);
      return select(target, { kind: 'literal', value: expr.name, range: expr.range }) ?? { ...expr, target };
    }
    case 'index': {
      const target = fold(expr.target);
      const key = fold(expr.key);
      return select(target, key) ?? { ...expr, target, key };
    }
    case 'call':
      return foldedKnownCall(expr, expr.args.map(fold));
    case 'unary':
      return foldedOperator({ ...expr, operand: fold(expr.operand) }) ?? expr;
    case 'binary':
      return foldedOperator({ ...expr, left: fold(expr.left), right: fold(expr.right) }) ?? expr;
    case 'conditional':
      return foldedOperator({ ...expr, cond: fold(expr.cond), then: fold(expr.then), else: fold(expr.else) }) ?? expr;
    default:
      return expr;
  }
}

/** `try` and `can` over arguments whose success is known; other calls as foldedCall knows them. */
function foldedKnownCall(call: Extract<Expression, { kind: 'call' }>, args: Expression[]): Expression {
  if (call.name === 'can' && args.length === 1) {
    const arg = args[0]!;
    if (cannotSucceed(arg)) return { kind: 'literal', value: false, range: call.range };
    if (isWrittenOut(arg)) return { kind: 'literal', value: true, range: call.range };
    return { ...call, args };
  }
  if (call.name === 'try') {
    for (const arg of args) {
      if (cannotSucceed(arg)) continue;
      return isWrittenOut(arg) ? arg : { ...call, args };
    }
    return { ...call, args };
  }
  return foldedCall(call, args) ?? { ...call, args };
}
