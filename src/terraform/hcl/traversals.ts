import type { Expression, Position } from '../model.js';
import { PrimaryParser } from './primaries.js';
import { CH_DOT, CH_LBRACKET, CH_RBRACKET, CH_STAR, isDigit } from './scanner.js';
import { MAX_CHAIN } from './syntaxReader.js';

/** What follows an operand: `.name`, `.0`, `[key]`, and the splats `.*` and `[*]`. */
export abstract class TraversalParser extends PrimaryParser {
  protected parsePostfix(primary: Expression): Expression {
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
          expr = { kind: 'index', target: expr, key: this.legacyIndexKey(), legacy: true, range: this.range(start) };
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

  /** The digits of a legacy index (`a.0`), at the cursor, as the literal key they are. */
  private legacyIndexKey(): Expression {
    const keyStart = this.pos();
    while (isDigit(this.peek())) this.offset++;
    return {
      kind: 'literal',
      value: Number(this.src.slice(keyStart.offset - this.baseOffset, this.offset)),
      range: this.range(keyStart),
    };
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
        each = { kind: 'index', target: each, key: this.legacyIndexKey(), legacy: true, range: this.range(itemStart) };
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
}
