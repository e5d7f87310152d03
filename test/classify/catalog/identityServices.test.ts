import { describe } from 'vitest';
import { type Case, created, edited, runCases } from './support.js';

const resource = (type: string, body: string) => `resource "${type}" "x" {\n${body}}\n`;
const member = (level: string) =>
  resource('gitlab_project_member', `  project      = "infra"\n  user_id      = 7\n  access_level = "${level}"\n`);
const oktaRole = (role: string) => resource('okta_group_role', `  group_id  = "g"\n  role_type = "${role}"\n`);

const cases: Case[] = [
  [
    'a GitLab developer added to the infrastructure project is high',
    ...created(member('developer')),
    [['gitlab_project_member.x', 'identity.gitlab.access', 'high']],
  ],
  ...['maintainer', 'owner'].map(
    (level): Case => [
      `a GitLab ${level} is critical: they manage protected branches and approval rules`,
      ...edited(member('developer'), '"developer"', `"${level}"`),
      [
        ['gitlab_project_member.x', 'identity.gitlab.maintainer-access', 'critical'],
        ['gitlab_project_member.x', 'identity.gitlab.access', 'high'],
      ],
    ],
  ),
  [
    'a group shared with a project at maintainer level (40) is critical',
    ...created(
      resource('gitlab_project_share_group', '  project      = "infra"\n  group_id     = 9\n  group_access = 40\n'),
    ),
    [
      ['gitlab_project_share_group.x', 'identity.gitlab.maintainer-access', 'critical'],
      ['gitlab_project_share_group.x', 'identity.gitlab.access', 'high'],
    ],
  ],
  [
    'a GitLab approval rule changed is high',
    ...edited(
      resource(
        'gitlab_project_approval_rule',
        '  project            = "infra"\n  name               = "r"\n  approvals_required = 2\n',
      ),
      '= 2',
      '= 1',
    ),
    [['gitlab_project_approval_rule.x', 'identity.gitlab.branch-protection', 'high']],
  ],
  [
    'a GitLab protected branch removed is critical',
    { 'main.tf': resource('gitlab_branch_protection', '  project = "infra"\n  branch  = "main"\n') },
    {},
    [
      ['gitlab_branch_protection.x', 'identity.gitlab.branch-protection-removed', 'critical'],
      ['gitlab_branch_protection.x', 'identity.gitlab.branch-protection', 'high'],
    ],
  ],
  [
    'a GitLab CI/CD variable changed is high',
    ...edited(
      resource('gitlab_project_variable', '  project = "infra"\n  key     = "K"\n  value   = "a"\n'),
      '"a"',
      '"b"',
    ),
    [['gitlab_project_variable.x', 'secrets.gitlab.secrets', 'high']],
  ],
  [
    'someone added to an Okta group is high',
    ...created(resource('okta_group_memberships', '  group_id = "admins"\n  users    = ["u"]\n')),
    [['okta_group_memberships.x', 'identity.okta.access', 'high']],
  ],
  [
    'an Okta group made super admin is critical',
    ...edited(oktaRole('READ_ONLY_ADMIN'), 'READ_ONLY_ADMIN', 'SUPER_ADMIN'),
    [
      ['okta_group_role.x', 'identity.okta.admin-role', 'critical'],
      ['okta_group_role.x', 'identity.okta.access', 'high'],
    ],
  ],
  [
    'an Okta sign-on policy rule changed is high',
    ...edited(
      resource('okta_policy_rule_signon', '  policy_id = "p"\n  name      = "r"\n  mfa_required = true\n'),
      'true',
      'false',
    ),
    [['okta_policy_rule_signon.x', 'identity.okta.access', 'high']],
  ],
  [
    'an Auth0 role given to a user is high',
    ...created(resource('auth0_user_roles', '  user_id = "u"\n  roles   = ["admin"]\n')),
    [['auth0_user_roles.x', 'identity.auth0.access', 'high']],
  ],
  [
    'quiet guard: a GitLab project itself is not access',
    ...created(resource('gitlab_project', '  name = "docs"\n')),
    [['gitlab_project.x', 'default', 'low']],
  ],
];

describe('identity catalog: GitLab, Okta and Auth0', () => {
  runCases(cases);
});
