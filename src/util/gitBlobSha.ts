import { createHash } from 'node:crypto';

/** Git's id of a file's content: what `git hash-object` prints, so it can be matched to history. */
export function gitBlobSha(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
