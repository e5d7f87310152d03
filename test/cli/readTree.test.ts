import { createHash } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSourceTree } from '../../src/cli/readTree.js';
import { compareFiles } from '../../src/terraform/fileChanges.js';
import { scratchDirectory } from '../support/scratchDirectory.js';

function directory(files: Record<string, string | Buffer>): string {
  const root = scratchDirectory('four-eyes-tree');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

function sha256(content: string | Buffer): string {
  return `four-eyes:sha256:${createHash('sha256').update(content).digest('hex')}`;
}

describe('readSourceTree', () => {
  it('reads every file as text, sorted by path, except .git and node_modules; files under .terraform/ are their SHA-256', () => {
    const root = directory({
      'main.tf': 'variable "x" {}\n',
      'prod.tfbackend': 'bucket = "state"\n',
      '.terraform/modules/modules.json': '{}',
      'envs/prod/.terraform/providers/p': 'plugin',
      '.git/HEAD': 'ref: refs/heads/main\n',
      'node_modules/x/index.js': '',
    });
    expect(readSourceTree(root).files).toEqual([
      { path: '.terraform/modules/modules.json', content: sha256('{}') },
      { path: 'envs/prod/.terraform/providers/p', content: sha256('plugin') },
      { path: 'main.tf', content: 'variable "x" {}\n' },
      { path: 'prod.tfbackend', content: 'bucket = "state"\n' },
    ]);
  });

  it('read beside the base, the head has its own text wherever a file differs or is new, and the same text elsewhere', () => {
    const base = readSourceTree(directory({ 'main.tf': 'a = 1\n', 'vars.tf': 'variable "x" {}\n', 'gone.tf': '' }));
    const head = readSourceTree(
      directory({ 'main.tf': 'a = 2\n', 'vars.tf': 'variable "x" {}\n', 'new.tf': 'b = 1\n' }),
      base,
    );
    expect(head.files).toEqual([
      { path: 'main.tf', content: 'a = 2\n' },
      { path: 'new.tf', content: 'b = 1\n' },
      { path: 'vars.tf', content: 'variable "x" {}\n' },
    ]);
  });

  it('compares .terraform/ binaries byte for byte: two that decode to the same text still differ', () => {
    const path = '.terraform/providers/terraform-provider-aws';
    const base = readSourceTree(directory({ [path]: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0xff]) }));
    const head = readSourceTree(directory({ [path]: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0xfe]) }));
    expect(compareFiles(base, head)).toEqual([{ path, status: 'modified', terraform: false }]);
  });

  it('hashes a plugin larger than one read chunk without holding it as text', () => {
    const plugin = Buffer.alloc(3 * 1024 * 1024 + 17, 0xab);
    plugin[plugin.length - 1] = 0x01;
    const files = readSourceTree(directory({ '.terraform/providers/big': plugin })).files;
    expect(files).toEqual([{ path: '.terraform/providers/big', content: sha256(plugin) }]);
  });

  it('a link under .terraform/ (Terraform links plugin-cache directories there) is compared by its target, not refused', () => {
    const root = directory({ 'main.tf': '' });
    const cache = scratchDirectory('four-eyes-cache');
    mkdirSync(join(root, '.terraform/providers/hashicorp/aws'), { recursive: true });
    symlinkSync(cache, join(root, '.terraform/providers/hashicorp/aws/5.0.0'));
    expect(readSourceTree(root).files).toEqual([
      { path: '.terraform/providers/hashicorp/aws/5.0.0', content: `four-eyes:symlink:${cache}` },
      { path: 'main.tf', content: '' },
    ]);
  });
});
