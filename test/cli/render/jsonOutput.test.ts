import { describe, expect, it } from 'vitest';
import { JsonObjectWriter, jsonStyle, jsonText } from '../../../src/cli/render/jsonOutput.js';

/** Writes `doc` member by member (arrays element by element) and returns the writes. */
function written(doc: Record<string, unknown>, style: 'pretty' | 'compact'): string[] {
  const writes: string[] = [];
  const out = new JsonObjectWriter({ write: (text: string) => writes.push(text) }, style);
  for (const [key, value] of Object.entries(doc)) {
    if (!Array.isArray(value)) {
      out.member(key, value);
      continue;
    }
    out.beginArray(key);
    for (const element of value) out.element(element);
    out.endArray();
  }
  out.end();
  return writes;
}

const documents: [string, Record<string, unknown>][] = [
  ['no members', {}],
  ['empty arrays', { files: [], objects: [], problems: [] }],
  [
    'nested objects and arrays in elements',
    {
      files: [
        { path: 'a.tf', blocks: [{ type: 'resource', labels: ['x', 'y'], attributes: [], blocks: [] }] },
        { path: 'b.tf', blocks: [], diagnostics: [{ range: { start: { line: 1 } } }] },
      ],
      objects: [{ kind: 'resource' }],
      problems: [],
    },
  ],
  ['strings with line breaks and quotes', { files: ['line\nbreak "quoted" \\ \u2028'], note: 'x\ny', n: 1 }],
  ['values that are not arrays', { tier: 'high', count: 3, nothing: null, flags: { a: true } }],
];

describe('JsonObjectWriter', () => {
  it.each(documents)('%s: pretty text is JSON.stringify(doc, null, 2) and a newline', (_name, doc) => {
    expect(written(doc, 'pretty').join('')).toBe(JSON.stringify(doc, null, 2) + '\n');
  });

  it.each(documents)('%s: compact text is JSON.stringify(doc) and a newline', (_name, doc) => {
    expect(written(doc, 'compact').join('')).toBe(JSON.stringify(doc) + '\n');
  });

  it('hands a large document to the stream in pieces as it goes, not whole at the end', () => {
    const files = Array.from({ length: 2000 }, (_, i) => ({ path: `dir/file${i}.tf`, text: 'x'.repeat(100) }));
    const writes = written({ files }, 'compact');
    expect(writes.length).toBeGreaterThan(2);
    expect(Math.max(...writes.map((w) => w.length))).toBeLessThan(80_000);
    expect(writes.join('')).toBe(JSON.stringify({ files }) + '\n');
  });

  it('refuses an element outside an array', () => {
    const out = new JsonObjectWriter({ write: () => true }, 'compact');
    expect(() => out.element(1)).toThrow('outside an array');
  });
});

describe('jsonStyle: indented for a person, compact for a program', () => {
  it.each([
    [undefined, true, 'pretty'],
    [undefined, undefined, 'compact'],
    [undefined, false, 'compact'],
    [true, undefined, 'pretty'],
    [true, true, 'pretty'],
  ] as const)('--pretty %s, stdout.isTTY %s: %s', (pretty, isTTY, style) => {
    expect(jsonStyle(pretty, { write: () => true, ...(isTTY === undefined ? {} : { isTTY }) })).toBe(style);
  });

  it('jsonText ends with a newline in both styles', () => {
    expect(jsonText({ a: [1] }, 'compact')).toBe('{"a":[1]}\n');
    expect(jsonText({ a: [1] }, 'pretty')).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });
});
