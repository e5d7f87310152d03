import type { Expression } from '../terraform/model.js';
import { cidrSubnet, cidrSubnets } from './cidrCalls.js';

type Call = Extract<Expression, { kind: 'call' }>;

/**
 * A string function whose arguments are all known (`join(".", ["0", "0", "0", "0/0"])`,
 * `format("%s/0", "0.0.0.0")`, `lower("0.0.0.0/0")`, `base64decode("MC4wLjAuMC8w")`, `cidrsubnet("0.0.0.0/0", 1, 0)`,
 * `trimprefix`, `trimsuffix`, `trim`, `substr`, `strrev`, `title`, `regex` without groups)
 * is the string it returns (and `split`, `cidrsubnets`, `formatlist` the list), as Terraform
 * computes it: a value rule then sees `0.0.0.0/0`, however the author spelled it. Null when an
 * argument is not known, or for any other function.
 */
export function foldedString(call: Call, args: Expression[]): Expression | null {
  const list = listResult(call.name, args);
  if (list !== null)
    return {
      kind: 'tuple',
      items: list.map((value) => ({ kind: 'literal', value, range: call.range })),
      range: call.range,
    };
  const text = stringResult(call.name, args);
  return text === null ? null : { kind: 'literal', value: text, range: call.range };
}

/** `split(",", "0.0.0.0/0,10.0.0.0/8")` and `cidrsubnets("0.0.0.0/0", 1, 1)`: lists of known strings. */
function listResult(name: string, args: Expression[]): string[] | null {
  if (name === 'split') {
    const known = knownScalars(args, 2);
    if (!known) return null;
    const [separator, text] = known as [string, string];
    // An empty separator splits into characters, as Go's strings.Split does.
    return separator === '' ? [...text] : text.split(separator);
  }
  if (name === 'formatlist') return formattedList(args);
  if (name === 'cidrsubnets') {
    const [prefix, ...newBits] = args.map(scalar);
    if (prefix == null || newBits.length === 0 || newBits.some((bits) => bits === null)) return null;
    return cidrSubnets(prefix, newBits.map(Number));
  }
  return null;
}

function stringResult(name: string, args: Expression[]): string | null {
  switch (name) {
    case 'join': {
      const separator = scalar(args[0]);
      const lists = args.slice(1).map(scalars);
      if (separator === null || lists.length === 0 || lists.some((list) => list === null)) return null;
      return (lists as string[][]).flat().join(separator);
    }
    case 'format':
      return formatted(args.map(scalar));
    case 'regex': {
      const known = knownScalars(args, 2);
      return known && matchedText(known[0]!, known[1]!);
    }
    case 'lower':
    case 'upper':
    case 'trimspace': {
      const value = args.length === 1 ? scalar(args[0]) : null;
      if (value === null) return null;
      return name === 'lower' ? value.toLowerCase() : name === 'upper' ? value.toUpperCase() : value.trim();
    }
    case 'replace': {
      const [value, search, replacement] = args.map(scalar);
      // A search between slashes is a regular expression, in RE2's syntax: not folded.
      if (args.length !== 3 || value == null || search == null || replacement == null) return null;
      if (search === '' || (search.length > 1 && search.startsWith('/') && search.endsWith('/'))) return null;
      return value.split(search).join(replacement);
    }
    case 'trimprefix':
    case 'trimsuffix': {
      const known = knownScalars(args, 2);
      if (!known) return null;
      const [value, affix] = known as [string, string];
      if (name === 'trimprefix') return value.startsWith(affix) ? value.slice(affix.length) : value;
      return affix !== '' && value.endsWith(affix) ? value.slice(0, -affix.length) : value;
    }
    case 'trim': {
      const known = knownScalars(args, 2);
      return known && trimmed(known[0]!, known[1]!);
    }
    case 'substr': {
      const known = knownScalars(args, 3);
      return known && substring(known[0]!, Number(known[1]), Number(known[2]));
    }
    case 'strrev':
    case 'title': {
      const value = args.length === 1 ? scalar(args[0]) : null;
      if (value === null) return null;
      if (name === 'strrev') return [...value].reverse().join('');
      return value.replace(
        /(^|[^\p{L}\p{N}'])(\p{L})/gu,
        (_m, before: string, letter: string) => before + letter.toUpperCase(),
      );
    }
    case 'cidrsubnet': {
      const known = knownScalars(args, 3);
      return known && cidrSubnet(known[0]!, Number(known[1]), Number(known[2]));
    }
    case 'base64decode':
      return decodedArgument(args[0], 'utf-8');
    case 'textdecodebase64': {
      // In the encoding the second argument names (`"UTF-16LE"`): `0.0.0.0/0` is other bytes there.
      const encoding = args.length === 2 ? scalar(args[1]) : null;
      return encoding === null ? null : decodedArgument(args[0], encoding);
    }
    case 'chomp': {
      const value = args.length === 1 ? scalar(args[0]) : null;
      // Terraform's chomp takes every newline (LF or CRLF) off the end.
      return value === null ? null : value.replace(/(?:\r?\n)+$/, '');
    }
    default:
      return null;
  }
}

/**
 * A base64 argument decoded. A value encoded and decoded again is that value; encoding alone is
 * not folded: text a rule may read (a template, a policy) would become base64 no rule can.
 */
function decodedArgument(arg: Expression | undefined, encoding: string): string | null {
  if (arg?.kind === 'call' && ENCODINGS.has(arg.name)) return scalar(arg.args[0]);
  const encoded = scalar(arg);
  return encoded === null ? null : decodedBase64(encoded, encoding);
}

const ENCODINGS: ReadonlySet<string> = new Set(['base64encode', 'textencodebase64']);

/** Terraform's `trim`: every character of `cutset` removed from both ends. */
function trimmed(value: string, cutset: string): string {
  const cut = new Set(cutset);
  const chars = [...value];
  let start = 0;
  let end = chars.length;
  while (start < end && cut.has(chars[start]!)) start++;
  while (end > start && cut.has(chars[end - 1]!)) end--;
  return chars.slice(start, end).join('');
}

/**
 * Terraform's `substr`: characters from `offset` (negative counts from the end), `length` of
 * them (-1: to the end). Null where Terraform fails (an offset past the end, other negatives).
 */
function substring(value: string, offset: number, length: number): string | null {
  const chars = [...value];
  if (!Number.isInteger(offset) || !Number.isInteger(length) || length < -1) return null;
  const start = offset < 0 ? chars.length + offset : offset;
  if (start < 0 || start > chars.length) return null;
  const end = length === -1 ? chars.length : Math.min(chars.length, start + length);
  return chars.slice(start, end).join('');
}

/**
 * Base64 text decoded in an encoding (`base64decode("eyJBY3Rpb24iOiIqIn0=")` is a policy in
 * UTF-8); null when it is not base64, not text in that encoding, or an encoding not known here.
 */
function decodedBase64(encoded: string, encoding: string): string | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return null;
  try {
    return new TextDecoder(encoding.toLowerCase(), { fatal: true }).decode(Buffer.from(encoded, 'base64'));
  } catch {
    return null;
  }
}

/** `format` with the verbs that print a known scalar as it is (`%s`, `%d`, `%v`, `%%`); null for any other. */
function formatted(texts: (string | null)[]): string | null {
  const [spec, ...values] = texts;
  if (spec == null || values.some((value) => value === null)) return null;
  let next = 0;
  let failed = false;
  const out = spec.replace(/%(.)/g, (_match, verb: string) => {
    if (verb === '%') return '%';
    if ((verb === 's' || verb === 'd' || verb === 'v') && next < values.length) return values[next++]!;
    failed = true;
    return '';
  });
  return failed || next !== values.length ? null : out;
}

/**
 * `formatlist("%s/0", ["0.0.0.0"])`: `format` once per element, a list argument giving its
 * elements in turn and a scalar its one value each time (lists of one length, as Terraform
 * requires). Null where an argument is not known, or the lists' lengths differ.
 */
function formattedList(args: Expression[]): string[] | null {
  const columns = args.map((arg, index) => (index > 0 && scalars(arg)) || scalar(arg));
  if (columns.some((column) => column === null)) return null;
  const lengths = new Set(columns.filter((column) => Array.isArray(column)).map((column) => column.length));
  if (lengths.size > 1) return null;
  const rows = lengths.size === 0 ? 1 : [...lengths][0]!;
  const out: string[] = [];
  for (let row = 0; row < rows; row++) {
    const text = formatted(columns.map((column) => (Array.isArray(column) ? column[row]! : (column as string))));
    if (text === null) return null;
    out.push(text);
  }
  return out;
}

/**
 * `regex(pattern, text)` without capture groups: the first match, as Terraform returns it. Null
 * for a pattern with groups (a list or object), one JavaScript does not read alike, or no match
 * (an error in Terraform).
 */
function matchedText(pattern: string, text: string): string | null {
  if (/\((?!\?:)/.test(pattern.replace(/\\./g, ''))) return null;
  try {
    return new RegExp(pattern, 'u').exec(text)?.[0] ?? null;
  } catch {
    return null;
  }
}

/** The texts of exactly `count` arguments, each a scalar written out; null otherwise. */
function knownScalars(args: Expression[], count: number): string[] | null {
  if (args.length !== count) return null;
  const texts = args.map(scalar);
  return texts.every((text) => text !== null) ? (texts as string[]) : null;
}

/** A string, number or bool written out, as its text; null otherwise. */
function scalar(expr: Expression | undefined): string | null {
  if (expr?.kind === 'parens') return scalar(expr.inner);
  // `-1`: a negative number is the minus operator on a number written out.
  if (expr?.kind === 'unary' && expr.op === '-' && expr.operand.kind === 'literal')
    return typeof expr.operand.value === 'number' ? String(-expr.operand.value) : null;
  if (expr?.kind !== 'literal' || expr.value === null) return null;
  return String(expr.value);
}

function scalars(expr: Expression | undefined): string[] | null {
  if (expr?.kind === 'parens') return scalars(expr.inner);
  if (expr?.kind !== 'tuple') return null;
  const items = expr.items.map(scalar);
  return items.some((item) => item === null) ? null : (items as string[]);
}
