import type { Expression, Position, Range, TemplatePart } from '../model.js';
import { ExpressionParser } from './expressions.js';
import {
  CH_BACKSLASH,
  CH_CR,
  CH_DOLLAR,
  CH_LBRACE,
  CH_LF,
  CH_MINUS,
  CH_PERCENT,
  CH_QUOTE,
  CH_RBRACE,
  CH_SPACE,
  CH_TAB,
  CH_TILDE,
  fitted,
  MAX_NESTING,
  NestingTooDeep,
} from './scanner.js';
import { applyStripMarkers, buildTemplateTree, type FlatItem, removeHeredocIndent } from './templateTree.js';

/** How a template's text is delimited and escaped. */
interface TemplateMode {
  /** offset (into `src`) where the template content ends */
  end: number;
  /** quoted strings process backslash escapes and end at `"`; heredocs and .tf.json strings do not */
  quoted: boolean;
}

/** Templates: quoted strings, heredocs, and bare template fragments (.tf.json strings). */
export abstract class TemplateParser extends ExpressionParser {
  parseQuoted(): Expression {
    const start = this.pos();
    this.offset++;
    const plain = this.scanPlainString();
    if (plain !== null) return { kind: 'literal', value: plain, range: this.range(start) };
    const items = this.scanTemplate({ end: this.len, quoted: true });
    if (this.peek() === CH_QUOTE) {
      this.offset++;
    } else {
      this.error('unterminated string: add the closing " on the same line', this.range(start));
    }
    return this.finishTemplate(items, false, this.range(start));
  }

  parseHeredoc(): Expression {
    const start = this.pos();
    this.offset += 2;
    const flush = this.peek() === CH_MINUS;
    if (flush) this.offset++;
    const marker = this.isIdStart(this.peek()) ? this.readIdentifier() : '';
    if (!marker) {
      this.errorHere('expected a heredoc marker after "<<", e.g. <<EOT');
      return { kind: 'invalid', range: this.range(start) };
    }
    if (!this.atLineEnd()) {
      this.errorHere(`the heredoc marker ${marker} must be followed by a new line`);
      return { kind: 'invalid', range: this.range(start) };
    }
    this.skipNewline();
    const contentStart = this.offset;
    const close = findHeredocClose(this.src, contentStart, marker);
    const contentEnd = close ? close.lineStart : this.len;
    // Nothing inside the heredoc, not even an unclosed ${, may read past its closing marker.
    const outerLength = this.len;
    this.len = contentEnd;
    let items: FlatItem[];
    try {
      items = this.scanTemplate({ end: contentEnd, quoted: false });
    } finally {
      this.len = outerLength;
    }
    this.skipTo(contentEnd);
    if (close) {
      this.skipTo(close.markerEnd);
    } else {
      this.error(
        `heredoc <<${flush ? '-' : ''}${marker} is never closed: add a line containing only ${marker}`,
        this.range(start),
      );
    }
    if (flush) removeHeredocIndent(items);
    return this.finishTemplate(items, true, this.range(start));
  }

  /**
   * Fast path for the commonest string: no escapes, interpolations or directives before the
   * closing quote on the same line. Returns null (cursor unmoved) when the full scan is needed.
   */
  private scanPlainString(): string | null {
    const src = this.src;
    const from = this.offset;
    for (let i = from; i < this.len; i++) {
      const c = src.charCodeAt(i);
      if (c === CH_QUOTE) {
        this.offset = i + 1;
        return src.slice(from, i);
      }
      if (c === CH_BACKSLASH || c === CH_DOLLAR || c === CH_PERCENT || c === CH_LF || c === CH_CR) return null;
    }
    return null;
  }

  /** Parses the whole input as template content (used for .tf.json string values). */
  parseFragment(): Expression {
    const start = this.pos();
    const items = this.scanTemplate({ end: this.len, quoted: false });
    return this.finishTemplate(items, false, this.range(start));
  }

  private finishTemplate(items: FlatItem[], heredoc: boolean, range: Range): Expression {
    applyStripMarkers(items);
    const parts = buildTemplateTree(items, (message, at) => this.error(message, at));
    if (parts.every((p) => p.kind === 'text')) {
      return { kind: 'literal', value: parts.map((p) => (p as { value: string }).value).join(''), range };
    }
    return { kind: 'template', parts: mergeText(parts), heredoc, range };
  }

  /** Whether the innermost template being scanned is a quoted string (recovery must not leave it). */
  private inQuoted = false;

  private scanTemplate(mode: TemplateMode): FlatItem[] {
    const outer = this.inQuoted;
    this.inQuoted = mode.quoted;
    try {
      return this.scanTemplateItems(mode);
    } finally {
      this.inQuoted = outer;
    }
  }

  private scanTemplateItems(mode: TemplateMode): FlatItem[] {
    const items: FlatItem[] = [];
    let text = '';
    let openDirectives = 0;
    const src = this.src;
    while (this.offset < mode.end) {
      const c = src.charCodeAt(this.offset);
      if (mode.quoted && c === CH_QUOTE) break;
      if (mode.quoted && (c === CH_LF || c === CH_CR)) break;
      if ((c === CH_DOLLAR || c === CH_PERCENT) && src.charCodeAt(this.offset + 1) === CH_LBRACE) {
        if (text) items.push({ kind: 'text', value: text });
        text = '';
        const item = c === CH_DOLLAR ? this.scanInterpolation() : this.scanDirective();
        items.push(item);
        if (item.kind === 'if' || item.kind === 'for') openDirectives++;
        else if (item.kind === 'endif' || item.kind === 'endfor') openDirectives--;
        if (openDirectives > MAX_NESTING) {
          this.error(
            `template directives nested deeper than ${MAX_NESTING} levels; simplify the template`,
            (item as { range: Range }).range,
          );
          throw new NestingTooDeep();
        }
        continue;
      }
      if (
        (c === CH_DOLLAR || c === CH_PERCENT) &&
        src.charCodeAt(this.offset + 1) === c &&
        src.charCodeAt(this.offset + 2) === CH_LBRACE
      ) {
        text += c === CH_DOLLAR ? '${' : '%{';
        this.offset += 3;
        continue;
      }
      if (mode.quoted && c === CH_BACKSLASH) {
        text += this.scanEscape();
        continue;
      }
      text += this.scanOrdinaryText(mode);
    }
    if (text) items.push({ kind: 'text', value: text });
    return items;
  }

  /** A run of ordinary characters, copied at once, and the line ending or literal character that stops it. */
  private scanOrdinaryText(mode: TemplateMode): string {
    const src = this.src;
    const runStart = this.offset;
    this.advance();
    while (this.offset < mode.end) {
      const d = src.charCodeAt(this.offset);
      if (d === CH_DOLLAR || d === CH_PERCENT || d === CH_QUOTE || d === CH_BACKSLASH || d === CH_LF || d === CH_CR)
        break;
      this.offset++;
    }
    let run = src.slice(runStart, this.offset);
    if (!mode.quoted && this.offset < mode.end && src.charCodeAt(this.offset) === CH_LF) {
      run += '\n';
      this.advance();
    } else if (
      !mode.quoted &&
      this.offset < mode.end &&
      src.charCodeAt(this.offset) !== CH_DOLLAR &&
      src.charCodeAt(this.offset) !== CH_PERCENT
    ) {
      // A quote or backslash in a heredoc is ordinary text; a CR before LF is line-ending noise.
      const d = src.charCodeAt(this.offset);
      if (!(d === CH_CR && src.charCodeAt(this.offset + 1) === CH_LF)) run += src[this.offset];
      this.advance();
    }
    return run;
  }

  private scanEscape(): string {
    const start = this.pos();
    const e = this.peek(1);
    if (e < 0 || e === CH_LF || e === CH_CR) {
      // A backslash cannot escape a line break: report it and let the string end at the line end.
      this.offset++;
      this.error(
        'invalid escape sequence: a backslash at the end of a line; strings cannot span lines (use a heredoc or \\n)',
        this.range(start),
      );
      return '';
    }
    this.offset += 2;
    switch (e) {
      case 110:
        return '\n';
      case 114:
        return '\r';
      case 116:
        return '\t';
      case CH_QUOTE:
        return '"';
      case CH_BACKSLASH:
        return '\\';
      case 117:
        return this.scanUnicodeEscape(4, start);
      case 85:
        return this.scanUnicodeEscape(8, start);
      default:
        this.error(
          `invalid escape sequence \\${String.fromCharCode(e)}: use \\n, \\r, \\t, \\", \\\\, \\uNNNN or \\UNNNNNNNN`,
          this.range(start),
        );
        return '';
    }
  }

  private scanUnicodeEscape(digits: number, start: Position): string {
    const hex = this.src.slice(this.offset, this.offset + digits);
    if (hex.length === digits && /^[0-9a-fA-F]+$/.test(hex)) {
      const cp = parseInt(hex, 16);
      // Lone surrogate halves are not characters; HCL rejects them too.
      if (cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
        this.offset += digits;
        return String.fromCodePoint(cp);
      }
    }
    this.error(
      `invalid Unicode escape: \\${digits === 4 ? 'u' : 'U'} needs ${digits} hexadecimal digits of a valid code point`,
      this.range(start),
    );
    return '';
  }

  /** `${` or `%{`, then an optional `~`: where a template sequence starts. */
  private openTemplateSequence(): { start: Position; stripLeft: boolean } {
    const start = this.pos();
    this.offset += 2;
    const stripLeft = this.peek() === CH_TILDE;
    if (stripLeft) this.offset++;
    return { start, stripLeft };
  }

  private scanInterpolation(): FlatItem {
    const { start, stripLeft } = this.openTemplateSequence();
    const saved = this.ignoreNewlines();
    this.ws();
    const expr = this.parseExpr();
    this.ws();
    const stripRight = this.closeTemplateSequence('interpolation');
    this.newlines = saved;
    return { kind: 'interpolation', expr, stripLeft, stripRight, range: this.range(start) };
  }

  private scanDirective(): FlatItem {
    const { start, stripLeft } = this.openTemplateSequence();
    const saved = this.ignoreNewlines();
    const item = this.scanDirectiveBody(start, stripLeft);
    this.newlines = saved;
    return item;
  }

  private scanDirectiveBody(start: Position, stripLeft: boolean): FlatItem {
    this.ws();
    const word = this.isIdStart(this.peek()) ? this.readIdentifier() : '';
    this.ws();
    let item: Exclude<FlatItem, { kind: 'text' }>;
    if (word === 'if') {
      const cond = this.parseExpr();
      item = { kind: 'if', cond, stripLeft, stripRight: false, range: this.range(start) };
    } else if (word === 'for') {
      item = this.scanForDirective(start, stripLeft);
    } else if (word === 'else' || word === 'endif' || word === 'endfor') {
      item = { kind: word, stripLeft, stripRight: false, range: this.range(start) };
    } else {
      this.skipBalanced(CH_RBRACE);
      this.error(`unknown template directive %{${word}}: expected if, else, endif, for or endfor`, this.range(start));
      return { kind: 'text', value: '' };
    }
    this.ws();
    item.stripRight = this.closeTemplateSequence('directive');
    item.range = this.range(start);
    return item;
  }

  private scanForDirective(start: Position, stripLeft: boolean): Extract<FlatItem, { kind: 'for' }> {
    return { kind: 'for', ...this.parseForHeader(), stripLeft, stripRight: false, range: this.range(start) };
  }

  /** Reads the optional `~` and the closing `}`; returns whether the strip marker was there. */
  private closeTemplateSequence(what: string): boolean {
    const strip = this.peek() === CH_TILDE;
    if (strip) this.offset++;
    if (this.peek() === CH_RBRACE) {
      this.offset++;
    } else {
      this.errorHere(`expected "}" to close the template ${what}, found ${this.describeCurrent()}`);
      // In a quoted string, its closing quote or the line end ends the damage.
      const c = this.peek();
      if (!(this.inQuoted && (c === CH_QUOTE || this.atLineEnd()))) this.skipBalanced(CH_RBRACE);
    }
    return strip;
  }
}

/** Finds the line that closes a heredoc: only optional indentation and the marker. */
function findHeredocClose(src: string, from: number, marker: string): { lineStart: number; markerEnd: number } | null {
  let lineStart = from;
  while (lineStart < src.length) {
    let i = lineStart;
    while (src.charCodeAt(i) === CH_SPACE || src.charCodeAt(i) === CH_TAB) i++;
    if (src.startsWith(marker, i)) {
      const after = i + marker.length;
      const c = src.charCodeAt(after);
      if (after >= src.length || c === CH_LF || (c === CH_CR && src.charCodeAt(after + 1) === CH_LF)) {
        return { lineStart, markerEnd: after };
      }
    }
    const nl = src.indexOf('\n', lineStart);
    if (nl < 0) return null;
    lineStart = nl + 1;
  }
  return null;
}

/** Joins adjacent text and drops empty text, at every level of directive nesting. */
function mergeText(parts: TemplatePart[]): TemplatePart[] {
  const merged: TemplatePart[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (part.kind === 'text') {
      if (part.value === '') continue;
      if (last?.kind === 'text') last.value += part.value;
      else merged.push({ kind: 'text', value: part.value });
    } else if (part.kind === 'if') {
      merged.push({ ...part, then: mergeText(part.then), else: part.else ? mergeText(part.else) : null });
    } else if (part.kind === 'for') {
      merged.push({ ...part, body: mergeText(part.body) });
    } else {
      merged.push(part);
    }
  }
  return fitted(merged);
}
