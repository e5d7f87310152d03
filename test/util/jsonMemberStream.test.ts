import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonMemberStream, type MemberReading } from '../../src/util/jsonMemberStream.js';

const bytesOf = (text: string) => Buffer.from(text, 'utf8');

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

/**
 * The members as the stream gives them, fed `pieces` bytes at a time into a buffer of
 * `bufferBytes`; the last of a name wins, as in JSON.parse. The member `skipped` names is not
 * parsed (its value is null), the one `byElement` names is parsed element by element.
 */
function streamedMembers(
  bytes: Uint8Array,
  { pieces = 1 << 20, bufferBytes = 1 << 20, skipped = null as string | null, byElement = null as string | null } = {},
): [string, unknown][] | null {
  const reading = (key: string): MemberReading =>
    key === skipped ? 'skip' : key === byElement ? 'parse elements' : 'parse';
  const stream = new JsonMemberStream(reading, { bufferBytes });
  for (let read = 0; read < bytes.length; ) {
    const into = stream.space();
    const count = Math.min(into.length, pieces, bytes.length - read);
    into.set(bytes.subarray(read, read + count));
    read += count;
    if (!stream.wrote(count)) break;
  }
  const members = stream.end();
  if (members === null) return null;
  const object: { [key: string]: unknown } = {};
  for (const { key, value } of members)
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return Object.entries(object);
}

/** The ways a document reaches the stream: whole, and cut into pieces as small as one byte. */
const FEEDS = [
  { pieces: 1 << 20, bufferBytes: 1 << 20 },
  { pieces: 1, bufferBytes: 1 },
  { pieces: 3, bufferBytes: 4 },
  { pieces: 7, bufferBytes: 64 },
];

const nulled = (members: [string, unknown][] | null, skipped: string | null) =>
  members === null ? null : members.map(([key, value]): [string, unknown] => [key, key === skipped ? null : value]);

describe('JsonMemberStream: the members of one JSON object, only if the whole text is valid', () => {
  it.each([
    ['{}', true],
    [
      ' \t\r\n{ "a" : [ 1 , -0.5e+3 , "x\\"\\\\\\/\\b\\f\\n\\r\\t\\u00eF" , true , false , null , { } , [ ] ] } \n',
      true,
    ],
    ['{"a":{"b":[[[{"c":[]}]]]}}', true],
    ['{"é":"ünïcode ✓"}', true],
    ['{"a":0,"b":-0,"c":10.25E-3,"d":1e9,"e":"\\u12aB"}', true],
    ['{"a\\u0062":"key with an escape"}', true],
    ['{"a":1,}', false],
    ['{"a":01}', false],
    ['{"a":1.}', false],
    ['{"a":.5}', false],
    ['{"a":-}', false],
    ['{"a":1e}', false],
    ['{"a":1e+}', false],
    ['{"a":+1}', false],
    ['{"a":1.5.5}', false],
    ['{"a":"\\x"}', false],
    ['{"a":"\\u12g4"}', false],
    ['{"a":"\\u12"}', false],
    ['{"a":"tab\there"}', false],
    ['{"a":tru}', false],
    ['{"a":nul}', false],
    ['{"a":truex}', false],
    ['{"a":[1,2}', false],
    ['{"a":{"b":1]}', false],
    ['{"a":[1 2]}', false],
    ['{"a":[,1]}', false],
    ['{"a":{,}}', false],
    ['{"a" 1}', false],
    ['{a:1}', false],
    ['{"a":1}x', false],
    ['{"a":1}{}', false],
    ['{"a":"unterminated}', false],
    ['{"a":[', false],
    ['{"a":1', false],
    ['{"a":', false],
    ['{', false],
    ['[1]', false],
    ['"text"', false],
    ['1', false],
    ['', false],
    ['  ', false],
    ['\ufeff{}', false],
    ['{"a":1}\u0000', false],
  ])('%j: %s', (text, valid) => {
    for (const feed of FEEDS) {
      expect(streamedMembers(bytesOf(text), feed) !== null).toBe(valid);
      expect(streamedMembers(bytesOf(text), feed)).toEqual(parsedMembers(text));
    }
  });

  it('parses only the members asked for, and still checks the others', () => {
    const text = '{"keep":[1,{"x":"y"}],"skip":{"deep":[true,"\\n"]},"keep2":"z"}';
    for (const feed of FEEDS) {
      expect(streamedMembers(bytesOf(text), { ...feed, skipped: 'skip' })).toEqual([
        ['keep', [1, { x: 'y' }]],
        ['skip', null],
        ['keep2', 'z'],
      ]);
      expect(streamedMembers(bytesOf(text.replace('true', 'tru')), { ...feed, skipped: 'skip' })).toBeNull();
    }
  });

  it.each([
    ['{"list":[1,{"x":[2,"3"]},[],"four",null,-5e1]}', [1, { x: [2, '3'] }, [], 'four', null, -50]],
    ['{"list":[]}', []],
    ['{"list":[ ]}', []],
    ['{"list":{"not":"an array"}}', { not: 'an array' }],
    ['{"list":"text"}', 'text'],
  ])('%j parsed element by element: as parsed whole', (text, list) => {
    for (const feed of FEEDS)
      expect(streamedMembers(bytesOf(text), { ...feed, byElement: 'list' })).toEqual([['list', list]]);
  });

  it('decodes bytes that are not UTF-8 inside a string as Buffer decodes the whole text', () => {
    const bytes = Buffer.concat([bytesOf('{"a":"'), Buffer.from([0xff, 0x61, 0xc3]), bytesOf('","\u00e9":"\u2713"}')]);
    for (const feed of FEEDS) expect(streamedMembers(bytes, feed)).toEqual(parsedMembers(bytes.toString('utf8')));
  });

  it('says invalid as soon as it is, so that nothing more need be read', () => {
    const stream = new JsonMemberStream(() => 'parse');
    const text = bytesOf('{"a":x');
    stream.space().set(text);
    expect(stream.wrote(text.length)).toBe(false);
    expect(stream.wrote(0)).toBe(false);
    expect(stream.end()).toBeNull();
  });

  const object = fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue())));
  const feed = fc.record({ pieces: fc.integer({ min: 1, max: 9 }), bufferBytes: fc.integer({ min: 1, max: 16 }) });
  const spaced = (text: string, space: number) => text.replace(/,/g, ',' + ' \n\t\r'.slice(0, space % 5));

  it('agrees with JSON.parse on any object, however it is spaced and cut into pieces', () => {
    fc.assert(
      fc.property(object, fc.nat(), feed, (value, space, cut) => {
        const text = spaced(JSON.stringify(value, null, space % 3), space);
        expect(streamedMembers(bytesOf(text), cut)).toEqual(parsedMembers(text));
        const [skipped = null, byElement = null] = Object.keys(value);
        expect(streamedMembers(bytesOf(text), { ...cut, skipped, byElement })).toEqual(
          nulled(parsedMembers(text), skipped),
        );
      }),
    );
  });

  it('agrees with JSON.parse on any object with one character changed, inserted or removed, cut anywhere', () => {
    const characters = fc.constantFrom(...'{}[],:"\\ 0123-+.eEtrufalsn\u0001\t\u00e9x'.split(''), '');
    fc.assert(
      fc.property(object, fc.nat(), characters, fc.boolean(), feed, (value, at, character, insert, cut) => {
        const text = JSON.stringify(value);
        const where = at % (text.length + 1);
        const changed = text.slice(0, where) + character + text.slice(insert ? where : where + 1);
        const [skipped = null, byElement = null] = Object.keys(value);
        const parsed = parsedMembers(changed);
        expect(streamedMembers(bytesOf(changed), cut)).toEqual(parsed);
        expect(streamedMembers(bytesOf(changed))).toEqual(parsed);
        expect(streamedMembers(bytesOf(changed), { ...cut, skipped, byElement })).toEqual(nulled(parsed, skipped));
      }),
      { numRuns: 2000 },
    );
  });
});
