import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { defaultPolicy } from '../../src/model/policy.js';
import { isLfsPointer } from '../../src/terraform/lfsPointer.js';
import { type Files, tree } from '../classify/catalog/support.js';

/*
 * Git LFS commits a pointer in place of a file's content. A pipeline that checks out with LFS
 * gives Terraform the real content; the tree holds only the pointer. An author could put a
 * policy granting "*" in LFS, and no value rule would ever see it.
 */

function pointer(oidDigit: string, size: number): string {
  return `version https://git-lfs.github.com/spec/v1\noid sha256:${oidDigit.repeat(64)}\nsize ${size}\n`;
}

const POLICY_FILE = `resource "aws_iam_policy" "deploy" {
  name   = "deploy"
  policy = file("\${path.module}/policies/deploy.json")
}
`;
const NARROW_JSON =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::artifacts/*"}]}';

function classify(base: Files, head: Files) {
  return classifyChangeSet(buildChangeSet(tree(base), tree(head)), defaultPolicy());
}

function lfsFindings(base: Files, head: Files): [string, string, string][] {
  return classify(base, head)
    .findings.filter((f) => f.ruleId === 'lfs-content')
    .map((f) => [f.tier, f.address, f.rationale]);
}

describe('a file Terraform reads that is stored in Git LFS is high: its content is not in the tree', () => {
  it.each([
    ['a pointer to another object', pointer('a', 120), pointer('b', 140)],
    ['text replaced by a pointer', NARROW_JSON, pointer('b', 140)],
    ['a pointer replaced by text', pointer('a', 120), NARROW_JSON],
  ])('%s, read by file(): high, naming what reads it', (_case, before, after) => {
    const found = lfsFindings(
      { 'main.tf': POLICY_FILE, 'policies/deploy.json': before },
      { 'main.tf': POLICY_FILE, 'policies/deploy.json': after },
    );
    expect(found).toEqual([
      ['high', 'policies/deploy.json', expect.stringContaining('aws_iam_policy.deploy policy is made of the content')],
    ]);
  });

  it('a template read by templatefile() in a local module counts too', () => {
    const caller = 'module "app" {\n  source = "./modules/app"\n}\n';
    const app = (name: string) =>
      `resource "aws_instance" "web" {\n  ami       = "ami-123"\n  user_data = templatefile("\${path.module}/${name}", {})\n}\n`;
    const found = lfsFindings(
      { 'main.tf': caller, 'modules/app/main.tf': app('init.sh'), 'modules/app/init.sh': pointer('c', 10) },
      { 'main.tf': caller, 'modules/app/main.tf': app('init.sh'), 'modules/app/init.sh': pointer('d', 99) },
    );
    expect(found.map(([tier, path]) => [tier, path])).toEqual([['high', 'modules/app/init.sh']]);
  });

  it('a changed LFS file nothing reads (a diagram beside the code) is not a finding', () => {
    const result = classify(
      { 'main.tf': POLICY_FILE, 'policies/deploy.json': NARROW_JSON, 'docs/diagram.png': pointer('e', 5000) },
      { 'main.tf': POLICY_FILE, 'policies/deploy.json': NARROW_JSON, 'docs/diagram.png': pointer('f', 6000) },
    );
    expect(result.findings.filter((f) => f.ruleId === 'lfs-content')).toEqual([]);
  });

  it.each([
    ['a .tf file', 'extra.tf'],
    ['a terraform.tfvars', 'terraform.tfvars'],
    ['a .tf.json file', 'extra.tf.json'],
  ])('%s committed as an LFS pointer cannot be classified: critical, and the reason says LFS', (_case, path) => {
    const main = 'variable "x" {\n  default = "a"\n}\n';
    const result = classify({ 'main.tf': main }, { 'main.tf': main, [path]: pointer('1', 99) });
    expect(result.tier).toBe('critical');
    expect(result.findings).toContainEqual(
      expect.objectContaining({
        address: path,
        ruleId: 'unparseable',
        rationale: expect.stringContaining('a Git LFS pointer, not Terraform'),
      }),
    );
  });
});

describe('isLfsPointer', () => {
  it.each([
    ['a pointer as the specification writes it', pointer('0', 12), true],
    ['the pre-release "hawser" pointer', pointer('0', 12).replace('git-lfs', 'hawser'), true],
    ['a README that quotes the pointer format mid-text', `Pointers look like:\n${pointer('0', 12)}`, false],
    ['the version line without an oid', 'version https://git-lfs.github.com/spec/v1\nsize 12\n', false],
    ['a pointer-like start in a file too large to be one', pointer('0', 12) + 'x'.repeat(2000), false],
  ])('%s: %s', (_case, content, expected) => {
    expect(isLfsPointer(content)).toBe(expected);
  });
});
