import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { buildInventory } from '../../src/terraform/inventory.js';
import { parseHcl } from '../../src/terraform/parser.js';
import { scratchDirectory } from '../support/scratchDirectory.js';

function dir(files: Record<string, string>): string {
  const root = scratchDirectory('four-eyes-guard');
  for (const [path, content] of Object.entries(files)) writeFileSync(join(root, path), content);
  return root;
}

describe('nothing that could hide a change is skipped silently', () => {
  it('a symbolic link to a file is read like the file', () => {
    const base = dir({});
    const head = dir({ 'real.tf.txt': 'resource "aws_iam_role" "ci" {}\n' });
    symlinkSync(join(head, 'real.tf.txt'), join(head, 'linked.tf'));
    const result = runCli(['diff', '--base', base, '--head', head, '--format', 'text']);
    expect(result.stdout).toContain('create  aws_iam_role.ci');
  });

  it('a symbolic link to a directory is refused with one line', () => {
    const head = dir({});
    mkdirSync(join(head, 'real'));
    symlinkSync(join(head, 'real'), join(head, 'linked'));
    const result = runCli(['diff', '--base', dir({}), '--head', head]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `four-eyes: ${join(head, 'linked')} is a symbolic link to a directory; Four Eyes does not follow those (copy the tree without links)\n`,
    );
  });

  it('numbers beyond a double keep their digits, so 1e400 → 2e400 is a change', () => {
    const result = runCli([
      'diff',
      '--base',
      dir({ 'm.tf': 'locals {\n  a = 1e400\n  b = 0\n}\n' }),
      '--head',
      dir({ 'm.tf': 'locals {\n  a = 2e400\n  b = 1e-400\n}\n' }),
      '--format',
      'text',
    ]);
    expect(result.stdout).toContain('update  local.a');
    expect(result.stdout).toContain('update  local.b');
  });

  it('an argument outside any block is a problem', () => {
    expect(buildInventory([parseHcl('x = 1\n', 'main.tf')]).problems).toEqual([
      {
        module: '.',
        address: 'x',
        files: ['main.tf'],
        message: 'main.tf:1: argument "x" outside any block; Terraform rejects it',
      },
    ]);
  });

  it('a stray argument to an options-only command is a usage error', () => {
    expect(runCli(['diff', '--base', '.', '--head', '.', 'extra'])).toMatchObject({
      exitCode: 2,
      stderr: 'four-eyes: diff: unexpected argument "extra" (options only; see four-eyes diff --help)\n',
    });
  });

  it("catalog JSON uses the policy file's keys", () => {
    const rules = JSON.parse(runCli(['catalog', '--format', 'json']).stdout).rules as {
      match: Record<string, unknown>;
    }[];
    const keys = new Set(rules.flatMap((r) => Object.keys(r.match)));
    expect([...keys].filter((k) => /[A-Z]/.test(k))).toEqual([]);
    expect(keys.has('resource_types')).toBe(true);
  });
});
