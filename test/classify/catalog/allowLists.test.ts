import { describe } from 'vitest';
import { type Case, created, runCases } from './support.js';

const prefixList = (cidr: string) =>
  `resource "aws_ec2_managed_prefix_list" "admins" {\n  name           = "admins"\n  address_family = "IPv4"\n  max_entries    = 5\n  entry {\n    cidr = "${cidr}"\n  }\n}\n`;
const ipGroup = (cidr: string) =>
  `resource "azurerm_ip_group" "admins" {\n  name                = "admins"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  cidrs               = ["${cidr}"]\n}\n`;

const cases: Case[] = [
  [
    'the whole internet put in a prefix list that rules reference is critical',
    { 'main.tf': prefixList('10.0.0.0/8') },
    { 'main.tf': prefixList('0.0.0.0/0') },
    [
      ['aws_ec2_managed_prefix_list.admins', 'network.aws.prefix-list-open-world', 'critical'],
      ['aws_ec2_managed_prefix_list.admins', 'network.aws.prefix-list', 'high'],
    ],
  ],
  [
    'a prefix list entry of its own, open to the world, is critical',
    ...created(
      'resource "aws_ec2_managed_prefix_list_entry" "all" {\n  cidr           = "0.0.0.0/0"\n  prefix_list_id = "pl-1"\n}\n',
    ),
    [
      ['aws_ec2_managed_prefix_list_entry.all', 'network.aws.prefix-list-open-world', 'critical'],
      ['aws_ec2_managed_prefix_list_entry.all', 'network.aws.prefix-list', 'high'],
    ],
  ],
  [
    'another private range in a prefix list is high: what the rules that name it admit changes',
    { 'main.tf': prefixList('10.0.0.0/8') },
    { 'main.tf': prefixList('10.1.0.0/16') },
    [['aws_ec2_managed_prefix_list.admins', 'network.aws.prefix-list', 'high']],
  ],
  [
    'the whole internet put in an Azure IP group is critical',
    { 'main.tf': ipGroup('10.0.0.0/8') },
    { 'main.tf': ipGroup('0.0.0.0/0') },
    [
      ['azurerm_ip_group.admins', 'network.azurerm.ip-group-open-world', 'critical'],
      ['azurerm_ip_group.admins', 'network.azurerm.ip-group', 'high'],
    ],
  ],
];

describe('network catalog: allow-lists other rules reference', () => {
  runCases(cases);
});
