import { describe } from 'vitest';
import { type Case, created, edited, runCases } from './support.js';

const resource = (type: string, body: string) => `resource "${type}" "x" {\n${body}}\n`;
const doFirewall = (direction: 'inbound' | 'outbound', cidr: string) =>
  resource(
    'digitalocean_firewall',
    `  name = "f"\n  ${direction}_rule {\n    protocol   = "tcp"\n    port_range = "22"\n    ${direction === 'inbound' ? 'source' : 'destination'}_addresses = ["${cidr}"]\n  }\n`,
  );
const secgroupRule = (direction: string, cidr: string) =>
  resource(
    'openstack_networking_secgroup_rule_v2',
    `  direction         = "${direction}"\n  ethertype         = "IPv4"\n  security_group_id = "sg"\n  remote_ip_prefix  = "${cidr}"\n`,
  );

const cases: Case[] = [
  [
    "Snowflake's ACCOUNTADMIN granted: high, a provider whose grants are not judged here",
    ...created(resource('snowflake_grant_account_role', '  role_name = "ACCOUNTADMIN"\n  user_name = "mallory"\n')),
    [['snowflake_grant_account_role.x', 'identity.any.unjudged-access', 'high']],
  ],
  [
    'a PostgreSQL role made superuser: high',
    ...edited(resource('postgresql_role', '  name      = "app"\n  superuser = false\n'), 'false', 'true'),
    [['postgresql_role.x', 'identity.any.unjudged-access', 'high']],
  ],
  [
    'a Cloudflare API token: high, as credentials',
    ...created(resource('cloudflare_api_token', '  name = "deploy"\n')),
    [['cloudflare_api_token.x', 'secrets.any.unjudged-credentials', 'high']],
  ],
  [
    'a MongoDB Atlas access list opened to the world: critical',
    ...edited(
      resource('mongodbatlas_project_ip_access_list', '  project_id = "p"\n  cidr_block = "10.0.0.0/8"\n'),
      '10.0.0.0/8',
      '0.0.0.0/0',
    ),
    [
      ['mongodbatlas_project_ip_access_list.x', 'network.any.source-open-world', 'critical'],
      ['mongodbatlas_project_ip_access_list.x', 'identity.any.unjudged-access', 'high'],
      ['mongodbatlas_project_ip_access_list.x', 'network.any.unjudged-exposure', 'high'],
    ],
  ],
  [
    'a DigitalOcean firewall admitting SSH from the world: critical',
    ...edited(doFirewall('inbound', '10.0.0.0/8'), '10.0.0.0/8', '0.0.0.0/0'),
    [
      ['digitalocean_firewall.x', 'network.any.source-open-world', 'critical'],
      ['digitalocean_firewall.x', 'network.any.unjudged-exposure', 'high'],
    ],
  ],
  [
    'quiet guard: an outbound rule to the world is where traffic goes, not a source',
    ...edited(doFirewall('outbound', '10.0.0.0/8'), '10.0.0.0/8', '0.0.0.0/0'),
    [['digitalocean_firewall.x', 'network.any.unjudged-exposure', 'high']],
  ],
  [
    'an OpenStack ingress rule from the world: critical',
    ...edited(secgroupRule('ingress', '10.0.0.0/8'), '10.0.0.0/8', '0.0.0.0/0'),
    [
      ['openstack_networking_secgroup_rule_v2.x', 'network.any.source-open-world', 'critical'],
      ['openstack_networking_secgroup_rule_v2.x', 'network.any.unjudged-exposure', 'high'],
    ],
  ],
  [
    'quiet guard: an OpenStack egress rule (its direction argument) to the world is no source',
    ...edited(secgroupRule('egress', '10.0.0.0/8'), '10.0.0.0/8', '0.0.0.0/0'),
    [['openstack_networking_secgroup_rule_v2.x', 'network.any.unjudged-exposure', 'high']],
  ],
  [
    'quiet guard: a type of such a provider whose name names no access stays the default tier',
    ...created(
      resource('cloudflare_record', '  zone_id = "z"\n  name    = "api"\n  type    = "A"\n  content = "192.0.2.1"\n'),
    ),
    [['cloudflare_record.x', 'default', 'low']],
  ],
  [
    "quiet guard: HashiCorp's utility providers make values inside Terraform (random_password)",
    ...created(resource('random_password', '  length = 24\n')),
    [['random_password.x', 'default', 'low']],
  ],
  [
    'quiet guard: a provider the catalog judges is judged by its own rules only (an AWS default route to the world)',
    ...created(
      resource(
        'aws_route_table',
        '  vpc_id = "vpc"\n  route {\n    cidr_block = "0.0.0.0/0"\n    gateway_id = "igw"\n  }\n',
      ),
    ),
    [['aws_route_table.x', 'network.aws.routes', 'high']],
  ],
];

describe('providers the catalog has no rules for, judged by the words of their types', () => {
  runCases(cases);
});
