import type { Diagnostic, Position, Range } from '../model.js';

/**
 * Character-level cursor shared by the HCL parser layers. The parser is scannerless: it reads
 * characters directly instead of materialising a token array, which keeps allocation low and
 * lets templates switch lexical mode without a separate lexer state machine.
 */

export const CH_TAB = 9;
export const CH_LF = 10;
export const CH_CR = 13;
export const CH_SPACE = 32;
export const CH_BANG = 33;
export const CH_QUOTE = 34;
const CH_HASH = 35;
export const CH_DOLLAR = 36;
export const CH_PERCENT = 37;
export const CH_AMP = 38;
export const CH_LPAREN = 40;
export const CH_RPAREN = 41;
export const CH_STAR = 42;
export const CH_PLUS = 43;
export const CH_COMMA = 44;
export const CH_MINUS = 45;
export const CH_DOT = 46;
export const CH_SLASH = 47;
const CH_0 = 48;
const CH_9 = 57;
export const CH_COLON = 58;
export const CH_LT = 60;
export const CH_EQ = 61;
export const CH_GT = 62;
export const CH_QUESTION = 63;
export const CH_LBRACKET = 91;
export const CH_BACKSLASH = 92;
export const CH_RBRACKET = 93;
const CH_UNDERSCORE = 95;
export const CH_LBRACE = 123;
export const CH_PIPE = 124;
export const CH_RBRACE = 125;
export const CH_TILDE = 126;

/** Deeper nesting than this is reported instead of risking the call stack on hostile input. */
export const MAX_NESTING = 256;

const ID_START = /[\p{ID_Start}_]/u;
const ID_CONTINUE = /[\p{ID_Continue}\-\u200c\u200d]/u;

function isAsciiIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === CH_UNDERSCORE;
}

export function isAsciiIdContinue(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === CH_UNDERSCORE || c === CH_MINUS;
}

export function isDigit(c: number): boolean {
  return c >= CH_0 && c <= CH_9;
}

/**
 * A copy of `items` without spare capacity. Arrays grown by push keep room for about 16 more
 * elements; a syntax tree has tens of thousands of small arrays, kept as long as the tree is.
 */
export function fitted<T>(items: T[]): T[] {
  return items.length === 0 ? [] : items.slice();
}

/** Thrown only to unwind from nesting that is too deep; caught by the public entry points. */
export class NestingTooDeep extends Error {}

export class Scanner {
  readonly src: string;
  /** End of what may be read: the input's length, or a heredoc's end while its content is parsed. */
  len: number;
  offset = 0;
  line = 1;
  lineStart = 0;
  depth = 0;
  readonly diagnostics: Diagnostic[] = [];

  constructor(src: string, start?: Position) {
    this.src = src;
    this.len = src.length;
    if (start) {
      // Parsing a fragment of a larger file (a .tf.json string): positions continue the outer file.
      this.offset = 0;
      this.line = start.line;
      this.lineStart = -(start.column - 1);
      this.baseOffset = start.offset;
    }
  }

  /** Offset of `src[0]` in the enclosing file (non-zero for fragments). */
  baseOffset = 0;

  /** The last position handed out: a node's end is often its parent's, or the next one's start. */
  private lastPos: Position | null = null;

  pos(): Position {
    const offset = this.offset + this.baseOffset;
    const last = this.lastPos;
    if (last !== null && last.offset === offset) return last;
    const made = { line: this.line, column: this.offset - this.lineStart + 1, offset };
    this.lastPos = made;
    return made;
  }

  range(start: Position): Range {
    return { start, end: this.pos() };
  }

  peek(ahead = 0): number {
    const i = this.offset + ahead;
    return i < this.len ? this.src.charCodeAt(i) : -1;
  }

  atEnd(): boolean {
    return this.offset >= this.len;
  }

  /** Advances one character, keeping line bookkeeping right for newlines. */
  advance(): void {
    if (this.src.charCodeAt(this.offset) === CH_LF) {
      this.offset++;
      this.line++;
      this.lineStart = this.offset;
    } else {
      this.offset++;
    }
  }

  error(message: string, range: Range): void {
    this.diagnostics.push({ severity: 'error', message, range });
  }

  /** An error on the character at the cursor; zero-width at a line end or the end of input. */
  errorHere(message: string): void {
    const start = this.pos();
    const c = this.peek();
    const width = c < 0 || c === CH_LF || c === CH_CR ? 0 : this.isSurrogatePairAt(this.offset) ? 2 : 1;
    this.error(message, {
      start,
      end: { line: start.line, column: start.column + width, offset: start.offset + width },
    });
  }

  /** A high surrogate followed by a low one, both before the end: a lone half is one unit wide. */
  private isSurrogatePairAt(i: number): boolean {
    const high = this.src.charCodeAt(i);
    const low = i + 1 < this.len ? this.src.charCodeAt(i + 1) : Number.NaN;
    return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
  }

  /** The character at the cursor, for messages: `"x"`, a new line, or the end of the file. */
  describeCurrent(): string {
    const c = this.peek();
    if (c < 0) return this.len < this.src.length ? 'the end of the heredoc' : 'the end of the file';
    if (c === CH_LF || c === CH_CR) return 'a new line';
    return JSON.stringify(String.fromCodePoint(this.src.codePointAt(this.offset) ?? c));
  }

  enter(): void {
    if (++this.depth > MAX_NESTING) {
      this.errorHere(`nesting deeper than ${MAX_NESTING} levels; simplify the expression`);
      throw new NestingTooDeep();
    }
  }

  leave(): void {
    this.depth--;
  }

  /**
   * Skips spaces, tabs, comments and — when `newlines` is true — line breaks.
   * A `#` or `//` comment stops before its newline so the caller still sees the line end.
   */
  skipSpace(newlines: boolean): void {
    const src = this.src;
    for (;;) {
      if (this.offset >= this.len) return;
      const c = src.charCodeAt(this.offset);
      if (c === CH_SPACE || c === CH_TAB) {
        this.offset++;
      } else if (c === CH_LF) {
        if (!newlines) return;
        this.offset++;
        this.line++;
        this.lineStart = this.offset;
      } else if (c === CH_CR) {
        if (!newlines && src.charCodeAt(this.offset + 1) === CH_LF) return;
        this.offset++;
      } else if (c === CH_HASH || (c === CH_SLASH && src.charCodeAt(this.offset + 1) === CH_SLASH)) {
        this.skipLineComment();
      } else if (c === CH_SLASH && src.charCodeAt(this.offset + 1) === CH_STAR) {
        this.skipBlockComment();
      } else {
        return;
      }
    }
  }

  private skipLineComment(): void {
    const nl = this.src.indexOf('\n', this.offset);
    let end = nl < 0 || nl > this.len ? this.len : nl;
    if (end > this.offset && this.src.charCodeAt(end - 1) === CH_CR) end--;
    this.offset = end;
  }

  private skipBlockComment(): void {
    const start = this.pos();
    let close = this.src.indexOf('*/', this.offset + 2);
    if (close + 2 > this.len) close = -1;
    const end = close < 0 ? this.len : close + 2;
    this.skipTo(end);
    if (close < 0) this.error('unterminated /* comment: add the closing */', this.range(start));
  }

  /** Moves to `end`, counting the newlines passed over. */
  skipTo(end: number): void {
    const src = this.src;
    let nl = src.indexOf('\n', this.offset);
    while (nl >= 0 && nl < end) {
      this.line++;
      this.lineStart = nl + 1;
      nl = src.indexOf('\n', nl + 1);
    }
    this.offset = end;
  }

  /** True at a newline (LF or CRLF), at EOF, or at a line comment (which runs to the newline). */
  atLineEnd(): boolean {
    const c = this.peek();
    return c === CH_LF || c === -1 || (c === CH_CR && this.peek(1) === CH_LF);
  }

  skipNewline(): void {
    if (this.peek() === CH_CR) this.offset++;
    if (this.peek() === CH_LF) this.advance();
  }

  /** `c` is the character `ahead` positions from the cursor (needed for non-ASCII code points). */
  isIdStart(c: number, ahead = 0): boolean {
    if (c < 128) return isAsciiIdStart(c);
    return c >= 0 && ID_START.test(this.codePointAt(this.offset + ahead));
  }

  private codePointAt(i: number): string {
    return String.fromCodePoint(this.src.codePointAt(i) ?? 0);
  }

  /** Reads an identifier at the cursor; the caller has checked `isIdStart`. */
  readIdentifier(): string {
    const src = this.src;
    const start = this.offset;
    let i = start;
    const len = this.len;
    for (;;) {
      if (i >= len) break;
      const c = src.charCodeAt(i);
      if (c < 128) {
        if (isAsciiIdContinue(c)) i++;
        else break;
      } else if (c >= 128) {
        const cp = src.codePointAt(i) ?? 0;
        const ch = String.fromCodePoint(cp);
        if (ID_CONTINUE.test(ch) || (i === start && ID_START.test(ch))) i += ch.length;
        else break;
      } else {
        break; // NaN: end of input
      }
    }
    this.offset = i;
    return src.slice(start, i);
  }

  /** Reads `digits [. digits] [e [+-] digits]`; the caller has checked for a leading digit. */
  readNumberText(): string {
    const src = this.src;
    const start = this.offset;
    let i = start;
    while (isDigit(src.charCodeAt(i))) i++;
    if (src.charCodeAt(i) === CH_DOT && isDigit(src.charCodeAt(i + 1))) {
      i++;
      while (isDigit(src.charCodeAt(i))) i++;
    }
    const e = src.charCodeAt(i);
    if (e === 101 || e === 69) {
      let j = i + 1;
      const sign = src.charCodeAt(j);
      if (sign === CH_PLUS || sign === CH_MINUS) j++;
      if (isDigit(src.charCodeAt(j))) {
        while (isDigit(src.charCodeAt(j))) j++;
        i = j;
      }
    }
    this.offset = i;
    return src.slice(start, i);
  }
}
