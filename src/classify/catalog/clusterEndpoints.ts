import type { Rule } from '../../model/policy.js';
import { rule, valuesAt } from './rule.js';

/**
 * A Kubernetes control plane whose public endpoint admits the whole internet: anyone can try the
 * API server, whose credentials are then the only guard (GKE's authorized networks are matched
 * with the Google firewall rules).
 */
export const CLUSTER_ENDPOINT_RULES: readonly Rule[] = [
  rule(
    'network.aws.eks-endpoint-open-world',
    'critical',
    {
      kinds: ['resource'],
      resourceTypes: ['aws_eks_cluster'],
      // The CIDRs apply only while the public endpoint is on.
      values: valuesAt(['vpc_config.public_access_cidrs'], {
        cidr: 'internet',
        widenedBy: ['vpc_config.endpoint_public_access'],
        unless: { key: 'endpoint_public_access', equals: false },
      }),
    },
    "Opens an EKS cluster's public API endpoint to the whole internet (0.0.0.0/0 or any range as wide as a /8): anyone can reach the API server; restrict public_access_cidrs.",
  ),
  rule(
    'network.aws.eks-endpoint-open-by-default',
    'critical',
    {
      kinds: ['resource'],
      resourceTypes: ['aws_eks_cluster'],
      // The provider's defaults: the public endpoint on, and open to 0.0.0.0/0 where no
      // public_access_cidrs narrows it.
      values: [
        {
          attribute: 'vpc_config.endpoint_public_access',
          equals: true,
          unless: { key: 'public_access_cidrs', present: true },
        },
        {
          attribute: 'vpc_config.subnet_ids',
          regex: '',
          unless: [
            { key: 'endpoint_public_access', present: true },
            { key: 'public_access_cidrs', present: true },
          ],
        },
      ],
    },
    "Leaves an EKS cluster's public API endpoint open to the whole internet by the provider's default (public access on, no public_access_cidrs): anyone can reach the API server; restrict it.",
  ),
  rule(
    'network.google.gke-endpoint-open-by-default',
    'critical',
    {
      kinds: ['resource'],
      resourceTypes: ['google_container_cluster'],
      // GKE's default: the control plane's public endpoint answers any address, unless authorized
      // networks narrow it or the endpoint is private.
      values: [
        {
          attribute: 'name',
          regex: '',
          unless: [
            { block: 'master_authorized_networks_config' },
            { block: 'private_cluster_config', key: 'enable_private_endpoint', equals: true },
          ],
        },
      ],
    },
    "Leaves a GKE cluster's control plane endpoint open to the whole internet by the provider's default (no authorized networks, no private endpoint): anyone can reach the API server; restrict it.",
  ),
  rule(
    'network.azurerm.aks-endpoint-open-by-default',
    'critical',
    {
      kinds: ['resource'],
      resourceTypes: ['azurerm_kubernetes_cluster'],
      values: [
        {
          attribute: 'name',
          regex: '',
          unless: [
            { key: 'private_cluster_enabled', equals: true },
            { key: 'api_server_authorized_ip_ranges', present: true },
            { block: 'api_server_access_profile' },
          ],
        },
      ],
    },
    "Leaves an AKS cluster's API server open to the whole internet by the provider's default (not private, no authorized IP ranges): anyone can reach it; restrict it.",
  ),
  rule(
    'network.azurerm.aks-endpoint-open-world',
    'critical',
    {
      kinds: ['resource'],
      resourceTypes: ['azurerm_kubernetes_cluster'],
      values: valuesAt(['api_server_access_profile.authorized_ip_ranges', 'api_server_authorized_ip_ranges'], {
        cidr: 'internet',
      }),
    },
    "Opens an AKS cluster's API server to the whole internet (0.0.0.0/0 or any range as wide as a /8): anyone can reach it; restrict its authorized IP ranges.",
  ),
];
