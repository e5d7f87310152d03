import type { BinaryOperator, Expression, ObjectItem, Position } from '../model.js';
import {
  CH_AMP,
  CH_BANG,
  CH_COLON,
  CH_COMMA,
  CH_DOT,
  CH_EQ,
  CH_GT,
  CH_LBRACE,
  CH_LBRACKET,
  CH_LPAREN,
  CH_LT,
  CH_MINUS,
  CH_PERCENT,
  CH_PIPE,
  CH_PLUS,
  CH_QUESTION,
  CH_QUOTE,
  CH_RBRACE,
  CH_RBRACKET,
  CH_RPAREN,
  CH_SLASH,
  CH_STAR,
  fitted,
  isAsciiIdContinue,
  isDigit,
  NestingTooDeep,
  Scanner,
} from './scanner.js';

/** Longest operator chain or traversal accepted: later stages walk expressions recursively. */
const MAX_CHAIN = 2000;

/** Binary operator precedence, as in the HCL native syntax spec: higher binds tighter. */
const OPERATOR_LEVEL: Record<BinaryOperator, number> = {
  '||': 0,
  '&&': 1,
  '==': 2,
  '!=': 2,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
};

/**
 * Recursive-descent expression parser. `newlines` says whether line breaks are insignificant
 * here: they are inside `( )`, `[ ]` and `for` expressions, but end an attribute's value and
 * separate object items.
 */
export abstract class ExpressionParser extends Scanner {
  newlines = false;

  /** Parses a quoted template starting at `"`; implemented by the template layer. */
  abstract parseQuoted(): Expression;
  /** Parses a heredoc starting at `<<`; implemented by the template layer. */
  abstract parseHeredoc(): Expression;

  ws(): void {
    this.skipSpace(this.newlines);
  }

  /**
   * Inside brackets line breaks are insignificant; returns the previous setting to restore.
   * (No try/finally: the only throw, for runaway nesting, unwinds to the attribute, which resets it.)
   */
  ignoreNewlines(): boolean {
    const saved = this.newlines;
    this.newlines = true;
    return saved;
  }

  parseExpr(): Expression {
    this.enter();
    try {
      const start = this.pos();
      const cond = this.parseBinary(0);
      const offset = this.offset,
        line = this.line,
        lineStart = this.lineStart;
      this.ws();
      if (this.peek() !== CH_QUESTION) {
        this.offset = offset;
        this.line = line;
        this.lineStart = lineStart;
        return cond;
      }
      this.offset++;
      this.ws();
      const then = this.parseExpr();
      this.ws();
      if (this.peek() !== CH_COLON) {
        this.errorHere('expected ":" in conditional expression (cond ? a : b)');
        const missing: Expression = { kind: 'invalid', range: this.range(this.pos()) };
        return { kind: 'conditional', cond, then, else: missing, range: { start, end: then.range.end } };
      }
      this.offset++;
      this.ws();
      const otherwise = this.parseExpr();
      return { kind: 'conditional', cond, then, else: otherwise, range: { start, end: otherwise.range.end } };
    } finally {
      this.leave();
    }
  }

  /** Precedence climbing: one call per operand instead of one per precedence level. */
  private parseBinary(minLevel: number): Expression {
    const start = this.pos();
    let left = this.parseUnary();
    let operands = 1;
    for (;;) {
      const offset = this.offset,
        line = this.line,
        lineStart = this.lineStart;
      this.ws();
      const op = this.peekOperator();
      if (op === null || OPERATOR_LEVEL[op] < minLevel) {
        // Trailing space and comments belong to whatever follows, not to this expression.
        this.offset = offset;
        this.line = line;
        this.lineStart = lineStart;
        return left;
      }
      if (++operands > MAX_CHAIN) this.tooLong('operands in one expression');
      this.offset += op.length;
      this.ws();
      const right = this.parseBinary(OPERATOR_LEVEL[op] + 1);
      left = { kind: 'binary', op, left, right, range: { start, end: right.range.end } };
    }
  }

  /** Later stages walk expressions recursively; absurdly long chains are reported, not crashed on. */
  private tooLong(what: string): never {
    this.errorHere(`more than ${MAX_CHAIN} ${what}; split the expression (Four Eyes cannot analyse it)`);
    throw new NestingTooDeep();
  }

  private peekOperator(): BinaryOperator | null {
    const c = this.peek();
    const n = this.peek(1);
    switch (c) {
      case CH_PIPE:
        return n === CH_PIPE ? '||' : null;
      case CH_AMP:
        return n === CH_AMP ? '&&' : null;
      case CH_EQ:
        return n === CH_EQ ? '==' : null;
      case CH_BANG:
        return n === CH_EQ ? '!=' : null;
      case CH_LT:
        return n === CH_EQ ? '<=' : n === CH_LT ? null : '<';
      case CH_GT:
        return n === CH_EQ ? '>=' : '>';
      case CH_PLUS:
        return '+';
      case CH_MINUS:
        return '-';
      case CH_STAR:
        return '*';
      case CH_SLASH:
        return n === CH_SLASH || n === CH_STAR ? null : '/';
      case CH_PERCENT:
        return '%';
      default:
        return null;
    }
  }

  private parseUnary(): Expression {
    const c = this.peek();
    if ((c === CH_BANG && this.peek(1) !== CH_EQ) || c === CH_MINUS) {
      const start = this.pos();
      this.offset++;
      this.ws();
      this.enter();
      try {
        const operand = this.parseUnary();
        return { kind: 'unary', op: c === CH_BANG ? '!' : '-', operand, range: this.range(start) };
      } finally {
        this.leave();
      }
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePostfix(primary: Expression): Expression {
    const start = primary.range.start;
    let expr = primary;
    let steps = 0;
    for (;;) {
      const offset = this.offset,
        line = this.line,
        lineStart = this.lineStart;
      this.ws();
      const c = this.peek();
      if ((c === CH_DOT && this.peek(1) !== CH_DOT) || c === CH_LBRACKET) {
        if (++steps > MAX_CHAIN) this.tooLong('attribute, index or splat steps in one traversal');
      }
      if (c === CH_DOT && this.peek(1) !== CH_DOT) {
        this.offset++;
        this.ws(); // HCL allows `a . b`
        const next = this.peek();
        if (next === CH_STAR) {
          this.offset++;
          expr = this.parseSplat(expr, start, false);
        } else if (isDigit(next)) {
          const keyStart = this.pos();
          while (isDigit(this.peek())) this.offset++;
          const key: Expression = {
            kind: 'literal',
            value: Number(this.src.slice(keyStart.offset - this.baseOffset, this.offset)),
            range: this.range(keyStart),
          };
          expr = { kind: 'index', target: expr, key, legacy: true, range: this.range(start) };
        } else if (this.isIdStart(next)) {
          expr = { kind: 'getAttr', target: expr, name: this.readIdentifier(), range: this.range(start) };
        } else {
          this.errorHere('expected an attribute name after "."');
          return expr;
        }
      } else if (c === CH_LBRACKET) {
        this.offset++;
        expr = this.parseIndexOrSplat(expr, start);
      } else {
        this.offset = offset;
        this.line = line;
        this.lineStart = lineStart;
        return expr;
      }
    }
  }

  private parseIndexOrSplat(target: Expression, start: Position): Expression {
    const saved = this.ignoreNewlines();
    this.ws();
    if (this.peek() === CH_STAR) {
      this.offset++;
      this.ws();
      this.expect(CH_RBRACKET, '"]" to close the splat [*]');
      this.newlines = saved;
      return this.parseSplat(target, start, true);
    }
    const key = this.parseExpr();
    this.ws();
    this.expect(CH_RBRACKET, '"]" to close the index');
    this.newlines = saved;
    return { kind: 'index', target, key, legacy: false, range: this.range(start) };
  }

  /** After `[*]` or `.*`: the rest of the traversal applies to each element. */
  private parseSplat(source: Expression, start: Position, full: boolean): Expression {
    const itemStart = this.pos();
    let each: Expression = { kind: 'splatItem', range: { start: itemStart, end: itemStart } };
    for (;;) {
      const save = this.savePoint();
      this.ws();
      const c = this.peek();
      if (c === CH_DOT && this.isIdStart(this.peek(1), 1)) {
        this.offset++;
        each = { kind: 'getAttr', target: each, name: this.readIdentifier(), range: this.range(itemStart) };
      } else if (c === CH_DOT && isDigit(this.peek(1)) && full) {
        this.offset++;
        const keyStart = this.pos();
        while (isDigit(this.peek())) this.offset++;
        const key: Expression = {
          kind: 'literal',
          value: Number(this.src.slice(keyStart.offset - this.baseOffset, this.offset)),
          range: this.range(keyStart),
        };
        each = { kind: 'index', target: each, key, legacy: true, range: this.range(itemStart) };
      } else if (c === CH_LBRACKET && full && this.peek(1) !== CH_STAR) {
        this.offset++;
        const saved = this.ignoreNewlines();
        this.ws();
        const key = this.parseExpr();
        this.ws();
        this.expect(CH_RBRACKET, '"]" to close the index');
        this.newlines = saved;
        each = { kind: 'index', target: each, key, legacy: false, range: this.range(itemStart) };
      } else {
        this.restore(save);
        return { kind: 'splat', source, each, full, range: this.range(start) };
      }
    }
  }

  private parsePrimary(): Expression {
    const start = this.pos();
    const c = this.peek();
    if (isDigit(c)) return this.parseNumber(start);
    if (c === CH_QUOTE) return this.parseQuoted();
    if (c === CH_LT && this.peek(1) === CH_LT) return this.parseHeredoc();
    if (c === CH_LPAREN) return this.parseParens(start);
    if (c === CH_LBRACKET) return this.parseTupleOrFor(start);
    if (c === CH_LBRACE) return this.parseObjectOrFor(start);
    if (this.isIdStart(c)) return this.parseName(start);
    this.errorHere(`expected an expression, found ${this.describeCurrent()}`);
    return { kind: 'invalid', range: this.range(start) };
  }

  private parseNumber(start: Position): Expression {
    const text = this.readNumberText();
    const value = Number(text);
    const literal: Expression = { kind: 'literal', value, range: this.range(start) };
    // Keep the source digits where a double would lose them: long mantissas, overflow, underflow.
    const lost = !Number.isFinite(value) || (value === 0 && /[1-9]/.test(text.split(/[eE]/)[0] ?? ''));
    if (lost || (text.length > 15 && significantDigits(text) > 15)) literal.raw = text.toLowerCase();
    return literal;
  }

  private parseName(start: Position): Expression {
    let name = this.readIdentifier();
    // Provider-defined functions: provider::aws::arn_parse(...)
    while (this.peek() === CH_COLON && this.peek(1) === CH_COLON && this.isIdStart(this.peek(2), 2)) {
      this.offset += 2;
      name += '::' + this.readIdentifier();
    }
    const save = this.savePoint();
    // Inside brackets line breaks are insignificant, so `try\n(…)` there is still a call (as in HCL).
    this.skipSpace(this.newlines);
    if (this.peek() === CH_LPAREN) {
      this.offset++;
      return this.parseCallArgs(name, start);
    }
    this.restore(save);
    if (name === 'true' || name === 'false')
      return { kind: 'literal', value: name === 'true', range: this.range(start) };
    if (name === 'null') return { kind: 'literal', value: null, range: this.range(start) };
    return { kind: 'variable', name, range: this.range(start) };
  }

  private parseCallArgs(name: string, start: Position): Expression {
    const saved = this.ignoreNewlines();
    const args: Expression[] = [];
    let expandFinal = false;
    this.ws();
    while (this.peek() !== CH_RPAREN) {
      if (this.atEnd()) break;
      args.push(this.parseExpr());
      this.ws();
      if (this.peek() === CH_DOT && this.peek(1) === CH_DOT && this.peek(2) === CH_DOT) {
        this.offset += 3;
        expandFinal = true;
        this.ws();
        if (this.peek() === CH_COMMA) {
          this.offset++;
          this.ws();
        }
        break;
      }
      if (this.peek() !== CH_COMMA) break;
      this.offset++;
      this.ws();
    }
    this.closeOrRecover(CH_RPAREN, `")" to close the arguments of ${name}()`);
    this.newlines = saved;
    return { kind: 'call', name, args: fitted(args), expandFinal, range: this.range(start) };
  }

  private parseParens(start: Position): Expression {
    this.offset++;
    const saved = this.ignoreNewlines();
    this.ws();
    const inner = this.parseExpr();
    this.ws();
    this.closeOrRecover(CH_RPAREN, '")" to close the parenthesis');
    this.newlines = saved;
    return { kind: 'parens', inner, range: this.range(start) };
  }

  private parseTupleOrFor(start: Position): Expression {
    this.offset++;
    const saved = this.ignoreNewlines();
    this.ws();
    if (this.atForKeyword()) {
      const forExpr = this.parseFor(start, false);
      this.newlines = saved;
      return forExpr;
    }
    const items: Expression[] = [];
    while (this.peek() !== CH_RBRACKET && !this.atEnd()) {
      items.push(this.parseExpr());
      this.ws();
      if (this.peek() !== CH_COMMA) break;
      this.offset++;
      this.ws();
    }
    this.closeOrRecover(CH_RBRACKET, '"," between tuple elements or "]" to close the tuple');
    this.newlines = saved;
    return { kind: 'tuple', items: fitted(items), range: this.range(start) };
  }

  private parseObjectOrFor(start: Position): Expression {
    this.offset++;
    this.skipSpace(true);
    const saved = this.newlines;
    if (this.atForKeyword()) {
      this.newlines = true;
      const forExpr = this.parseFor(start, true);
      this.newlines = saved;
      return forExpr;
    }
    this.newlines = false; // newlines separate object items
    const items: ObjectItem[] = [];
    while (this.peek() !== CH_RBRACE && !this.atEnd()) {
      const item = this.parseObjectItem();
      if (!item) break;
      items.push(item);
      this.skipSpace(false);
      const c = this.peek();
      if (c === CH_COMMA) this.offset++;
      else if (!this.atLineEnd() && c !== CH_RBRACE) break;
      this.skipSpace(true);
    }
    this.closeOrRecover(CH_RBRACE, '"," or a new line between object items, or "}" to close the object');
    this.newlines = saved;
    return { kind: 'object', items: fitted(items), range: this.range(start) };
  }

  private parseObjectItem(): ObjectItem | null {
    const keyStart = this.pos();
    let key: Expression;
    if (this.isIdStart(this.peek())) {
      // A bare name as a key is the string itself, not a variable (as in HCL).
      const save = this.savePoint();
      const name = this.readIdentifier();
      const keyEnd = this.pos();
      this.skipSpace(false);
      const c = this.peek();
      if ((c === CH_EQ && this.peek(1) !== CH_EQ) || c === CH_COLON) {
        key = { kind: 'literal', value: name, range: { start: keyStart, end: keyEnd } };
      } else {
        this.restore(save);
        key = this.parseExpr();
      }
    } else {
      key = this.parseExpr();
    }
    this.skipSpace(false);
    const c = this.peek();
    if (!((c === CH_EQ && this.peek(1) !== CH_EQ) || c === CH_COLON)) {
      this.errorHere('expected "=" or ":" after the object key');
      return null;
    }
    this.offset++;
    this.skipSpace(false);
    return { key, value: this.parseExpr() };
  }

  private atForKeyword(): boolean {
    if (this.peek() !== 102 /* f */ || this.peek(1) !== 111 || this.peek(2) !== 114) return false;
    return !isAsciiIdContinue(this.peek(3)) && this.peek(3) < 128;
  }

  /** `k, v in collection` (or `v in collection`): shared by for expressions and %{for} directives. */
  parseForHeader(): { keyVar: string | null; valueVar: string; collection: Expression } {
    const first = this.expectIdentifier('a variable name after "for"');
    let keyVar: string | null = null;
    let valueVar = first;
    this.ws();
    if (this.peek() === CH_COMMA) {
      this.offset++;
      this.ws();
      keyVar = first;
      valueVar = this.expectIdentifier('the value variable name after ","');
      this.ws();
    }
    this.expectKeyword('in');
    this.ws();
    return { keyVar, valueVar, collection: this.parseExpr() };
  }

  private parseFor(start: Position, isObject: boolean): Expression {
    this.offset += 3;
    this.ws();
    const { keyVar, valueVar, collection } = this.parseForHeader();
    this.ws();
    this.expect(CH_COLON, '":" after the collection of a for expression');
    this.ws();
    let key: Expression | null = null;
    let value = this.parseExpr();
    this.ws();
    if (isObject) {
      if (this.peek() === CH_EQ && this.peek(1) === CH_GT) {
        this.offset += 2;
        this.ws();
        key = value;
        value = this.parseExpr();
        this.ws();
      } else {
        this.errorHere('expected "=>" in an object for expression ({for k, v in x : k => v})');
      }
    }
    let group = false;
    if (this.peek() === CH_DOT && this.peek(1) === CH_DOT && this.peek(2) === CH_DOT) {
      if (!isObject) this.errorHere('grouping "..." is only allowed in object for expressions ({for …: k => v...})');
      this.offset += 3;
      group = isObject;
      this.ws();
    }
    let cond: Expression | null = null;
    if (this.peek() === 105 /* i */ && this.peek(1) === 102 && !isAsciiIdContinue(this.peek(2))) {
      this.offset += 2;
      this.ws();
      cond = this.parseExpr();
      this.ws();
    }
    this.closeOrRecover(
      isObject ? CH_RBRACE : CH_RBRACKET,
      isObject ? '"}" to close the for expression' : '"]" to close the for expression',
    );
    return { kind: 'for', keyVar, valueVar, collection, key, value, cond, group, range: this.range(start) };
  }

  expectIdentifier(what: string): string {
    if (this.isIdStart(this.peek())) return this.readIdentifier();
    this.errorHere(`expected ${what}`);
    return '';
  }

  expectKeyword(word: string): void {
    if (this.src.startsWith(word, this.offset) && !isAsciiIdContinue(this.peek(word.length))) {
      this.offset += word.length;
    } else {
      this.errorHere(`expected "${word}"`);
    }
  }

  expect(ch: number, what: string): boolean {
    if (this.peek() === ch) {
      this.offset++;
      return true;
    }
    this.errorHere(`expected ${what}, found ${this.describeCurrent()}`);
    return false;
  }

  /** Closes a bracketed construct; on garbage, reports it once and skips to the matching closer. */
  closeOrRecover(closer: number, what: string): void {
    if (this.peek() === closer) {
      this.offset++;
      return;
    }
    this.errorHere(`expected ${what}, found ${this.describeCurrent()}`);
    this.skipBalanced(closer);
  }

  /**
   * Skips forward to just past `closer` at nesting level zero (strings respected), or to EOF;
   * stops before a bracket that closes something outside, such as the enclosing block's `}`.
   */
  skipBalanced(closer: number): void {
    const stack: number[] = [closer];
    while (!this.atEnd() && stack.length > 0) {
      const c = this.peek();
      if (c === CH_QUOTE) {
        this.skipQuotedRaw();
        continue;
      }
      if (c === CH_LPAREN) stack.push(CH_RPAREN);
      else if (c === CH_LBRACKET) stack.push(CH_RBRACKET);
      else if (c === CH_LBRACE) stack.push(CH_RBRACE);
      else if (c === stack[stack.length - 1]) stack.pop();
      else if (c === CH_RPAREN || c === CH_RBRACKET || c === CH_RBRACE) return; // closes something outside: stop before it
      this.advance();
    }
  }

  /** Skips a quoted string without interpreting it (error recovery only). */
  skipQuotedRaw(): void {
    this.offset++;
    while (!this.atEnd()) {
      const c = this.peek();
      if (c === 92 /* \ */) {
        // A backslash cannot escape a line break: the string ends at the line end, as when parsed.
        const escaped = this.peek(1);
        if (escaped < 0 || escaped === 10 /* LF */ || escaped === 13 /* CR */) {
          this.offset++;
          return;
        }
        this.offset += 2;
        continue;
      }
      if (c === CH_QUOTE || this.atLineEnd()) {
        if (c === CH_QUOTE) this.offset++;
        return;
      }
      this.offset++;
    }
  }

  savePoint(): SavePoint {
    return { offset: this.offset, line: this.line, lineStart: this.lineStart };
  }

  restore(save: SavePoint): void {
    this.offset = save.offset;
    this.line = save.line;
    this.lineStart = save.lineStart;
  }
}

export interface SavePoint {
  offset: number;
  line: number;
  lineStart: number;
}

/** Digits that carry meaning: beyond 15, a double may not hold the number exactly. */
function significantDigits(text: string): number {
  const mantissa = text.split(/[eE]/)[0] ?? '';
  return mantissa
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(mantissa.includes('.') ? /0+$/ : /$^/, '').length;
}
