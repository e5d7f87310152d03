import { describe, expect, it } from 'vitest';
import { compareFiles, type FileChange } from '../../src/terraform/fileChanges.js';
import type { SourceTree } from '../../src/terraform/sourceTree.js';

function tree(files: Record<string, string>): SourceTree {
  return { files: Object.entries(files).map(([path, content]) => ({ path, content })) };
}

interface Case {
  name: string;
  base: Record<string, string>;
  head: Record<string, string>;
  files: FileChange[];
}

describe('compareFiles', () => {
  it.each<Case>([
    {
      name: 'added, modified and deleted files, sorted by path',
      base: { 'main.tf': 'a', 'gone.tf.json': '{}', 'same.tf': 's', 'app.yml': 'x' },
      head: { 'main.tf': 'b', 'new.tf': 'n', 'same.tf': 's', 'app.yml': 'y' },
      files: [
        { path: 'app.yml', status: 'modified', terraform: false },
        { path: 'gone.tf.json', status: 'deleted', terraform: true },
        { path: 'main.tf', status: 'modified', terraform: true },
        { path: 'new.tf', status: 'added', terraform: true },
      ],
    },
    {
      name: 'identical content at a new path is a rename',
      base: { 'modules/a/main.tf': 'resource' },
      head: { 'modules/b/main.tf': 'resource' },
      files: [{ path: 'modules/b/main.tf', status: 'renamed', previousPath: 'modules/a/main.tf', terraform: true }],
    },
    {
      name: 'a rename keeps the file name when it can',
      base: { 'a/x.tf': 'same', 'b/y.tf': 'same' },
      head: { 'c/y.tf': 'same' },
      files: [
        { path: 'a/x.tf', status: 'deleted', terraform: true },
        { path: 'c/y.tf', status: 'renamed', previousPath: 'b/y.tf', terraform: true },
      ],
    },
    {
      name: 'a file renamed to a Terraform name or from one is a Terraform change',
      base: { 'main.tf.disabled': 'resource' },
      head: { 'main.tf': 'resource' },
      files: [{ path: 'main.tf', status: 'renamed', previousPath: 'main.tf.disabled', terraform: true }],
    },
    {
      name: 'empty files are never paired as renames',
      base: { 'a/.keep': '' },
      head: { 'b/.keep': '' },
      files: [
        { path: 'a/.keep', status: 'deleted', terraform: false },
        { path: 'b/.keep', status: 'added', terraform: false },
      ],
    },
    {
      name: 'VCS metadata is ignored; a committed package is compared (a module source may load it)',
      base: { 'sub/.git/HEAD': 'a' },
      head: { 'node_modules/y/index.js': 'b' },
      files: [{ path: 'node_modules/y/index.js', status: 'added', terraform: false }],
    },
    {
      name: 'a committed .terraform/ directory is compared like any file, but is not configuration',
      base: { '.terraform/providers/x': '1', 'env/.terraform/modules/m/main.tf': 'a' },
      head: {
        '.terraform/providers/x': '2',
        'env/.terraform/modules/m/main.tf': 'b',
        'env/.terraform/modules/modules.json': '{}',
      },
      files: [
        { path: '.terraform/providers/x', status: 'modified', terraform: false },
        { path: 'env/.terraform/modules/m/main.tf', status: 'modified', terraform: false },
        { path: 'env/.terraform/modules/modules.json', status: 'added', terraform: false },
      ],
    },
    {
      name: 'OpenTofu files are Terraform files',
      base: { 'admin.tofu': 'a' },
      head: { 'admin.tofu': 'b', 'net.tofu.json': '{}' },
      files: [
        { path: 'admin.tofu', status: 'modified', terraform: true },
        { path: 'net.tofu.json', status: 'added', terraform: true },
      ],
    },
  ])('$name', ({ base, head, files }) => {
    expect(compareFiles(tree(base), tree(head))).toEqual(files);
  });
});
