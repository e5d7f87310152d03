import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Values a browser keeps for us and hands back: JSON signed with HMAC-SHA256. The cookie's name
 * is signed with the value, so one cookie's value cannot stand in for another's; the expiry is
 * inside, so an old cookie a browser (or a thief) kept past its Max-Age is refused.
 */
export class SignedValues {
  readonly #key: Buffer;

  constructor(secret: string) {
    // A key of its own, so the session secret is never used as is.
    this.#key = createHmac('sha256', secret).update('four-eyes console cookies').digest();
  }

  /** `payload.signature`, both base64url; `expiresAt` in milliseconds since the epoch */
  sign(name: string, value: object, expiresAt: number): string {
    const payload = Buffer.from(JSON.stringify({ ...value, exp: expiresAt })).toString('base64url');
    return `${payload}.${this.#signature(name, payload)}`;
  }

  /** the value when the signature is ours, for this name, and it has not expired; otherwise null */
  verify(name: string, text: string | undefined, now: number): Record<string, unknown> | null {
    if (text === undefined) return null;
    const [payload, signature, extra] = text.split('.');
    if (payload === undefined || signature === undefined || extra !== undefined) return null;
    if (!sameText(signature, this.#signature(name, payload))) return null;
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const { exp } = value as { exp?: unknown };
    return typeof exp === 'number' && exp > now ? (value as Record<string, unknown>) : null;
  }

  #signature(name: string, payload: string): string {
    return createHmac('sha256', this.#key).update(`${name}=${payload}`).digest('base64url');
  }
}

/** Compares secrets in time that does not depend on where they differ. */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
