import { describe } from 'vitest';
import { type Case, created, runCases } from './support.js';

/** A cluster of `type` with `settings` besides its name. */
const cluster = (type: string, settings: string) => `resource "${type}" "main" {\n  name = "main"\n${settings}}\n`;
const aks = (settings: string) => cluster('azurerm_kubernetes_cluster', settings);
const gke = (settings: string) => cluster('google_container_cluster', settings);
const CLIENT_CERTIFICATE = (issued: boolean) =>
  `  master_auth {\n    client_certificate_config {\n      issue_client_certificate = ${issued}\n    }\n  }\n`;

const cases: Case[] = [
  [
    'an AKS cluster whose Kubernetes RBAC is turned off is critical',
    { 'main.tf': aks('  role_based_access_control_enabled = true\n') },
    { 'main.tf': aks('  role_based_access_control_enabled = false\n') },
    [['azurerm_kubernetes_cluster.main', 'identity.azurerm.cluster-rbac-off', 'critical']],
  ],
  [
    'an AKS cluster whose local accounts are kept (a static admin kubeconfig) is high',
    { 'main.tf': aks('  local_account_disabled = true\n') },
    { 'main.tf': aks('  local_account_disabled = false\n') },
    [['azurerm_kubernetes_cluster.main', 'identity.azurerm.cluster-local-accounts', 'high']],
  ],
  [
    'a GKE cluster whose legacy ABAC is turned on is critical',
    { 'main.tf': gke('  enable_legacy_abac = false\n') },
    { 'main.tf': gke('  enable_legacy_abac = true\n') },
    [['google_container_cluster.main', 'identity.google.cluster-legacy-abac', 'critical']],
  ],
  [
    'a GKE cluster that issues a client certificate is high',
    { 'main.tf': gke(CLIENT_CERTIFICATE(false)) },
    { 'main.tf': gke(CLIENT_CERTIFICATE(true)) },
    [['google_container_cluster.main', 'identity.google.cluster-client-certificate', 'high']],
  ],
  [
    'RBAC turned back on is the match taken away: reported as such, not as critical',
    { 'main.tf': aks('  role_based_access_control_enabled = false\n') },
    { 'main.tf': aks('  role_based_access_control_enabled = true\n') },
    [['azurerm_kubernetes_cluster.main', 'identity.azurerm.cluster-rbac-off', 'medium']],
  ],
  [
    'quiet guard: a GKE cluster created without legacy ABAC or a client certificate is not judged by these rules',
    ...created(gke('  enable_legacy_abac = false\n' + CLIENT_CERTIFICATE(false))),
    [['google_container_cluster.main', 'network.google.gke-endpoint-open-by-default', 'critical']],
  ],
];

describe("a cluster's own authorization switched off or bypassed", () => {
  runCases(cases);
});
