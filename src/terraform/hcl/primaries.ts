import type { Expression, Position } from '../model.js';
import { CollectionParser } from './collections.js';
import {
  CH_COLON,
  CH_COMMA,
  CH_DOT,
  CH_LBRACE,
  CH_LBRACKET,
  CH_LPAREN,
  CH_LT,
  CH_QUOTE,
  CH_RPAREN,
  fitted,
  isDigit,
} from './scanner.js';

/**
 * The operand an operator or traversal applies to: a number, string, heredoc, name, function
 * call, parenthesised expression, tuple, object or for expression.
 */
export abstract class PrimaryParser extends CollectionParser {
  protected parsePrimary(): Expression {
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
}

/** Digits that carry meaning: beyond 15, a double may not hold the number exactly. */
function significantDigits(text: string): number {
  const mantissa = text.split(/[eE]/)[0] ?? '';
  return mantissa
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(mantissa.includes('.') ? /0+$/ : /$^/, '').length;
}
