import type { Rule } from '../../model/policy.js';
import { rule, valuesAt } from './rule.js';

/**
 * A managed Kubernetes cluster's own authorization switched off or bypassed: the roles and
 * bindings the other rules judge no longer decide who may do what, so every identity that
 * reaches the API server with a credential is an administrator.
 */
export const CLUSTER_ACCESS_RULES: readonly Rule[] = [
  rule(
    'identity.azurerm.cluster-rbac-off',
    'critical',
    {
      kinds: ['resource'],
      resourceTypes: ['azurerm_kubernetes_cluster'],
      values: valuesAt(['role_based_access_control_enabled'], { equals: false }),
    },
    'Turns Kubernetes RBAC off on an AKS cluster: no role or binding limits anyone, every authenticated user and service account is cluster-admin.',
  ),
  rule(
    'identity.azurerm.cluster-local-accounts',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: ['azurerm_kubernetes_cluster'],
      values: valuesAt(['local_account_disabled'], { equals: false }),
    },
    "Keeps an AKS cluster's local accounts: a static cluster-admin kubeconfig, outside Entra ID and its audit, for anyone who can list the cluster's credentials.",
  ),
  rule(
    'identity.google.cluster-legacy-abac',
    'critical',
    {
      kinds: ['resource'],
      resourceTypes: ['google_container_cluster'],
      values: valuesAt(['enable_legacy_abac'], { equals: true }),
    },
    "Turns on a GKE cluster's legacy ABAC: service accounts and users get broad rights RBAC would not give, whatever the roles and bindings say.",
  ),
  rule(
    'identity.google.cluster-client-certificate',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: ['google_container_cluster'],
      values: valuesAt(['master_auth.client_certificate_config.issue_client_certificate'], { equals: true }),
    },
    'Issues a GKE client certificate: a long-lived cluster credential, outside IAM, that cannot be revoked short of rotating the cluster.',
  ),
];
