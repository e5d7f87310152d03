import { generateKeyPairSync } from 'node:crypto';

let privateKey: string | null = null;

/**
 * The GitHub App's private key in the tests (PEM): one per worker, for every app, in the test's
 * process or its own, as generating an RSA key takes a noticeable fraction of a second. 1024 bits,
 * not GitHub's 2048: only the fake GitHub reads the tokens it signs, and every app a test makes
 * parses it and signs with it, which a smaller key makes faster.
 */
export function appPrivateKey(): string {
  privateKey ??= generateKeyPairSync('rsa', { modulusLength: 1024 })
    .privateKey.export({ type: 'pkcs1', format: 'pem' })
    .toString();
  return privateKey;
}
