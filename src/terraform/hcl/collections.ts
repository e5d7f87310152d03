import type { Expression, ObjectItem, Position } from '../model.js';
import { ForExpressionParser } from './forExpressions.js';
import { CH_COLON, CH_COMMA, CH_EQ, CH_RBRACE, CH_RBRACKET, fitted } from './scanner.js';

/** Tuples `[a, b]` and objects `{ k = v }`, or the for expressions that share their brackets. */
export abstract class CollectionParser extends ForExpressionParser {
  protected parseTupleOrFor(start: Position): Expression {
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

  protected parseObjectOrFor(start: Position): Expression {
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
}
