/** Where JSON text first breaks the grammar, and how. Lines and columns are 1-based. */
export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  message: string;
}

type Mode = 'value' | 'key' | 'after-value';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'] as const;

/**
 * The first syntax error in `text`, or null when it is valid JSON. Called only after `JSON.parse`
 * refused the text: the engine's messages differ between Node versions (Node 20 gives a position,
 * Node 22 sometimes only a quoted excerpt, which could print a secret from the file), so the
 * position and wording come from this scanner instead. Iterative, so any nesting depth is fine.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const open: Container[] = [];
  let state: ScanState = { i: 0, mode: 'value' };
  for (;;) {
    const next = scanStep(text, skipWhitespace(text, state.i), state.mode, open);
    if (next === null || 'message' in next) return next;
    state = next;
  }
}

/** Where the scanner is: the offset it reads next, and what the grammar expects there. */
interface ScanState {
  i: number;
  mode: Mode;
}

type Container = '{' | '[';

/** One step from `i` (past whitespace) in `mode`: where to go on, what is wrong, or null at the valid end. */
function scanStep(text: string, i: number, mode: Mode, open: Container[]): ScanState | JsonSyntaxError | null {
  const c = text[i];
  if (mode === 'after-value') return afterValue(text, i, open);
  if (c === undefined)
    return at(text, i, `unexpected end of input: expected ${mode === 'key' ? 'a property name' : 'a value'}`);
  if (mode === 'key') return propertyName(text, i);
  if (c === '{' || c === '[') {
    const close = c === '{' ? '}' : ']';
    const inside = skipWhitespace(text, i + 1);
    if (text[inside] === close) return { i: inside + 1, mode: 'after-value' };
    open.push(c);
    return { i: inside, mode: c === '{' ? 'key' : 'value' };
  }
  if (c === ']' && open.at(-1) === '[') return at(text, i, 'a comma before ] (JSON allows no trailing comma)');
  const end = scanScalar(text, i);
  if (typeof end !== 'number') return end;
  return { i: end, mode: 'after-value' };
}

/** After a value: a comma, the end of its object or array, or (outside any) the end of the text. */
function afterValue(text: string, i: number, open: Container[]): ScanState | JsonSyntaxError | null {
  const c = text[i];
  const top = open.at(-1);
  if (top === undefined) return c === undefined ? null : at(text, i, 'unexpected text after the JSON value');
  const close = top === '{' ? '}' : ']';
  if (c === ',') return { i: i + 1, mode: top === '{' ? 'key' : 'value' };
  if (c === close) {
    open.pop();
    return { i: i + 1, mode: 'after-value' };
  }
  const what = top === '{' ? 'a property value' : 'an array element';
  return at(
    text,
    i,
    `${c === undefined ? 'unexpected end of input' : `unexpected ${shown(c)}`}: expected ',' or '${close}' after ${what}`,
  );
}

/** Where a property name is expected (at `i`, not the end of the text): the name and its colon. */
function propertyName(text: string, i: number): ScanState | JsonSyntaxError {
  const c = text[i]!;
  if (c === '}') return at(text, i, 'a comma before } (JSON allows no trailing comma)');
  if (c !== '"') return at(text, i, `unexpected ${shown(c)}: expected a property name in double quotes`);
  const end = scanString(text, i);
  if (typeof end !== 'number') return end;
  const colon = skipWhitespace(text, end);
  if (text[colon] !== ':')
    return at(
      text,
      colon,
      `${text[colon] === undefined ? 'unexpected end of input' : `unexpected ${shown(text[colon]!)}`}: expected ':' after a property name`,
    );
  return { i: colon + 1, mode: 'value' };
}

/** The 1-based line and column of a UTF-16 offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  for (let n = text.indexOf('\n'); n !== -1 && n < offset; n = text.indexOf('\n', n + 1)) line++;
  return { line, column: offset - text.lastIndexOf('\n', offset - 1) };
}

function at(text: string, offset: number, message: string): JsonSyntaxError {
  return { offset, ...lineAndColumn(text, offset), message };
}

function skipWhitespace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

function scanScalar(text: string, i: number): number | JsonSyntaxError {
  const c = text[i]!;
  if (c === '"') return scanString(text, i);
  if (c === '-' || (c >= '0' && c <= '9')) {
    NUMBER.lastIndex = i;
    return NUMBER.exec(text) ? NUMBER.lastIndex : at(text, i, 'invalid number');
  }
  const literal = LITERALS.find((word) => text.startsWith(word, i));
  if (literal) return i + literal.length;
  return at(text, i, `unexpected ${shown(c)}: expected a value`);
}

/** The offset after the string starting at `start` (its opening quote), or what is wrong in it. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return at(text, i, 'a control character (a line break or tab) inside a string must be escaped');
    if (c !== 0x5c) continue;
    const escaped = text[i + 1];
    if (escaped === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return at(text, i, 'invalid \\u escape in a string');
      i += 5;
    } else if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) i++;
    else return at(text, i, 'invalid escape in a string');
  }
  const begin = lineAndColumn(text, start);
  return at(
    text,
    text.length,
    `unexpected end of input in the string that starts at line ${begin.line}, column ${begin.column}`,
  );
}

/** A character as a message shows it: quoted, control characters by code. */
function shown(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x20 || code === 0x7f ? `character U+${code.toString(16).padStart(4, '0').toUpperCase()}` : `'${c}'`;
}
