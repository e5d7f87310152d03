import type { Rule } from '../../model/policy.js';
import { manifestKindRules, rule, valuesAt } from './rule.js';

/**
 * Network exposure: what can reach what. Filters, gateways, routes, peering, VPN and listeners
 * are `high`; ingress open to the whole internet is `critical`; DNS records are `medium`.
 *
 * A value matcher cannot require two attributes at once, so for `azurerm_network_security_rule`
 * a world CIDR counts whatever the rule's direction: an outbound rule to the world is flagged
 * too. `aws_security_group_rule` (`type`) and `aws_network_acl_rule` (`egress`) say their
 * direction in one attribute, which a matcher's `unless` reads: their egress rules are not, and
 * a network ACL's inline entry that denies the world is not either.
 */
const AZURE_ANY_SOURCE = '^(\\*|Internet|Any)$';
/** A rule that denies, or that governs traffic out: a source of "*" there lets no one in. */
const AZURE_NOT_INBOUND_ALLOW = [
  { key: 'access', equals: 'Deny' },
  { key: 'direction', equals: 'Outbound' },
] as const;
const ADMIN_RULE_NOT_INBOUND_ALLOW = [
  { key: 'action', equals: 'Deny' },
  { key: 'direction', equals: 'Outbound' },
] as const;

export const NETWORK_RULES: readonly Rule[] = [
  // AWS
  rule(
    'network.aws.security-group',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_security_group',
        'aws_security_group_rule',
        'aws_default_security_group',
        'aws_vpc_security_group_*',
        'aws_network_interface_sg_attachment',
        'aws_vpc_endpoint_security_group_association',
        'aws_medialive_input_security_group',
        'aws_lightsail_instance_public_ports',
        'aws_ec2_client_vpn_authorization_rule',
      ],
    },
    'Changes security group rules: which addresses and ports can reach the instances, databases and endpoints behind them.',
  ),
  rule(
    'network.aws.security-group-open-world',
    'critical',
    {
      resourceTypes: [
        'aws_security_group',
        'aws_default_security_group',
        'aws_security_group_rule',
        'aws_vpc_security_group_ingress_rule',
        'aws_lightsail_instance_public_ports',
      ],
      values: [
        ...valuesAt(['ingress.cidr_blocks', 'ingress.ipv6_cidr_blocks', 'port_info.cidrs', 'port_info.ipv6_cidrs'], {
          cidr: 'internet',
        }),
        // A rule resource is one rule: opening more ports to the world widens it. An egress rule
        // (`type = "egress"` of aws_security_group_rule) lets traffic out, not in.
        ...valuesAt(['cidr_blocks', 'ipv6_cidr_blocks', 'cidr_ipv4', 'cidr_ipv6'], {
          cidr: 'internet',
          widenedBy: ['from_port', 'to_port', 'protocol', 'ip_protocol', 'type'],
          unless: { key: 'type', equals: 'egress' },
        }),
      ],
    },
    'Opens ingress to the whole internet (0.0.0.0/0, ::/0 or any range as wide as a /8): anyone can reach these ports; restrict the source range.',
  ),
  rule(
    'network.aws.cloudformation-open-world',
    'critical',
    {
      resourceTypes: ['aws_cloudformation_stack', 'aws_cloudformation_stack_set', 'aws_cloudcontrolapi_resource'],
      // A template's resources (`Type`), or a Cloud Control resource's desired state (`type_name`).
      values: [
        ...(['template_body', 'desired_state'] as const).flatMap((attribute) => [
          // A security group's own ingress rules.
          { attribute, key: 'SecurityGroupIngress', cidr: 'internet' as const },
          // A rule resource of its own: an ingress one (an egress one, or a group's egress, lets traffic out).
          ...['CidrIp', 'CidrIpv6'].map((key) => ({
            attribute,
            key,
            cidr: 'internet' as const,
            unless: (['Type', 'type_name'] as const).flatMap((typeKey) => [
              { key: typeKey, equals: 'AWS::EC2::SecurityGroupEgress' },
              { key: typeKey, equals: 'AWS::EC2::SecurityGroup' },
            ]),
          })),
        ]),
      ],
    },
    "Opens ingress to the whole internet (0.0.0.0/0, ::/0 or any range as wide as a /8) in a CloudFormation template's, or a Cloud Control resource's, security group: anyone can reach these ports.",
  ),
  rule(
    'network.aws.network-acl',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_network_acl',
        'aws_network_acl_association',
        'aws_network_acl_rule',
        'aws_default_network_acl',
      ],
    },
    'Changes subnet network ACLs: which traffic may enter or leave whole subnets.',
  ),
  rule(
    'network.aws.network-acl-open-world',
    'critical',
    {
      resourceTypes: ['aws_network_acl', 'aws_default_network_acl', 'aws_network_acl_rule'],
      values: [
        // An entry that denies the world keeps it out.
        ...valuesAt(['ingress.cidr_block', 'ingress.ipv6_cidr_block'], {
          cidr: 'internet',
          unless: { key: 'action', equals: 'deny' },
        }),
        // A rule resource with `egress = true` lets traffic out, not in.
        ...valuesAt(['cidr_block', 'ipv6_cidr_block'], {
          cidr: 'internet',
          widenedBy: ['from_port', 'to_port', 'protocol', 'rule_action', 'egress', 'icmp_*'],
          unless: { key: 'egress', equals: true },
        }),
      ],
    },
    'A network ACL entry allows the whole internet (0.0.0.0/0, ::/0 or any range as wide as a /8) into a subnet; make sure that subnet is meant to be public.',
  ),
  rule(
    'network.aws.firewall',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_networkfirewall_*',
        'aws_route53_resolver_firewall_*',
        'aws_waf_*',
        'aws_wafregional_*',
        'aws_wafv2_*',
        'aws_fms_*',
        'aws_shield_*',
      ],
    },
    'Changes a network or web application firewall, DNS firewall or DDoS protection: traffic it blocked may get through.',
  ),
  rule(
    'network.aws.public-ip',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: ['aws_eip', 'aws_eip_association', 'aws_eip_domain_name', 'aws_vpc_block_public_access_*'],
    },
    'Changes a public IP address or the VPC block-public-access setting: what is reachable from the internet.',
  ),
  rule(
    'network.aws.public-ip-on-launch',
    'high',
    {
      resourceTypes: ['aws_*'],
      values: valuesAt(
        [
          'associate_public_ip_address',
          'map_public_ip_on_launch',
          'network_interfaces.associate_public_ip_address',
          'assign_ipv6_address_on_creation',
        ],
        { equals: true },
      ),
    },
    'Gives instances a public IP address: they become reachable from the internet wherever security groups allow.',
  ),
  rule(
    'network.aws.gateways',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_*internet_gateway*',
        'aws_nat_gateway*',
        'aws_vpc_endpoint_service*',
        'aws_ec2_instance_connect_endpoint',
      ],
    },
    'Changes an internet, NAT or endpoint-service gateway: a path between the network and the internet or other accounts.',
  ),
  rule(
    'network.aws.load-balancer-listeners',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_lb_listener*',
        'aws_alb_listener*',
        'aws_load_balancer_listener_policy',
        'aws_elb',
        'aws_apigatewayv2_route',
        'aws_api_gateway_method',
        'aws_cloudfront_distribution',
        'aws_lambda_function_url',
        'aws_apprunner_service',
      ],
    },
    'Changes what a load balancer, API or CDN listens on and forwards where: a new port, path or route can expose a service.',
  ),
  rule(
    'network.aws.internet-facing-load-balancer',
    'high',
    {
      resourceTypes: ['aws_lb', 'aws_alb', 'aws_elb'],
      values: [{ attribute: 'internal', equals: false }],
    },
    'Makes a load balancer internet-facing: everything behind its listeners becomes reachable from the internet.',
  ),
  rule(
    'network.aws.public-function-url',
    'critical',
    {
      resourceTypes: ['aws_lambda_function_url', 'aws_lambda_permission'],
      values: [
        { attribute: 'authorization_type', equals: 'NONE' },
        { attribute: 'function_url_auth_type', equals: 'NONE' },
      ],
    },
    'A Lambda function URL without authentication: anyone on the internet can invoke the function.',
  ),
  rule(
    'network.aws.appsync-api-key',
    'high',
    {
      resourceTypes: ['aws_appsync_graphql_api'],
      values: [
        { attribute: 'authentication_type', equals: 'API_KEY' },
        { attribute: 'additional_authentication_provider.authentication_type', equals: 'API_KEY' },
      ],
    },
    'Lets a GraphQL API be called with an API key alone: a key shipped in a web or mobile app is public, so anyone can query it.',
  ),
  rule(
    'network.aws.tls-policy',
    'medium',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_lb_ssl_negotiation_policy',
        'aws_load_balancer_policy',
        'aws_load_balancer_backend_server_policy',
        'aws_lightsail_lb_https_redirection_policy',
      ],
    },
    'Changes TLS negotiation or HTTPS redirection of a load balancer: weak ciphers or plain HTTP expose traffic.',
  ),
  rule(
    'network.aws.routes',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_route',
        'aws_route_table*',
        'aws_default_route_table',
        'aws_main_route_table_association',
        'aws_vpc_endpoint_route_table_association',
      ],
    },
    'Changes routing: traffic may bypass a firewall or NAT, or reach networks it should not.',
  ),
  rule(
    'network.aws.peering',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_vpc_peering_connection*',
        'aws_ec2_transit_gateway*',
        'aws_dx_*',
        'aws_networkmanager_*',
        'aws_vpclattice_*',
      ],
    },
    'Connects networks (peering, transit gateway, Direct Connect, service network): hosts on the other side can reach this one.',
  ),
  rule(
    'network.aws.vpn',
    'high',
    { kinds: ['resource'], resourceTypes: ['aws_vpn_*', 'aws_customer_gateway', 'aws_ec2_client_vpn_*'] },
    'Changes a VPN: who can connect into the private network and what they can reach.',
  ),
  rule(
    'network.aws.dns',
    'medium',
    {
      kinds: ['resource'],
      resourceTypes: [
        'aws_route53_record',
        'aws_route53_zone',
        'aws_route53_zone_association',
        'aws_service_discovery_public_dns_namespace',
        'aws_route53_delegation_set',
        'aws_route53_traffic_policy*',
      ],
    },
    'Changes DNS: a record in a public zone can point users at the wrong host or leave a dangling name open to takeover.',
  ),
  rule(
    'network.aws.lookup',
    'medium',
    {
      kinds: ['data'],
      resourceTypes: [
        'aws_security_group*',
        'aws_vpc_security_group_rule*',
        'aws_network_acls',
        'aws_networkfirewall_*',
        'aws_route53_resolver_firewall_*',
        'aws_waf*_web_acl',
      ],
    },
    'Looks up a security group or firewall: changing what it finds changes which filter protects the resources using it.',
  ),

  // Google Cloud
  rule(
    'network.google.firewall',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'google_compute_firewall',
        'google_compute_*firewall_policy*',
        'google_compute_*security_policy*',
        'google_network_security_!(*_iam_*)',
        'google_app_engine_firewall_rule',
        'google_compute_*ssl_policy',
        'google_network_services_endpoint_policy',
        'google_vmwareengine_network_policy',
        'google_vmwareengine_external_access_rule',
      ],
    },
    'Changes a firewall, Cloud Armor or network security policy: which traffic may reach which workloads.',
  ),
  rule(
    'network.google.firewall-open-world',
    'critical',
    {
      resourceTypes: ['google_*'],
      values: [
        ...valuesAt(['source_ranges'], {
          cidr: 'internet',
          widenedBy: ['allow.**', 'direction', 'disabled', 'target_*'],
        }),
        ...valuesAt(
          [
            'match.src_ip_ranges',
            'rule.match.src_ip_ranges',
            'match.layer4_configs.src_ip_ranges',
            'settings.ip_configuration.authorized_networks.value',
            'master_authorized_networks_config.cidr_blocks.cidr_block',
            'ip_range',
          ],
          { cidr: 'internet' },
        ),
      ],
    },
    'Allows the whole internet (0.0.0.0/0, ::/0 or any range as wide as a /8) in: anyone can reach these ports or this database; restrict the source range.',
  ),
  rule(
    'network.google.public-ip',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'google_compute_address',
        'google_compute_global_address',
        'google_compute_public_*_prefix',
        'google_compute_router_nat*',
      ],
    },
    'Changes a public IP address or Cloud NAT: what is reachable from, or can reach, the internet.',
  ),
  rule(
    'network.google.instance-external-ip',
    'high',
    {
      resourceTypes: [
        'google_compute_instance',
        'google_compute_instance_template',
        'google_compute_region_instance_template',
        'google_compute_instance_from_template',
      ],
      blocksAdded: ['network_interface.access_config', 'network_interface.ipv6_access_config'],
    },
    'Gives VM instances an external IP address (an access_config block, even an empty one): they become reachable from the internet wherever firewall rules allow.',
  ),
  rule(
    'network.google.database-public-ip',
    'high',
    {
      resourceTypes: ['google_sql_database_instance', 'google_alloydb_instance'],
      values: valuesAt(['settings.ip_configuration.ipv4_enabled', 'network_config.enable_public_ip'], { equals: true }),
    },
    'Gives a database a public IP address: it is reachable from every authorized network on the internet.',
  ),
  rule(
    'network.google.load-balancer-listeners',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'google_compute_*forwarding_rule',
        'google_compute_target_*',
        'google_compute_*url_map',
        'google_compute_*backend_service',
      ],
    },
    'Changes what a load balancer listens on and forwards where: a new port, host or path can expose a service.',
  ),
  rule(
    'network.google.routes',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'google_compute_route',
        'google_compute_router',
        'google_compute_router_interface',
        'google_compute_router_peer',
        'google_compute_router_route_policy',
        'google_network_connectivity_policy_based_route',
      ],
    },
    'Changes routing: traffic may bypass a firewall or reach networks it should not.',
  ),
  rule(
    'network.google.peering',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'google_compute_network_peering*',
        'google_compute_shared_vpc_*',
        'google_service_networking_connection',
        'google_network_connectivity_!(policy_based_route)',
        'google_compute_interconnect*',
      ],
    },
    'Connects networks (peering, shared VPC, hubs and spokes, interconnect): hosts on the other side can reach this one.',
  ),
  rule(
    'network.google.vpn',
    'high',
    { kinds: ['resource'], resourceTypes: ['google_compute_*vpn_*', 'google_compute_vpn_tunnel'] },
    'Changes a VPN: who can connect into the private network and what they can reach.',
  ),
  rule(
    'network.google.vpc-service-controls',
    'high',
    { kinds: ['resource'], resourceTypes: ['google_access_context_manager_!(*_iam_*)'] },
    'Changes VPC Service Controls or access levels: the perimeter that stops data leaving Google APIs, and who may cross it.',
  ),
  rule(
    'network.google.dns',
    'medium',
    {
      kinds: ['resource'],
      resourceTypes: [
        'google_dns_record_set',
        'google_dns_managed_zone',
        'google_dns_policy',
        'google_dns_response_policy*',
      ],
    },
    'Changes DNS: a record in a public zone can point users at the wrong host or leave a dangling name open to takeover.',
  ),
  rule(
    'network.google.lookup',
    'medium',
    { kinds: ['data'], resourceTypes: ['google_compute_*security_policy', 'google_compute_*ssl_policy'] },
    'Looks up a security or TLS policy: changing what it finds changes which policy protects the resources using it.',
  ),

  // Azure
  rule(
    'network.azurerm.security-group',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'azurerm_network_security_*',
        'azurerm_*security_group_association',
        'azurerm_application_security_group',
        'azurerm_*application_security_group_association',
        'azurerm_network_manager_admin_rule*',
        'azurerm_network_manager_security_admin_*',
        'azurerm_network_manager_static_member',
        'azurerm_network_manager_network_group',
      ],
    },
    'Changes network security groups or admin rules: which addresses and ports can reach the resources behind them.',
  ),
  rule(
    'network.azurerm.security-rule-open-world',
    'critical',
    {
      resourceTypes: [
        'azurerm_network_security_group',
        'azurerm_network_security_rule',
        'azurerm_network_manager_admin_rule',
      ],
      values: [
        ...[
          { regex: AZURE_ANY_SOURCE, ignoreCase: true, unless: AZURE_NOT_INBOUND_ALLOW },
          { cidr: 'internet', unless: AZURE_NOT_INBOUND_ALLOW } as const,
        ].flatMap((test) => [
          ...valuesAt(['security_rule.source_address_prefix', 'security_rule.source_address_prefixes'], test),
          ...valuesAt(['source_address_prefix', 'source_address_prefixes'], {
            ...test,
            widenedBy: ['destination_port_range*', 'destination_address_prefix*', 'protocol', 'access', 'direction'],
          }),
        ]),
        ...valuesAt(['source.address_prefix'], {
          regex: '^(\\*|Internet)$',
          ignoreCase: true,
          unless: ADMIN_RULE_NOT_INBOUND_ALLOW,
        }),
        ...valuesAt(['source.address_prefix'], { cidr: 'internet', unless: ADMIN_RULE_NOT_INBOUND_ALLOW }),
      ],
    },
    'Allows any source ("*", "Internet", 0.0.0.0/0 or any range as wide as a /8): anyone on the internet can reach these ports; restrict the source.',
  ),
  rule(
    'network.azurerm.firewall',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'azurerm_firewall*',
        'azurerm_*firewall_policy*',
        'azurerm_web_application_firewall_policy',
        'azurerm_*_firewall_rule',
        'azurerm_*_network_acl',
        'azurerm_palo_alto_*',
        'azurerm_cdn_frontdoor_security_policy',
        'azurerm_application_load_balancer_security_policy',
        'azurerm_storage_account_network_rules',
        'azurerm_*virtual_network_rule',
        'azurerm_*network_rule_set',
        'azurerm_subnet_service_endpoint_storage_policy',
      ],
    },
    'Changes a firewall, WAF or service firewall rule: which traffic may reach the service.',
  ),
  rule(
    'network.azurerm.firewall-rule-open-world',
    'critical',
    {
      resourceTypes: ['azurerm_*firewall_rule'],
      values: [{ attribute: 'end_ip_address', rangeFrom: 'start_ip_address' }],
    },
    'A service firewall rule spans the internet (0.0.0.0 to 255.255.255.255, or any range holding as many public addresses as a /8): the whole internet can reach the database or service.',
  ),
  rule(
    'network.azurerm.public-network-access',
    'high',
    {
      resourceTypes: ['azurerm_*'],
      values: valuesAt(['public_network_access_enabled', 'public_network_access'], { regex: '^(true|Enabled)$' }),
    },
    'Turns on public network access: the service accepts connections from the internet, limited only by its own firewall.',
  ),
  rule(
    'network.azurerm.public-ip',
    'high',
    { kinds: ['resource'], resourceTypes: ['azurerm_*public_ip*', 'azurerm_nat_gateway*', 'azurerm_bastion_host'] },
    'Changes a public IP address, NAT gateway or bastion: what is reachable from, or can reach, the internet.',
  ),
  rule(
    'network.azurerm.load-balancer-listeners',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'azurerm_lb_rule',
        'azurerm_lb_nat_*',
        'azurerm_lb_outbound_rule',
        'azurerm_application_gateway',
        'azurerm_frontdoor*',
        'azurerm_cdn_frontdoor_route',
        'azurerm_cdn_frontdoor_custom_domain*',
      ],
    },
    'Changes what a load balancer or front door listens on and forwards where: a new port, host or path can expose a service.',
  ),
  rule(
    'network.azurerm.routes',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'azurerm_route',
        'azurerm_route_table',
        'azurerm_route_*',
        'azurerm_subnet_route_table_association',
        'azurerm_network_manager_routing_*',
      ],
    },
    'Changes routing: traffic may bypass a firewall or reach networks it should not.',
  ),
  rule(
    'network.azurerm.peering',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'azurerm_*peering*',
        'azurerm_virtual_hub*',
        'azurerm_express_route_*',
        'azurerm_network_manager_connectivity_configuration',
        'azurerm_private_link_service',
      ],
    },
    'Connects networks (peering, virtual WAN hubs, ExpressRoute, private link services): hosts on the other side can reach this one.',
  ),
  rule(
    'network.azurerm.vpn',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: ['azurerm_*vpn*', 'azurerm_virtual_network_gateway*', 'azurerm_local_network_gateway'],
    },
    'Changes a VPN or virtual network gateway: who can connect into the private network and what they can reach.',
  ),
  rule(
    'network.azurerm.dns',
    'medium',
    { kinds: ['resource'], resourceTypes: ['azurerm_dns_*'] },
    'Changes public DNS: a record can point users at the wrong host or leave a dangling name open to takeover.',
  ),
  rule(
    'network.azurerm.lookup',
    'medium',
    {
      kinds: ['data'],
      resourceTypes: [
        'azurerm_network_security_group',
        'azurerm_application_security_group',
        'azurerm_firewall*',
        'azurerm_*firewall_policy',
        'azurerm_public_ip*',
      ],
    },
    'Looks up a security group, firewall or public IP: changing what it finds changes what protects or exposes the resources using it.',
  ),

  // Kubernetes
  rule(
    'network.kubernetes.exposure',
    'high',
    {
      kinds: ['resource'],
      resourceTypes: [
        'kubernetes_ingress*',
        'kubernetes_network_policy*',
        'kubernetes_service',
        'kubernetes_service_v1',
      ],
    },
    'Changes an ingress, service or network policy: which workloads can be reached from outside the cluster or from other pods.',
  ),
  ...manifestKindRules(
    'network',
    'manifest-exposure',
    'high',
    '^(Ingress|IngressRoute|Service|NetworkPolicy|Gateway|HTTPRoute|TCPRoute|TLSRoute)$',
    'Applies a Kubernetes manifest of an ingress, service, gateway route or network policy: which workloads can be reached, and from where.',
  ),
];
