import type { Expression, Position } from '../model.js';
import { CH_COLON, CH_COMMA, CH_DOT, CH_EQ, CH_GT, CH_RBRACE, CH_RBRACKET, isAsciiIdContinue } from './scanner.js';
import { SyntaxReader } from './syntaxReader.js';

/** `[for … : …]` and `{for … : … => …}`, and the `k, v in x` header they share with `%{for}`. */
export abstract class ForExpressionParser extends SyntaxReader {
  protected atForKeyword(): boolean {
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

  protected parseFor(start: Position, isObject: boolean): Expression {
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
}
