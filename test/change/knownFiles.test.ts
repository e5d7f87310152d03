import { describe, expect, it } from 'vitest';
import { KnownFiles } from '../../src/change/knownFiles.js';

const paths = new Set(['ci/hooks/a.sh', 'ci/hooks/b.sh', 'ci/hooks/notes.md', 'bin/deploy', 'bin/lib/x.sh', 'main.tf']);

describe('the files a side has, as pipelines name them', () => {
  it('matches a glob of one kind of file, prose left out', () => {
    const known = new KnownFiles(paths, new Set());
    expect(known.matching('ci/hooks/*.sh')).toEqual(['ci/hooks/a.sh', 'ci/hooks/b.sh']);
    expect(known.matching('ci/hooks/*.md')).toEqual([]);
  });

  it('lists the files directly in a directory, not below it', () => {
    const known = new KnownFiles(paths, new Set());
    expect(known.inDirectory('bin')).toEqual(['bin/deploy']);
    expect(known.inDirectory('.')).toEqual(['main.tf']);
    expect(known.inDirectory('nowhere')).toEqual([]);
  });

  it('past a thousand distinct globs, matches new ones against the changed files only: a changed file is still found', () => {
    const known = new KnownFiles(paths, new Set(['ci/hooks/b.sh']));
    for (let i = 0; i < 1_000; i++) known.matching(`generated/${i}/*.sh`);
    expect(known.matching('ci/hooks/*.sh')).toEqual(['ci/hooks/b.sh']);
  });
});
