import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SignedValues, sameText } from '../../../src/console/signIn/signedValue.js';

const SECRET = 'a-session-secret-of-thirty-two-characters';
const values = new SignedValues(SECRET);
const now = 1_000_000;
const signed = values.sign('session', { sid: 'abc' }, now + 60_000);
const [payload, signature] = signed.split('.') as [string, string];
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('signed values', () => {
  it('gives back what was signed, with its expiry, until it expires', () => {
    expect(values.verify('session', signed, now)).toEqual({ sid: 'abc', exp: now + 60_000 });
    expect(values.verify('session', signed, now + 59_999)).not.toBeNull();
    expect(values.verify('session', signed, now + 60_000)).toBeNull();
  });

  it.each([
    ['nothing', undefined],
    ['no signature', payload],
    ['another signature', `${payload}.${signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`],
    ['a changed payload', `${encode({ sid: 'abd', exp: now + 60_000 })}.${signature}`],
    ['a third part', `${signed}.x`],
    ['empty', ''],
  ])('refuses %s', (_name, text) => {
    expect(values.verify('session', text, now)).toBeNull();
  });

  it("refuses another name's value, another secret's, and signed values that are not objects with an expiry", () => {
    expect(values.verify('sign-in', signed, now)).toBeNull();
    expect(new SignedValues('another-secret-of-thirty-two-characters!').verify('session', signed, now)).toBeNull();
  });

  it.each([
    ['an array', JSON.stringify([1])],
    ['without an expiry', JSON.stringify({ sid: 'abc' })],
    ['with an expiry that is not a number', JSON.stringify({ sid: 'abc', exp: String(now + 60_000) })],
    ['not JSON', 'not json'],
  ])('refuses a correctly signed value that is %s', (_name, raw) => {
    expect(values.verify('session', signedByHand(JSON.stringify({ sid: 'abc', exp: now + 1 })), now)).toEqual({
      sid: 'abc',
      exp: now + 1,
    });
    expect(values.verify('session', signedByHand(raw), now)).toBeNull();
  });

  it('compares secrets of any length without throwing', () => {
    expect(sameText('abc', 'abc')).toBe(true);
    expect(sameText('abc', 'abd')).toBe(false);
    expect(sameText('abc', 'abcd')).toBe(false);
    expect(sameText('', '')).toBe(true);
  });
});

/** signed as SignedValues signs, to make values it never makes */
function signedByHand(raw: string): string {
  const key = createHmac('sha256', SECRET).update('four-eyes console cookies').digest();
  const text = Buffer.from(raw).toString('base64url');
  return `${text}.${createHmac('sha256', key).update(`session=${text}`).digest('base64url')}`;
}
