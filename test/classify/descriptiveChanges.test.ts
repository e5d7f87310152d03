import { describe, expect, it } from 'vitest';
import { topRules } from '../support/classifyTrees.js';
import type { Files } from './catalog/support.js';

/*
 * cloudposse's aws-sso fixed a typo in the description of a permission set it hands to a registry
 * module: an input named for access (`permission_sets`) changed, but only in what describes it.
 */

const permissionSet = (fields: string) => `locals {
  dns_admin = [{
    name             = "DNSRecordAdministratorAccess"
${fields}  }]
}

module "permission_sets" {
  source  = "cloudposse/sso/aws//modules/permission-sets"
  version = "1.1.1"

  permission_sets = concat(local.dns_admin, [])
}
`;

const fields = (description: string, policy = 'arn:aws:iam::aws:policy/AmazonRoute53ReadOnlyAccess', extra = '') =>
  `    description      = "${description}"\n    managed_policies = ["${policy}"]\n${extra}`;

const files = (main: string): Files => ({ 'main.tf': main });

describe('a module input whose value changed only in what describes it', () => {
  it.each<[string, string, string, [string, string[]]]>([
    [
      'quiet: a typo fixed in the description of a permission set',
      permissionSet(fields('Allow DNS Record Admininstrator access')),
      permissionSet(fields('Allow DNS Record Administrator access')),
      ['low', ['default']],
    ],
    [
      'still caught: the tags of an entry (remote code may read them as ABAC conditions)',
      permissionSet(fields('DNS', undefined, '    tags             = { team = "a" }\n')),
      permissionSet(fields('DNS', undefined, '    tags             = { team = "b" }\n')),
      ['high', ['modules.terraform.remote-sensitive-input']],
    ],
    [
      'still caught: the managed policy of the same entry',
      permissionSet(fields('DNS')),
      permissionSet(fields('DNS', 'arn:aws:iam::aws:policy/AdministratorAccess')),
      ['high', ['modules.terraform.remote-sensitive-input']],
    ],
    [
      'still caught: the description and a new key beside it',
      permissionSet(fields('DNS')),
      permissionSet(fields('DNS admin', undefined, '    relay_state      = "https://console.aws.amazon.com/"\n')),
      ['high', ['modules.terraform.remote-sensitive-input']],
    ],
    [
      'still caught: an entry added whose only fields are descriptive',
      permissionSet(fields('DNS')),
      permissionSet(fields('DNS')).replace(
        'concat(local.dns_admin, [])',
        'concat(local.dns_admin, [{ description = "x" }])',
      ),
      ['high', ['modules.terraform.remote-sensitive-input']],
    ],
  ])('%s', (_name, base, head, expected) => {
    expect(topRules(files(base), files(head))).toEqual(expected);
  });
});
