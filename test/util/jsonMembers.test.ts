import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonObjectMembers } from '../../src/util/jsonMembers.js';

const bytesOf = (text: string) => new TextEncoder().encode(text);
const textOf = (bytes: Uint8Array, start: number, end: number) => new TextDecoder().decode(bytes.subarray(start, end));

/** What JSON.parse says of the text: the members of the object it is, or null for anything else. */
function parsedMembers(text: string): [string, unknown][] | null {
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    return Object.entries(value);
  } catch {
    return null;
  }
}

/** The members as jsonObjectMembers finds them, each parsed; the last of a name wins, as in JSON.parse. */
function scannedMembers(text: string): [string, unknown][] | null {
  const bytes = bytesOf(text);
  const spans = jsonObjectMembers(bytes);
  if (spans === null) return null;
  const object: { [key: string]: unknown } = {};
  for (const span of spans) {
    const key = JSON.parse(textOf(bytes, span.keyStart, span.keyEnd)) as string;
    Object.defineProperty(object, key, {
      value: JSON.parse(textOf(bytes, span.valueStart, span.valueEnd)),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return Object.entries(object);
}

describe('jsonObjectMembers: the members of one JSON object, only if the whole text is valid', () => {
  it.each([
    ['{}', true],
    [
      ' \t\r\n{ "a" : [ 1 , -0.5e+3 , "x\\"\\\\\\/\\b\\f\\n\\r\\t\\u00eF" , true , false , null , { } , [ ] ] } \n',
      true,
    ],
    ['{"a":{"b":[[[{"c":[]}]]]}}', true],
    ['{"é":"ünïcode ✓"}', true],
    ['{"a":1,}', false],
    ['{"a":01}', false],
    ['{"a":1.}', false],
    ['{"a":.5}', false],
    ['{"a":-}', false],
    ['{"a":1e}', false],
    ['{"a":+1}', false],
    ['{"a":"\\x"}', false],
    ['{"a":"\\u12g4"}', false],
    ['{"a":"tab\there"}', false],
    ['{"a":tru}', false],
    ['{"a":nul}', false],
    ['{"a":[1,2}', false],
    ['{"a":{"b":1]}', false],
    ['{"a":[1 2]}', false],
    ['{"a" 1}', false],
    ['{a:1}', false],
    ['{"a":1}x', false],
    ['{"a":1}{}', false],
    ['{"a":"unterminated}', false],
    ['{"a":[', false],
    ['[1]', false],
    ['"text"', false],
    ['', false],
    ['\ufeff{}', false],
  ])('%j: %s', (text, valid) => {
    expect(jsonObjectMembers(bytesOf(text)) !== null).toBe(valid);
    expect(scannedMembers(text)).toEqual(parsedMembers(text));
  });

  const object = fc.dictionary(fc.string(), fc.jsonValue());
  const spaced = (text: string, space: number) => text.replace(/,/g, ',' + ' \n\t\r'.slice(0, space % 5));

  it('agrees with JSON.parse on any object, however it is spaced', () => {
    fc.assert(
      fc.property(object, fc.nat(), (value, space) => {
        const text = spaced(JSON.stringify(value, null, space % 3), space);
        expect(scannedMembers(text)).toEqual(parsedMembers(text));
      }),
    );
  });

  it('agrees with JSON.parse on any object with one character changed, inserted or removed', () => {
    const characters = fc.constantFrom(...'{}[],:"\\ 0123-+.eEtrufalsn\u0001\t\u00e9x'.split(''), '');
    fc.assert(
      fc.property(object, fc.nat(), characters, fc.boolean(), (value, at, character, insert) => {
        const text = JSON.stringify(value);
        const where = at % (text.length + 1);
        const changed = text.slice(0, where) + character + text.slice(insert ? where : where + 1);
        expect(scannedMembers(changed)).toEqual(parsedMembers(changed));
      }),
      { numRuns: 2000 },
    );
  });
});
