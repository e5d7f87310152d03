import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK_BYTES = 1 << 20;

/**
 * A stand-in for a file whose content is compared but never parsed: its SHA-256, read in 1 MiB
 * chunks. Provider plugins under `.terraform/` are tens of megabytes of binary: as text they
 * would cost their size in memory, and decoding invalid UTF-8 to U+FFFD could make two different
 * binaries compare equal. A hash of the bytes is exact and costs one chunk of memory.
 */
export function fileDigest(path: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(CHUNK_BYTES);
  const fd = openSync(path, 'r');
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return `four-eyes:sha256:${hash.digest('hex')}`;
}

/** A symbolic link compared as Git stores one: by where it points, without following it. */
export function linkDigest(target: string): string {
  return `four-eyes:symlink:${target}`;
}
