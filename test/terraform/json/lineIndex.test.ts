import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../../src/terraform/json/lineIndex.js';

describe('LineIndex', () => {
  const lines = new LineIndex('ab\n\r\ncdé😀\n');

  it.each([
    [0, { line: 1, column: 1, offset: 0 }],
    [2, { line: 1, column: 3, offset: 2 }],
    [3, { line: 2, column: 1, offset: 3 }],
    // a carriage return is an ordinary character before the line feed
    [4, { line: 2, column: 2, offset: 4 }],
    [5, { line: 3, column: 1, offset: 5 }],
    // columns count UTF-16 code units, as editors and GitHub annotations do
    [10, { line: 3, column: 6, offset: 10 }],
    [11, { line: 4, column: 1, offset: 11 }],
  ])('offset %i is %o', (offset, position) => {
    expect(lines.positionAt(offset)).toEqual(position);
  });

  it('makes ranges with an exclusive end', () => {
    expect(lines.range(3, 6)).toEqual({
      start: { line: 2, column: 1, offset: 3 },
      end: { line: 3, column: 2, offset: 6 },
    });
  });
});
