import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import type { BlobContent } from '../../src/github/blobs.js';
import { createCaches } from '../../src/github/caches.js';
import type { ChangedFile } from '../../src/github/changedFiles.js';
import { moduleGraph } from '../../src/github/moduleGraph.js';
import { changedPaths, pullRequestSides } from '../../src/github/pullRequestSides.js';
import {
  affectedReads,
  blobUse,
  firstReads,
  namedFileReads,
  pullRequestTrees,
  withNamedFiles,
} from '../../src/github/pullRequestTrees.js';
import type { TreeBlob } from '../../src/github/repositoryTree.js';
import {
  affectedModules,
  type ReachedConfiguration,
  reachedConfiguration,
} from '../../src/terraform/affectedModules.js';

/** A change that reaches no module: only the changed files are in the trees. */
const NOTHING_REACHED: ReachedConfiguration = { affected: new Set(), roots: new Set() };

const sha = (n: number) => n.toString(16).padStart(40, '0');
const text = (t: string): BlobContent => ({ byteSize: t.length, binary: false, text: t });

const files: ChangedFile[] = [
  { path: 'main.tf', status: 'modified', blobSha: sha(101) },
  { path: 'new/net.tf.json', status: 'added', blobSha: sha(102) },
  { path: 'gone.tf', status: 'removed', blobSha: null },
  { path: 'mod/iam.tf', previousPath: 'iam.tf', status: 'renamed', blobSha: sha(103) },
  { path: '.github/four-eyes.yml', status: 'modified', blobSha: sha(104) },
  { path: 'README.md', status: 'modified', blobSha: sha(105) },
  { path: 'docs/old.md', previousPath: 'old.md', status: 'renamed', blobSha: sha(6) },
  { path: '.github/workflows/apply.yml', status: 'added', blobSha: sha(107) },
  { path: 'logo.png', status: 'modified', blobSha: sha(108) },
];

const baseTree: TreeBlob[] = [
  { path: 'main.tf', blobSha: sha(1), size: 20 },
  { path: 'gone.tf', blobSha: sha(2), size: 10 },
  { path: 'iam.tf', blobSha: sha(3), size: 10 },
  { path: '.github/four-eyes.yml', blobSha: sha(4), size: 11 },
  { path: 'README.md', blobSha: sha(5), size: 6 },
  { path: 'old.md', blobSha: sha(6), size: 6 },
  { path: 'logo.png', blobSha: sha(8), size: 2_000_000 },
  { path: 'unrelated.md', blobSha: sha(9), size: 6 },
];

const contents = new Map<string, BlobContent>([
  [sha(1), text('locals {\n  a = 1\n}\n')],
  [sha(101), text('locals {\n  a = 2\n}\n')],
  [sha(102), text('{}')],
  [sha(2), text('locals {}\n')],
  [sha(3), text('locals {}\n')],
  [sha(103), text('locals {}\n')],
  [sha(4), text('version: 1\n')],
  [sha(104), text('version: 1\ndistinct: false\n')],
  [sha(5), text('# old\n')],
  [sha(105), text('# new\n')],
  [sha(6), text('moved\n')],
  [sha(107), text('on: push\n')],
  [sha(108), { byteSize: 2_100_000, binary: true, text: null }],
]);

describe("the PR's two sides as the pure core reads them", () => {
  it("the head side is the base tree with the PR's changes applied, not the head commit's tree", () => {
    const sides = pullRequestSides(baseTree, files);
    expect(sides.head.map((f) => f.path).sort()).toEqual([
      '.github/four-eyes.yml',
      '.github/workflows/apply.yml',
      'README.md',
      'docs/old.md',
      'logo.png',
      'main.tf',
      'mod/iam.tf',
      'new/net.tf.json',
      'unrelated.md',
    ]);
    expect(sides.head.find((f) => f.path === 'unrelated.md')!.blobSha).toBe(sha(9));
    expect(changedPaths(files).base.has('old.md')).toBe(true);
  });

  it('Terraform and the policy are sources; other files are values', () => {
    expect(
      [
        'a.tf',
        'a.tf.json',
        'a.tofu',
        'a.tofu.json',
        'x.tfvars',
        'x.tfvars.json',
        '.github/four-eyes.yml',
        'p.json',
        'u.sh',
      ].map(blobUse),
    ).toEqual(['source', 'source', 'source', 'source', 'source', 'source', 'source', 'value', 'value']);
  });

  it("every changed file is read first, except values GitHub's tree says are over 1 MB", () => {
    const sides = pullRequestSides(baseTree, files);
    const wanted = firstReads(sides, files, () => false);
    expect(wanted.get(sha(1))).toBe('source');
    expect(wanted.get(sha(105))).toBe('value');
    expect(wanted.has(sha(8))).toBe(false);
    expect(wanted.get(sha(108))).toBe('value');
    expect(wanted.has(sha(9))).toBe(false);
  });

  it('changed files carry their text; unread ones a stand-in that differs exactly as GitHub says', () => {
    const sides = pullRequestSides(baseTree, files);
    const trees = pullRequestTrees(sides, files, NOTHING_REACHED, contents);
    const changes = buildChangeSet(trees.base, trees.head).files.map((f) => [f.path, f.status, f.previousPath ?? '']);
    expect(changes).toEqual([
      ['.github/four-eyes.yml', 'modified', ''],
      ['.github/workflows/apply.yml', 'added', ''],
      ['README.md', 'modified', ''],
      ['docs/old.md', 'renamed', 'old.md'],
      ['gone.tf', 'deleted', ''],
      ['logo.png', 'modified', ''],
      ['main.tf', 'modified', ''],
      ['mod/iam.tf', 'renamed', 'iam.tf'],
      ['new/net.tf.json', 'added', ''],
    ]);
    expect(trees.head.files.find((f) => f.path === 'main.tf')).toEqual({
      path: 'main.tf',
      content: 'locals {\n  a = 2\n}\n',
      blobSha: sha(101),
    });
    expect(trees.head.files.find((f) => f.path === 'README.md')!.content).toBe('# new\n');
    expect(trees.head.files.find((f) => f.path === 'logo.png')!.content).toBe(`four-eyes:head:${sha(108)}`);
    expect(trees.head.files.some((f) => f.path === 'unrelated.md')).toBe(false);
  });

  it('a changed file with the same text at both sides (a mode change) still reads as changed', () => {
    const modeChange: ChangedFile[] = [{ path: 'run.sh', status: 'modified', blobSha: sha(20) }];
    const trees = pullRequestTrees(
      pullRequestSides([{ path: 'run.sh', blobSha: sha(20), size: 5 }], modeChange),
      modeChange,
      NOTHING_REACHED,
      new Map([[sha(20), text('echo\n')]]),
    );
    expect(buildChangeSet(trees.base, trees.head).files.map((f) => f.status)).toEqual(['modified']);
  });
});

describe('the affected configuration', () => {
  const repo = (entries: Record<string, string>): { tree: TreeBlob[]; contents: Map<string, BlobContent> } => {
    const tree: TreeBlob[] = [];
    const contents = new Map<string, BlobContent>();
    Object.entries(entries).forEach(([path, content], i) => {
      tree.push({ path, blobSha: sha(1000 + i), size: content.length });
      contents.set(sha(1000 + i), text(content));
    });
    return { tree, contents };
  };
  const { tree, contents: repoContents } = repo({
    'envs/prod/main.tf':
      'module "net" {\n  source = "../../modules/net"\n}\nmodule "app" {\n  source = "../../modules/app"\n}\n',
    'envs/prod/terraform.tfvars': 'cidr = "10.0.0.0/16"\n',
    'envs/prod/vars/extra.tfvars': 'x = 1\n',
    'envs/dev/main.tf': 'module "net" {\n  source = "../../modules/net"\n}\n',
    'envs/dev/terraform.tfvars': 'cidr = "10.1.0.0/16"\n',
    'modules/net/main.tf': 'variable "cidr" {}\nmodule "subnets" {\n  source = "./subnets"\n}\n',
    'modules/net/subnets/main.tf': 'variable "x" {}\n',
    'modules/app/main.tf.json': '{"module": {"db": {"source": "../db"}}}',
    'modules/db/main.tofu': 'variable "y" {}\n',
    'policies/admin.json': '{}',
    'README.md': '# infra\n',
  });

  // the head blob of a changed file is its base blob: which modules are affected does not depend on the edit
  const modified = (path: string): ChangedFile => ({
    path,
    status: 'modified',
    blobSha: tree.find((f) => f.path === path)!.blobSha,
  });
  const affectedBy = (changed: ChangedFile[]): string[] => {
    const sides = pullRequestSides(tree, changed);
    const graph = moduleGraph(sides, repoContents, createCaches().moduleSources);
    const paths = changedPaths(changed);
    return [...affectedModules([...paths.base, ...paths.head], graph)].sort();
  };

  it('a changed terraform.tfvars: its root and every module the root calls, transitively (JSON and .tofu included)', () => {
    expect(affectedBy([modified('envs/prod/terraform.tfvars')])).toEqual([
      'envs/prod',
      'modules/app',
      'modules/db',
      'modules/net',
      'modules/net/subnets',
    ]);
  });

  it('a file in a directory without Terraform belongs to its nearest module; one under no module may be read by any', () => {
    expect(affectedBy([modified('envs/prod/vars/extra.tfvars')])).toContain('envs/prod');
    expect(affectedBy([modified('policies/admin.json')])).toEqual([
      'envs/dev',
      'envs/prod',
      'modules/app',
      'modules/db',
      'modules/net',
      'modules/net/subnets',
    ]);
    expect(affectedBy([modified('README.md')])).toEqual([]);
  });

  it('a changed local module: its callers up to the roots, and what those call; not the other callers of what it calls', () => {
    expect(affectedBy([modified('modules/net/subnets/main.tf')])).toEqual([
      'envs/dev',
      'envs/prod',
      'modules/app',
      'modules/db',
      'modules/net',
      'modules/net/subnets',
    ]);
    expect(affectedBy([modified('modules/db/main.tofu')])).toEqual([
      'envs/prod',
      'modules/app',
      'modules/db',
      'modules/net',
      'modules/net/subnets',
    ]);
  });

  it('the trees hold every Terraform file of the affected modules, at both sides', () => {
    const changed: ChangedFile[] = [{ path: 'envs/dev/terraform.tfvars', status: 'modified', blobSha: sha(7) }];
    const sides = pullRequestSides(tree, changed);
    const contents = new Map([...repoContents, [sha(7), text('cidr = "10.2.0.0/16"\n')]]);
    const reached = reachedConfiguration(
      ['envs/dev/terraform.tfvars'],
      moduleGraph(sides, contents, createCaches().moduleSources),
    );
    expect([...affectedReads(sides, reached).keys()].length).toBe(5);
    const trees = pullRequestTrees(sides, changed, reached, contents);
    const paths = [
      'envs/dev/main.tf',
      'envs/dev/terraform.tfvars',
      'modules/net/main.tf',
      'modules/net/subnets/main.tf',
    ];
    expect(trees.base.files.map((f) => f.path).sort()).toEqual(paths);
    expect(trees.head.files.map((f) => f.path).sort()).toEqual(paths);
    expect(trees.head.files.find((f) => f.path === 'envs/dev/terraform.tfvars')!.content).toBe(
      'cidr = "10.2.0.0/16"\n',
    );
  });
  it('the var files the core places with an affected root are in the trees, wherever they lie; those of other roots are not', () => {
    // A module switched on by envs/prod/vars/extra.tfvars alone would otherwise have no instances.
    const changed = [modified('modules/app/main.tf.json')];
    const sides = pullRequestSides(tree, changed);
    const reached = reachedConfiguration(
      ['modules/app/main.tf.json'],
      moduleGraph(sides, repoContents, createCaches().moduleSources),
    );
    expect([...reached.roots].sort()).toEqual(['envs/dev', 'envs/prod']);
    const paths = pullRequestTrees(sides, changed, reached, repoContents).base.files.map((f) => f.path);
    expect(paths).toContain('envs/prod/vars/extra.tfvars');
    expect(paths).toContain('envs/prod/terraform.tfvars');
    expect(paths).not.toContain('envs/dev/terraform.tfvars');
    expect(paths).not.toContain('envs/dev/main.tf');
  });

  it('a var file under no root is in the trees whenever a root is reached: it may be passed to any of them', () => {
    const { tree, contents } = repo({
      'stacks/a/main.tf': 'variable "admin" {}\n',
      'stacks/b/main.tf': 'variable "admin" {}\n',
      'vars/prod.tfvars': 'admin = true\n',
    });
    const changed: ChangedFile[] = [{ path: 'stacks/a/main.tf', status: 'modified', blobSha: sha(77) }];
    const sides = pullRequestSides(tree, changed);
    const both = new Map([...contents, [sha(77), text('variable "admin" {\n  default = false\n}\n')]]);
    const reached = reachedConfiguration(['stacks/a/main.tf'], moduleGraph(sides, both, createCaches().moduleSources));
    expect(pullRequestTrees(sides, changed, reached, both).head.files.map((f) => f.path)).toEqual([
      'vars/prod.tfvars',
      'stacks/a/main.tf',
    ]);
  });
});

describe('files the configuration reads that the change did not touch', () => {
  it('the core learns they exist; once named, they are read and added at both sides, with no file change', () => {
    const iam = (name: string) => `resource "aws_iam_policy" "p" {\n  policy = file("\${path.module}/${name}")\n}\n`;
    const tree: TreeBlob[] = [
      { path: 'stack/iam.tf', blobSha: sha(301), size: 60 },
      { path: 'stack/admin.json', blobSha: sha(302), size: 20 },
      { path: 'stack/big.bin', blobSha: sha(303), size: 5_000_000 },
    ];
    const changed: ChangedFile[] = [{ path: 'stack/iam.tf', status: 'modified', blobSha: sha(311) }];
    const contents = new Map<string, BlobContent>([
      [sha(301), text(iam('big.bin'))],
      [sha(311), text(iam('admin.json'))],
      [sha(302), text('{"Statement":[]}')],
    ]);
    const sides = pullRequestSides(tree, changed);
    const trees = pullRequestTrees(sides, changed, NOTHING_REACHED, contents);
    expect(trees.head.notRead).toEqual(['stack/admin.json', 'stack/big.bin']);
    const unread = buildChangeSet(trees.base, trees.head).unreadFiles!;
    expect(unread).toEqual([
      { side: 'base', path: 'stack/big.bin' },
      { side: 'head', path: 'stack/admin.json' },
    ]);
    // the 5 MB file is over the limit for values: not read, and it stays unread
    expect([...namedFileReads(sides, unread).keys()]).toEqual([sha(302)]);
    const given = withNamedFiles(trees, sides, unread, contents);
    expect(given.base.files.map((f) => f.path)).toEqual(['stack/iam.tf', 'stack/admin.json']);
    expect(given.head.notRead).toEqual(['stack/big.bin']);
    const rebuilt = buildChangeSet(given.base, given.head);
    expect(rebuilt.files.map((f) => f.path)).toEqual(['stack/iam.tf']);
    expect(rebuilt.unreadFiles).toEqual([{ side: 'base', path: 'stack/big.bin' }]);
  });
});

describe('how many unchanged files the configuration may name', () => {
  it.each([
    ['2,000 small files', 2_000, 100, 'read'],
    ['2,001 files', 2_001, 100, 'blocked'],
    ['30 files of 900 KB (27 MB)', 30, 900_000, 'blocked'],
  ])('%s: %s', (_case, count, size, outcome) => {
    const tree: TreeBlob[] = Array.from({ length: count }, (_, i) => ({
      path: `stack/files/f${i}.json`,
      blobSha: sha(10_000 + i),
      size,
    }));
    const unread = tree.map((file) => ({ path: file.path }));
    const read = () => namedFileReads(pullRequestSides(tree, []), unread);
    if (outcome === 'read') expect(read().size).toBe(count);
    else expect(read).toThrow(/that the change did not touch, through file functions, fileset and the scripts CI runs/);
  });
});

describe('file kinds Terraform and OpenTofu read', () => {
  it("OpenTofu files and backend settings (which locate a root's state) are sources; lock files and CLI configuration are values", () => {
    expect(
      ['admin.tofu', 'modules/net/net.tofu.json', 'prod.tfbackend', '.terraform.lock.hcl', '.terraformrc'].map(blobUse),
    ).toEqual(['source', 'source', 'source', 'value', 'value']);
  });

  it('a changed binary under a committed .terraform/ directory reaches the change set as a changed file', () => {
    const plugin: ChangedFile = {
      path: '.terraform/providers/p/terraform-provider-aws',
      status: 'modified',
      blobSha: sha(201),
    };
    const tree: TreeBlob[] = [{ path: plugin.path, blobSha: sha(200), size: 30_000_000 }];
    const sides = pullRequestSides(tree, [plugin]);
    const binary = new Map<string, BlobContent>([
      [sha(200), { byteSize: 30_000_000, binary: true, text: null }],
      [sha(201), { byteSize: 30_000_001, binary: true, text: null }],
    ]);
    const trees = pullRequestTrees(sides, [plugin], NOTHING_REACHED, binary);
    expect(buildChangeSet(trees.base, trees.head).files).toEqual([
      { path: plugin.path, status: 'modified', terraform: false },
    ]);
  });
});
