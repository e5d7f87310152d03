import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, lineAndColumn } from '../../src/util/jsonSyntaxError.js';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('findJsonSyntaxError', () => {
  it('agrees with JSON.parse on valid JSON, and on JSON with one character removed or changed', () => {
    const damaged = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\n', '\\'))
      .map(([json, at, replacement]) => {
        const i = json.length === 0 ? 0 : at % json.length;
        return json.slice(0, i) + replacement + json.slice(i + 1);
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), damaged, fc.string()), (text) => {
        expect(findJsonSyntaxError(text) === null).toBe(parses(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts any nesting depth (it does not recurse)', () => {
    expect(findJsonSyntaxError('['.repeat(100_000) + ']'.repeat(100_000))).toBeNull();
    expect(findJsonSyntaxError('['.repeat(100_000))).toMatchObject({ offset: 100_000, line: 1 });
  });

  it.each([
    ['{"a":\n\n  nul}', 3, 3, "unexpected 'n': expected a value"],
    ['[1,\r\n 2 3]', 2, 4, "unexpected '3': expected ',' or ']' after an array element"],
    ['{"a": "\u0001"}', 1, 8, 'a control character (a line break or tab) inside a string must be escaped'],
    ['"\\u12G4"', 1, 2, 'invalid \\u escape in a string'],
    ['{"a":1', 1, 7, "unexpected end of input: expected ',' or '}' after a property value"],
    ['{\u0007}', 1, 2, 'unexpected character U+0007: expected a property name in double quotes'],
  ])('%j: line %i, column %i', (text, line, column, message) => {
    expect(findJsonSyntaxError(text)).toMatchObject({ line, column, message });
  });
});

describe('lineAndColumn', () => {
  it.each([
    ['abc', 0, 1, 1],
    ['abc', 3, 1, 4],
    ['a\nbc', 2, 2, 1],
    ['a\nbc', 3, 2, 2],
    ['a\r\n\nb', 4, 3, 1],
  ])('%j at %i is line %i, column %i', (text, offset, line, column) => {
    expect(lineAndColumn(text, offset)).toEqual({ line, column });
  });
});
