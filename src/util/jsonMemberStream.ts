/**
 * How a top-level member is read: only checked (its value given as null), parsed, or parsed
 * element by element when it is an array. The last gives the same value as parsing it whole,
 * without its text ever existing at once: each element is decoded and parsed from the buffer
 * (memory the process has already touched) rather than copied into one large string.
 */
export type MemberReading = 'skip' | 'parse' | 'parse elements';

/** One member of the object: its key and its value as JSON.parse gives it (null when skipped). */
export interface StreamedJsonMember {
  key: string;
  value: unknown;
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

/** What a token's scan gives when the bytes so far end inside it: it is scanned again once more bytes are in. */
const MORE = -2;
const INVALID_TOKEN = -1;

// What comes next, between two tokens (each after optional whitespace).
const START = 0; // the outermost `{`
const FIRST_KEY = 1; // after `{`: a key or `}`
const KEY = 2; // after `,` in an object
const COLON_NEXT = 3; // after a key
const VALUE = 4; // after `:`, or `,` in an array
const FIRST_VALUE = 5; // after `[`: a value or `]`
const AFTER_VALUE = 6; // `,` or the container's end
const TRAILING = 7; // after the outermost `}`: nothing
const INVALID = 8;

const DEFAULT_BUFFER_BYTES = 1 << 20;

/**
 * A validating scanner of one JSON object read in pieces into its own reused buffer (`space`,
 * then `wrote`): it checks every byte against the grammar JSON.parse accepts (RFC 8259:
 * whitespace, literals, numbers, strings with no raw control character and only valid escapes)
 * and parses only the top-level members `reading` asks for, so a caller has those and knows the
 * whole document is valid. A piece may end anywhere: a token it cuts is
 * moved to the buffer's start and scanned again whole with the next piece. `end` gives the
 * members in order, or null when the bytes are anything but exactly one valid object: the caller
 * then goes back to JSON.parse of everything, for its error. Bytes above 0x7f are accepted only
 * inside strings, as a decoder that replaces invalid UTF-8 leaves them there, and a member's text
 * is decoded as Buffer decodes UTF-8 (invalid bytes replaced): members and elements start and
 * end at ASCII bytes, so that is the whole text's decoding, cut. Allocates nothing per value
 * scanned; a value parsed is copied first only when it spans pieces.
 */
export class JsonMemberStream {
  private buffer: Buffer;
  /** bytes in the buffer */
  private filled = 0;
  /** bytes of the buffer scanned: the rest is a token cut short */
  private scanned = 0;
  private next = START;
  /** open containers, innermost last: true for an object */
  private readonly open: boolean[] = [];
  /** the value being parsed, as read so far from earlier pieces */
  private kept: Buffer = EMPTY;
  private keptLength = 0;
  /** where the value being parsed starts in the buffer (0 when it started in an earlier piece), or -1 */
  private keepFrom = -1;
  private key = '';
  private keyReading: MemberReading = 'skip';
  /** the elements parsed so far of the member read element by element, while in it */
  private elements: unknown[] | null = null;
  /** a text the scan accepted that JSON.parse did not: never expected, but then nothing is trusted */
  private broken = false;
  private readonly members: StreamedJsonMember[] = [];

  /** `bufferBytes`: the most a piece may be (a token longer than that grows the buffer). */
  constructor(
    private readonly reading: (key: string) => MemberReading,
    { bufferBytes = DEFAULT_BUFFER_BYTES }: { bufferBytes?: number } = {},
  ) {
    this.buffer = Buffer.allocUnsafeSlow(Math.max(bufferBytes, 1));
  }

  /** Where the next bytes go: write some of it from its start, then call `wrote` with how many. */
  space(): Uint8Array {
    if (this.keepFrom >= 0) {
      this.keep(this.scanned);
      this.keepFrom = 0;
    }
    const cut = this.filled - this.scanned;
    if (cut === this.buffer.length) {
      const grown = Buffer.allocUnsafeSlow(this.buffer.length * 2);
      this.buffer.copy(grown, 0, this.scanned, this.filled);
      this.buffer = grown;
    } else if (this.scanned > 0) this.buffer.copyWithin(0, this.scanned, this.filled);
    this.filled = cut;
    this.scanned = 0;
    return this.buffer.subarray(this.filled);
  }

  /** Scans the `count` bytes just written into `space()`; false once the document is known to be invalid. */
  wrote(count: number): boolean {
    if (this.next === INVALID) return false;
    this.filled += count;
    this.scan();
    return this.next !== INVALID;
  }

  /** The members, in order (a key repeated is repeated here), or null unless the bytes were exactly one valid JSON object. */
  end(): StreamedJsonMember[] | null {
    const valid = this.next === TRAILING && this.scanned === this.filled && !this.broken;
    this.buffer = EMPTY;
    this.kept = EMPTY;
    return valid ? this.members : null;
  }

  /** Every whole token in the buffer, as a loop with the container stack in an array, not recursion, so depth cannot overflow it. */
  private scan(): void {
    const bytes = this.buffer;
    const limit = this.filled;
    const open = this.open;
    let next = this.next;
    let at = this.scanned;
    for (;;) {
      at = space(bytes, at, limit);
      if (at === limit) break;
      const byte = bytes[at]!;
      let end: number;
      if (next === AFTER_VALUE) {
        const object = open[open.length - 1]!;
        end = at + 1;
        if (byte === COMMA) next = object ? KEY : VALUE;
        else if (byte === (object ? CLOSE_OBJECT : CLOSE_ARRAY)) {
          open.pop();
          next = this.completed(end);
        } else end = INVALID_TOKEN;
      } else if (next === VALUE || (next === FIRST_VALUE && byte !== CLOSE_ARRAY)) {
        if (open.length <= 2) this.valueStarting(at, byte);
        end = at + 1;
        if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
          open.push(byte === OPEN_OBJECT);
          next = byte === OPEN_OBJECT ? FIRST_KEY : FIRST_VALUE;
        } else {
          end = byte === QUOTE ? string(bytes, at, limit) : scalar(bytes, at, limit, byte);
          if (end >= 0) next = this.completed(end);
        }
      } else if (next === KEY || (next === FIRST_KEY && byte !== CLOSE_OBJECT)) {
        end = byte === QUOTE ? string(bytes, at, limit) : INVALID_TOKEN;
        if (end >= 0) {
          next = COLON_NEXT;
          if (open.length === 1) this.readKey(at, end);
        }
      } else if (next === COLON_NEXT) {
        end = byte === COLON ? at + 1 : INVALID_TOKEN;
        next = VALUE;
      } else if (next === FIRST_VALUE || next === FIRST_KEY) {
        // `]` or `}` right after its opening.
        open.pop();
        end = at + 1;
        next = this.completed(end);
      } else if (next === START && byte === OPEN_OBJECT) {
        open.push(true);
        end = at + 1;
        next = FIRST_KEY;
      } else end = INVALID_TOKEN;
      if (end === MORE) break;
      if (end === INVALID_TOKEN) {
        next = INVALID;
        break;
      }
      at = end;
    }
    this.next = next;
    this.scanned = at;
  }

  /** A value starts at `at` in the top-level object or an array in it: whether it is parsed. */
  private valueStarting(at: number, first: number): void {
    if (this.open.length === 1) {
      if (this.keyReading === 'parse elements' && first === OPEN_ARRAY) this.elements = [];
      else if (this.keyReading !== 'skip') this.keepFrom = at;
    } else if (this.elements !== null) this.keepFrom = at;
  }

  /** A value ended before `end`: what comes next, and a top-level member's or element's end. */
  private completed(end: number): number {
    const depth = this.open.length;
    if (depth === 0) return TRAILING;
    if (depth === 1) {
      const value = this.elements ?? (this.keepFrom >= 0 ? this.parsed(end) : null);
      this.members.push({ key: this.key, value });
      this.elements = null;
    } else if (depth === 2 && this.elements !== null) this.elements.push(this.parsed(end));
    return AFTER_VALUE;
  }

  /** A top-level key, whole in the buffer from `start` to `end`: how its value is read. */
  private readKey(start: number, end: number): void {
    try {
      this.key = JSON.parse(this.buffer.toString('utf8', start, end)) as string;
      this.keyReading = this.reading(this.key);
    } catch {
      this.broken = true;
      this.keyReading = 'skip';
    }
  }

  /** The value from `keepFrom` to `end` of the buffer, parsed: straight from the buffer when it started there. */
  private parsed(end: number): unknown {
    let text: string;
    if (this.keptLength === 0) text = this.buffer.toString('utf8', this.keepFrom, end);
    else {
      this.keep(end);
      text = this.kept.toString('utf8', 0, this.keptLength);
    }
    this.keptLength = 0;
    this.keepFrom = -1;
    try {
      return JSON.parse(text);
    } catch {
      this.broken = true;
      return null;
    }
  }

  /** Copies the buffer from `keepFrom` to `end` after what is kept. */
  private keep(end: number): void {
    const needed = this.keptLength + end - this.keepFrom;
    if (needed > this.kept.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(needed, this.kept.length * 2, 1 << 16));
      this.kept.copy(grown, 0, 0, this.keptLength);
      this.kept = grown;
    }
    this.keptLength += this.buffer.copy(this.kept, this.keptLength, this.keepFrom, end);
  }
}

const EMPTY = Buffer.alloc(0);

function space(bytes: Uint8Array, at: number, limit: number): number {
  while (at < limit) {
    const byte = bytes[at]!;
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) break;
    at++;
  }
  return at;
}

/** A string after its opening quote (at `at`): where it ends, INVALID_TOKEN, or MORE when the bytes end first. */
function string(bytes: Uint8Array, at: number, limit: number): number {
  at++;
  // A plain loop: Buffer's indexOf (to find the closing quote) costs more per call than it saves.
  while (at < limit) {
    const byte = bytes[at]!;
    if (byte === QUOTE) return at + 1;
    if (byte < 0x20) return INVALID_TOKEN;
    if (byte !== BACKSLASH) {
      at++;
      continue;
    }
    at = escapeEnd(bytes, at, limit);
    if (at < 0) return at;
  }
  return MORE;
}

/** An escape from its backslash: where it ends, INVALID_TOKEN, or MORE. */
function escapeEnd(bytes: Uint8Array, at: number, limit: number): number {
  if (at + 1 >= limit) return MORE;
  const escaped = bytes[at + 1]!;
  if (escaped !== 0x75) return isSimpleEscape(escaped) ? at + 2 : INVALID_TOKEN;
  for (let digit = at + 2; digit < at + 6; digit++) {
    if (digit >= limit) return MORE;
    if (!isHexDigit(bytes[digit]!)) return INVALID_TOKEN;
  }
  return at + 6;
}

/** A number or literal from its first byte: where it ends, INVALID_TOKEN, or MORE (a number ends only at a byte that is not its own). */
function scalar(bytes: Uint8Array, at: number, limit: number, first: number): number {
  if (first === MINUS || (first >= ZERO && first <= NINE)) return number(bytes, at, limit);
  const word = first === 0x74 ? TRUE : first === 0x66 ? FALSE : first === 0x6e ? NULL : null;
  if (word === null) return INVALID_TOKEN;
  for (let matched = 1; matched < word.length; matched++) {
    if (at + matched >= limit) return MORE;
    if (bytes[at + matched] !== word[matched]) return INVALID_TOKEN;
  }
  return at + word.length;
}

/** `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` */
function number(bytes: Uint8Array, at: number, limit: number): number {
  if (bytes[at] === MINUS) at++;
  if (at >= limit) return MORE;
  if (bytes[at] === ZERO) at++;
  else if (isDigit(bytes[at]!)) at = digits(bytes, at, limit);
  else return INVALID_TOKEN;
  if (at >= limit) return MORE;
  if (bytes[at] === DOT) {
    if (++at >= limit) return MORE;
    if (!isDigit(bytes[at]!)) return INVALID_TOKEN;
    at = digits(bytes, at, limit);
    if (at >= limit) return MORE;
  }
  if (bytes[at] === 0x65 || bytes[at] === 0x45) {
    if (++at >= limit) return MORE;
    if (bytes[at] === PLUS || bytes[at] === MINUS) at++;
    if (at >= limit) return MORE;
    if (!isDigit(bytes[at]!)) return INVALID_TOKEN;
    at = digits(bytes, at, limit);
    if (at >= limit) return MORE;
  }
  return at;
}

function digits(bytes: Uint8Array, at: number, limit: number): number {
  while (at < limit && isDigit(bytes[at]!)) at++;
  return at;
}

const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL = Buffer.from('null');

/** `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` */
function isSimpleEscape(byte: number): boolean {
  return (
    byte === 0x22 ||
    byte === 0x5c ||
    byte === 0x2f ||
    byte === 0x62 ||
    byte === 0x66 ||
    byte === 0x6e ||
    byte === 0x72 ||
    byte === 0x74
  );
}

function isDigit(byte: number): boolean {
  return byte >= ZERO && byte <= NINE;
}

function isHexDigit(byte: number): boolean {
  return isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
}

/**
 * One small document through every path of the scan, once, when the module loads: V8 optimizes
 * the scan a few megabytes into its first large document, and a path first taken after that
 * (the scan's end, an escape, an exponent, a key of the top-level object) sends it back to the
 * interpreter until it is compiled again, which on a busy two-core machine cost ~150 ms of a
 * 50 MB plan's read. Having seen every path, the compiled code covers them all.
 */
function warmUp(): void {
  const stream = new JsonMemberStream((key) => (key === 's' ? 'skip' : key === 'e' ? 'parse elements' : 'parse'), {
    bufferBytes: 16,
  });
  const text = Buffer.from(
    ' {"s":{"a":[0,-1.5e+2,2E-1,10,"\\u0041\\n\\"\\\\",true,false,null,{},[]],"b":{"c":"d"}},"e":[1,{"f":[]},"g"],"h":{"i":1}}\n',
  );
  for (let at = 0; at < text.length; ) {
    const into = stream.space();
    const count = Math.min(into.length, 7, text.length - at);
    text.copy(into, 0, at, at + count);
    at += count;
    stream.wrote(count);
  }
  stream.end();
}

// Several times: V8 records what a function meets only once it has run a few times.
for (let round = 0; round < 20; round++) warmUp();
