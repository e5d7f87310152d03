import { describe, expect, it } from 'vitest';
import type { BlobContent } from '../../src/github/blobs.js';
import type { ChangedFile } from '../../src/github/changedFiles.js';
import { withHeadModes } from '../../src/github/headLinks.js';
import type { GitHubClient } from '../../src/github/octokit.js';
import { pullRequestSides } from '../../src/github/pullRequestSides.js';

const HEAD = 'e'.repeat(40);
const REPO = { owner: 'acme', name: 'infra' };

/** A GraphQL client that answers every directory with `answer`, and counts its requests. */
function graphqlAnswering(answer: (expression: string) => unknown) {
  const asked: string[][] = [];
  const octokit = {
    graphql: async (_query: string, variables: Record<string, unknown>) => {
      const keys = Object.keys(variables).filter((key) => /^d\d+$/.test(key));
      asked.push(keys.map((key) => String(variables[key])));
      return { repository: Object.fromEntries(keys.map((key) => [key, answer(String(variables[key]))])) };
    },
  } as unknown as GitHubClient;
  return { octokit, asked };
}

function changed(path: string, text: string): { file: ChangedFile; content: [string, BlobContent] } {
  const blobSha = `${path.length}`.padStart(40, '0');
  return {
    file: { path, status: 'modified', blobSha },
    content: [blobSha, { byteSize: text.length, binary: false, text }],
  };
}

async function modesOf(files: { file: ChangedFile; content: [string, BlobContent] }[], answer: (e: string) => unknown) {
  const { octokit, asked } = graphqlAnswering(answer);
  const listed = files.map((f) => f.file);
  const sides = pullRequestSides([], listed);
  const result = await withHeadModes(octokit, REPO, HEAD, sides, listed, new Map(files.map((f) => f.content)));
  return { modes: Object.fromEntries(result.head.map((file) => [file.path, file.mode ?? null])), asked };
}

describe('the head modes of the files a pull request changes', () => {
  it('looks up one-line files only, once per directory, and marks the links', async () => {
    const { modes, asked } = await modesOf(
      [
        changed('stacks/ci/policy.json', 'admin.json'),
        changed('stacks/ci/other.json', '{"a":1}'),
        changed('stacks/ci/main.tf', 'locals {\n  a = 1\n}\n'),
        changed('policy.json', 'policies/admin.json'),
      ],
      (expression) =>
        expression === `${HEAD}:stacks/ci`
          ? {
              entries: [
                { name: 'policy.json', mode: 0o120000 },
                { name: 'other.json', mode: 0o100644 },
              ],
            }
          : { entries: [{ name: 'policy.json', mode: 0o120000 }] },
    );
    expect(asked).toEqual([[`${HEAD}:stacks/ci`, `${HEAD}:`]]);
    expect(modes).toEqual({
      'stacks/ci/policy.json': '120000',
      'stacks/ci/other.json': null,
      'stacks/ci/main.tf': null,
      'policy.json': '120000',
    });
  });

  it.each([
    ['a file of several lines', 'stacks/ci/policy.json', '{\n}\n'],
    ['a repository document', 'README.md', 'see docs/index.md'],
    ['an empty file', 'stacks/ci/empty.json', ''],
  ])('asks nothing for %s', async (_case, path, text) => {
    const { asked } = await modesOf([changed(path, text)], () => {
      throw new Error('not asked');
    });
    expect(asked).toEqual([]);
  });

  it('fails when GitHub does not list a directory where the pull request changes a file', async () => {
    await expect(modesOf([changed('stacks/ci/policy.json', 'admin.json')], () => null)).rejects.toThrow(
      /did not list the directory stacks\/ci of the head commit eeeeeee/,
    );
  });
});
