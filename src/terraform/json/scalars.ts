import type { JsonString, JsonValue } from './ast.js';
import { JsonCursor } from './cursor.js';

// Module-local on purpose, as in cursor.ts.
const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_QUOTE = 34;
const CH_BACKSLASH = 92;

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
export const WORD_CHAR = /[A-Za-z0-9_$]/;
const HEX4 = /^[0-9a-fA-F]{4}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings must escape control characters; this finds them
const ESCAPE_OR_CONTROL = /[\\\u0000-\u001f]/;

/** JSON's scalars: strings (with their escapes), numbers, and the bare words true, false and null. */
export class JsonScalarParser extends JsonCursor {
  protected parseString(): JsonString {
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

  protected parseNumber(): JsonValue {
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

  protected parseWord(): JsonValue {
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
}
