/** Where one member of a JSON object is in the bytes: its key's and its value's text, end exclusive. */
export interface JsonMemberSpan {
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * The members of the JSON object that is the whole of `bytes` (UTF-8), where each is, or null
 * when the bytes are anything else: not exactly one object, or invalid JSON anywhere, checked
 * byte by byte to the grammar JSON.parse accepts (RFC 8259: whitespace, literals, numbers,
 * strings with no raw control character and only valid escapes). A caller can then parse only
 * the members it needs and still know the whole document is valid: a null sends it back to
 * JSON.parse of everything, for its error. Bytes above 0x7f are accepted only inside strings, as
 * a decoder that replaces invalid UTF-8 leaves them there. Allocates nothing per value.
 */
export function jsonObjectMembers(bytes: Uint8Array): JsonMemberSpan[] | null {
  const scan = new JsonScan(bytes);
  let at = scan.space(0);
  if (bytes[at] !== OPEN_OBJECT) return null;
  const members: JsonMemberSpan[] = [];
  at = scan.space(at + 1);
  if (bytes[at] === CLOSE_OBJECT) return scan.space(at + 1) === bytes.length ? members : null;
  for (;;) {
    const keyStart = at;
    const keyEnd = scan.string(at);
    if (keyEnd < 0) return null;
    at = scan.space(keyEnd);
    if (bytes[at] !== COLON) return null;
    const valueStart = scan.space(at + 1);
    const valueEnd = scan.value(valueStart);
    if (valueEnd < 0) return null;
    members.push({ keyStart, keyEnd, valueStart, valueEnd });
    at = scan.space(valueEnd);
    if (bytes[at] === COMMA) at = scan.space(at + 1);
    else if (bytes[at] === CLOSE_OBJECT) return scan.space(at + 1) === bytes.length ? members : null;
    else return null;
  }
}

/** Each method takes where a token starts and gives where it ends, or -1 when it is invalid there. */
class JsonScan {
  /** open containers, innermost last: true for an object */
  private readonly open: boolean[] = [];

  constructor(private readonly bytes: Uint8Array) {}

  space(at: number): number {
    const bytes = this.bytes;
    while (at < bytes.length) {
      const byte = bytes[at]!;
      if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) break;
      at++;
    }
    return at;
  }

  /** One whole value, however deeply nested: a loop with a stack, not recursion, so depth cannot overflow it. */
  value(at: number): number {
    const bytes = this.bytes;
    const open = this.open;
    open.length = 0;
    for (;;) {
      // A value starts at `at`.
      const byte = bytes[at];
      if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        const object = byte === OPEN_OBJECT;
        at = this.space(at + 1);
        if (bytes[at] === (object ? CLOSE_OBJECT : CLOSE_ARRAY)) at++;
        else {
          open.push(object);
          if (object) at = this.memberKey(at);
          if (at < 0) return -1;
          continue;
        }
      } else if (byte === QUOTE) at = this.string(at);
      else if (byte === MINUS || (byte !== undefined && byte >= ZERO && byte <= NINE)) at = this.number(at);
      else at = this.literal(at);
      if (at < 0) return -1;
      // After a value: close what ends here, until the next value starts or the outermost ends.
      for (;;) {
        if (open.length === 0) return at;
        at = this.space(at);
        const object = open[open.length - 1]!;
        const next = bytes[at];
        if (next === COMMA) {
          at = this.space(at + 1);
          if (object) at = this.memberKey(at);
          if (at < 0) return -1;
          break;
        }
        if (next !== (object ? CLOSE_OBJECT : CLOSE_ARRAY)) return -1;
        open.pop();
        at++;
      }
    }
  }

  /** `"key" :` and the whitespace after it: where the member's value starts. */
  private memberKey(at: number): number {
    const end = this.string(at);
    if (end < 0) return -1;
    const colon = this.space(end);
    return this.bytes[colon] === COLON ? this.space(colon + 1) : -1;
  }

  string(at: number): number {
    const bytes = this.bytes;
    if (bytes[at] !== QUOTE) return -1;
    at++;
    // A plain loop: Buffer's indexOf (to find the closing quote) costs more per call than it saves.
    while (at < bytes.length) {
      const byte = bytes[at]!;
      if (byte === QUOTE) return at + 1;
      if (byte < 0x20) return -1;
      if (byte !== BACKSLASH) {
        at++;
        continue;
      }
      const escaped = bytes[at + 1];
      if (escaped === 0x75) {
        for (let digit = at + 2; digit < at + 6; digit++) if (!isHexDigit(bytes[digit])) return -1;
        at += 6;
      } else if (escaped !== undefined && SIMPLE_ESCAPES.has(escaped)) at += 2;
      else return -1;
    }
    return -1;
  }

  /** `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` */
  private number(at: number): number {
    const bytes = this.bytes;
    if (bytes[at] === MINUS) at++;
    if (bytes[at] === ZERO) at++;
    else if (isDigit(bytes[at])) while (isDigit(bytes[at])) at++;
    else return -1;
    if (bytes[at] === DOT) {
      at++;
      if (!isDigit(bytes[at])) return -1;
      while (isDigit(bytes[at])) at++;
    }
    if (bytes[at] === 0x65 || bytes[at] === 0x45) {
      at++;
      if (bytes[at] === PLUS || bytes[at] === MINUS) at++;
      if (!isDigit(bytes[at])) return -1;
      while (isDigit(bytes[at])) at++;
    }
    return at;
  }

  private literal(at: number): number {
    for (const word of LITERALS) {
      let matched = 0;
      while (matched < word.length && this.bytes[at + matched] === word[matched]) matched++;
      if (matched === word.length) return at + matched;
    }
    return -1;
  }
}

/** `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` */
const SIMPLE_ESCAPES: ReadonlySet<number> = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);

const LITERALS: readonly Uint8Array[] = ['true', 'false', 'null'].map((word) => new TextEncoder().encode(word));

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= ZERO && byte <= NINE;
}

function isHexDigit(byte: number | undefined): boolean {
  return (
    byte !== undefined &&
    ((byte >= ZERO && byte <= NINE) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66))
  );
}
