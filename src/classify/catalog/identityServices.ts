import type { Rule } from '../../model/policy.js';
import { rule, valuesAt } from './rule.js';

/**
 * Who may push, approve and administer code, and who may sign in, where that is not GitHub or a
 * cloud's own directory: GitLab (as the GitHub rules judge GitHub), and the identity providers
 * Okta and Auth0. Without these, adding a maintainer to the GitLab project that holds the
 * infrastructure, or a super admin to Okta, was the default tier: low, no approval.
 */
/** Who is a member of a GitLab project or group, at what level: a person, or a group shared with it. */
const GITLAB_MEMBERS = [
  'gitlab_project_member*',
  'gitlab_group_member*',
  'gitlab_project_share_group',
  'gitlab_group_share_group',
];

export const IDENTITY_SERVICE_RULES: readonly Rule[] = [
  rule(
    'identity.gitlab.access',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        ...GITLAB_MEMBERS,
        'gitlab_group_ldap_link',
        'gitlab_group_saml_link',
        'gitlab_member_role',
        'gitlab_user',
      ],
    },
    'Changes GitLab project or group membership, shared groups or roles: who can push, approve and administer repositories.',
  ),
  rule(
    'identity.gitlab.maintainer-access',
    'critical',
    {
      kinds: ['resource'],
      resourceTypes: GITLAB_MEMBERS,
      // Maintainers manage protected branches and approval rules; 40 and 50 are GitLab's numbers for them.
      values: valuesAt(['access_level', 'group_access'], { regex: '^(maintainer|owner|40|50)$', ignoreCase: true }),
    },
    'Makes someone a GitLab maintainer or owner: they can change protected branches and approval rules, and so merge without the reviews this check requires.',
  ),
  rule(
    'identity.gitlab.branch-protection',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'gitlab_branch_protection',
        'gitlab_tag_protection',
        'gitlab_project_approval_rule',
        'gitlab_*_level_mr_approvals',
        'gitlab_project_protected_environment',
        'gitlab_project_push_rules',
      ],
    },
    'Changes GitLab protected branches, tags or environments, or merge request approval rules: the review gates this check relies on.',
  ),
  rule(
    'identity.gitlab.branch-protection-removed',
    'critical',
    {
      kinds: ['resource'],
      actions: ['delete'],
      resourceTypes: [
        'gitlab_branch_protection',
        'gitlab_project_approval_rule',
        'gitlab_project_protected_environment',
      ],
    },
    'Removes a GitLab protected branch, approval rule or protected environment: changes could then reach it without review.',
  ),
  rule(
    'identity.okta.access',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'okta_group_membership*',
        'okta_user_group_memberships',
        'okta_app_group_assignment*',
        'okta_app_user',
        'okta_group_rule',
        'okta_group_role',
        'okta_user_admin_roles',
        'okta_admin_role_*',
        'okta_resource_set',
        'okta_role_subscription',
        'okta_policy_*',
        'okta_authenticator',
      ],
    },
    'Changes Okta group membership, app assignments, admin roles or sign-on and MFA policies: who can sign in to what, and how.',
  ),
  rule(
    'identity.okta.admin-role',
    'critical',
    {
      kinds: ['resource'],
      resourceTypes: ['okta_group_role', 'okta_user_admin_roles'],
      values: valuesAt(['role_type', 'admin_roles'], { regex: '^(SUPER_ADMIN|ORG_ADMIN)$', ignoreCase: true }),
    },
    'Makes someone an Okta super or organization admin: they control every user, app and policy of the identity provider.',
  ),
  rule(
    'identity.auth0.access',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'auth0_role*',
        'auth0_user_role*',
        'auth0_user_permission*',
        'auth0_organization_member*',
        'auth0_client_grant',
        'auth0_resource_server_scope*',
      ],
    },
    'Changes Auth0 roles, permissions, organization members or client grants: who may call which API with what.',
  ),
];
