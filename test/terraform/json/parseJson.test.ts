import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/terraform/json/ast.js';
import { LineIndex } from '../../../src/terraform/json/lineIndex.js';
import { MAX_JSON_NESTING, parseJson } from '../../../src/terraform/json/parseJson.js';
import { diagnosticLines, span } from './helpers.js';

/** The value without positions, to compare with what `JSON.parse` gives. */
function plain(value: JsonValue | null): unknown {
  if (value === null) return undefined;
  switch (value.kind) {
    case 'object':
      return Object.fromEntries(value.members.map((m) => [m.key.value, plain(m.value)]));
    case 'array':
      return value.items.map(plain);
    case 'null':
      return null;
    case 'invalid':
      return '<invalid>';
    default:
      return value.value;
  }
}

describe('parseJson on valid JSON', () => {
  it.each([
    ['{}'],
    ['[]'],
    ['{"a": 1, "b": [true, false, null], "c": {"d": "e"}}'],
    ['[-0, 0.5, 1e3, -1.25E-2, 123456789]'],
    ['"\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00"'],
    ['"unicode é 😀 as is"'],
    ['  \n\t{ "spaced" :\r\n 1 }  \n'],
  ])('reads %s like JSON.parse, without diagnostics', (source) => {
    const document = parseJson(source);
    expect(document.diagnostics).toEqual([]);
    expect(plain(document.root)).toEqual(JSON.parse(source));
  });

  it('gives the offsets of every value and property name (end exclusive)', () => {
    const source = '{\n  "a": [1, "x"],\n  "b": null\n}';
    const document = parseJson(source);
    const root = document.root;
    if (root?.kind !== 'object') throw new Error('expected an object');
    const [a, b] = root.members;
    const lines = new LineIndex(source);
    const at = (node: { start: number; end: number }): string => span(lines.range(node.start, node.end));
    expect(at(root)).toBe('1:1-4:2');
    expect(at(a!.key)).toBe('2:3-2:6');
    expect(a!.key.start).toBe(4);
    expect(at(a!.value)).toBe('2:8-2:16');
    if (a!.value.kind !== 'array') throw new Error('expected an array');
    expect(a!.value.items.map(at)).toEqual(['2:9-2:10', '2:12-2:15']);
    expect(at(b!.value)).toBe('3:8-3:12');
    expect(b!.value.end).toBe(30);
  });

  it('keeps, for a string spelled with escapes, the source offset of every character', () => {
    const document = parseJson('"a\\nb\\u0041"');
    expect(document.root).toMatchObject({ kind: 'string', value: 'a\nbA', offsets: [1, 2, 4, 5, 11] });
    expect(parseJson('"plain"').root).not.toHaveProperty('offsets');
  });

  it('skips a byte order mark at the start', () => {
    const document = parseJson('\ufeff{"a": 1}');
    expect(document.diagnostics).toEqual([]);
    expect(plain(document.root)).toEqual({ a: 1 });
  });
});

describe('parseJson recovery: one diagnostic with the exact range per problem, and the rest of the document', () => {
  it.each([
    {
      name: 'a truncated file: one diagnostic at the innermost open bracket, naming what is missing',
      source: '{\n  "a": {\n    "b": [1,\n',
      diagnostics: ['error: the file ends before this array is closed: "]}}" are missing at the end @ 3:10-3:11'],
      value: { a: { b: [1] } },
    },
    {
      name: 'a trailing comma in an object',
      source: '{"a": 1,\n}',
      diagnostics: ['error: trailing comma: JSON does not allow a "," before "}" @ 1:8-1:9'],
      value: { a: 1 },
    },
    {
      name: 'a trailing comma in an array',
      source: '{"a": [1, 2, ]}',
      diagnostics: ['error: trailing comma: JSON does not allow a "," before "]" @ 1:12-1:13'],
      value: { a: [1, 2] },
    },
    {
      name: 'a missing comma between properties',
      source: '{"a": 1\n "b": 2}',
      diagnostics: ['error: expected "," after the value of "a" @ 1:8-1:8'],
      value: { a: 1, b: 2 },
    },
    {
      name: 'an invalid escape, kept as written',
      source: '{"a": "x\\qy"}',
      diagnostics: [
        'error: invalid escape "\\q": JSON strings allow only \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX @ 1:9-1:11',
      ],
      value: { a: 'x\\qy' },
    },
    {
      name: 'a short \\u escape',
      source: '["\\u12"]',
      diagnostics: ['error: invalid escape "\\u12": "\\u" needs four hex digits @ 1:3-1:7'],
      value: ['\\u12'],
    },
    {
      name: 'a raw tab in a string',
      source: '["a\tb"]',
      diagnostics: ['error: a tab (write \\t) must be escaped inside a JSON string @ 1:4-1:5'],
      value: ['a\tb'],
    },
    {
      name: 'a string that is never closed',
      source: '{"a": "abc\n}',
      diagnostics: ['error: this string is never closed: add the closing "\\"" @ 1:7-1:11'],
      value: { a: 'abc' },
    },
    {
      name: 'a duplicate property',
      source: '{"a": 1,\n "a": 2}',
      diagnostics: [
        'error: duplicate property "a" (first at line 1, column 2): JSON tools disagree on which one counts; merge them into one @ 2:2-2:5',
      ],
      value: { a: 2 },
    },
    {
      name: 'an unquoted property name, read as the name meant',
      source: '{a: 1}',
      diagnostics: ['error: property names must be strings in double quotes: write "a" @ 1:2-1:3'],
      value: { a: 1 },
    },
    {
      name: '"=" instead of ":"',
      source: '{"a" = 1}',
      diagnostics: ['error: JSON separates a property name from its value with ":", not "=" @ 1:6-1:7'],
      value: { a: 1 },
    },
    {
      name: 'a comment',
      source: '{\n  // note\n  "a": 1 /* x */\n}',
      diagnostics: [
        'error: JSON has no comments: in a block, write a "//" property instead @ 2:3-2:10',
        'error: JSON has no comments: in a block, write a "//" property instead @ 3:10-3:17',
      ],
      value: { a: 1 },
    },
    {
      name: 'a bare word',
      source: '[True, nope]',
      diagnostics: [
        'error: "True" is not a JSON value: JSON spells it true @ 1:2-1:6',
        'error: "nope" is not a JSON value: strings need double quotes, and the only bare words are true, false and null @ 1:8-1:12',
      ],
      value: ['<invalid>', '<invalid>'],
    },
    {
      name: 'an invalid number',
      source: '[01, 1.]',
      diagnostics: ['error: invalid JSON number "01" @ 1:2-1:4', 'error: invalid JSON number "1." @ 1:6-1:8'],
      value: [1, 1],
    },
    {
      name: 'a missing value',
      source: '{"a": , "b": 2}',
      diagnostics: ['error: expected a JSON value, found "," @ 1:7-1:8'],
      value: { a: '<invalid>', b: 2 },
    },
    {
      name: 'a bracket that does not match',
      source: '{"a": [1}, "b": 2}',
      diagnostics: ['error: expected "]" to close the array opened at line 1, column 7, found "}" @ 1:9-1:10'],
      value: { a: [1], b: 2 },
    },
    {
      name: 'text after the value',
      source: '{} {}',
      diagnostics: ['error: unexpected "{" after the end of the JSON value: a file holds exactly one value @ 1:4-1:5'],
      value: {},
    },
    {
      name: 'an empty file',
      source: ' \n',
      diagnostics: ['error: the file is empty: a Terraform JSON file must hold one JSON object @ 2:1-2:1'],
      value: undefined,
    },
  ])('$name', ({ source, diagnostics, value }) => {
    const document = parseJson(source);
    expect(diagnosticLines(document)).toEqual(diagnostics);
    expect(plain(document.root)).toEqual(value);
  });

  it(`reports nesting deeper than ${MAX_JSON_NESTING} levels instead of overflowing the stack`, () => {
    const depth = 100_000;
    const document = parseJson('['.repeat(depth) + ']'.repeat(depth));
    expect(diagnosticLines(document)).toEqual([
      `error: nesting deeper than ${MAX_JSON_NESTING} levels is not supported @ 1:${MAX_JSON_NESTING + 1}-1:${MAX_JSON_NESTING + 2}`,
    ]);
  });

  it('never throws, on any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'{}[]:,"\\ \nabtrue01-.e/*u'), maxLength: 200 }), (source) => {
        const document = parseJson(source);
        for (const d of document.diagnostics) expect(d.range.end.offset).toBeLessThanOrEqual(source.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with JSON.parse on every document JSON.parse accepts without duplicate keys', () => {
    fc.assert(
      fc.property(fc.json(), (source) => {
        const document = parseJson(source);
        expect(document.diagnostics).toEqual([]);
        expect(plain(document.root)).toEqual(JSON.parse(source));
      }),
      { numRuns: 500 },
    );
  });
});
