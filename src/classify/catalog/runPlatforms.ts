import type { Rule } from '../../model/policy.js';
import { rule } from './rule.js';

/**
 * The platforms that run Terraform, managed with Terraform: HCP Terraform / Terraform Enterprise
 * (`tfe`) and Spacelift. Their variables are a deployment's inputs that the deployment's own
 * repository cannot show (Four Eyes distrusts a root variable's default for that reason), their
 * workspace settings decide what runs and whether a plan is applied without approval, and their
 * teams decide who may approve or apply.
 */
export const RUN_PLATFORM_RULES: readonly Rule[] = [
  rule(
    'terraform-control.tfe.variables',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: ['tfe_variable', 'tfe_variable_set', 'tfe_workspace_variable_set', 'tfe_project_variable_set'],
    },
    'Sets a variable of HCP Terraform workspaces: an input of their deployments that their own repositories cannot show.',
  ),
  rule(
    'terraform-control.tfe.workspaces',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: ['tfe_workspace', 'tfe_workspace_settings', 'tfe_workspace_run', 'tfe_run_trigger', 'tfe_agent_*'],
    },
    'Changes an HCP Terraform workspace: what it runs, where, and whether a plan is applied without approval (auto_apply).',
  ),
  rule(
    'terraform-control.tfe.access',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'tfe_team',
        'tfe_team_*',
        'tfe_organization_membership',
        'tfe_organization_token',
        'tfe_policy*',
        'tfe_sentinel_policy',
        'tfe_workspace_policy_set*',
      ],
    },
    'Changes who may plan, approve or apply in HCP Terraform, a token acting for them, or the policies its runs must pass.',
  ),
  rule(
    'terraform-control.spacelift.stacks',
    'high',
    { kinds: ['resource'], resourceTypes: ['spacelift_*'] },
    'Changes Spacelift stacks, their environment, contexts, policies or roles: what runs apply, with which credentials, and who may approve.',
  ),
];
