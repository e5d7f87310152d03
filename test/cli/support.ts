import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { CommandResult } from '../../src/cli/commands/result.js';

export const ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));

// The commands print paths as they were given; the tests give them relative to the repository
// root, so that the expected outputs below are the literal text a user sees there.
if (process.cwd() !== ROOT) process.chdir(ROOT);

export const FIXTURES = 'test/fixtures/cli';
export const EXAMPLE_BASE = 'examples/iam-change/base';
export const EXAMPLE_HEAD = 'examples/iam-change/head';

export interface RangeJson {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

/** A range as the JSON outputs print it: 1-based lines and columns, end exclusive. */
export function range(startLine: number, startColumn: number, endLine: number, endColumn: number): RangeJson {
  return { start: { line: startLine, column: startColumn }, end: { line: endLine, column: endColumn } };
}

/** The exact text of a JSON output: two-space indentation, keys in the documented order, a final newline. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** A usage error: nothing on stdout, exactly one line on stderr, exit code 2. */
export function expectUsageError(result: CommandResult, stderr: string): void {
  expect(result.stderr).toBe(stderr);
  expect(stderr.endsWith('\n') && !stderr.slice(0, -1).includes('\n')).toBe(true);
  expect(result.stdout).toBe('');
  expect(result.exitCode).toBe(2);
}
