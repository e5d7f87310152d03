import type { Diagnostic } from '../model.js';
import type { LineIndex } from './lineIndex.js';

// Character codes are declared in each file that compares against them: V8's optimizing compiler
// folds a module's own constants into the code, but reads an exported or imported binding from its
// module cell at every comparison (5% of this parser's time when these were shared).
const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_QUOTE = 34;
const CH_COMMA = 44;
const CH_SLASH = 47;
const CH_COLON = 58;
const CH_LBRACKET = 91;
const CH_BACKSLASH = 92;
const CH_RBRACKET = 93;
const CH_LBRACE = 123;
const CH_RBRACE = 125;

/**
 * The JSON parser's position in the source, its diagnostics, and the skipping it does around
 * values: whitespace, stray comments, and text given up on during error recovery.
 */
export class JsonCursor {
  protected pos = 0;
  protected readonly diagnostics: Diagnostic[] = [];

  constructor(
    protected readonly src: string,
    private readonly lines: LineIndex,
  ) {}

  /** Whitespace; comments are not JSON, so each one is reported and then skipped. */
  protected skipSpace(): void {
    const src = this.src;
    for (;;) {
      const c = src.charCodeAt(this.pos);
      if (c === CH_SPACE || c === CH_LF || c === CH_CR || c === CH_TAB) {
        this.pos++;
        continue;
      }
      if (c === CH_SLASH && (src.charCodeAt(this.pos + 1) === CH_SLASH || src.charCodeAt(this.pos + 1) === 42)) {
        const start = this.pos;
        if (src.charCodeAt(this.pos + 1) === CH_SLASH) {
          const eol = src.indexOf('\n', this.pos);
          this.pos = eol < 0 ? src.length : eol;
        } else {
          const close = src.indexOf('*/', this.pos + 2);
          this.pos = close < 0 ? src.length : close + 2;
        }
        this.error('JSON has no comments: in a block, write a "//" property instead', start, this.pos);
        continue;
      }
      return;
    }
  }

  /** Error recovery inside an object or array: skip to the next "," or closer at this level. */
  protected skipToItemEnd(): void {
    while (!this.atEnd()) {
      const c = this.peek();
      if (c === CH_COMMA || c === CH_RBRACE || c === CH_RBRACKET) return;
      if (c === CH_LF) {
        // A line break is a likely place for the next item; do not swallow the rest of the file.
        this.pos++;
        this.skipSpace();
        if (this.peek() === CH_QUOTE) return;
        continue;
      }
      if (c === CH_QUOTE) this.skipStringRaw();
      else if (c === CH_LBRACE || c === CH_LBRACKET) this.skipBalanced();
      else this.pos++;
    }
  }

  /** Skips a bracketed value without recursion (used past the nesting limit). */
  protected skipBalanced(): void {
    let depth = 0;
    while (!this.atEnd()) {
      const c = this.peek();
      if (c === CH_QUOTE) {
        this.skipStringRaw();
        continue;
      }
      this.pos++;
      if (c === CH_LBRACE || c === CH_LBRACKET) depth++;
      else if (c === CH_RBRACE || c === CH_RBRACKET) {
        depth--;
        if (depth <= 0) return;
      }
    }
  }

  private skipStringRaw(): void {
    this.pos++;
    while (!this.atEnd()) {
      const c = this.peek();
      if (c === CH_BACKSLASH) this.pos += 2;
      else if (c === CH_QUOTE) {
        this.pos++;
        return;
      } else if (c === CH_LF) return;
      else this.pos++;
    }
  }

  protected atStructural(): boolean {
    const c = this.peek();
    return (
      c === CH_SPACE ||
      c === CH_LF ||
      c === CH_CR ||
      c === CH_TAB ||
      c === CH_COMMA ||
      c === CH_COLON ||
      c === CH_LBRACE ||
      c === CH_RBRACE ||
      c === CH_LBRACKET ||
      c === CH_RBRACKET ||
      c === CH_QUOTE
    );
  }

  protected peek(): number {
    return this.pos < this.src.length ? this.src.charCodeAt(this.pos) : -1;
  }

  protected atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  protected describeHere(): string {
    if (this.atEnd()) return 'the end of the file';
    const ch = String.fromCodePoint(this.src.codePointAt(this.pos) as number);
    if (ch === '\n' || ch === '\r') return 'a line break';
    return JSON.stringify(ch);
  }

  protected where(offset: number): string {
    const at = this.lines.positionAt(offset);
    return `line ${at.line}, column ${at.column}`;
  }

  protected error(message: string, start: number, end: number): void {
    this.diagnostics.push({
      severity: 'error',
      message,
      range: this.lines.range(start, Math.min(end, this.src.length)),
    });
  }
}
