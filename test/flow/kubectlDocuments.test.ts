import { describe, expect, it } from 'vitest';
import { foldedDocuments, yamlDocuments } from '../../src/flow/kubectlDocuments.js';
import type { Expression } from '../../src/terraform/model.js';
import { parseHcl } from '../../src/terraform/parser.js';
import { expressionText } from '../../src/terraform/printer.js';
import { topRules } from '../support/classifyTrees.js';

const VIEWERS = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: viewers
subjects:
  - kind: User
    name: eve
roleRef:
  kind: ClusterRole
  name: view
  apiGroup: rbac.authorization.k8s.io
`;
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n';
const ADMINS = VIEWERS.replace('name: view\n', 'name: cluster-admin\n');

/** The provider's own example: the file's documents, one kubectl_manifest each. */
const FILE_DOCUMENTS = `data "kubectl_file_documents" "docs" {
  content = file("\${path.module}/rbac.yaml")
}

resource "kubectl_manifest" "docs" {
  for_each  = data.kubectl_file_documents.docs.manifests
  yaml_body = each.value
}
`;

const PATH_DOCUMENTS = `data "kubectl_path_documents" "docs" {
  pattern = "\${path.module}/manifests/*.yaml"
}

resource "kubectl_manifest" "docs" {
  for_each  = toset(data.kubectl_path_documents.docs.documents)
  yaml_body = each.value
}
`;

describe('YAML documents', () => {
  it('splits at --- lines and leaves out documents with nothing but comments', () => {
    expect(yamlDocuments(`# all of it\n---\n${VIEWERS}--- # next\n${NAMESPACE}---\n`)).toEqual([
      VIEWERS.trim(),
      NAMESPACE.trim(),
    ]);
  });

  it('keys manifests by API version, namespace, kind and name', () => {
    const text: Expression = {
      kind: 'literal',
      value: `${VIEWERS}---\n${NAMESPACE}`,
      range: parseHcl('x = 1\n', 't.tf').attributes[0]!.range,
    };
    const manifests = foldedDocuments('four_eyes_yaml_manifests', [text], text.range);
    expect(manifests && expressionText(manifests)).toMatch(
      /^\{"\/rbac\.authorization\.k8s\.io\/v1\/clusterrolebindings\/viewers" = .*, "\/v1\/namespaces\/apps" = /,
    );
  });

  it('a text not known is left to the call (read as the whole text)', () => {
    const expr = parseHcl('x = var.yaml\n', 't.tf').attributes[0]!.expr;
    expect(foldedDocuments('four_eyes_yaml_documents', [expr], expr.range)).toBeNull();
  });
});

describe("the kubectl provider's documents of YAML files land in the manifests applied", () => {
  it('caught: a binding to cluster-admin in the file kubectl_file_documents splits (before: low)', () => {
    expect(
      topRules(
        { 'main.tf': FILE_DOCUMENTS, 'rbac.yaml': `${VIEWERS}---\n${NAMESPACE}` },
        { 'main.tf': FILE_DOCUMENTS, 'rbac.yaml': `${ADMINS}---\n${NAMESPACE}` },
      ),
    ).toEqual(['critical', ['identity.kubectl.manifest-cluster-admin']]);
  });

  it('caught: the same in a file kubectl_path_documents matches (before: no change at all)', () => {
    expect(
      topRules(
        { 'main.tf': PATH_DOCUMENTS, 'manifests/rbac.yaml': VIEWERS, 'manifests/ns.yaml': NAMESPACE },
        { 'main.tf': PATH_DOCUMENTS, 'manifests/rbac.yaml': ADMINS, 'manifests/ns.yaml': NAMESPACE },
      ),
    ).toEqual(['critical', ['identity.kubectl.manifest-cluster-admin']]);
  });

  it('caught: the same where the pattern is a path from the root, without path.module', () => {
    const relative = PATH_DOCUMENTS.replace('${path.module}/manifests', 'manifests');
    expect(
      topRules(
        { 'main.tf': relative, 'manifests/rbac.yaml': VIEWERS },
        { 'main.tf': relative, 'manifests/rbac.yaml': ADMINS },
      ),
    ).toEqual(['critical', ['identity.kubectl.manifest-cluster-admin']]);
  });

  it('caught: the same where the pattern is known only at apply time (before: low, an unreached value)', () => {
    const unknown = `variable "dir" {}\n${PATH_DOCUMENTS.replace('${path.module}/manifests', '${var.dir}')}`;
    expect(
      topRules(
        { 'main.tf': unknown, 'manifests/rbac.yaml': VIEWERS, 'manifests/ns.yaml': NAMESPACE },
        { 'main.tf': unknown, 'manifests/rbac.yaml': ADMINS, 'manifests/ns.yaml': NAMESPACE },
      ),
    ).toEqual(['critical', ['identity.kubectl.manifest-cluster-admin']]);
  });

  it('quiet guard: a changed file a pattern known only at apply time cannot match (a script) is not reported as maybe read by it', () => {
    const unknown = `variable "dir" {}\n${PATH_DOCUMENTS.replace('${path.module}/manifests', '${var.dir}')}`;
    expect(
      topRules({ 'main.tf': unknown, 'scripts/x.sh': 'echo 1\n' }, { 'main.tf': unknown, 'scripts/x.sh': 'echo 2\n' }),
    ).toEqual(['none', []]);
  });

  it('caught: a new file the pattern matches, with the binding', () => {
    expect(
      topRules(
        { 'main.tf': PATH_DOCUMENTS, 'manifests/ns.yaml': NAMESPACE },
        { 'main.tf': PATH_DOCUMENTS, 'manifests/ns.yaml': NAMESPACE, 'manifests/admins.yaml': ADMINS },
      ),
    ).toEqual(['critical', ['identity.kubectl.manifest-cluster-admin']]);
  });

  it("quiet: a namespace added to the file is that manifest created, not the other documents' rules again", () => {
    expect(
      topRules(
        { 'main.tf': FILE_DOCUMENTS, 'rbac.yaml': VIEWERS },
        { 'main.tf': FILE_DOCUMENTS, 'rbac.yaml': `${VIEWERS}---\n${NAMESPACE}` },
      ),
    ).toEqual(['low', ['default']]);
  });
});
