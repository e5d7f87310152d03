import type { Expression, LiteralValue, ObjectItem, TemplatePart } from './model.js';

/**
 * Canonical text of an expression: one spelling for everything that means the same, so two
 * revisions compare equal whatever `terraform fmt`, comments, line breaks or quoting style did.
 * Heredocs print as quoted strings; `:` and `=` in objects print as `=`; legacy `.0` as `[0]`.
 */
export function expressionText(expr: Expression): string {
  return textWith(expr, expressionText);
}

/** Text printer whose sub-expressions print as `child` prints them (full text, or digests of large ones). */
export type ChildText = (expr: Expression) => string;

/** The canonical text of `expr` itself, with every sub-expression printed by `child`. */
export function textWith(expr: Expression, child: ChildText): string {
  switch (expr.kind) {
    case 'literal':
      return expr.raw ?? literalText(expr.value);
    case 'template': {
      // "${x}" alone is x itself (HCL unwraps such templates), so both spellings print alike.
      const only = expr.parts.length === 1 ? expr.parts[0] : undefined;
      if (only?.kind === 'interpolation') return child(only.expr);
      return '"' + partsText(expr.parts, child) + '"';
    }
    case 'variable':
      return expr.name;
    case 'getAttr':
      return child(expr.target) + '.' + expr.name;
    case 'index':
      return child(expr.target) + '[' + child(expr.key) + ']';
    case 'splat':
      return child(expr.source) + (expr.full ? '[*]' : '.*') + child(expr.each);
    case 'splatItem':
      return '';
    case 'call':
      return expr.name + '(' + expr.args.map(child).join(', ') + (expr.expandFinal ? '...' : '') + ')';
    case 'tuple':
      return '[' + expr.items.map(child).join(', ') + ']';
    case 'object':
      return objectText(expr.items, child);
    case 'unary':
      return expr.op + child(expr.operand);
    case 'binary':
      return child(expr.left) + ' ' + expr.op + ' ' + child(expr.right);
    case 'conditional':
      return child(expr.cond) + ' ? ' + child(expr.then) + ' : ' + child(expr.else);
    case 'for':
      return forText(expr, child);
    case 'parens':
      return '(' + child(expr.inner) + ')';
    case 'invalid':
      return '<invalid>';
  }
}

function forText(expr: Extract<Expression, { kind: 'for' }>, child: ChildText): string {
  const vars = (expr.keyVar === null ? '' : expr.keyVar + ', ') + expr.valueVar;
  const head = 'for ' + vars + ' in ' + child(expr.collection) + ' : ';
  const body = expr.key === null ? child(expr.value) : child(expr.key) + ' => ' + child(expr.value);
  const tail = (expr.group ? '...' : '') + (expr.cond === null ? '' : ' if ' + child(expr.cond));
  return expr.key === null ? '[' + head + body + tail + ']' : '{' + head + body + tail + '}';
}

/**
 * Objects with constant keys are unordered in Terraform (and `jsonencode` sorts them), so
 * their canonical text sorts the items: reordering keys is formatting, not a change.
 */
function objectText(items: ObjectItem[], child: ChildText): string {
  const printed = items.map((item) => ({ key: objectKeyText(item.key, child), value: child(item.value) }));
  if (items.every((item) => item.key.kind === 'literal')) {
    printed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  return '{' + printed.map((item) => item.key + ' = ' + item.value).join(', ') + '}';
}

const IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u;

/**
 * A bare name as a key is that string, so any computed key prints in parentheses: `(var.k)`
 * for `(var.k)`, `"${var.k}"` and `var.k` alike, and never collides with the literal "var.k".
 */
function objectKeyText(key: Expression, child: ChildText): string {
  if (key.kind === 'literal') {
    return typeof key.value === 'string' && IDENTIFIER.test(key.value) ? key.value : literalText(key.value);
  }
  const inner = key.kind === 'parens' ? key.inner : key;
  const text = child(inner);
  return inner.kind === 'template' && text.startsWith('"') ? text : '(' + text + ')';
}

function literalText(value: null | boolean | number | string): string {
  if (typeof value === 'string') return '"' + escapeTemplateText(value) + '"';
  return String(value);
}

function partsText(parts: TemplatePart[], child: ChildText): string {
  let out = '';
  for (const part of parts) {
    switch (part.kind) {
      case 'text':
        out += escapeTemplateText(part.value);
        break;
      case 'interpolation':
        out += '${' + child(part.expr) + '}';
        break;
      case 'if':
        out += '%{if ' + child(part.cond) + '}' + partsText(part.then, child);
        if (part.else) out += '%{else}' + partsText(part.else, child);
        out += '%{endif}';
        break;
      case 'for':
        out +=
          '%{for ' +
          (part.keyVar === null ? '' : part.keyVar + ', ') +
          part.valueVar +
          ' in ' +
          child(part.collection) +
          '}' +
          partsText(part.body, child) +
          '%{endfor}';
        break;
    }
  }
  return out;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes.
const NEEDS_ESCAPE = /[\\"\n\r\t\u0000-\u001f\u007f]|\$\{|%\{/;

function escapeTemplateText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes.
  return text.replace(/[\\"\n\r\t\u0000-\u001f\u007f]|\$\{|%\{/g, (m) => {
    switch (m) {
      case '\\':
        return '\\\\';
      case '"':
        return '\\"';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      case '${':
        return '$${';
      case '%{':
        return '%%{';
      default:
        return '\\u' + m.charCodeAt(0).toString(16).padStart(4, '0');
    }
  });
}

/**
 * The value of an expression that needs no variables or functions: literals, and tuples and
 * objects (with constant keys) of such. `undefined` for everything else.
 */
export function literalValue(expr: Expression): LiteralValue | undefined {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'parens':
      return literalValue(expr.inner);
    case 'unary':
      if (expr.op === '-' && expr.operand.kind === 'literal' && typeof expr.operand.value === 'number')
        return -expr.operand.value;
      return undefined;
    case 'tuple': {
      const items: LiteralValue[] = [];
      for (const item of expr.items) {
        const value = literalValue(item);
        if (value === undefined) return undefined;
        items.push(value);
      }
      return items;
    }
    case 'object': {
      const result: { [key: string]: LiteralValue } = {};
      for (const item of expr.items) {
        const key = literalValue(item.key);
        const value = literalValue(item.value);
        if (
          key === undefined ||
          value === undefined ||
          (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean')
        )
          return undefined;
        result[String(key)] = value;
      }
      return result;
    }
    default:
      return undefined;
  }
}
