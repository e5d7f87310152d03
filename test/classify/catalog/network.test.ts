import { describe } from 'vitest';
import { type Case, created, type Expected, edited, runCases } from './support.js';

function securityGroup(ingressCidr: string, egressCidr = '10.0.0.0/8'): string {
  return `
resource "aws_security_group" "web" {
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["${ingressCidr}"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["${egressCidr}"]
  }
}
`;
}

/** The security group with its rules as attributes (`ingress = [{ … }]`, the attributes-as-blocks syntax). */
function securityGroupAttributes(ingressCidrs: string, egressCidr = '10.0.0.0/8'): string {
  const rule = (cidrs: string, port: number) =>
    `[{\n    from_port = ${port}\n    to_port = ${port}\n    protocol = "tcp"\n    cidr_blocks = ${cidrs}\n    ipv6_cidr_blocks = []\n    prefix_list_ids = []\n    security_groups = []\n    self = false\n    description = "r"\n  }]`;
  return `resource "aws_security_group" "web" {\n  ingress = ${rule(ingressCidrs, 443)}\n  egress = ${rule(`["${egressCidr}"]`, 0)}\n}\n`;
}

/** The security group with its ingress `cidr_blocks` written as `expression`. */
function withCidrs(expression: string): string {
  return securityGroup('10.0.0.0/8').replace('["10.0.0.0/8"]', () => expression);
}

function azureRule(direction: string, access: string, source: string): string {
  return `
resource "azurerm_network_security_rule" "r" {
  direction              = "${direction}"
  access                 = "${access}"
  source_address_prefix  = "${source}"
  destination_port_range = "443"
}
`;
}

/** Azure SQL firewall rules, one per entry of a map written out: name → [start, end]. */
function firewallRules(ranges: Record<string, [string, string]>): string {
  const entries = Object.entries(ranges)
    .map(([name, [start, end]]) => `    ${name} = { start = "${start}", end = "${end}" }`)
    .join('\n');
  return `
locals {
  ranges = {
${entries}
  }
}
resource "azurerm_mssql_firewall_rule" "r" {
  for_each         = local.ranges
  start_ip_address = each.value.start
  end_ip_address   = each.value.end
}
`;
}

/** A Cloud Control security group rule of this type, from (or to) the whole internet. */
function cloudControlRule(type: string): string {
  return `resource "aws_cloudcontrolapi_resource" "r" {
  type_name = "${type}"
  desired_state = jsonencode({
    GroupId    = "sg-1"
    IpProtocol = "tcp"
    FromPort   = 22
    ToPort     = 22
    CidrIp     = "0.0.0.0/0"
  })
}
`;
}

/** A CloudFormation stack whose YAML template has a group with ingress and egress, and an ingress rule of its own. */
function cloudFormationStack(): string {
  return `resource "aws_cloudformation_stack" "s" {
  name          = "s"
  template_body = <<-YAML
    AWSTemplateFormatVersion: "2010-09-09"
    Resources:
      Sg:
        Type: AWS::EC2::SecurityGroup
        Properties:
          GroupDescription: web
          VpcId: !Ref Vpc
          SecurityGroupIngress:
            - IpProtocol: tcp
              FromPort: 22
              ToPort: 22
              CidrIp: 10.0.0.0/8 # ssh
          SecurityGroupEgress:
            - IpProtocol: -1
              CidrIp: 10.0.0.0/8 # out
      Https:
        Type: AWS::EC2::SecurityGroupIngress
        Properties:
          GroupId: !Ref Sg
          IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 10.0.0.0/8 # https
  YAML
}
`;
}

/** A Google VM instance whose network interface holds `inside` (an access_config, or nothing). */
function gceInstance(inside: string): string {
  return `resource "google_compute_instance" "vm" {
  name         = "vm"
  machine_type = "e2-small"
  network_interface {
    network = "default"
${inside}  }
}
`;
}

const cases: Case[] = [
  [
    'a GraphQL API opened to callers holding only an API key is high',
    ...edited(
      'resource "aws_appsync_graphql_api" "api" {\n  name                = "api"\n  authentication_type = "AWS_IAM"\n}\n',
      '"AWS_IAM"',
      '"API_KEY"',
    ),
    [['aws_appsync_graphql_api.api', 'network.aws.appsync-api-key', 'high']],
  ],
  [
    'an API key added as a second way in is high too',
    ...edited(
      'resource "aws_appsync_graphql_api" "api" {\n  name                = "api"\n  authentication_type = "AWS_IAM"\n}\n',
      '"AWS_IAM"\n',
      '"AWS_IAM"\n  additional_authentication_provider {\n    authentication_type = "API_KEY"\n  }\n',
    ),
    [['aws_appsync_graphql_api.api', 'network.aws.appsync-api-key', 'high']],
  ],
  [
    'quiet guard: a GraphQL API with IAM authentication renamed stays the default tier',
    ...edited(
      'resource "aws_appsync_graphql_api" "api" {\n  name                = "api"\n  authentication_type = "AWS_IAM"\n}\n',
      'name                = "api"',
      'name                = "orders"',
    ),
    [['aws_appsync_graphql_api.api', 'default', 'low']],
  ],
  [
    'a security group open to a private range is high',
    ...created(securityGroup('10.0.0.0/8')),
    [['aws_security_group.web', 'network.aws.security-group', 'high']],
  ],
  [
    'a security group open to 0.0.0.0/0 is critical',
    ...created(securityGroup('0.0.0.0/0')),
    [
      ['aws_security_group.web', 'network.aws.security-group-open-world', 'critical'],
      ['aws_security_group.web', 'network.aws.security-group', 'high'],
    ],
  ],
  [
    'widening an existing ingress to ::/0 is critical',
    { 'main.tf': securityGroup('10.0.0.0/8') },
    { 'main.tf': securityGroup('::/0') },
    [
      ['aws_security_group.web', 'network.aws.security-group-open-world', 'critical'],
      ['aws_security_group.web', 'network.aws.security-group', 'high'],
    ],
  ],
  [
    'egress to the world from a security group block is not world-open ingress',
    ...created(securityGroup('10.1.0.0/16', '0.0.0.0/0')),
    [['aws_security_group.web', 'network.aws.security-group', 'high']],
  ],
  [
    'a 0.0.0.0/8-like private-looking prefix is not the world',
    ...created(securityGroup('0.0.0.0/8')),
    [['aws_security_group.web', 'network.aws.security-group', 'high']],
  ],
  [
    'the world as two halves (0.0.0.0/1, 128.0.0.0/1) is critical',
    ...created(securityGroup('0.0.0.0/1", "128.0.0.0/1')),
    [
      ['aws_security_group.web', 'network.aws.security-group-open-world', 'critical'],
      ['aws_security_group.web', 'network.aws.security-group', 'high'],
    ],
  ],
  [
    'IPv6 "anyone" written out (0:0:0:0:0:0:0:0/0) is critical',
    ...created(securityGroup('0:0:0:0:0:0:0:0/0')),
    [
      ['aws_security_group.web', 'network.aws.security-group-open-world', 'critical'],
      ['aws_security_group.web', 'network.aws.security-group', 'high'],
    ],
  ],
  [
    'a /0 with host bits set (1.2.3.4/0) is critical',
    ...created(securityGroup('1.2.3.4/0')),
    [
      ['aws_security_group.web', 'network.aws.security-group-open-world', 'critical'],
      ['aws_security_group.web', 'network.aws.security-group', 'high'],
    ],
  ],
  [
    'a public /8 is critical: no one network is that wide',
    ...created(securityGroup('11.0.0.0/8')),
    [
      ['aws_security_group.web', 'network.aws.security-group-open-world', 'critical'],
      ['aws_security_group.web', 'network.aws.security-group', 'high'],
    ],
  ],
  [
    'IPv6 global unicast whole (2000::/3) is critical',
    ...created(securityGroup('2000::/3')),
    [
      ['aws_security_group.web', 'network.aws.security-group-open-world', 'critical'],
      ['aws_security_group.web', 'network.aws.security-group', 'high'],
    ],
  ],
  [
    'cidrsubnet of 0.0.0.0/0 is judged as the range it computes',
    ...created(withCidrs('[cidrsubnet("0.0.0.0/0", 1, 1)]')),
    [
      ['aws_security_group.web', 'network.aws.security-group-open-world', 'critical'],
      ['aws_security_group.web', 'network.aws.security-group', 'high'],
    ],
  ],
  [
    "quiet guard: a provider's function of a name, not a range, is the rule's own tier",
    ...created(withCidrs('[provider::netutil::lookup("office")]')),
    [['aws_security_group.web', 'network.aws.security-group', 'high']],
  ],
  [
    'a list split from a string is judged element by element',
    ...created(withCidrs('split(",", "10.0.0.0/8,0.0.0.0/0")')),
    [
      ['aws_security_group.web', 'network.aws.security-group-open-world', 'critical'],
      ['aws_security_group.web', 'network.aws.security-group', 'high'],
    ],
  ],
  ...[
    'sensitive("0.0.0.0/0")',
    'tostring("0.0.0.0/0")',
    'trimprefix("x0.0.0.0/0", "x")',
    'substr("0.0.0.0/0yy", -11, 9)',
    'strrev("0/0.0.0.0")',
    'templatestring("$${a}/0", { a = "0.0.0.0" })',
    'chomp("0.0.0.0/0\\n")',
    'base64decode(base64encode("0.0.0.0/0"))',
    'provider::netutil::normalize("0.0.0.0/0")',
  ].map(
    (expression): Case => [
      `the world spelled ${expression} is critical`,
      ...created(withCidrs(`[${expression}]`)),
      [
        ['aws_security_group.web', 'network.aws.security-group-open-world', 'critical'],
        ['aws_security_group.web', 'network.aws.security-group', 'high'],
      ],
    ],
  ),
  ...[
    '[for s in ["0.0.0.0"] : "${s}/0"]',
    '[for i in [0] : "0.0.0.0/${i}"]',
    '[for k, v in { a = "0.0.0.0" } : "${v}/0"]',
    '[for s in ["x/0"] : replace(s, "x", "0.0.0.0")]',
  ].map(
    (expression): Case => [
      `the world built by a for over a list written out, ${expression}, is critical`,
      ...created(withCidrs(expression)),
      [
        ['aws_security_group.web', 'network.aws.security-group-open-world', 'critical'],
        ['aws_security_group.web', 'network.aws.security-group', 'high'],
      ],
    ],
  ),
  [
    'the world opened in ingress written as an attribute (ingress = [{ … }]) is critical, as in a block',
    ...created(securityGroupAttributes('["0.0.0.0/0"]')),
    [
      ['aws_security_group.web', 'network.aws.security-group-open-world', 'critical'],
      ['aws_security_group.web', 'network.aws.security-group', 'high'],
    ],
  ],
  [
    'the world opened by a for that writes ingress objects from a list written out is critical',
    ...created(
      'resource "aws_security_group" "web" {\n  ingress = [for r in [{ port = 22, cidrs = ["0.0.0.0/0"] }] : {\n    from_port   = r.port\n    to_port     = r.port\n    protocol    = "tcp"\n    cidr_blocks = r.cidrs\n  }]\n}\n',
    ),
    [
      ['aws_security_group.web', 'network.aws.security-group-open-world', 'critical'],
      ['aws_security_group.web', 'network.aws.security-group', 'high'],
    ],
  ],
  [
    'the world as an attribute-written egress only lets traffic out: high',
    ...created(securityGroupAttributes('["10.0.0.0/8"]', '0.0.0.0/0')),
    [['aws_security_group.web', 'network.aws.security-group', 'high']],
  ],
  [
    'an attribute-written ingress opened to the world in an update: critical',
    { 'main.tf': securityGroupAttributes('["10.0.0.0/8"]') },
    { 'main.tf': securityGroupAttributes('["0.0.0.0/0"]') },
    [
      ['aws_security_group.web', 'network.aws.security-group-open-world', 'critical'],
      ['aws_security_group.web', 'network.aws.security-group', 'high'],
    ],
  ],
  ...[
    'setsubtract(["0.0.0.0/0", "1.1.1.1/32"], ["1.1.1.1/32"])',
    'setintersection(["0.0.0.0/0", "10.0.0.0/8"], ["0.0.0.0/0"])',
    'setsubtract(["0.0.0.0/0", aws_eip.x.public_ip], ["1.1.1.1/32"])',
  ].map(
    (expression): Case => [
      `the world left in a set by ${expression} is critical`,
      ...created(withCidrs(expression)),
      [
        ['aws_security_group.web', 'network.aws.security-group-open-world', 'critical'],
        ['aws_security_group.web', 'network.aws.security-group', 'high'],
      ],
    ],
  ),
  ...['setsubtract(["0.0.0.0/0", "10.0.0.0/8"], ["0.0.0.0/0"])', 'setsubtract(var.all, ["0.0.0.0/0"])'].map(
    (expression): Case => [
      `the world taken out of a set by ${expression} does not open to it`,
      ...created(withCidrs(expression)),
      [['aws_security_group.web', 'network.aws.security-group', 'high']],
    ],
  ),
  [
    'a for that filters the world out of a list written out does not open to it',
    ...created(withCidrs('[for s in ["0.0.0.0/0", "10.0.0.0/8"] : s if s != "0.0.0.0/0"]')),
    [['aws_security_group.web', 'network.aws.security-group', 'high']],
  ],
  [
    'the world revealed with nonsensitive() is critical, and the reveal is judged too',
    ...created(withCidrs('[nonsensitive("0.0.0.0/0")]')),
    [
      ['aws_security_group.web', 'network.aws.security-group-open-world', 'critical'],
      ['aws_security_group.web', 'network.aws.security-group', 'high'],
      ['aws_security_group.web', 'secrets.terraform.nonsensitive', 'high'],
    ],
  ],
  [
    'a public range narrower than a /8 (11.0.0.0/9) is not the world',
    ...created(securityGroup('11.0.0.0/9')),
    [['aws_security_group.web', 'network.aws.security-group', 'high']],
  ],
  [
    'cidrsubnet of a private range stays private',
    ...created(withCidrs('[cidrsubnet("10.0.0.0/8", 8, 1)]')),
    [['aws_security_group.web', 'network.aws.security-group', 'high']],
  ],
  [
    'a standalone ingress rule from the world is critical',
    ...created(`
resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.web.id
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
}
`),
    [
      ['aws_vpc_security_group_ingress_rule.ssh', 'network.aws.security-group-open-world', 'critical'],
      ['aws_vpc_security_group_ingress_rule.ssh', 'network.aws.security-group', 'high'],
    ],
  ],
  [
    'an egress rule to 0.0.0.0/0 lets traffic out, not in: high, not open to the world',
    ...created(
      'resource "aws_security_group_rule" "all" {\n  security_group_id = "sg-1"\n  type              = "egress"\n  from_port         = 0\n  to_port           = 0\n  protocol          = "-1"\n  cidr_blocks       = ["0.0.0.0/0"]\n}\n',
    ),
    [['aws_security_group_rule.all', 'network.aws.security-group', 'high']],
  ],
  [
    'the same rule as ingress is critical',
    ...created(
      'resource "aws_security_group_rule" "all" {\n  security_group_id = "sg-1"\n  type              = "ingress"\n  from_port         = 0\n  to_port           = 0\n  protocol          = "-1"\n  cidr_blocks       = ["0.0.0.0/0"]\n}\n',
    ),
    [
      ['aws_security_group_rule.all', 'network.aws.security-group-open-world', 'critical'],
      ['aws_security_group_rule.all', 'network.aws.security-group', 'high'],
    ],
  ],
  [
    'a network ACL rule letting the world in is critical',
    ...created(
      'resource "aws_network_acl_rule" "r" {\n  network_acl_id = "acl-1"\n  rule_number    = 100\n  egress         = false\n  protocol       = "tcp"\n  rule_action    = "allow"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 22\n  to_port        = 22\n}\n',
    ),
    [
      ['aws_network_acl_rule.r', 'network.aws.network-acl-open-world', 'critical'],
      ['aws_network_acl_rule.r', 'network.aws.network-acl', 'high'],
    ],
  ],
  [
    'an egress network ACL rule to the world lets traffic out, not in: high',
    ...created(
      'resource "aws_network_acl_rule" "r" {\n  network_acl_id = "acl-1"\n  rule_number    = 100\n  egress         = true\n  protocol       = "tcp"\n  rule_action    = "allow"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 22\n  to_port        = 22\n}\n',
    ),
    [['aws_network_acl_rule.r', 'network.aws.network-acl', 'high']],
  ],
  [
    'a network ACL entry allowing the world in is critical',
    ...created(
      'resource "aws_network_acl" "a" {\n  vpc_id = "vpc-1"\n  ingress {\n    rule_no    = 100\n    protocol   = "tcp"\n    action     = "allow"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 22\n    to_port    = 22\n  }\n}\n',
    ),
    [
      ['aws_network_acl.a', 'network.aws.network-acl-open-world', 'critical'],
      ['aws_network_acl.a', 'network.aws.network-acl', 'high'],
    ],
  ],
  [
    'a network ACL entry denying the world keeps it out: high',
    ...created(
      'resource "aws_network_acl" "a" {\n  vpc_id = "vpc-1"\n  ingress {\n    rule_no    = 100\n    protocol   = "tcp"\n    action     = "deny"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 22\n    to_port    = 22\n  }\n}\n',
    ),
    [['aws_network_acl.a', 'network.aws.network-acl', 'high']],
  ],
  [
    'an instance with a public IP is high',
    ...created('resource "aws_instance" "bastion" {\n  associate_public_ip_address = true\n}\n'),
    [['aws_instance.bastion', 'network.aws.public-ip-on-launch', 'high']],
  ],
  [
    'an instance without a public IP is low',
    ...created('resource "aws_instance" "app" {\n  associate_public_ip_address = false\n}\n'),
    [['aws_instance.app', 'default', 'low']],
  ],
  [
    'an internet gateway is high',
    ...created('resource "aws_internet_gateway" "gw" {\n  vpc_id = "v"\n}\n'),
    [['aws_internet_gateway.gw', 'network.aws.gateways', 'high']],
  ],
  [
    'a load balancer listener is high',
    ...created('resource "aws_lb_listener" "http" {\n  port = 80\n}\n'),
    [['aws_lb_listener.http', 'network.aws.load-balancer-listeners', 'high']],
  ],
  [
    'a route is high',
    ...created('resource "aws_route" "r" {\n  destination_cidr_block = "0.0.0.0/0"\n}\n'),
    [['aws_route.r', 'network.aws.routes', 'high']],
  ],
  [
    'VPC peering is high',
    ...created('resource "aws_vpc_peering_connection" "p" {\n  peer_vpc_id = "v"\n}\n'),
    [['aws_vpc_peering_connection.p', 'network.aws.peering', 'high']],
  ],
  [
    'a site-to-site VPN is high',
    ...created('resource "aws_vpn_connection" "v" {\n  type = "ipsec.1"\n}\n'),
    [['aws_vpn_connection.v', 'network.aws.vpn', 'high']],
  ],
  [
    'a DNS record is medium',
    ...created('resource "aws_route53_record" "www" {\n  name = "www"\n}\n'),
    [['aws_route53_record.www', 'network.aws.dns', 'medium']],
  ],
  [
    'a Google firewall from the world is critical',
    ...created(`
resource "google_compute_firewall" "ssh" {
  network       = "default"
  source_ranges = ["0.0.0.0/0"]
}
`),
    [
      ['google_compute_firewall.ssh', 'network.google.firewall-open-world', 'critical'],
      ['google_compute_firewall.ssh', 'network.google.firewall', 'high'],
    ],
  ],
  [
    'a Google firewall from an internal range is high',
    ...created(`
resource "google_compute_firewall" "internal" {
  network       = "default"
  source_ranges = ["10.128.0.0/9"]
}
`),
    [['google_compute_firewall.internal', 'network.google.firewall', 'high']],
  ],
  [
    'an empty access_config added to a VM instance gives it an external IP: high',
    ...edited(gceInstance(''), '    network = "default"\n', '    network = "default"\n    access_config {}\n'),
    [['google_compute_instance.vm', 'network.google.instance-external-ip', 'high']],
  ],
  [
    'a VM instance created with an empty access_config is high',
    ...created(gceInstance('    access_config {}\n')),
    [['google_compute_instance.vm', 'network.google.instance-external-ip', 'high']],
  ],
  [
    'an instance template created with an IPv6 access config is high',
    ...created(
      'resource "google_compute_instance_template" "t" {\n  network_interface {\n    network = "default"\n    ipv6_access_config {\n      network_tier = "PREMIUM"\n    }\n  }\n}\n',
    ),
    [['google_compute_instance_template.t', 'network.google.instance-external-ip', 'high']],
  ],
  [
    'an access_config a dynamic block generates once a local turns it on is high',
    ...edited(
      'locals {\n  public = false\n}\n\n' +
        gceInstance(
          '    dynamic "access_config" {\n      for_each = local.public ? [1] : []\n      content {}\n    }\n',
        ),
      'public = false',
      'public = true',
    ),
    [
      ['google_compute_instance.vm', 'network.google.instance-external-ip', 'high'],
      ['local.public', 'default', 'low'],
    ],
  ],
  [
    'quiet guard: another machine type for an instance that had an external IP is the default tier',
    ...edited(gceInstance('    access_config {}\n'), 'e2-small', 'e2-medium'),
    [['google_compute_instance.vm', 'default', 'low']],
  ],
  [
    'quiet guard: the access_config taken away (no external IP any more) is the default tier',
    { 'main.tf': gceInstance('    access_config {}\n') },
    { 'main.tf': gceInstance('') },
    [['google_compute_instance.vm', 'default', 'low']],
  ],
  [
    'quiet guard: a VM instance created without an access_config is the default tier',
    ...created(gceInstance('')),
    [['google_compute_instance.vm', 'default', 'low']],
  ],
  [
    "a CloudFormation template's security group opened to the world is critical (before: the stack's default tier)",
    ...edited(cloudFormationStack(), 'CidrIp: 10.0.0.0/8 # ssh', 'CidrIp: 0.0.0.0/0 # ssh'),
    [
      ['aws_cloudformation_stack.s', 'network.aws.cloudformation-open-world', 'critical'],
      ['aws_cloudformation_stack.s', 'terraform-control.aws.cloudformation-stack', 'high'],
    ],
  ],
  [
    "a CloudFormation template's ingress rule resource opened to the world is critical",
    ...edited(cloudFormationStack(), 'CidrIp: 10.0.0.0/8 # https', 'CidrIp: 0.0.0.0/0 # https'),
    [
      ['aws_cloudformation_stack.s', 'network.aws.cloudformation-open-world', 'critical'],
      ['aws_cloudformation_stack.s', 'terraform-control.aws.cloudformation-stack', 'high'],
    ],
  ],
  [
    "quiet guard: a CloudFormation template's egress opened to the world is the stack rule alone",
    ...edited(cloudFormationStack(), 'CidrIp: 10.0.0.0/8 # out', 'CidrIp: 0.0.0.0/0 # out'),
    [['aws_cloudformation_stack.s', 'terraform-control.aws.cloudformation-stack', 'high']],
  ],
  [
    'an ingress rule from the world made through Cloud Control is critical',
    ...created(cloudControlRule('AWS::EC2::SecurityGroupIngress')),
    [
      ['aws_cloudcontrolapi_resource.r', 'network.aws.cloudformation-open-world', 'critical'],
      ['aws_cloudcontrolapi_resource.r', 'terraform-control.aws.security-resource', 'high'],
      ['aws_cloudcontrolapi_resource.r', 'terraform-control.aws.generic-resource', 'medium'],
    ],
  ],
  [
    'quiet guard: an egress rule to the world made through Cloud Control is the generic rule alone',
    ...created(cloudControlRule('AWS::EC2::SecurityGroupEgress')),
    [
      ['aws_cloudcontrolapi_resource.r', 'terraform-control.aws.security-resource', 'high'],
      ['aws_cloudcontrolapi_resource.r', 'terraform-control.aws.generic-resource', 'medium'],
    ],
  ],
  [
    'an Azure NSG rule from "*" is critical',
    ...created(`
resource "azurerm_network_security_rule" "rdp" {
  direction              = "Inbound"
  access                 = "Allow"
  source_address_prefix  = "*"
  destination_port_range = "3389"
}
`),
    [
      ['azurerm_network_security_rule.rdp', 'network.azurerm.security-rule-open-world', 'critical'],
      ['azurerm_network_security_rule.rdp', 'network.azurerm.security-group', 'high'],
    ],
  ],
  [
    'an Azure NSG rule from a VNet range is high',
    ...created(`
resource "azurerm_network_security_rule" "app" {
  source_address_prefix  = "10.0.0.0/16"
  destination_port_range = "443"
}
`),
    [['azurerm_network_security_rule.app', 'network.azurerm.security-group', 'high']],
  ],
  [
    'an Azure SQL firewall rule up to 255.255.255.255 is critical',
    ...created(`
resource "azurerm_mssql_firewall_rule" "all" {
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}
`),
    [
      ['azurerm_mssql_firewall_rule.all', 'network.azurerm.firewall-rule-open-world', 'critical'],
      ['azurerm_mssql_firewall_rule.all', 'network.azurerm.firewall', 'high'],
    ],
  ],
  ...(
    [
      ['0.0.0.0', '254.255.255.255', 'critical', 'one address short of the end'],
      ['1.0.0.0', '9.255.255.255', 'critical', 'nine public /8s'],
      ['10.0.0.0', '10.255.255.255', 'high', 'all of private 10/8'],
      ['203.0.113.0', '203.0.113.255', 'high', 'one /24'],
      ['0.0.0.0', '0.0.0.0', 'high', '"Azure services" only'],
    ] as const
  ).map(
    ([start, end, tier, why]): Case => [
      `an Azure SQL firewall rule ${start}–${end} (${why}) is ${tier}`,
      ...created(
        `resource "azurerm_mssql_firewall_rule" "r" {\n  start_ip_address = "${start}"\n  end_ip_address   = "${end}"\n}\n`,
      ),
      [
        ...(tier === 'critical'
          ? [['azurerm_mssql_firewall_rule.r', 'network.azurerm.firewall-rule-open-world', 'critical'] as Expected]
          : []),
        ['azurerm_mssql_firewall_rule.r', 'network.azurerm.firewall', 'high'],
      ],
    ],
  ),
  [
    'an Azure SQL firewall rule whose start is a variable, ending high in the internet, is critical',
    ...created(
      'variable "start" {}\nresource "azurerm_mssql_firewall_rule" "r" {\n  start_ip_address = var.start\n  end_ip_address   = "223.255.255.255"\n}\n',
    ),
    [
      ['azurerm_mssql_firewall_rule.r', 'network.azurerm.firewall-rule-open-world', 'critical'],
      ['azurerm_mssql_firewall_rule.r', 'network.azurerm.firewall', 'high'],
      ['var.start', 'default', 'low'],
    ],
  ],
  [
    'Azure SQL firewall rules for each of two private ranges are high: each end pairs with its own start',
    ...created(firewallRules({ a: ['10.0.1.10', '10.0.1.11'], b: ['10.0.2.10', '10.0.2.11'] })),
    [
      ['azurerm_mssql_firewall_rule.r', 'network.azurerm.firewall', 'high'],
      ['azurerm_mssql_firewall_rule.r', 'network.azurerm.firewall', 'high'],
      ['local.ranges', 'default', 'low'],
    ],
  ],
  [
    'Azure SQL firewall rules for each of two ranges, one of them the internet, are critical',
    ...created(firewallRules({ a: ['10.0.1.10', '10.0.1.11'], b: ['0.0.0.0', '254.255.255.255'] })),
    [
      ['azurerm_mssql_firewall_rule.r', 'network.azurerm.firewall-rule-open-world', 'critical'],
      ['azurerm_mssql_firewall_rule.r', 'network.azurerm.firewall', 'high'],
      ['azurerm_mssql_firewall_rule.r', 'network.azurerm.firewall', 'high'],
      ['local.ranges', 'default', 'low'],
    ],
  ],
  [
    'an Azure public IP is high',
    ...created('resource "azurerm_public_ip" "ip" {\n  allocation_method = "Static"\n}\n'),
    [['azurerm_public_ip.ip', 'network.azurerm.public-ip', 'high']],
  ],
  [
    'a Kubernetes ingress is high',
    ...created('resource "kubernetes_ingress_v1" "web" {\n  wait_for_load_balancer = true\n}\n'),
    [['kubernetes_ingress_v1.web', 'network.kubernetes.exposure', 'high']],
  ],
  [
    'an Azure NSG rule from half the internet (0.0.0.0/1) is critical',
    ...created(`
resource "azurerm_network_security_rule" "rdp" {
  direction               = "Inbound"
  access                  = "Allow"
  source_address_prefixes = ["0.0.0.0/1", "10.0.0.0/8"]
  destination_port_range  = "3389"
}
`),
    [
      ['azurerm_network_security_rule.rdp', 'network.azurerm.security-rule-open-world', 'critical'],
      ['azurerm_network_security_rule.rdp', 'network.azurerm.security-group', 'high'],
    ],
  ],
  ...(
    [
      ['Inbound', 'Deny', '*', 'high'],
      ['Outbound', 'Allow', '*', 'high'],
      ['Inbound', 'Allow', 'internet', 'critical'],
    ] as const
  ).map(
    ([direction, access, source, tier]): Case => [
      `an Azure NSG rule ${direction} ${access} from "${source}" is ${tier}`,
      ...created(azureRule(direction, access, source)),
      [
        ...(tier === 'critical'
          ? [['azurerm_network_security_rule.r', 'network.azurerm.security-rule-open-world', 'critical'] as Expected]
          : []),
        ['azurerm_network_security_rule.r', 'network.azurerm.security-group', 'high'],
      ],
    ],
  ),
  [
    'an Azure NSG rule from "*" turned from Deny to Allow is critical',
    { 'main.tf': azureRule('Inbound', 'Deny', '*') },
    { 'main.tf': azureRule('Inbound', 'Allow', '*') },
    [
      ['azurerm_network_security_rule.r', 'network.azurerm.security-rule-open-world', 'critical'],
      ['azurerm_network_security_rule.r', 'network.azurerm.security-group', 'high'],
    ],
  ],
];

describe('network catalog', () => {
  runCases(cases);
});
