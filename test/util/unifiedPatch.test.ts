import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { applyUnifiedPatch } from '../../src/util/unifiedPatch.js';
import { scratchDirectory } from '../support/scratchDirectory.js';
import { unifiedDiff } from '../support/unifiedDiff.js';

const scratch = scratchDirectory('four-eyes-patch');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Git's unified diff of two texts, as GitHub gives it in a file's `patch`: the hunks, no header. */
function gitPatch(base: string, head: string): string {
  writeFileSync(join(scratch, 'base'), base);
  writeFileSync(join(scratch, 'head'), head);
  const diff = spawnSync('git', ['diff', '--no-index', '--no-color', '--unified=3', 'base', 'head'], {
    cwd: scratch,
    encoding: 'utf8',
  });
  if (diff.status !== 0 && diff.status !== 1) throw new Error(diff.stderr);
  const hunks = diff.stdout.indexOf('\n@@');
  return hunks < 0 ? '' : diff.stdout.slice(hunks + 1).replace(/\n$/, '');
}

/** Texts of up to `most` of these lines, ending with a newline or not. */
const textOf = (lines: string[], most: number) =>
  fc
    .array(fc.constantFrom(...lines), { maxLength: most })
    .chain((ls) => fc.boolean().map((ending) => ls.join('\n') + (ending && ls.length ? '\n' : '')));

const RESOURCE = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n';
const lines = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}\n`).join('');

describe("applying a pull request file's patch to its base", () => {
  it.each([
    ['a line changed', RESOURCE, RESOURCE.replace('"logs"\n', '"audit-logs"\n')],
    ['lines appended', RESOURCE, `${RESOURCE}\noutput "bucket" {\n  value = aws_s3_bucket.logs.id\n}\n`],
    ['the first line removed', lines(8), lines(8).replace('line 1\n', '')],
    ['two hunks far apart', lines(40), lines(40).replace('line 3\n', 'line three\n').replace('line 37\n', '')],
    ['the newline at the end removed', RESOURCE, RESOURCE.slice(0, -1)],
    ['a newline added at the end', RESOURCE.slice(0, -1), RESOURCE],
    ['a last line without newline changed', 'a\nb', 'a\nc'],
    ['Windows line endings', 'a = 1\r\nb = 2\r\n', 'a = 1\r\nb = 3\r\n'],
    ['everything replaced', lines(5), lines(3, 'other')],
    ['a file emptied', lines(3), ''],
    ['an empty file filled', '', lines(2)],
    ['blank lines and spaces kept', 'a\n\n  b  \n\nc\n', 'a\n\n  b  \n\nd\n'],
  ])('%s', (_name, base, head) => {
    expect(applyUnifiedPatch(base, gitPatch(base, head))).toBe(head);
  });

  it('gives the head for any edit of a file, as git diffs it', () => {
    const text = textOf(['a', 'b', 'c', '', '  x = 1', 'resource "r" "n" {', '}', 'é ü', 'a\r'], 30);
    fc.assert(
      fc.property(text, text, (base, head) => {
        expect(applyUnifiedPatch(base, gitPatch(base, head))).toBe(head);
      }),
      { numRuns: 25 },
    );
  });

  it.each([
    [
      'a context line that is not the base',
      RESOURCE,
      '@@ -1,3 +1,3 @@\n resource "aws_s3_bucket" "other" {\n-  bucket = "logs"\n+  bucket = "x"\n }',
    ],
    ['a removed line that is not the base', 'a\nb\n', '@@ -1,2 +1,2 @@\n a\n-c\n+d'],
    ['counts that do not add up', 'a\nb\n', '@@ -1,2 +1,3 @@\n a\n-b\n+c'],
    ['hunks out of order', lines(40), '@@ -30,1 +30,1 @@\n-line 30\n+x\n@@ -3,1 +3,1 @@\n-line 3\n+y'],
    ['a hunk past the end', 'a\n', '@@ -5,1 +5,1 @@\n-e\n+f'],
    ['a line without a marker', 'a\nb\n', '@@ -1,2 +1,2 @@\n a\nb'],
    ['no hunk header', 'a\n', '-a\n+b'],
  ])('refuses %s', (_name, base, patch) => {
    expect(applyUnifiedPatch(base, patch)).toBeNull();
  });
});

describe("the tests' stand-in for GitHub's patches (test/support/unifiedDiff.ts)", () => {
  it('makes patches that give the head, as git diff does', () => {
    const text = textOf(['a', 'b', '', 'x = 1', '}', 'é'], 25);
    fc.assert(
      fc.property(text, text, (base, head) => {
        expect(applyUnifiedPatch(base, unifiedDiff(base, head))).toBe(head);
      }),
      { numRuns: 500 },
    );
  });
});
