import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Hcl2Parser = { parseToObject(source: string): [unknown, unknown] };

let parser: Hcl2Parser | null = null;

const VERSION = (
  JSON.parse(readFileSync(new URL('../../node_modules/hcl2-parser/package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
const CACHE = join(tmpdir(), `four-eyes-hcl2json-${VERSION}`);

/**
 * What hcl2-parser (HashiCorp's hcl2json compiled to JavaScript by GopherJS) answers for a native
 * file: `parseToObject`'s `[value, error]`, for the differential tests. Its answers are kept
 * between runs in the temporary directory, named by hcl2-parser's version and the source's hash:
 * the same source always gets the same answer (JSON in, JSON out), and warming the bundle up
 * took seconds of every run.
 */
export function hcl2json(source: string): [unknown, unknown] {
  const file = join(CACHE, `${createHash('sha256').update(source).digest('hex')}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as [unknown, unknown];
  parser ??= createRequire(import.meta.url)('hcl2-parser') as Hcl2Parser;
  const answer = parser.parseToObject(source);
  mkdirSync(CACHE, { recursive: true });
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, JSON.stringify(answer));
  renameSync(partial, file);
  return answer;
}
