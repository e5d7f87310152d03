import { describe } from 'vitest';
import { type Case, created, runCases } from './support.js';

const eks = (publicAccess: boolean, cidr: string) =>
  `resource "aws_eks_cluster" "main" {\n  name     = "main"\n  role_arn = "arn:aws:iam::111111111111:role/eks"\n  vpc_config {\n    subnet_ids             = ["subnet-1"]\n    endpoint_public_access = ${publicAccess}\n    public_access_cidrs    = ["${cidr}"]\n  }\n}\n`;
/** An EKS cluster with only what its `vpc_config` says: the provider's defaults for the rest. */
const eksWith = (settings: string, subnets = '["subnet-1"]') =>
  `resource "aws_eks_cluster" "main" {\n  name     = "main"\n  role_arn = "arn:aws:iam::111111111111:role/eks"\n  vpc_config {\n    subnet_ids = ${subnets}\n${settings}  }\n}\n`;
const aks = (cidr: string) =>
  `resource "azurerm_kubernetes_cluster" "main" {\n  name = "main"\n  api_server_access_profile {\n    authorized_ip_ranges = ["${cidr}"]\n  }\n}\n`;

/** A GKE cluster with `inside` (its access settings, or nothing: the provider's defaults). */
const gke = (inside: string) =>
  `resource "google_container_cluster" "main" {\n  name     = "main"\n  location = "europe-west1"\n${inside}}\n`;
const AUTHORIZED =
  '  master_authorized_networks_config {\n    cidr_blocks {\n      cidr_block = "10.0.0.0/8"\n    }\n  }\n';
/** An AKS cluster with only `settings` besides its name. */
const aksWith = (settings: string) =>
  `resource "azurerm_kubernetes_cluster" "main" {\n  name       = "main"\n  dns_prefix = "main"\n${settings}}\n`;

const cases: Case[] = [
  [
    "a GKE cluster created without authorized networks or a private endpoint is critical (the provider's default: open to all)",
    ...created(gke('')),
    [['google_container_cluster.main', 'network.google.gke-endpoint-open-by-default', 'critical']],
  ],
  [
    "a GKE cluster's authorized networks taken away is critical",
    { 'main.tf': gke(AUTHORIZED) },
    { 'main.tf': gke('') },
    [['google_container_cluster.main', 'network.google.gke-endpoint-open-by-default', 'critical']],
  ],
  ...[
    ['authorized networks', AUTHORIZED],
    ['a private endpoint', '  private_cluster_config {\n    enable_private_endpoint = true\n  }\n'],
    [
      'authorized networks a dynamic block may generate',
      '  dynamic "master_authorized_networks_config" {\n    for_each = var.networks\n    content {}\n  }\n',
    ],
  ].map(
    ([what, inside]): Case => [
      `quiet guard: a GKE cluster created with ${what} is the default tier`,
      ...created(gke(inside!)),
      [['google_container_cluster.main', 'default', 'low']],
    ],
  ),
  [
    'quiet guard: private nodes alone keep the public endpoint open: still critical',
    ...created(gke('  private_cluster_config {\n    enable_private_nodes = true\n  }\n')),
    [['google_container_cluster.main', 'network.google.gke-endpoint-open-by-default', 'critical']],
  ],
  [
    "an AKS cluster created neither private nor with authorized IP ranges is critical (the provider's default)",
    ...created(aksWith('')),
    [['azurerm_kubernetes_cluster.main', 'network.azurerm.aks-endpoint-open-by-default', 'critical']],
  ],
  ...[
    ['private', '  private_cluster_enabled = true\n'],
    ['with authorized IP ranges', '  api_server_access_profile {\n    authorized_ip_ranges = ["10.0.0.0/8"]\n  }\n'],
  ].map(
    ([what, settings]): Case => [
      `quiet guard: an AKS cluster created ${what} is the default tier`,
      ...created(aksWith(settings!)),
      [['azurerm_kubernetes_cluster.main', 'default', 'low']],
    ],
  ),
  [
    "an EKS cluster's public endpoint opened to the world is critical",
    { 'main.tf': eks(true, '203.0.113.0/24') },
    { 'main.tf': eks(true, '0.0.0.0/0') },
    [['aws_eks_cluster.main', 'network.aws.eks-endpoint-open-world', 'critical']],
  ],
  [
    'the public endpoint switched on where its CIDRs are the world is critical',
    { 'main.tf': eks(false, '0.0.0.0/0') },
    { 'main.tf': eks(true, '0.0.0.0/0') },
    [['aws_eks_cluster.main', 'network.aws.eks-endpoint-open-world', 'critical']],
  ],
  [
    'world CIDRs with the public endpoint off admit nobody: the default tier',
    ...created(eks(false, '0.0.0.0/0')),
    [['aws_eks_cluster.main', 'default', 'low']],
  ],
  [
    'a new EKS cluster left with the defaults (public endpoint on, no CIDRs) is open to the world: critical',
    ...created(eksWith('')),
    [['aws_eks_cluster.main', 'network.aws.eks-endpoint-open-by-default', 'critical']],
  ],
  [
    'the public endpoint switched on without CIDRs is critical',
    { 'main.tf': eksWith('    endpoint_public_access = false\n') },
    { 'main.tf': eksWith('    endpoint_public_access = true\n') },
    [['aws_eks_cluster.main', 'network.aws.eks-endpoint-open-by-default', 'critical']],
  ],
  [
    'public_access_cidrs taken out from a public endpoint is critical',
    { 'main.tf': eksWith('    endpoint_public_access = true\n    public_access_cidrs    = ["203.0.113.0/24"]\n') },
    { 'main.tf': eksWith('    endpoint_public_access = true\n') },
    [['aws_eks_cluster.main', 'network.aws.eks-endpoint-open-by-default', 'critical']],
  ],
  ...[
    ['a private endpoint', '    endpoint_public_access = false\n'],
    ['a public endpoint narrowed by CIDRs', '    public_access_cidrs = ["203.0.113.0/24"]\n'],
  ].map(
    ([name, settings]): Case => [
      `a new EKS cluster with ${name} is not open by default: the default tier`,
      ...created(eksWith(settings!)),
      [['aws_eks_cluster.main', 'default', 'low']],
    ],
  ),
  [
    "a private cluster's subnets changed: the default tier",
    { 'main.tf': eksWith('    endpoint_public_access = false\n') },
    { 'main.tf': eksWith('    endpoint_public_access = false\n', '["subnet-1", "subnet-2"]') },
    [['aws_eks_cluster.main', 'default', 'low']],
  ],
  [
    "an AKS cluster's API server opened to the world is critical",
    { 'main.tf': aks('203.0.113.0/24') },
    { 'main.tf': aks('0.0.0.0/0') },
    [['azurerm_kubernetes_cluster.main', 'network.azurerm.aks-endpoint-open-world', 'critical']],
  ],
];

describe('network catalog: Kubernetes API endpoints open to the world', () => {
  runCases(cases);
});
