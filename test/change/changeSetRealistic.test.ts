import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { readSourceTree } from '../../src/cli/readTree.js';
import { buildInventory } from '../../src/terraform/inventory.js';
import { parseTerraformFile } from '../../src/terraform/parseFile.js';
import type { SourceTree } from '../../src/terraform/sourceTree.js';

const corpus = readSourceTree(fileURLToPath(new URL('../fixtures/realistic', import.meta.url)));

function underDirectory(tree: SourceTree, directory: string): SourceTree {
  return { files: tree.files.map((file) => ({ path: `${directory}/${file.path}`, content: file.content })) };
}

describe('buildChangeSet over the realistic corpus (test/fixtures/realistic)', () => {
  it('finds no change between a tree and itself', () => {
    const changeSet = buildChangeSet(corpus, corpus);
    expect(changeSet).toEqual({
      changes: [],
      files: [],
      unparsed: [],
      problems: [],
      reachedModules: [],
      unreached: [],
      toolDependent: [],
    });
  });

  it('reads every object of a tree moved into another directory as a move without changed paths', () => {
    const changeSet = buildChangeSet(corpus, underDirectory(corpus, 'live'));
    const objects = new Set(
      buildInventory(corpus.files.map(parseTerraformFile)).entries.map((e) => `${e.module} ${e.address}`),
    );
    expect(objects.size).toBeGreaterThan(300);
    expect(changeSet.changes.length).toBe(objects.size);
    for (const change of changeSet.changes) {
      expect(change).toMatchObject({
        action: 'move',
        changedPaths: [],
        from: { module: change.module.slice('live/'.length), address: change.address },
      });
    }
    expect(changeSet.files.map((file) => file.status)).toEqual(corpus.files.map(() => 'renamed'));
  });
});
