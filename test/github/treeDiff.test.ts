import { describe, expect, it } from 'vitest';
import type { TreeBlob } from '../../src/github/repositoryTree.js';
import { treeDiff } from '../../src/github/treeDiff.js';

const sha = (n: number) => n.toString(16).padStart(40, '0');
const blob = (path: string, n: number, mode = '100644'): TreeBlob => ({ path, blobSha: sha(n), size: 10, mode });

describe("the files that differ between two trees, listed as GitHub lists a pull request's", () => {
  it('nothing for the same tree', () => {
    const tree = [blob('main.tf', 1), blob('README.md', 2)];
    expect(treeDiff(tree, [...tree].reverse())).toEqual([]);
  });

  it('modified, added, removed and mode-only changes, by path', () => {
    expect(
      treeDiff(
        [blob('main.tf', 1), blob('gone.tf', 2), blob('plan.sh', 3)],
        [blob('main.tf', 11), blob('new.tf', 12), blob('plan.sh', 3, '100755')],
      ),
    ).toEqual([
      { path: 'gone.tf', status: 'removed', blobSha: null },
      { path: 'main.tf', status: 'modified', blobSha: sha(11) },
      { path: 'new.tf', status: 'added', blobSha: sha(12) },
      { path: 'plan.sh', status: 'changed', blobSha: sha(3) },
    ]);
  });

  it('a file moved unchanged is a rename; moved and edited, a removal and an addition', () => {
    expect(treeDiff([blob('iam.tf', 1), blob('net.tf', 2)], [blob('mod/iam.tf', 1), blob('mod/net.tf', 22)])).toEqual([
      { path: 'mod/iam.tf', status: 'renamed', previousPath: 'iam.tf', blobSha: sha(1) },
      { path: 'mod/net.tf', status: 'added', blobSha: sha(22) },
      { path: 'net.tf', status: 'removed', blobSha: null },
    ]);
  });

  it('two copies of one blob moved: each removal pairs with one addition', () => {
    expect(
      treeDiff([blob('a.tf', 1), blob('b.tf', 1)], [blob('x/a.tf', 1), blob('x/b.tf', 1), blob('x/c.tf', 1)]),
    ).toEqual([
      { path: 'x/a.tf', status: 'renamed', previousPath: 'a.tf', blobSha: sha(1) },
      { path: 'x/b.tf', status: 'renamed', previousPath: 'b.tf', blobSha: sha(1) },
      { path: 'x/c.tf', status: 'added', blobSha: sha(1) },
    ]);
  });
});
