import type { Diagnostic } from '../model.js';
import type { JsonArray, JsonMember, JsonObject, JsonString, JsonValue } from './ast.js';
import { LineIndex } from './lineIndex.js';
import { JsonScalarParser, WORD_CHAR } from './scalars.js';

// Module-local on purpose, as in cursor.ts.
const CH_QUOTE = 34;
const CH_COMMA = 44;
const CH_MINUS = 45;
const CH_COLON = 58;
const CH_EQ = 61;
const CH_LBRACKET = 91;
const CH_RBRACKET = 93;
const CH_LBRACE = 123;
const CH_RBRACE = 125;
const CH_BOM = 0xfeff;

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

/** Values, and the objects and arrays that nest them. */
class JsonParser extends JsonScalarParser {
  private depth = 0;
  /** the closers of the objects and arrays being parsed, innermost last */
  private readonly open: string[] = [];
  private unclosedReported = false;

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
}
