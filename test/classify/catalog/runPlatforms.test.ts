import { describe } from 'vitest';
import { type Case, created, runCases } from './support.js';

const workspace = (autoApply: boolean) =>
  `resource "tfe_workspace" "prod" {\n  name         = "prod"\n  organization = "acme"\n  auto_apply   = ${autoApply}\n}\n`;

const cases: Case[] = [
  [
    "a workspace variable set from another repository is high: the deployment's input its own repository cannot show",
    ...created(
      'resource "tfe_variable" "admins" {\n  key          = "admins"\n  value        = "[\\"mallory\\"]"\n  category     = "terraform"\n  workspace_id = "ws-1"\n}\n',
    ),
    [['tfe_variable.admins', 'terraform-control.tfe.variables', 'high']],
  ],
  [
    'auto_apply switched on (plans applied without approval) is high',
    { 'main.tf': workspace(false) },
    { 'main.tf': workspace(true) },
    [['tfe_workspace.prod', 'terraform-control.tfe.workspaces', 'high']],
  ],
  [
    'admin access given to a team is high',
    ...created(
      'resource "tfe_team_access" "ops" {\n  access       = "admin"\n  team_id      = "team-1"\n  workspace_id = "ws-1"\n}\n',
    ),
    [['tfe_team_access.ops', 'terraform-control.tfe.access', 'high']],
  ],
  [
    'an administrative Spacelift stack is high',
    ...created(
      'resource "spacelift_stack" "admin" {\n  name           = "admin"\n  repository     = "infra"\n  branch         = "main"\n  administrative = true\n}\n',
    ),
    [['spacelift_stack.admin', 'terraform-control.spacelift.stacks', 'high']],
  ],
];

describe('terraform control catalog: the platforms that run Terraform', () => {
  runCases(cases);
});
