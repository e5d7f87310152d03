import { describe, expect, it } from 'vitest';
import { buildChangeSet } from '../../src/change/changeSet.js';
import { classifyChangeSet } from '../../src/classify/classify.js';
import { defaultPolicy } from '../../src/model/policy.js';
import type { SourceTree } from '../../src/terraform/sourceTree.js';

/*
 * A caller that reads only what a change reaches (the app) tells the core which other files
 * exist without their content (`notRead`). A file function or a command line that names one must
 * not be taken for one that names nothing: the change set says which, to be read.
 */

const iam = (name: string) =>
  `resource "aws_iam_policy" "p" {\n  name   = "ops"\n  policy = file("\${path.module}/${name}")\n}\n`;
const ADMIN = '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
const READONLY = '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}';

describe('files that exist but were not read', () => {
  it('a file function that names one: listed by side in unreadFiles, and no file change for it', () => {
    const base: SourceTree = {
      files: [{ path: 'stack/iam.tf', content: iam('readonly.json') }],
      notRead: ['stack/readonly.json', 'stack/admin.json'],
    };
    const head: SourceTree = {
      files: [{ path: 'stack/iam.tf', content: iam('admin.json') }],
      notRead: ['stack/readonly.json', 'stack/admin.json'],
    };
    const changeSet = buildChangeSet(base, head);
    expect(changeSet.unreadFiles).toEqual([
      { side: 'base', path: 'stack/readonly.json' },
      { side: 'head', path: 'stack/admin.json' },
    ]);
    expect(changeSet.files.map((f) => f.path)).toEqual(['stack/iam.tf']);
  });

  it("a Helm chart's unchanged files are not asked for: only a changed one can change the release", () => {
    const release = 'resource "helm_release" "web" {\n  name  = "web"\n  chart = "./charts/web"\n}\n';
    const side = (template: string): SourceTree => ({
      files: [
        { path: 'main.tf', content: release },
        { path: 'charts/web/templates/rbac.yaml', content: template },
      ],
      notRead: ['charts/web/Chart.yaml', 'charts/web/values.yaml'],
    });
    const changeSet = buildChangeSet(side('roleRef:\n  name: view\n'), side('roleRef:\n  name: cluster-admin\n'));
    expect(changeSet.unreadFiles).toBeUndefined();
    expect(changeSet.changes.map((c) => [c.address, c.changedPaths])).toEqual([['helm_release.web', ['chart']]]);
  });

  it("an archive's unchanged source files are not asked for either (a Lambda source directory may hold thousands)", () => {
    const code =
      'data "archive_file" "fn" {\n  type        = "zip"\n  source_dir  = "${path.module}/src"\n  output_path = "fn.zip"\n}\nresource "aws_lambda_function" "fn" {\n  function_name    = "fn"\n  role             = "arn:aws:iam::1:role/fn"\n  source_code_hash = data.archive_file.fn.output_base64sha256\n}\n';
    const side = (handler: string): SourceTree => ({
      files: [
        { path: 'main.tf', content: code },
        { path: 'src/index.py', content: handler },
      ],
      notRead: ['src/vendor/a.py', 'src/vendor/b.py'],
    });
    const changeSet = buildChangeSet(side('return 1\n'), side('return 2\n'));
    expect(changeSet.unreadFiles).toBeUndefined();
    expect(changeSet.changes.map((c) => [c.address, c.changedPaths])).toEqual([
      ['aws_lambda_function.fn', ['source_code_hash']],
    ]);
  });

  it('a kubectl_path_documents pattern asks for every matching file it has not read, at once', () => {
    const documents =
      'data "kubectl_path_documents" "docs" {\n  pattern = "${path.module}/manifests/*.yaml"\n}\nresource "kubectl_manifest" "docs" {\n  for_each  = toset(data.kubectl_path_documents.docs.documents)\n  yaml_body = each.value\n}\n';
    const side = (binding: string): SourceTree => ({
      files: [
        { path: 'main.tf', content: documents },
        { path: 'manifests/binding.yaml', content: binding },
      ],
      notRead: ['manifests/a.yaml', 'manifests/b.yaml'],
    });
    const changeSet = buildChangeSet(
      side('kind: ClusterRoleBinding\nroleRef:\n  name: view\n'),
      side('kind: ClusterRoleBinding\nroleRef:\n  name: cluster-admin\n'),
    );
    expect(changeSet.unreadFiles).toEqual([
      { side: 'base', path: 'manifests/a.yaml' },
      { side: 'base', path: 'manifests/b.yaml' },
      { side: 'head', path: 'manifests/a.yaml' },
      { side: 'head', path: 'manifests/b.yaml' },
    ]);
  });

  it('once read and given, the same change is judged by what the file grants', () => {
    const files = (name: string) => [
      { path: 'stack/iam.tf', content: iam(name) },
      { path: 'stack/readonly.json', content: READONLY },
      { path: 'stack/admin.json', content: ADMIN },
    ];
    const changeSet = buildChangeSet({ files: files('readonly.json') }, { files: files('admin.json') });
    expect(changeSet.unreadFiles).toBeUndefined();
    const rules = classifyChangeSet(changeSet, defaultPolicy()).findings.map((f) => f.ruleId);
    expect(rules).toContain('identity.aws.wildcard-action');
  });

  it('fileset sees the files that were not read, and a file it leads to is asked for', () => {
    const code = (pattern: string) =>
      `resource "aws_iam_policy" "p" {\n  for_each = fileset(path.module, "${pattern}")\n  name     = each.value\n  policy   = file("\${path.module}/\${each.value}")\n}\n`;
    const notRead = ['stack/policies/a.json', 'stack/admin/b.json'];
    const changeSet = buildChangeSet(
      { files: [{ path: 'stack/iam.tf', content: code('policies/*.json') }], notRead },
      { files: [{ path: 'stack/iam.tf', content: code('admin/*.json') }], notRead },
    );
    expect(changeSet.unreadFiles).toEqual([
      { side: 'base', path: 'stack/policies/a.json' },
      { side: 'head', path: 'stack/admin/b.json' },
    ]);
  });

  it('without notRead, a named file that is absent is absent: nothing to read', () => {
    const changeSet = buildChangeSet(
      { files: [{ path: 'stack/iam.tf', content: iam('readonly.json') }] },
      { files: [{ path: 'stack/iam.tf', content: iam('admin.json') }] },
    );
    expect(changeSet.unreadFiles).toBeUndefined();
  });
});
