import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { readSourceTree } from '../../src/cli/readTree.js';

const fixture = (side: string) => fileURLToPath(new URL(`../fixtures/changes/platform-pr/${side}`, import.meta.url));

describe('buildChangeSet on a realistic pull request (test/fixtures/changes/platform-pr)', () => {
  const changeSet = buildChangeSet(readSourceTree(fixture('base')), readSourceTree(fixture('head')));

  it('reports each object change once, and nothing for formatting, comments or attribute order', () => {
    expect(
      changeSet.changes.map((c) => ({
        action: c.action,
        module: c.module,
        address: c.address,
        changedPaths: c.changedPaths,
        ...(c.from ? { from: c.from } : {}),
        at: `${(c.head ?? c.base)!.file}:${(c.head ?? c.base)!.range.start.line}`,
      })),
    ).toEqual([
      {
        action: 'move',
        module: '.',
        address: 'aws_s3_bucket.access_logs',
        changedPaths: ['lifecycle.prevent_destroy'],
        from: { module: '.', address: 'aws_s3_bucket.logs' },
        at: 'main.tf:45',
      },
      {
        action: 'update',
        module: '.',
        address: 'aws_security_group.bastion',
        changedPaths: ['ingress[0].cidr_blocks', 'ingress[0].from_port', 'ingress[0].protocol', 'ingress[0].to_port'],
        at: 'main.tf:27',
      },
      { action: 'update', module: '.', address: 'module.vpc', changedPaths: ['version'], at: 'main.tf:21' },
      { action: 'create', module: '.', address: 'moved.aws_s3_bucket.logs', changedPaths: [], at: 'main.tf:49' },
      {
        action: 'update',
        module: '.',
        address: 'terraform.required_providers.aws',
        changedPaths: ['version'],
        at: 'main.tf:4',
      },
      // The runner leaves root '.' (where it was module.ci.aws_instance.runner) for the new root
      // modules/runners, which nothing calls: its own state. Terraform destroys it and creates another.
      {
        action: 'delete',
        module: 'modules/ci',
        address: 'aws_instance.runner',
        changedPaths: [],
        at: 'modules/ci/runners.tf:1',
      },
      {
        action: 'update',
        module: 'modules/ci',
        address: 'data.aws_iam_policy_document.trust',
        changedPaths: ['statement[0].actions'],
        at: 'modules/ci/main.tf:5',
      },
      {
        action: 'create',
        module: 'modules/runners',
        address: 'aws_instance.runner',
        changedPaths: [],
        at: 'modules/runners/main.tf:1',
      },
    ]);
    expect(changeSet.unparsed).toEqual([]);
  });

  it('lists every changed file, the CODEOWNERS edit included', () => {
    expect(changeSet.files).toEqual([
      { path: '.github/CODEOWNERS', status: 'modified', terraform: false },
      { path: 'main.tf', status: 'modified', terraform: true },
      { path: 'modules/ci/main.tf', status: 'modified', terraform: true },
      { path: 'modules/runners/main.tf', status: 'renamed', previousPath: 'modules/ci/runners.tf', terraform: true },
    ]);
  });
});
