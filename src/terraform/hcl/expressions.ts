import type { BinaryOperator, Expression } from '../model.js';
import {
  CH_AMP,
  CH_BANG,
  CH_COLON,
  CH_EQ,
  CH_GT,
  CH_LT,
  CH_MINUS,
  CH_PERCENT,
  CH_PIPE,
  CH_PLUS,
  CH_QUESTION,
  CH_SLASH,
  CH_STAR,
} from './scanner.js';
import { MAX_CHAIN } from './syntaxReader.js';
import { TraversalParser } from './traversals.js';

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

/** Recursive-descent expression parser: conditionals and operators over the operand layers below. */
export abstract class ExpressionParser extends TraversalParser {
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
}
