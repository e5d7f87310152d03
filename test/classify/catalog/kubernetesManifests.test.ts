import { describe } from 'vitest';
import { type Case, created, runCases } from './support.js';

/*
 * A Kubernetes object applied from its manifest (kubernetes_manifest, kubectl_manifest) is judged
 * by its kind and body, as the resource types of the same objects are.
 */

const BINDING = (role: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ci\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ${role}\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: ci\n`;
const CONFIG_MAP = (value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  level: "${value}"\n`;
const SERVICE = (type: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: ${type}\n  ports:\n    - port: 443\n`;

const POD = (securityContext: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: agent\n      image: acme/agent:1\n      securityContext:\n        ${securityContext}\n`;

const kubernetesManifest =
  'resource "kubernetes_manifest" "m" {\n  manifest = yamldecode(file("${path.module}/m.yaml"))\n}\n';
const kubectlManifest = 'resource "kubectl_manifest" "m" {\n  yaml_body = file("${path.module}/m.yaml")\n}\n';

/** The same resource at both sides, its manifest file changed from `before` to `after`. */
function manifestChange(code: string, before: string, after: string): [Record<string, string>, Record<string, string>] {
  return [
    { 'main.tf': code, 'm.yaml': before },
    { 'main.tf': code, 'm.yaml': after },
  ];
}

const cases: Case[] = [
  [
    'a privileged pod applied from its manifest is high',
    ...manifestChange(kubernetesManifest, POD('privileged: false'), POD('privileged: true')),
    [['kubernetes_manifest.m', 'identity.kubernetes.manifest-privileged-workload', 'high']],
  ],
  [
    'a pod given SYS_ADMIN in the yaml_body of kubectl_manifest is high',
    ...manifestChange(kubectlManifest, POD('runAsNonRoot: true'), POD('capabilities: { add: [SYS_ADMIN] }')),
    [['kubectl_manifest.m', 'identity.kubectl.manifest-privileged-workload', 'high']],
  ],
  [
    'a binding to cluster-admin applied by kubernetes_manifest is critical',
    ...manifestChange(kubernetesManifest, BINDING('view'), BINDING('cluster-admin')),
    [
      ['kubernetes_manifest.m', 'identity.kubernetes.manifest-cluster-admin', 'critical'],
      ['kubernetes_manifest.m', 'identity.kubernetes.manifest-rbac', 'high'],
    ],
  ],
  [
    'the same binding in the yaml_body of kubectl_manifest is critical',
    ...manifestChange(kubectlManifest, BINDING('view'), BINDING('cluster-admin')),
    [
      ['kubectl_manifest.m', 'identity.kubectl.manifest-cluster-admin', 'critical'],
      ['kubectl_manifest.m', 'identity.kubectl.manifest-rbac', 'high'],
    ],
  ],
  [
    'a service made a load balancer is high',
    ...manifestChange(kubernetesManifest, SERVICE('ClusterIP'), SERVICE('LoadBalancer')),
    [['kubernetes_manifest.m', 'network.kubernetes.manifest-exposure', 'high']],
  ],
  [
    'a secret added to a manifest stream (two documents) is high',
    ...manifestChange(
      kubectlManifest,
      CONFIG_MAP('info'),
      `${CONFIG_MAP('info')}---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: token\nstringData:\n  token: x\n`,
    ),
    [['kubectl_manifest.m', 'secrets.kubectl.manifest-secret', 'high']],
  ],
  [
    'a config map changed is no more than any change',
    ...manifestChange(kubernetesManifest, CONFIG_MAP('info'), CONFIG_MAP('debug')),
    [['kubernetes_manifest.m', 'default', 'low']],
  ],
];

const release = (chart: string) => `resource "helm_release" "web" {\n  name  = "web"\n  chart = "${chart}"\n}\n`;
const TEMPLATE = (role: string) => `kind: ClusterRoleBinding\nroleRef:\n  name: ${role}\n`;

/** A release of a chart from a repository, installed with `values` and a `set`. */
const withValues = (set = 'false', timeout = 300) =>
  `resource "helm_release" "web" {\n  name    = "web"\n  chart   = "ingress-nginx"\n  timeout = ${timeout}\n  values  = [file("\${path.module}/values.yaml")]\n  set {\n    name  = "rbac.create"\n    value = "${set}"\n  }\n}\n`;
const VALUES = (range: string) => `controller:\n  service:\n    loadBalancerSourceRanges:\n      - ${range}\n`;

/** What an author may put before the values that matter: comments and keys the chart ignores. */
const PADDING =
  Array.from({ length: 16_000 }, (_, i) => `# ${i} ${'x'.repeat(60)}\n`).join('') +
  `padding:\n${Array.from({ length: 6_000 }, (_, i) => `  k${i}: v\n`).join('')}`;

const chartCases: Case[] = [
  [
    'the values file of a release changed alone is medium: the chart makes them into objects this change does not show',
    { 'main.tf': withValues(), 'values.yaml': VALUES('10.0.0.0/8') },
    { 'main.tf': withValues(), 'values.yaml': VALUES('192.168.0.0/16') },
    [['helm_release.web', 'modules.helm.values-changed', 'medium']],
  ],
  [
    'the values file opening the load balancer to the world is critical (read as YAML)',
    { 'main.tf': withValues(), 'values.yaml': VALUES('10.0.0.0/8') },
    { 'main.tf': withValues(), 'values.yaml': VALUES('0.0.0.0/0') },
    [
      ['helm_release.web', 'modules.helm.values-open-world', 'critical'],
      ['helm_release.web', 'modules.helm.values-changed', 'medium'],
    ],
  ],
  [
    'the same with the values file padded by a megabyte of comments and thousands of keys: still critical',
    { 'main.tf': withValues(), 'values.yaml': PADDING + VALUES('10.0.0.0/8') },
    { 'main.tf': withValues(), 'values.yaml': PADDING + VALUES('0.0.0.0/0') },
    [
      ['helm_release.web', 'modules.helm.values-open-world', 'critical'],
      ['helm_release.web', 'modules.helm.values-changed', 'medium'],
    ],
  ],
  [
    'the world elsewhere in the values (an egress rule) is no allow-list: medium',
    { 'main.tf': withValues(), 'values.yaml': 'networkPolicy:\n  egress:\n    - to: 10.0.0.0/8\n' },
    { 'main.tf': withValues(), 'values.yaml': 'networkPolicy:\n  egress:\n    - to: 0.0.0.0/0\n' },
    [['helm_release.web', 'modules.helm.values-changed', 'medium']],
  ],
  [
    'a new release whose values allow the world is critical',
    ...created(
      'resource "helm_release" "web" {\n  name   = "web"\n  chart  = "ingress-nginx"\n  values = [<<EOT\ncontroller:\n  service:\n    loadBalancerSourceRanges: ["0.0.0.0/0"]\nEOT\n  ]\n}\n',
    ),
    [
      ['helm_release.web', 'modules.helm.values-open-world', 'critical'],
      ['helm_release.web', 'modules.helm.chart', 'high'],
    ],
  ],
  [
    'a value set in the release is medium',
    { 'main.tf': withValues('false'), 'values.yaml': VALUES('10.0.0.0/8') },
    { 'main.tf': withValues('true'), 'values.yaml': VALUES('10.0.0.0/8') },
    [['helm_release.web', 'modules.helm.values-changed', 'medium']],
  ],
  [
    'a range set to the whole internet with set is critical',
    { 'main.tf': withValues('10.0.0.0/8'), 'values.yaml': VALUES('10.0.0.0/8') },
    { 'main.tf': withValues('0.0.0.0/0'), 'values.yaml': VALUES('10.0.0.0/8') },
    [
      ['helm_release.web', 'modules.helm.values-open-world', 'critical'],
      ['helm_release.web', 'modules.helm.values-changed', 'medium'],
    ],
  ],
  [
    'another timeout is no value of the chart: the default tier',
    { 'main.tf': withValues('false', 300), 'values.yaml': VALUES('10.0.0.0/8') },
    { 'main.tf': withValues('false', 600), 'values.yaml': VALUES('10.0.0.0/8') },
    [['helm_release.web', 'default', 'low']],
  ],
  [
    'a template of a chart kept in the repository, changed alone: the release is high (its templates are not judged)',
    { 'main.tf': release('./charts/web'), 'charts/web/templates/rbac.yaml': TEMPLATE('view') },
    { 'main.tf': release('./charts/web'), 'charts/web/templates/rbac.yaml': TEMPLATE('cluster-admin') },
    [['helm_release.web', 'modules.helm.chart', 'high']],
  ],
  [
    'a template of a chart whose directory is known only at apply time, changed alone: the release is high (before: low, an unreached value)',
    {
      'main.tf': `variable "app" {}\n${release('${path.module}/charts/${var.app}')}`,
      'charts/web/templates/rbac.yaml': TEMPLATE('view'),
    },
    {
      'main.tf': `variable "app" {}\n${release('${path.module}/charts/${var.app}')}`,
      'charts/web/templates/rbac.yaml': TEMPLATE('cluster-admin'),
    },
    [['helm_release.web', 'modules.helm.chart', 'high']],
  ],
  [
    'a chart of which nothing is known (var.chart, often a repository chart) is not guessed at: a changed file stays unreached',
    {
      'main.tf': `variable "chart" {}\n${release('${var.chart}')}`,
      'charts/web/templates/rbac.yaml': TEMPLATE('view'),
    },
    {
      'main.tf': `variable "chart" {}\n${release('${var.chart}')}`,
      'charts/web/templates/rbac.yaml': TEMPLATE('cluster-admin'),
    },
    [['charts/web/templates/rbac.yaml', 'unreached-value', 'low']],
  ],
  [
    'another chart from a repository is high',
    { 'main.tf': release('ingress-nginx') },
    { 'main.tf': release('ingress-nginx-fork') },
    [['helm_release.web', 'modules.helm.chart', 'high']],
  ],
  [
    'a file beside the chart, not in it, changes nothing of the release',
    { 'main.tf': release('./charts/web'), 'charts/web/Chart.yaml': 'name: web\n', 'charts/README.txt': 'a\n' },
    { 'main.tf': release('./charts/web'), 'charts/web/Chart.yaml': 'name: web\n', 'charts/README.txt': 'b\n' },
    [],
  ],
];

describe('Kubernetes objects applied from manifests', () => {
  runCases(cases);
});

describe('Helm releases: the chart is what they install', () => {
  runCases(chartCases);
});
