// A large, realistic `terraform show -json` plan for bench/plan.js, generated deterministically
// (a seeded PRNG): thousands of resource instances in root and nested modules, with count and
// for_each keys, nested blocks, IAM policies as JSON strings, unknown and sensitive marks, and
// the parts real plans carry besides resource_changes (planned_values, prior_state,
// configuration), all as one line of JSON like Terraform prints it.
import { mulberry32 as random } from './seededRandom.js';

const PROVIDER = 'registry.terraform.io/hashicorp/aws';

const tags = (i) => ({ Name: `svc-${i}`, env: 'prod', team: `team-${i % 17}`, cost_center: `cc-${1000 + (i % 50)}` });

function policyDocument(rand, statements) {
  const actions = [
    's3:GetObject',
    's3:PutObject',
    'sqs:SendMessage',
    'kms:Decrypt',
    'logs:PutLogEvents',
    'ec2:Describe*',
  ];
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: Array.from({ length: statements }, (_, s) => ({
      Sid: `S${s}`,
      Effect: 'Allow',
      Action: actions.filter(() => rand() < 0.5).concat(actions[s % actions.length]),
      Resource: [`arn:aws:s3:::bucket-${s}-${Math.floor(rand() * 1e6)}/*`],
      Condition: { StringEquals: { 'aws:PrincipalTag/team': `team-${s}` } },
    })),
  });
}

/** One resource's attribute values, by kind; `i` varies them so no two are alike. */
const KINDS = [
  {
    type: 'aws_iam_policy',
    values: (rand, i) => ({
      arn: `arn:aws:iam::123456789012:policy/p-${i}`,
      description: `Policy ${i}`,
      id: `arn:aws:iam::123456789012:policy/p-${i}`,
      name: `p-${i}`,
      path: '/',
      policy: policyDocument(rand, 4 + (i % 6)),
      policy_id: `ANPA${i.toString(16).padStart(16, '0')}`,
      tags: tags(i),
      tags_all: tags(i),
    }),
    unknown: { arn: true, id: true, policy_id: true },
  },
  {
    type: 'aws_security_group',
    values: (rand, i) => ({
      arn: `arn:aws:ec2:eu-west-1:123456789012:security-group/sg-${i}`,
      description: `Group ${i}`,
      egress: [
        {
          cidr_blocks: ['0.0.0.0/0'],
          description: '',
          from_port: 0,
          ipv6_cidr_blocks: [],
          prefix_list_ids: [],
          protocol: '-1',
          security_groups: [],
          self: false,
          to_port: 0,
        },
      ],
      id: `sg-${i.toString(16).padStart(17, '0')}`,
      ingress: Array.from({ length: 3 + (i % 8) }, (_, r) => ({
        cidr_blocks: [`10.${r}.${i % 256}.0/24`],
        description: `rule ${r}`,
        from_port: 1000 + r,
        ipv6_cidr_blocks: [],
        prefix_list_ids: [],
        protocol: 'tcp',
        security_groups: [],
        self: false,
        to_port: 1000 + r + Math.floor(rand() * 10),
      })),
      name: `sg-${i}`,
      tags: tags(i),
      tags_all: tags(i),
      vpc_id: `vpc-${(i % 20).toString(16).padStart(17, '0')}`,
    }),
    unknown: { arn: true, id: true },
  },
  {
    type: 'aws_s3_bucket',
    values: (rand, i) => ({
      arn: `arn:aws:s3:::bucket-${i}`,
      bucket: `bucket-${i}`,
      force_destroy: false,
      id: `bucket-${i}`,
      lifecycle_rule: Array.from({ length: 1 + (i % 3) }, (_, r) => ({
        enabled: true,
        expiration: [{ days: 30 + r * 30, expired_object_delete_marker: false }],
        id: `rule-${r}`,
        noncurrent_version_expiration: [{ days: 90 }],
        prefix: `logs/${r}/`,
        transition: [{ days: 30, storage_class: 'STANDARD_IA' }],
      })),
      server_side_encryption_configuration: [
        {
          rule: [
            {
              apply_server_side_encryption_by_default: [
                { kms_master_key_id: `key-${i % 7}`, sse_algorithm: 'aws:kms' },
              ],
              bucket_key_enabled: rand() < 0.5,
            },
          ],
        },
      ],
      tags: tags(i),
      tags_all: tags(i),
      versioning: [{ enabled: true, mfa_delete: false }],
    }),
    unknown: { arn: true, bucket_domain_name: true, id: true },
  },
  {
    type: 'aws_instance',
    values: (rand, i) => ({
      ami: `ami-${Math.floor(rand() * 1e12).toString(16)}`,
      arn: `arn:aws:ec2:eu-west-1:123456789012:instance/i-${i}`,
      ebs_block_device: Array.from({ length: i % 3 }, (_, d) => ({
        device_name: `/dev/sd${'fgh'[d]}`,
        encrypted: true,
        volume_size: 100,
        volume_type: 'gp3',
      })),
      id: `i-${i.toString(16).padStart(17, '0')}`,
      instance_type: ['t3.micro', 'm6i.large', 'c7g.xlarge'][i % 3],
      metadata_options: [{ http_endpoint: 'enabled', http_put_response_hop_limit: 1, http_tokens: 'required' }],
      root_block_device: [{ delete_on_termination: true, encrypted: true, volume_size: 50, volume_type: 'gp3' }],
      subnet_id: `subnet-${i % 12}`,
      tags: tags(i),
      tags_all: tags(i),
      user_data: `#!/bin/bash\necho ${'x'.repeat(200 + (i % 300))}\n`,
      vpc_security_group_ids: [`sg-${i % 40}`],
    }),
    unknown: { arn: true, id: true, private_ip: true, public_ip: true },
  },
  {
    type: 'aws_lambda_function',
    values: (rand, i) => ({
      arn: `arn:aws:lambda:eu-west-1:123456789012:function:fn-${i}`,
      environment: [
        {
          variables: Object.fromEntries(
            Array.from({ length: 6 + (i % 10) }, (_, v) => [`VAR_${v}`, `value-${v}-${Math.floor(rand() * 1e9)}`]),
          ),
        },
      ],
      function_name: `fn-${i}`,
      handler: 'index.handler',
      id: `fn-${i}`,
      memory_size: 128 * (1 + (i % 8)),
      role: `arn:aws:iam::123456789012:role/fn-${i}`,
      runtime: 'nodejs20.x',
      tags: tags(i),
      tags_all: tags(i),
      timeout: 30,
    }),
    unknown: { arn: true, last_modified: true, qualified_arn: true, version: true },
    sensitive: { environment: [{ variables: { VAR_0: true } }] },
  },
];

const ACTIONS = [
  ['no-op'],
  ['no-op'],
  ['no-op'],
  ['update'],
  ['update'],
  ['create'],
  ['delete'],
  ['delete', 'create'],
  ['create', 'delete'],
  ['read'],
];

/** The module instance the i-th resource is in: the root, `module.svc_N`, or nested, with count and for_each keys. */
function moduleOf(i) {
  if (i % 5 === 0) return null;
  const service = `module.svc_${i % 40}`;
  return i % 3 === 0 ? `${service}.module.data["${['eu', 'us', 'ap'][(i >> 2) % 3]}"]` : service;
}

function resourceChange(rand, i) {
  const kind = KINDS[i % KINDS.length];
  const actions = ACTIONS[Math.floor(rand() * ACTIONS.length)];
  const data = actions[0] === 'read';
  const module = moduleOf(i);
  const name = `r${Math.floor(i / 7)}`;
  const index = i % 7 === 0 ? `k${i}` : i % 7;
  const indexText = typeof index === 'string' ? `["${index}"]` : `[${index}]`;
  const local = `${data ? 'data.' : ''}${kind.type}.${name}${indexText}`;
  const before = actions[0] === 'create' || data ? null : kind.values(rand, i);
  const after =
    actions.length === 1 && actions[0] === 'delete' ? null : kind.values(rand, i + (actions[0] === 'update' ? 1 : 0));
  return {
    address: module ? `${module}.${local}` : local,
    ...(module ? { module_address: module } : {}),
    mode: data ? 'data' : 'managed',
    type: kind.type,
    name,
    index,
    provider_name: PROVIDER,
    change: {
      actions,
      before,
      after,
      after_unknown: after && actions[0] !== 'no-op' ? kind.unknown : {},
      before_sensitive: before ? (kind.sensitive ?? {}) : false,
      after_sensitive: after ? (kind.sensitive ?? {}) : false,
      ...(actions.length === 2 ? { replace_paths: [['tags', 'Name']] } : {}),
    },
    ...(actions.length === 2 ? { action_reason: 'replace_because_cannot_update' } : {}),
  };
}

function moduleTree(changes, pick) {
  const root = { resources: [] };
  const children = new Map();
  for (const change of changes) {
    const values = pick(change);
    if (values === null) continue;
    const resource = {
      address: change.address,
      mode: change.mode,
      type: change.type,
      name: change.name,
      index: change.index,
      provider_name: PROVIDER,
      schema_version: 0,
      values,
      sensitive_values: {},
    };
    if (!change.module_address) root.resources.push(resource);
    else {
      if (!children.has(change.module_address))
        children.set(change.module_address, { resources: [], address: change.module_address });
      children.get(change.module_address).resources.push(resource);
    }
  }
  if (children.size) root.child_modules = [...children.values()];
  return root;
}

/** A plan of about `targetBytes` of JSON text: returns the text and its resource change count. */
export function generatePlan(targetBytes, seed = 1) {
  const rand = random(seed);
  const changes = [];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const change = resourceChange(rand, i);
    changes.push(change);
    // each value appears about twice more: planned_values (after) and prior_state (before)
    bytes += 2 * JSON.stringify(change).length;
  }
  const plan = {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: {
      root_module: moduleTree(changes, (c) => (c.change.after && c.mode === 'managed' ? c.change.after : null)),
    },
    resource_changes: changes,
    output_changes: Object.fromEntries(
      changes.slice(0, 200).map((c, i) => [
        `out_${i}`,
        {
          actions: ['no-op'],
          before: c.address,
          after: c.address,
          after_unknown: false,
          before_sensitive: false,
          after_sensitive: false,
        },
      ]),
    ),
    prior_state: {
      format_version: '1.0',
      terraform_version: '1.9.8',
      values: { root_module: moduleTree(changes, (c) => c.change.before) },
    },
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: PROVIDER } },
      root_module: {
        resources: KINDS.map((k) => ({
          address: `${k.type}.r0`,
          mode: 'managed',
          type: k.type,
          name: 'r0',
          provider_config_key: 'aws',
          expressions: {},
          schema_version: 0,
        })),
      },
    },
    timestamp: '2025-03-14T09:26:53Z',
    applyable: true,
    complete: true,
    errored: false,
  };
  return { text: JSON.stringify(plan), resourceChanges: changes.length };
}
