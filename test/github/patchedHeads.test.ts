import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { headsFromPatches, patchedHeads } from '../../src/github/patchedHeads.js';
import { READ_LIMITS } from '../../src/github/readLimits.js';
import { unifiedDiff } from '../support/unifiedDiff.js';
import { blobsLookedUp } from './support/blobLookups.js';
import { gitBlobSha } from './support/fakeGitHub.js';
import { IAM_BASE, IAM_HEAD, type ScenarioFile, scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { pullRequestEvent } from './support/webhooks.js';

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** A security group rule, harmless at the base. */
const RULE = (cidr: string) => `resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["${cidr}"]
  security_group_id = "sg-1"
}
`;
const BASE = RULE('10.0.0.0/8');
const OPEN = RULE('0.0.0.0/0');

describe("a head made from its base and GitHub's patch", () => {
  it('is not looked up: only the base is read, and the core gets the head', async () => {
    const s = scenario({
      policy: 'version: 1\n',
      files: [{ path: 'sg.tf', status: 'modified', base: BASE, head: OPEN }],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(blobsLookedUp(github.requests)).toEqual([gitBlobSha(BASE)]);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
    expect(JSON.stringify(github.lastCheckRun())).toContain('0.0.0.0/0');
  });

  // Whatever the patch says, what is classified is the head's blob: a patch whose result is not
  // that blob is dropped and the head read. A risky head must never pass as the patch's harmless one.
  it.each<[string, Partial<ScenarioFile>]>([
    ['a patch of another, harmless change', { patch: unifiedDiff(BASE, RULE('10.1.0.0/16')) }],
    [
      'a patch of the base the PR branched from, which the base branch changed since',
      { patch: unifiedDiff(RULE('10.9.0.0/16'), OPEN) },
    ],
    ['a patch that does not parse', { patch: '@@ nonsense @@\n+cidr_blocks = ["10.0.0.0/8"]' }],
  ])('with %s, reads the head and classifies it', async (_name, file) => {
    const s = scenario({
      policy: 'version: 1\n',
      files: [{ path: 'sg.tf', status: 'modified', base: BASE, head: OPEN, ...file }],
    });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(blobsLookedUp(github.requests)).toEqual([gitBlobSha(BASE), gitBlobSha(OPEN)]);
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'action_required' });
    expect(JSON.stringify(github.lastCheckRun())).toContain('0.0.0.0/0');
  });
});

describe('which heads are made from patches', () => {
  const sides = {
    base: [
      { path: 'a.tf', blobSha: 'a0', size: 1 },
      { path: 'old.tf', blobSha: 'b0', size: 1 },
      { path: 'same.tf', blobSha: 's0', size: 1 },
    ],
    head: [],
  };
  it('modified and renamed files with a patch and a base, by head SHA; not added files, unchanged blobs or files without a patch', () => {
    const heads = patchedHeads(sides, [
      { path: 'a.tf', status: 'modified', blobSha: 'a1', patch: 'pa' },
      { path: 'new.tf', previousPath: 'old.tf', status: 'renamed', blobSha: 'b1', patch: 'pb' },
      { path: 'c.tf', status: 'added', blobSha: 'c1', patch: 'pc' },
      { path: 'same.tf', status: 'changed', blobSha: 's0', patch: '' },
      { path: 'd.tf', status: 'modified', blobSha: 'd1' },
    ]);
    expect([...heads]).toEqual([
      ['a1', { baseSha: 'a0', patch: 'pa' }],
      ['b1', { baseSha: 'b0', patch: 'pb' }],
    ]);
  });

  it('reads a value file whose made text is larger than values are read', async () => {
    const base = 'x\n';
    const head = `${'y'.repeat(READ_LIMITS.changedFileBytes)}\n`;
    const patched = new Map([[gitBlobSha(head), { baseSha: gitBlobSha(base), patch: unifiedDiff(base, head) }]]);
    const contents = new Map([[gitBlobSha(base), { byteSize: 2, binary: false, text: base }]]);
    const asValue = await headsFromPatches(new Map([[gitBlobSha(head), 'value' as const]]), patched, contents);
    expect([asValue.made.size, [...asValue.toRead.keys()]]).toEqual([0, [gitBlobSha(head)]]);
    const asSource = await headsFromPatches(new Map([[gitBlobSha(head), 'source' as const]]), patched, contents);
    expect(asSource.made.get(gitBlobSha(head))?.text).toBe(head);
  });

  it('reads a head whose base was not read as text', async () => {
    const patched = new Map([
      [gitBlobSha(IAM_HEAD), { baseSha: gitBlobSha(IAM_BASE), patch: unifiedDiff(IAM_BASE, IAM_HEAD) }],
    ]);
    const binary = new Map([[gitBlobSha(IAM_BASE), { byteSize: 10, binary: true, text: null }]]);
    const made = await headsFromPatches(new Map([[gitBlobSha(IAM_HEAD), 'source' as const]]), patched, binary);
    expect([...made.toRead.keys()]).toEqual([gitBlobSha(IAM_HEAD)]);
  });
});
