import type { Diagnostic } from '../model.js';
import type { JsonArray, JsonMember, JsonObject, JsonString, JsonValue } from './ast.js';
import { LineIndex } from './lineIndex.js';

export interface JsonDocument {
  /** null only when the input holds no value at all */
  root: JsonValue | null;
  diagnostics: Diagnostic[];
}

/** Deeper nesting is reported instead of risking the call stack on hostile input. */
export const MAX_JSON_NESTING = 256;

/** The property name Terraform reads as a comment in block bodies; it may repeat. */
export const COMMENT_KEY = '//';

/**
 * A strict JSON (RFC 8259) parser with source positions and error recovery. It never throws:
 * every problem becomes an error diagnostic with the range of the offending text, and the
 * parser carries on so that the caller gets as much structure as could be recovered
 * (a truncated file still yields the blocks it got through).
 */
export function parseJson(source: string, lines: LineIndex = new LineIndex(source)): JsonDocument {
  return new JsonParser(source, lines).parseDocument();
}

const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_QUOTE = 34;
const CH_COMMA = 44;
const CH_MINUS = 45;
const CH_SLASH = 47;
const CH_COLON = 58;
const CH_EQ = 61;
const CH_LBRACKET = 91;
const CH_BACKSLASH = 92;
const CH_RBRACKET = 93;
const CH_LBRACE = 123;
const CH_RBRACE = 125;
const CH_BOM = 0xfeff;

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const NUMBER_CHAR = /[0-9+\-.eE]/;
const WORD_CHAR = /[A-Za-z0-9_$]/;
const HEX4 = /^[0-9a-fA-F]{4}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings must escape control characters; this finds them
const ESCAPE_OR_CONTROL = /[\\\u0000-\u001f]/;

class JsonParser {
  private pos = 0;
  private depth = 0;
  private readonly diagnostics: Diagnostic[] = [];
  /** the closers of the objects and arrays being parsed, innermost last */
  private readonly open: string[] = [];
  private unclosedReported = false;

  constructor(
    private readonly src: string,
    private readonly lines: LineIndex,
  ) {}

  parseDocument(): JsonDocument {
    if (this.src.charCodeAt(0) === CH_BOM) this.pos = 1;
    this.skipSpace();
    if (this.atEnd()) {
      this.error('the file is empty: a Terraform JSON file must hold one JSON object', this.pos, this.pos);
      return { root: null, diagnostics: this.diagnostics };
    }
    const root = this.parseValue();
    this.skipSpace();
    if (!this.atEnd()) {
      this.error(
        `unexpected ${this.describeHere()} after the end of the JSON value: a file holds exactly one value`,
        this.pos,
        this.pos + 1,
      );
    }
    return { root, diagnostics: this.diagnostics };
  }

  private parseValue(): JsonValue {
    this.skipSpace();
    const c = this.peek();
    if (c === CH_LBRACE) return this.nested(() => this.parseObject());
    if (c === CH_LBRACKET) return this.nested(() => this.parseArray());
    if (c === CH_QUOTE) return this.parseString();
    if (c === CH_MINUS || (c >= 48 && c <= 57)) return this.parseNumber();
    if (c >= 0 && WORD_CHAR.test(this.src[this.pos] as string)) return this.parseWord();
    const start = this.pos;
    if (c < 0) {
      this.error('the file ends where a JSON value is expected', start, start);
    } else if (c === CH_RBRACE || c === CH_RBRACKET || c === CH_COMMA || c === CH_COLON) {
      // Left for the enclosing object or array, which knows what to do with it.
      this.error(`expected a JSON value, found ${this.describeHere()}`, start, start + 1);
    } else {
      this.error(`expected a JSON value, found ${this.describeHere()}`, start, start + 1);
      while (!this.atEnd() && !this.atStructural()) this.pos++;
    }
    return { kind: 'invalid', start, end: this.pos };
  }

  private nested(parse: () => JsonValue): JsonValue {
    if (this.depth >= MAX_JSON_NESTING) {
      const start = this.pos;
      this.skipBalanced();
      this.error(`nesting deeper than ${MAX_JSON_NESTING} levels is not supported`, start, start + 1);
      return { kind: 'invalid', start, end: this.pos };
    }
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private parseObject(): JsonObject {
    const open = this.pos++;
    this.open.push('}');
    const members: JsonMember[] = [];
    const seen = new Map<string, JsonString>();
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c === CH_RBRACE) {
        this.pos++;
        break;
      }
      if (c < 0) {
        this.reportUnclosed('object', open);
        break;
      }
      if (c === CH_RBRACKET) {
        this.error(`expected "}" to close the object opened at ${this.where(open)}, found "]"`, this.pos, this.pos + 1);
        this.pos++;
        break;
      }
      const member = this.parseMember();
      if (member) {
        this.checkDuplicate(member.key, seen);
        members.push(member);
      }
      this.afterItem('}', member ? `the value of "${member.key.value}"` : 'the property');
    }
    this.open.pop();
    return { kind: 'object', members, start: open, end: this.pos };
  }

  private parseMember(): JsonMember | null {
    const key = this.parsePropertyName();
    if (!key) return null;
    this.skipSpace();
    const c = this.peek();
    if (c === CH_COLON) {
      this.pos++;
    } else if (c === CH_EQ) {
      this.error('JSON separates a property name from its value with ":", not "="', this.pos, this.pos + 1);
      this.pos++;
    } else {
      this.error(
        `expected ":" after the property name "${key.value}", found ${this.describeHere()}`,
        this.pos,
        this.pos + (c < 0 ? 0 : 1),
      );
      if (c < 0 || c === CH_COMMA || c === CH_RBRACE || c === CH_RBRACKET) {
        return { key, value: { kind: 'invalid', start: this.pos, end: this.pos } };
      }
    }
    return { key, value: this.parseValue() };
  }

  private parsePropertyName(): JsonString | null {
    const c = this.peek();
    if (c === CH_QUOTE) return this.parseString();
    const start = this.pos;
    if (WORD_CHAR.test(this.src[start] as string)) {
      // A common slip (JavaScript object syntax): read it as the name it was meant to be.
      while (!this.atEnd() && WORD_CHAR.test(this.src[this.pos] as string)) this.pos++;
      const word = this.src.slice(start, this.pos);
      this.error(`property names must be strings in double quotes: write "${word}"`, start, this.pos);
      return { kind: 'string', value: word, start, end: this.pos };
    }
    this.error(`expected a property name in double quotes, found ${this.describeHere()}`, start, start + 1);
    this.skipToItemEnd();
    return null;
  }

  private checkDuplicate(key: JsonString, seen: Map<string, JsonString>): void {
    if (key.value === COMMENT_KEY) return;
    const first = seen.get(key.value);
    if (!first) {
      seen.set(key.value, key);
      return;
    }
    // Terraform reads both, most JSON tools (and so most reviewers' views) keep only the last:
    // what is reviewed could differ from what is applied, so this never passes silently.
    this.error(
      `duplicate property "${key.value}" (first at ${this.where(first.start)}): JSON tools disagree on which one counts; merge them into one`,
      key.start,
      key.end,
    );
  }

  private parseArray(): JsonArray {
    const open = this.pos++;
    this.open.push(']');
    const items: JsonValue[] = [];
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c === CH_RBRACKET) {
        this.pos++;
        break;
      }
      if (c < 0) {
        this.reportUnclosed('array', open);
        break;
      }
      if (c === CH_RBRACE) {
        this.error(`expected "]" to close the array opened at ${this.where(open)}, found "}"`, this.pos, this.pos + 1);
        this.pos++;
        break;
      }
      if (c === CH_COMMA) {
        this.error('expected a JSON value before ","', this.pos, this.pos + 1);
        this.pos++;
        continue;
      }
      items.push(this.parseValue());
      this.afterItem(']', 'the array element');
    }
    this.open.pop();
    return { kind: 'array', items, start: open, end: this.pos };
  }

  /** A truncated file: one diagnostic, at the innermost open bracket, saying what is missing. */
  private reportUnclosed(what: 'object' | 'array', open: number): void {
    if (this.unclosedReported) return;
    this.unclosedReported = true;
    const missing = [...this.open].reverse().join('');
    this.error(
      `the file ends before this ${what} is closed: ${JSON.stringify(missing)} ${missing.length === 1 ? 'is' : 'are'} missing at the end`,
      open,
      open + 1,
    );
  }

  /**
   * After an object member or array element: consume the separating comma, or leave the
   * closer for the caller. Returns false when it had to skip text to recover.
   */
  private afterItem(closer: '}' | ']', what: string): boolean {
    const valueEnd = this.pos;
    this.skipSpace();
    const c = this.peek();
    const closerCode = closer === '}' ? CH_RBRACE : CH_RBRACKET;
    if (c === CH_COMMA) {
      const comma = this.pos++;
      this.skipSpace();
      if (this.peek() === closerCode) {
        this.error(`trailing comma: JSON does not allow a "," before "${closer}"`, comma, comma + 1);
      }
      return true;
    }
    if (c < 0 || c === CH_RBRACE || c === CH_RBRACKET) return true;
    if (c === CH_QUOTE || c === CH_LBRACE || c === CH_LBRACKET) {
      // The next item starts right away: the comma is missing where the previous one ended.
      this.error(`expected "," after ${what}`, valueEnd, valueEnd);
      return true;
    }
    this.error(`expected "," or "${closer}" after ${what}, found ${this.describeHere()}`, this.pos, this.pos + 1);
    this.skipToItemEnd();
    return false;
  }

  private parseString(): JsonString {
    const start = this.pos++;
    const src = this.src;
    // Fast path: most strings have no escapes and no control characters.
    const close = src.indexOf('"', this.pos);
    if (close >= 0 && !ESCAPE_OR_CONTROL.test(src.slice(this.pos, close))) {
      const value = src.slice(this.pos, close);
      this.pos = close + 1;
      return { kind: 'string', value, start, end: this.pos };
    }
    let value = '';
    let chunk = this.pos;
    let offsets: number[] | undefined;
    const flush = (): void => {
      if (offsets) for (let i = chunk; i < this.pos; i++) offsets.push(i);
      value += src.slice(chunk, this.pos);
    };
    const finish = (closed: boolean): JsonString => {
      const token: JsonString = { kind: 'string', value, start, end: this.pos };
      if (offsets) {
        offsets.push(closed ? this.pos - 1 : this.pos);
        token.offsets = offsets;
      }
      return token;
    };
    for (;;) {
      if (this.pos >= src.length || src.charCodeAt(this.pos) === CH_LF) {
        flush();
        this.error('this string is never closed: add the closing "\\""', start, this.pos);
        return finish(false);
      }
      const c = src.charCodeAt(this.pos);
      if (c === CH_QUOTE) {
        flush();
        this.pos++;
        return finish(true);
      }
      if (c === CH_BACKSLASH) {
        flush();
        offsets ??= Array.from({ length: value.length }, (_, i) => start + 1 + i);
        const escapeStart = this.pos;
        const decoded = this.readEscape();
        for (let i = 0; i < decoded.length; i++) offsets.push(escapeStart);
        value += decoded;
        chunk = this.pos;
        continue;
      }
      if (c < 0x20) {
        const name =
          c === CH_TAB
            ? 'a tab (write \\t)'
            : c === CH_CR
              ? 'a carriage return (write \\r)'
              : `control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
        this.error(`${name} must be escaped inside a JSON string`, this.pos, this.pos + 1);
      }
      this.pos++;
    }
  }

  /** Reads one escape sequence at `\`; a bad one is reported and kept as written. */
  private readEscape(): string {
    const start = this.pos;
    const letter = this.src[start + 1];
    if (letter === undefined || letter === '\n') {
      this.pos++;
      this.error('a "\\" at the end of a line must be followed by an escape', start, start + 1);
      return '\\';
    }
    const simple = SIMPLE_ESCAPES[letter];
    if (simple !== undefined) {
      this.pos += 2;
      return simple;
    }
    if (letter === 'u') {
      const hex = this.src.slice(start + 2, start + 6);
      if (HEX4.test(hex)) {
        this.pos += 6;
        return String.fromCharCode(parseInt(hex, 16));
      }
      let end = start + 2;
      while (end < start + 6 && /[0-9a-fA-F]/.test(this.src[end] ?? '')) end++;
      this.pos = end;
      this.error(`invalid escape "${this.src.slice(start, end)}": "\\u" needs four hex digits`, start, end);
      return this.src.slice(start, end);
    }
    this.pos += 2;
    this.error(
      `invalid escape "\\${letter}": JSON strings allow only \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX`,
      start,
      start + 2,
    );
    return '\\' + letter;
  }

  private parseNumber(): JsonValue {
    const start = this.pos;
    while (!this.atEnd() && NUMBER_CHAR.test(this.src[this.pos] as string)) this.pos++;
    const end = this.pos;
    const text = this.src.slice(start, end);
    if (!JSON_NUMBER.test(text)) {
      this.error(`invalid JSON number "${text}"`, start, end);
      const value = Number(text);
      return Number.isFinite(value) ? { kind: 'number', value, start, end } : { kind: 'invalid', start, end };
    }
    const value = Number(text);
    if (!Number.isFinite(value)) {
      this.error(`the number ${text} is too large`, start, end);
      return { kind: 'invalid', start, end };
    }
    return { kind: 'number', value, start, end };
  }

  private parseWord(): JsonValue {
    const start = this.pos;
    while (!this.atEnd() && WORD_CHAR.test(this.src[this.pos] as string)) this.pos++;
    const end = this.pos;
    const word = this.src.slice(start, end);
    if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true', start, end };
    if (word === 'null') return { kind: 'null', start, end };
    const lower = word.toLowerCase();
    const hint =
      lower === 'true' || lower === 'false' || lower === 'null'
        ? `: JSON spells it ${lower}`
        : ': strings need double quotes, and the only bare words are true, false and null';
    this.error(`"${word}" is not a JSON value${hint}`, start, this.pos);
    return { kind: 'invalid', start, end };
  }

  /** Whitespace; comments are not JSON, so each one is reported and then skipped. */
  private skipSpace(): void {
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
  private skipToItemEnd(): void {
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
  private skipBalanced(): void {
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

  private atStructural(): boolean {
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

  private peek(): number {
    return this.pos < this.src.length ? this.src.charCodeAt(this.pos) : -1;
  }

  private atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  private describeHere(): string {
    if (this.atEnd()) return 'the end of the file';
    const ch = String.fromCodePoint(this.src.codePointAt(this.pos) as number);
    if (ch === '\n' || ch === '\r') return 'a line break';
    return JSON.stringify(ch);
  }

  private where(offset: number): string {
    const at = this.lines.positionAt(offset);
    return `line ${at.line}, column ${at.column}`;
  }

  private error(message: string, start: number, end: number): void {
    this.diagnostics.push({
      severity: 'error',
      message,
      range: this.lines.range(start, Math.min(end, this.src.length)),
    });
  }
}
