import { generateKeyPairSync } from 'node:crypto';

let privateKey: string | null = null;

/**
 * The GitHub App's private key in the tests (PEM): one per worker, for every app, in the test's
 * process or its own, as generating an RSA key takes a noticeable fraction of a second.
 */
export function appPrivateKey(): string {
  privateKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs1', format: 'pem' })
    .toString();
  return privateKey;
}
