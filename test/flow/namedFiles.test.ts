import { describe, expect, it } from 'vitest';
import { classifyTrees } from '../support/classifyTrees.js';

/*
 * A changed file no function Four Eyes follows reads, in a directory the module's code names in
 * a string (an argument of a provider Four Eyes does not read files for): it gets a finding of
 * its own at the default tier, and says where it is named, instead of no change at all.
 */

const SYNC = 'resource "example_sync" "bundle" {\n  dir = "${path.module}/bundle/"\n}\n';

function findings(base: Record<string, string>, head: Record<string, string>) {
  return classifyTrees(base, head).findings.map((f) => [f.tier, f.address, f.ruleId]);
}

describe('a changed file a module names but no followed function reads', () => {
  it('is unreached, at the default tier, with where it is named (before: no change at all)', () => {
    const result = classifyTrees(
      { 'main.tf': SYNC, 'bundle/app.js': 'a()\n' },
      { 'main.tf': SYNC, 'bundle/app.js': 'b()\n' },
    );
    expect(result.findings.map((f) => [f.tier, f.address, f.ruleId])).toEqual([
      ['low', 'bundle/app.js', 'unreached-value'],
    ]);
    expect(result.findings[0]!.rationale).toContain('main.tf:2 names "bundle/"');
  });

  it('a file named itself, in a module above it', () => {
    const named = 'resource "example_config" "c" {\n  path = "config/app.yaml"\n}\n';
    expect(
      findings(
        { 'stack/main.tf': named, 'stack/config/app.yaml': 'a: 1\n' },
        { 'stack/main.tf': named, 'stack/config/app.yaml': 'a: 2\n' },
      ),
    ).toEqual([['low', 'stack/config/app.yaml', 'unreached-value']]);
  });

  it.each([
    ['a directory no code names', { 'other/app.js': 'a()\n' }, { 'other/app.js': 'b()\n' }],
    ['prose beside the code', { 'bundle/README.md': 'a\n' }, { 'bundle/README.md': 'b\n' }],
  ])('quiet: %s is no change', (_name, base, head) => {
    expect(findings({ 'main.tf': SYNC, ...base }, { 'main.tf': SYNC, ...head })).toEqual([]);
  });

  it('quiet: a file a followed function reads is judged where it lands, not as unreached', () => {
    const policy =
      'resource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = file("${path.module}/policies/p.json")\n}\n';
    const rules = findings(
      { 'main.tf': policy, 'policies/p.json': '{"Statement":[]}' },
      {
        'main.tf': policy,
        'policies/p.json': '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"}]}',
      },
    ).map(([, , rule]) => rule);
    expect(rules).not.toContain('unreached-value');
    expect(rules).toContain('identity.aws.iam');
  });
});
