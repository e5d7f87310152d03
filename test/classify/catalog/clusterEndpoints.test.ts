import { describe } from 'vitest';
import { type Case, created, runCases } from './support.js';

const eks = (publicAccess: boolean, cidr: string) =>
  `resource "aws_eks_cluster" "main" {\n  name     = "main"\n  role_arn = "arn:aws:iam::111111111111:role/eks"\n  vpc_config {\n    subnet_ids             = ["subnet-1"]\n    endpoint_public_access = ${publicAccess}\n    public_access_cidrs    = ["${cidr}"]\n  }\n}\n`;
const aks = (cidr: string) =>
  `resource "azurerm_kubernetes_cluster" "main" {\n  name = "main"\n  api_server_access_profile {\n    authorized_ip_ranges = ["${cidr}"]\n  }\n}\n`;

const cases: Case[] = [
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
    "an AKS cluster's API server opened to the world is critical",
    { 'main.tf': aks('203.0.113.0/24') },
    { 'main.tf': aks('0.0.0.0/0') },
    [['azurerm_kubernetes_cluster.main', 'network.azurerm.aks-endpoint-open-world', 'critical']],
  ],
];

describe('network catalog: Kubernetes API endpoints open to the world', () => {
  runCases(cases);
});
