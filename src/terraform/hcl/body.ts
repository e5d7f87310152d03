import { makeAttribute } from '../attribute.js';
import type { Block, Body, Expression, Position, Range } from '../model.js';
import { CH_EQ, CH_LBRACE, CH_LBRACKET, CH_LPAREN, CH_QUOTE, CH_RBRACE, fitted, NestingTooDeep } from './scanner.js';
import { TemplateParser } from './templates.js';

/** Bodies, blocks and attributes: the structural layer of HCL native syntax. */
export class BodyParser extends TemplateParser {
  /** Parses items until `}` (when `inBlock`) or the end of input. */
  /** Inside `type { … }` written on one line. */
  private oneLine = false;

  parseBody(inBlock: boolean, into?: Body): Body {
    const body: Body = into ?? { attributes: [], blocks: [] };
    const seen = new Map<string, Range>();
    for (;;) {
      this.skipSpace(true);
      const c = this.peek();
      if (c < 0) return body;
      if (c === CH_RBRACE) {
        if (inBlock) return body;
        this.errorHere('unexpected "}": there is no open block to close');
        this.offset++;
        continue;
      }
      if (!this.isIdStart(c)) {
        this.errorHere(`expected an argument name or a block type, found ${this.describeCurrent()}`);
        this.skipRestOfLine();
        continue;
      }
      this.parseItem(body, seen, inBlock);
    }
  }

  private parseItem(body: Body, seen: Map<string, Range>, inBlock: boolean): void {
    const start = this.pos();
    const name = this.readIdentifier();
    const nameRange = this.range(start);
    this.skipSpace(false);
    if (this.peek() === CH_EQ && this.peek(1) !== CH_EQ) {
      this.offset++;
      this.skipSpace(false);
      const expr = this.parseAttributeValue();
      const attribute = makeAttribute(name, nameRange, expr, this.range(start));
      const previous = seen.get(name);
      if (previous) {
        this.error(
          `argument "${name}" is set twice (first at line ${previous.start.line}); remove one of them`,
          nameRange,
        );
      } else {
        seen.set(name, nameRange);
      }
      body.attributes.push(attribute);
      this.endItem(inBlock, `the value of "${name}"`);
      return;
    }
    const block = this.parseBlockRest(name, nameRange);
    if (block) {
      body.blocks.push(block);
      this.endItem(inBlock, `the block "${name}"`);
    }
  }

  private parseAttributeValue(): Expression {
    this.newlines = false;
    const depth = this.depth;
    try {
      return this.parseExpr();
    } catch (error) {
      if (!(error instanceof NestingTooDeep)) throw error;
      // Unwound from nesting that is too deep (already reported): the value is lost, the file goes on.
      this.depth = depth;
      return { kind: 'invalid', range: this.range(this.pos()) };
    }
  }

  private parseBlockRest(type: string, typeRange: Range): Block | null {
    const labels: string[] = [];
    const labelRanges: Range[] = [];
    for (;;) {
      const c = this.peek();
      const labelStart = this.pos();
      if (c === CH_QUOTE) {
        const label = this.parseQuoted();
        if (label.kind !== 'literal' || typeof label.value !== 'string') {
          this.error('block labels must be plain strings, without ${…} or %{…}', label.range);
        }
        labels.push(label.kind === 'literal' ? String(label.value) : '');
        labelRanges.push(label.range);
      } else if (this.isIdStart(c)) {
        labels.push(this.readIdentifier());
        labelRanges.push(this.range(labelStart));
      } else {
        break;
      }
      this.skipSpace(false);
    }
    if (this.peek() !== CH_LBRACE) {
      const found = this.describeCurrent();
      this.errorHere(
        labels.length === 0
          ? `expected "=" (for an argument) or "{" (for a block) after "${type}", found ${found}`
          : `expected "{" to open the block "${type}", found ${found}`,
      );
      this.skipRestOfLine();
      return null;
    }
    this.offset++;
    const body = this.parseBlockBody(type);
    if (this.peek() === CH_RBRACE) {
      this.offset++;
    } else {
      this.error(`block "${[type, ...labels].join(' ')}" is never closed: add "}"`, typeRange);
    }
    return {
      type,
      labels: fitted(labels),
      range: { start: typeRange.start, end: this.pos() },
      typeRange,
      labelRanges: fitted(labelRanges),
      attributes: fitted(body.attributes),
      blocks: fitted(body.blocks),
    };
  }

  /** A block's body, from just after its `{` to just before its `}`. */
  private parseBlockBody(type: string): Body {
    this.enter();
    try {
      this.skipSpace(false);
      return this.atLineEnd() ? this.parseBody(true) : this.parseOneLineBody(type);
    } finally {
      this.leave();
    }
  }

  /**
   * The body of a top-level block parsed again on its own: `afterLabels` is where its type or
   * last label ends. Gives the same attributes and nested blocks, positions included, as parsing
   * the whole file (see terraform/lazyBlock.ts).
   */
  parseTopLevelBody(type: string, afterLabels: Position): Body {
    this.offset = afterLabels.offset;
    this.line = afterLabels.line;
    this.lineStart = afterLabels.offset - afterLabels.column + 1;
    this.skipSpace(false);
    if (this.peek() !== CH_LBRACE) {
      this.errorHere(`expected the "{" of the block "${type}"`);
      return { attributes: [], blocks: [] };
    }
    this.offset++;
    const body = this.parseBlockBody(type);
    return { attributes: fitted(body.attributes), blocks: fitted(body.blocks) };
  }

  /** `type { name = value }`: HCL allows one argument and no nested block on one line. */
  private parseOneLineBody(type: string): Body {
    const body: Body = { attributes: [], blocks: [] };
    if (this.peek() === CH_RBRACE) return body;
    this.oneLine = true;
    try {
      this.parseBody(true, body);
    } finally {
      this.oneLine = false;
    }
    if (body.blocks.length > 0) {
      this.error(
        `a one-line block "${type}" cannot contain a block; put its body on separate lines`,
        body.blocks[0]!.typeRange,
      );
    }
    return body;
  }

  /** An item ends at a line end, or at the `}` of a one-line block. */
  private endItem(inBlock: boolean, what: string): void {
    this.skipSpace(false);
    const last = this.diagnostics[this.diagnostics.length - 1];
    if (last && last.range.start.offset === this.offset + this.baseOffset) {
      // The value already failed right here: one error is enough.
      if (!this.atLineEnd() && this.peek() !== CH_RBRACE) this.skipRestOfLine();
      return;
    }
    if (this.oneLine) {
      if (this.peek() === CH_RBRACE) return;
      this.errorHere(
        `a one-line block holds a single argument and closes with "}" on the same line; put its body on separate lines`,
      );
      if (this.atLineEnd()) {
        this.oneLine = false; // recover: read the following lines as an ordinary body
        return;
      }
      this.skipRestOfLine(); // stops before the block's "}" on this line, if any
      if (this.peek() !== CH_RBRACE) this.oneLine = false;
      return;
    }
    if (this.atLineEnd()) return;
    if (inBlock && this.peek() === CH_RBRACE) {
      this.errorHere('the closing "}" of a multi-line block must be on its own line');
      return;
    }
    this.errorHere(`unexpected ${this.describeCurrent()} after ${what}: put each argument and block on its own line`);
    this.skipRestOfLine();
  }

  /**
   * Error recovery: skip to the end of the line, jumping over bracketed parts and strings, but
   * stop before a `}` that may close the enclosing block.
   */
  private skipRestOfLine(): void {
    while (!this.atEnd() && !this.atLineEnd()) {
      const c = this.peek();
      if (c === CH_RBRACE) return;
      if (c === CH_QUOTE) this.skipQuotedRaw();
      else if (c === CH_LBRACE) {
        this.offset++;
        this.skipBalanced(CH_RBRACE);
      } else if (c === CH_LBRACKET) {
        this.offset++;
        this.skipBalanced(93);
      } else if (c === CH_LPAREN) {
        this.offset++;
        this.skipBalanced(41);
      } else this.advance();
    }
  }
}
