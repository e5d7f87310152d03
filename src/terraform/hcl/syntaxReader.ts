import type { Expression } from '../model.js';
import {
  CH_LBRACE,
  CH_LBRACKET,
  CH_LPAREN,
  CH_QUOTE,
  CH_RBRACE,
  CH_RBRACKET,
  CH_RPAREN,
  isAsciiIdContinue,
  NestingTooDeep,
  Scanner,
} from './scanner.js';

/** Longest operator chain or traversal accepted: later stages walk expressions recursively. */
export const MAX_CHAIN = 2000;

/**
 * What the syntax layers share above the scanner: newline sensitivity, backtracking, expected
 * tokens and recovery to a closing bracket.
 *
 * Each layer of the parser is a class extending the one below it (for expressions, collections,
 * primaries, traversals, operators, templates, bodies), and only the last one is ever built: calls
 * between layers stay monomorphic, and the grammar's recursion reaches upper layers through the
 * abstract methods declared here instead of through imports that would form a cycle.
 */
export abstract class SyntaxReader extends Scanner {
  /**
   * Whether line breaks are insignificant here: they are inside `( )`, `[ ]` and `for`
   * expressions, but end an attribute's value and separate object items.
   */
  newlines = false;

  /** Parses a whole expression; implemented by the operator layer. */
  abstract parseExpr(): Expression;
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

  /** Later stages walk expressions recursively; absurdly long chains are reported, not crashed on. */
  protected tooLong(what: string): never {
    this.errorHere(`more than ${MAX_CHAIN} ${what}; split the expression (Four Eyes cannot analyse it)`);
    throw new NestingTooDeep();
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
