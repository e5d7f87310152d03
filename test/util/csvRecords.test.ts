import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../src/util/csvRecords.js';

describe('csvdecode, as Terraform reads a CSV file', () => {
  it.each([
    [
      'a header and rows',
      'name,policy\nalice,ReadOnly\nbob,Admin\n',
      [
        { name: 'alice', policy: 'ReadOnly' },
        { name: 'bob', policy: 'Admin' },
      ],
    ],
    [
      'quoted fields with commas, quotes and newlines',
      'a,b\n"x,y","say ""hi""\nthere"\n',
      [{ a: 'x,y', b: 'say "hi"\nthere' }],
    ],
    ['CRLF line ends and no final newline', 'a,b\r\n1,2', [{ a: '1', b: '2' }]],
    ['a header alone', 'a,b\n', []],
    ['nothing', '', []],
  ])('%s', (_case, text, records) => {
    expect(csvRecords(text)).toEqual(records);
  });

  it('a row with another field count is an error, as in Terraform', () => {
    expect(() => csvRecords('a,b\n1\n')).toThrow(/row 2 has 1 fields, not 2/);
  });
});
