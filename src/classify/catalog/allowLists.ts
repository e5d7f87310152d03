import type { Rule } from '../../model/policy.js';
import { rule, valuesAt } from './rule.js';

/**
 * Allow-lists that other rules reference by name: an AWS managed prefix list or an Azure IP group
 * admits its addresses wherever a security group rule, route or firewall rule names it. Adding
 * `0.0.0.0/0` to the list opens every one of those rules to the internet, though none of them
 * changed.
 */

const AWS_PREFIX_LISTS = ['aws_ec2_managed_prefix_list', 'aws_ec2_managed_prefix_list_entry'];
const AZURE_IP_GROUPS = ['azurerm_ip_group', 'azurerm_ip_group_cidr'];

export const ALLOW_LIST_RULES: readonly Rule[] = [
  rule(
    'network.aws.prefix-list',
    'high',
    { kinds: ['resource'], resourceTypes: AWS_PREFIX_LISTS },
    'Changes a managed prefix list: every security group rule and route that references it admits what the list holds.',
  ),
  rule(
    'network.aws.prefix-list-open-world',
    'critical',
    {
      kinds: ['resource'],
      resourceTypes: AWS_PREFIX_LISTS,
      values: valuesAt(['entry.cidr', 'cidr'], { cidr: 'internet' }),
    },
    'Puts the whole internet in a managed prefix list: every security group rule and route that references it opens to it.',
  ),
  rule(
    'network.azurerm.ip-group',
    'high',
    { kinds: ['resource'], resourceTypes: AZURE_IP_GROUPS },
    'Changes an IP group: every firewall rule that references it admits what the group holds.',
  ),
  rule(
    'network.azurerm.ip-group-open-world',
    'critical',
    { kinds: ['resource'], resourceTypes: AZURE_IP_GROUPS, values: valuesAt(['cidrs', 'cidr'], { cidr: 'internet' }) },
    'Puts the whole internet in an IP group: every firewall rule that references it opens to it.',
  ),
];
