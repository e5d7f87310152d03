// A generated corpus of realistic Terraform for the parser benchmark.
//
// Why generated: the bench must run on a fresh clone without fetching anything, and the same
// seed must give byte-identical input so figures from different runs and machines compare.
// Why so many templates: a parser's speed depends on the mix of constructs (heredocs, nested
// templates, deep objects, long comment runs…); one file repeated would measure one path only.
// Every template below is valid HCL that Terraform would accept syntactically.
import { mulberry32 } from './seededRandom.js';

const ENVS = ['dev', 'staging', 'prod', 'qa', 'sandbox', 'shared', 'perf', 'dr'];
const APPS = [
  'billing',
  'checkout',
  'search',
  'payments',
  'analytics',
  'ledger',
  'gateway',
  'auth',
  'inventory',
  'reporting',
  'notifications',
  'ingest',
  'etl',
  'frontend',
  'api',
  'worker',
  'scheduler',
  'audit',
  'catalog',
  'pricing',
  'fraud',
  'recommendations',
  'media',
  'identity',
  'metrics',
  'backup',
];
const PARTS = [
  'db',
  'cache',
  'queue',
  'store',
  'cluster',
  'runner',
  'proxy',
  'export',
  'events',
  'jobs',
  'logs',
  'state',
];
const TEAMS = ['platform', 'data', 'sre', 'security', 'mobile', 'web', 'ml', 'finance-eng', 'core'];
const AWS_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-2',
  'ap-northeast-1',
];
const GCP_REGIONS = ['europe-west1', 'europe-west4', 'us-central1', 'us-east4', 'asia-southeast1'];
const AZ_REGIONS = ['westeurope', 'northeurope', 'eastus2', 'uksouth', 'germanywestcentral'];
const INSTANCE_TYPES = ['t3.micro', 't3.small', 't3.large', 'm6i.large', 'm6i.xlarge', 'c6g.2xlarge', 'r6i.large'];
const MACHINE_TYPES = ['e2-standard-4', 'e2-medium', 'n2-standard-8', 'n2d-highmem-4', 'c2-standard-16'];
const VM_SIZES = ['Standard_D2s_v5', 'Standard_D4s_v5', 'Standard_E8s_v5', 'Standard_B2ms', 'Standard_F4s_v2'];
const AWS_ACTIONS = [
  's3:GetObject',
  's3:PutObject',
  's3:ListBucket',
  's3:DeleteObject',
  's3:GetBucketLocation',
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey*',
  'kms:DescribeKey',
  'sqs:SendMessage',
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
  'dynamodb:BatchWriteItem',
  'logs:CreateLogGroup',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'ec2:DescribeInstances',
  'ec2:DescribeSubnets',
  'ec2:CreateNetworkInterface',
  'sts:AssumeRole',
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParametersByPath',
  'ecr:GetAuthorizationToken',
  'ecr:BatchGetImage',
  'sns:Publish',
  'lambda:InvokeFunction',
  'cloudwatch:PutMetricData',
  'xray:PutTraceSegments',
  'iam:PassRole',
  'rds-db:connect',
];
const AWS_SERVICES = [
  'ec2.amazonaws.com',
  'lambda.amazonaws.com',
  'ecs-tasks.amazonaws.com',
  'states.amazonaws.com',
  'events.amazonaws.com',
  'eks.amazonaws.com',
];
const GCP_ROLES = [
  'roles/storage.objectViewer',
  'roles/storage.objectAdmin',
  'roles/logging.logWriter',
  'roles/monitoring.metricWriter',
  'roles/pubsub.publisher',
  'roles/pubsub.subscriber',
  'roles/cloudsql.client',
  'roles/secretmanager.secretAccessor',
  'roles/container.developer',
  'roles/iam.serviceAccountUser',
  'roles/bigquery.dataViewer',
  'roles/bigquery.jobUser',
];
const AZ_ROLES = [
  'Reader',
  'Contributor',
  'Storage Blob Data Reader',
  'Key Vault Secrets User',
  'AcrPull',
  'Network Contributor',
  'Monitoring Metrics Publisher',
];
const IMAGES = [
  'nginx:1.25',
  'ghcr.io/acme/api:2.14.1',
  'redis:7.2-alpine',
  'postgres:16',
  'ghcr.io/acme/worker:0.9.3',
  'envoyproxy/envoy:v1.29.1',
];
const PHRASES = [
  'Managed by the platform team; ask in #infra before changing.',
  'Keep in sync with the module defaults.',
  'TODO: move this into a shared module once the migration is done.',
  'Required by the compliance baseline (CIS 2.1.1).',
  'Zugriff nur für das Betriebsteam — siehe Runbook.',
  'Temporarily widened during the incident on 2024-03-12; revert afterwards.',
  'The value below is looked up from SSM at apply time.',
  'Do not rename: other stacks read this output via remote state.',
  'Ordering matters here because of the provider bug with dependent rules.',
  'Costs roughly 40 USD per month per environment.',
  'Ce réglage est imposé par l\u2019audit de sécurité.',
  'Imported from the legacy account; see import block below.',
];

/** Random helpers bound to one PRNG. */
class Gen {
  constructor(seed) {
    this.next = mulberry32(seed);
    this.counter = 0;
  }

  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p) {
    return this.next() < p;
  }

  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }

  /** `n` distinct elements of `list` (or all of them). */
  some(list, n) {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, Math.min(n, copy.length));
  }

  /** A fresh snake_case name; the counter keeps addresses unique within the corpus. */
  name(part = this.pick(PARTS)) {
    this.counter++;
    return `${this.pick(APPS)}_${part}${this.chance(0.5) ? `_${this.counter}` : `_${this.pick(ENVS)}_${this.counter}`}`;
  }

  kebab(name) {
    return name.replace(/_/g, '-');
  }

  cidr(prefix = 16) {
    return `10.${this.int(0, 255)}.${prefix >= 24 ? this.int(0, 255) : 0}.0/${prefix}`;
  }

  hex(n) {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(0, 15)];
    return s;
  }

  accountId() {
    return String(this.int(100000000000, 999999999999));
  }

  /** A comment in one of the three HCL comment styles (one line or several), or nothing. */
  comment(indent, p = 0.4) {
    if (!this.chance(p)) return '';
    const pad = ' '.repeat(indent);
    const lines = Array.from({ length: this.int(1, 4) }, () => this.pick(PHRASES));
    switch (this.int(0, 4)) {
      case 0:
        return lines.map((line) => `${pad}// ${line}\n`).join('');
      case 1:
        return `${pad}/* ${lines[0]} */\n`;
      case 2:
        return `${pad}/*\n${lines.map((line) => `${pad} * ${line}\n`).join('')}${pad} */\n`;
      default:
        return lines.map((line) => `${pad}# ${line}\n`).join('');
    }
  }

  /** The documentation block many modules start their files with. */
  header() {
    const title = `${this.pick(APPS)} ${this.pick(PARTS)} for the ${this.pick(TEAMS)} team`;
    const body = Array.from({ length: this.int(2, 8) }, () => `# ${this.pick(PHRASES)}`);
    return `# ${'='.repeat(title.length)}\n# ${title}\n# ${'='.repeat(title.length)}\n#\n${body.join('\n')}\n\n`;
  }

  /** A section divider between groups of blocks, or nothing. */
  divider(p = 0.25) {
    if (!this.chance(p)) return '';
    return `${'#'.repeat(78)}\n# ${this.pick(['Identity', 'Networking', 'Storage', 'Workloads', 'Observability', 'Access', 'Encryption'])}\n# ${this.pick(PHRASES)}\n${'#'.repeat(78)}\n\n`;
  }

  /** A trailing comment for the end of an attribute line, or nothing. */
  trailing(p = 0.08) {
    return this.chance(p) ? `  ${this.chance(0.5) ? '#' : '//'} ${this.pick(PHRASES)}` : '';
  }

  tags(indent, extra = '') {
    const pad = ' '.repeat(indent);
    const lines = [
      `${pad}tags = merge(local.common_tags, {`,
      `${pad}  Name        = "${this.pick(APPS)}-${this.pick(PARTS)}-\${var.environment}"`,
      `${pad}  Team        = "${this.pick(TEAMS)}"`,
    ];
    if (this.chance(0.5)) lines.push(`${pad}  CostCenter  = "${this.int(1000, 9999)}"`);
    if (this.chance(0.4)) lines.push(`${pad}  Compliance  = "${this.pick(['pci', 'sox', 'hipaa', 'none'])}"`);
    if (extra) lines.push(`${pad}  ${extra}`);
    lines.push(`${pad}})`);
    return lines.join('\n') + '\n';
  }
}

function quoteList(items) {
  return `[${items.map((i) => JSON.stringify(i)).join(', ')}]`;
}

// ---------------------------------------------------------------------------------------------
// AWS

function awsIamRole(g) {
  const name = g.name('role');
  const service = g.pick(AWS_SERVICES);
  const actions = g.some(AWS_ACTIONS, g.int(2, 8));
  const withCondition = g.chance(0.5);
  return `${g.comment(0)}resource "aws_iam_role" "${name}" {
  name                 = "\${var.name_prefix}-${g.kebab(name)}"
  path                 = "/${g.pick(TEAMS)}/"
  max_session_duration = ${g.pick([3600, 7200, 14400, 43200])}
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "${service}" }
        Action    = "sts:AssumeRole"${
          withCondition
            ? `
        Condition = {
          StringEquals = {
            "aws:SourceAccount" = data.aws_caller_identity.current.account_id
          }
        }`
            : ''
        }
      },
    ]
  })
${g.tags(2)}}

resource "aws_iam_role_policy" "${name}_inline" {
  name = "${g.kebab(name)}-inline"
  role = aws_iam_role.${name}.id
${g.comment(2)}  policy = jsonencode({
    Version = "2012-10-17",
    Statement = [
      {
        Sid      = "${g.pick(['ReadWrite', 'Access', 'AppPermissions', 'Runtime'])}${g.int(1, 99)}",
        Effect   = "Allow",
        Action   = ${quoteList(actions)},
        Resource = ${
          g.chance(0.3)
            ? '"*"'
            : `[
          "arn:aws:s3:::\${var.bucket_name}",
          "arn:aws:s3:::\${var.bucket_name}/*",
          aws_kms_key.${g.name('key')}.arn,
        ]`
        }
      }
    ]
  })
}
`;
}

function awsHeredocPolicy(g) {
  const name = g.name('policy');
  const marker = g.pick(['EOF', 'EOT', 'POLICY']);
  const dash = g.chance(0.6);
  const pad = dash ? '    ' : '';
  const actions = g.some(AWS_ACTIONS, g.int(2, 6));
  const body = [
    '{',
    '  "Version": "2012-10-17",',
    '  "Statement": [',
    '    {',
    `      "Sid": "Allow${g.pick(['Read', 'Write', 'Admin', 'Ops'])}",`,
    '      "Effect": "Allow",',
    `      "Action": [${actions.map((a) => `"${a}"`).join(', ')}],`,
    `      "Resource": "arn:aws:\${var.service}:\${var.region}:\${data.aws_caller_identity.current.account_id}:${g.kebab(name)}/*"`,
    '    },',
    '    {',
    '      "Effect": "Deny",',
    '      "Action": "*",',
    '      "Resource": "*",',
    '      "Condition": {',
    `        "Bool": { "aws:SecureTransport": "false" }`,
    '      }',
    '    }',
    '  ]',
    '}',
  ]
    .map((l) => pad + l)
    .join('\n');
  return `resource "aws_iam_policy" "${name}" {
  name        = "${g.kebab(name)}"
  description = "${g.pick(PHRASES).replace(/"/g, '\\"')}"
  policy      = <<${dash ? '-' : ''}${marker}
${body}
${dash ? '  ' : ''}${marker}
}

resource "aws_iam_role_policy_attachment" "${name}" {
  role       = aws_iam_role.${g.name('role')}.name
  policy_arn = aws_iam_policy.${name}.arn
}
`;
}

function awsPolicyDocument(g) {
  const name = g.name('doc');
  const statements = [];
  const n = g.int(1, 5);
  for (let i = 0; i < n; i++) {
    const cond = g.chance(0.4)
      ? `

    condition {
      test     = "${g.pick(['StringEquals', 'StringLike', 'ArnLike', 'Bool'])}"
      variable = "${g.pick(['aws:PrincipalTag/team', 'aws:SourceArn', 'aws:SecureTransport', 's3:prefix'])}"
      values   = ${quoteList(g.some(TEAMS, g.int(1, 3)))}
    }`
      : '';
    const principals = g.chance(0.4)
      ? `

    principals {
      type        = "${g.pick(['AWS', 'Service'])}"
      identifiers = ["arn:aws:iam::${g.accountId()}:root"]
    }`
      : '';
    statements.push(`${g.comment(2, 0.2)}  statement {
    sid       = "S${i}${g.hex(4)}"
    effect    = "${g.chance(0.85) ? 'Allow' : 'Deny'}"
    actions   = ${quoteList(g.some(AWS_ACTIONS, g.int(1, 6)))}
    resources = [${g.chance(0.5) ? `"\${aws_s3_bucket.${g.name('bucket')}.arn}/*"` : `"arn:aws:sqs:\${var.region}:*:${g.kebab(g.name('queue'))}"`}]${cond}${principals}
  }`);
  }
  return `data "aws_iam_policy_document" "${name}" {
${statements.join('\n\n')}
}
`;
}

function awsSecurityGroup(g) {
  const name = g.name('sg');
  const rules = g.int(1, 4);
  const staticRules = [];
  for (let i = 0; i < rules; i++) {
    const port = g.pick([22, 80, 443, 5432, 6379, 8080, 9090, 3306]);
    staticRules.push(`  ingress {
    description = "${g.pick(['HTTPS from the load balancer', 'Postgres from the app subnets', 'metrics scrape', 'SSH from bastion'])}"
    from_port   = ${port}
    to_port     = ${port}
    protocol    = "tcp"
    cidr_blocks = [${g.chance(0.5) ? `"${g.cidr(16)}", "${g.cidr(24)}"` : 'var.allowed_cidrs'}]${g.trailing()}
  }`);
  }
  return `${g.comment(0)}resource "aws_security_group" "${name}" {
  name_prefix = "${g.kebab(name)}-"
  description = "Security group for ${g.pick(APPS)} (\${var.environment})"
  vpc_id      = ${g.chance(0.5) ? 'module.vpc.vpc_id' : `aws_vpc.${g.name('vpc')}.id`}

${staticRules.join('\n\n')}

  dynamic "ingress" {
    for_each = ${g.chance(0.5) ? 'var.extra_ingress_rules' : `{ for r in var.rules : "\${r.protocol}-\${r.port}" => r if r.enabled }`}
    iterator = rule
    content {
      description     = lookup(rule.value, "description", null)
      from_port       = rule.value.port
      to_port         = try(rule.value.to_port, rule.value.port)
      protocol        = rule.value.protocol
      cidr_blocks     = rule.value.cidr_blocks
      security_groups = length(rule.value.source_sg) > 0 ? rule.value.source_sg : null
    }
  }

  egress {
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  lifecycle {
    create_before_destroy = true
  }

${g.tags(2)}}
`;
}

function awsVpc(g) {
  const name = g.name('vpc');
  const azs = g.int(2, 4);
  return `resource "aws_vpc" "${name}" {
  cidr_block           = "${g.cidr(16)}"
  enable_dns_hostnames = true
  enable_dns_support   = true
${g.tags(2)}}

resource "aws_subnet" "${name}_private" {
  count             = ${g.chance(0.5) ? azs : 'length(var.azs)'}
  vpc_id            = aws_vpc.${name}.id
  cidr_block        = cidrsubnet(aws_vpc.${name}.cidr_block, ${g.int(4, 8)}, count.index)
  availability_zone = element(var.azs, count.index)
${g.tags(2, '"kubernetes.io/role/internal-elb" = 1')}}

resource "aws_subnet" "${name}_public" {
  for_each                = { for idx, az in var.azs : az => idx }
  vpc_id                  = aws_vpc.${name}.id
  cidr_block              = cidrsubnet(aws_vpc.${name}.cidr_block, ${g.int(4, 8)}, each.value + ${g.int(8, 16)})
  availability_zone       = each.key
  map_public_ip_on_launch = ${g.chance(0.3)}
}

resource "aws_route_table" "${name}_private" {
  count  = length(aws_subnet.${name}_private)
  vpc_id = aws_vpc.${name}.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = var.single_nat_gateway ? aws_nat_gateway.this[0].id : aws_nat_gateway.this[count.index].id
  }
}

resource "aws_route_table_association" "${name}_private" {
  count          = length(aws_subnet.${name}_private)
  subnet_id      = aws_subnet.${name}_private[count.index].id
  route_table_id = aws_route_table.${name}_private.*.id[count.index]
}
`;
}

function awsInstance(g) {
  const name = g.name('host');
  const pkgs = g.some(['nginx', 'jq', 'awscli', 'amazon-cloudwatch-agent', 'docker', 'git', 'htop'], g.int(2, 5));
  return `${g.comment(0)}resource "aws_instance" "${name}" {
  count                  = var.create ? ${g.int(1, 6)} : 0
  ami                    = data.aws_ami.${g.pick(['ubuntu', 'al2023', 'bottlerocket'])}.id
  instance_type          = var.environment == "prod" ? "${g.pick(INSTANCE_TYPES)}" : "${g.pick(INSTANCE_TYPES)}"
  subnet_id              = element(module.vpc.private_subnets, count.index)
  vpc_security_group_ids = [aws_security_group.${g.name('sg')}.id]
  iam_instance_profile   = aws_iam_instance_profile.${g.name('profile')}.name
  monitoring             = ${g.chance(0.7)}

  user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    echo "Bootstrapping \${var.environment} node \${count.index + 1} of ${g.int(1, 6)}"
    %{ for pkg in ${quoteList(pkgs)} ~}
    yum install -y \${pkg}
    %{ endfor ~}
    %{ if var.enable_agent ~}
    /opt/aws/bin/cfn-signal --stack \${var.stack_name} --region \${var.region}
    %{ else ~}
    echo "agent disabled"
    %{ endif ~}
    echo '{"cluster": "\${var.cluster_name}", "tags": \${jsonencode(local.common_tags)}}' > /etc/node.json
  EOT

  root_block_device {
    volume_size           = ${g.pick([20, 30, 50, 100, 200])}
    volume_type           = "gp3"
    encrypted             = true
    kms_key_id            = var.kms_key_arn
    delete_on_termination = true
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = ${g.int(1, 3)}
  }

  lifecycle {
    ignore_changes = [ami, user_data]
  }

${g.tags(2, `Index = count.index`)}}
`;
}

function awsLambda(g) {
  const name = g.name('fn');
  const envCount = g.int(2, 8);
  const env = [];
  for (let i = 0; i < envCount; i++) {
    const key =
      g.pick([
        'LOG_LEVEL',
        'TABLE_NAME',
        'QUEUE_URL',
        'BUCKET',
        'REGION',
        'FEATURE_FLAGS',
        'API_BASE_URL',
        'TIMEOUT_MS',
      ]) + `_${i}`;
    env.push(
      `      ${key.padEnd(16)} = ${g.pick([`"${g.pick(['debug', 'info', 'warn'])}"`, `aws_dynamodb_table.${g.name('table')}.name`, `var.${g.name('setting')}`, `tostring(${g.int(100, 30000)})`, `"https://\${var.domain}/v${g.int(1, 3)}"`])}`,
    );
  }
  return `resource "aws_lambda_function" "${name}" {
  for_each      = toset(var.${g.pick(['handlers', 'functions', 'lambda_names'])})
  function_name = "\${var.name_prefix}-${g.kebab(name)}-\${each.key}"
  role          = aws_iam_role.${g.name('role')}.arn
  handler       = "\${each.key}.handler"
  runtime       = "${g.pick(['python3.12', 'nodejs20.x', 'java21', 'provided.al2023'])}"
  memory_size   = ${g.pick([128, 256, 512, 1024, 2048])}
  timeout       = ${g.int(3, 900)}
  filename      = "\${path.module}/build/\${each.key}.zip"

  source_code_hash = filebase64sha256("\${path.module}/build/\${each.key}.zip")

  environment {
    variables = {
${env.join('\n')}
    }
  }

  dynamic "vpc_config" {
    for_each = var.vpc_subnet_ids == null ? [] : [1]
    content {
      subnet_ids         = var.vpc_subnet_ids
      security_group_ids = [aws_security_group.${g.name('sg')}.id]
    }
  }

  tracing_config {
    mode = "${g.pick(['Active', 'PassThrough'])}"
  }
}
`;
}

function awsEcsTask(g) {
  const name = g.name('task');
  const containers = g.int(1, 3);
  const defs = [];
  for (let i = 0; i < containers; i++) {
    defs.push(`    {
      name      = "${g.pick(APPS)}-${i}"
      image     = "\${var.ecr_repository_url}:\${var.image_tag}"
      cpu       = ${g.pick([256, 512, 1024])}
      memory    = ${g.pick([512, 1024, 2048])}
      essential = ${i === 0}
      portMappings = [
        { containerPort = ${g.pick([80, 8080, 3000, 9000])}, hostPort = ${g.pick([80, 8080, 3000, 9000])}, protocol = "tcp" }
      ]
      environment = [for k, v in local.${g.name('env')} : { name = k, value = tostring(v) }]
      secrets = [
        { name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.${g.name('secret')}.arn },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = aws_cloudwatch_log_group.${g.name('logs')}.name
          "awslogs-region"        = var.region
          "awslogs-stream-prefix" = "ecs"
        }
      }
    }`);
  }
  return `resource "aws_ecs_task_definition" "${name}" {
  family                   = "${g.kebab(name)}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = ${g.pick([512, 1024, 2048, 4096])}
  memory                   = ${g.pick([1024, 2048, 4096, 8192])}
  execution_role_arn       = aws_iam_role.${g.name('role')}.arn

  container_definitions = jsonencode([
${defs.join(',\n')}
  ])
}
`;
}

function awsS3Bucket(g) {
  const name = g.name('bucket');
  const rules = g.int(1, 3);
  const lifecycle = [];
  for (let i = 0; i < rules; i++) {
    lifecycle.push(`  rule {
    id     = "${g.pick(['expire', 'archive', 'cleanup', 'tiering'])}-${i}"
    status = "${g.chance(0.8) ? 'Enabled' : 'Disabled'}"

    filter {
      prefix = "${g.pick(['logs/', 'tmp/', 'exports/', 'raw/', ''])}"
    }

    transition {
      days          = ${g.pick([30, 60, 90])}
      storage_class = "${g.pick(['STANDARD_IA', 'GLACIER', 'INTELLIGENT_TIERING'])}"
    }

    expiration {
      days = ${g.pick([180, 365, 730, 2555])}
    }
  }`);
  }
  return `${g.comment(0)}resource "aws_s3_bucket" "${name}" {
  bucket        = "\${var.name_prefix}-${g.kebab(name)}-\${data.aws_caller_identity.current.account_id}"
  force_destroy = ${g.chance(0.2)}
${g.tags(2)}}

resource "aws_s3_bucket_versioning" "${name}" {
  bucket = aws_s3_bucket.${name}.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "${name}" {
  bucket = aws_s3_bucket.${name}.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.${g.name('key')}.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "${name}" {
  bucket = aws_s3_bucket.${name}.id

${lifecycle.join('\n\n')}
}

resource "aws_s3_bucket_policy" "${name}" {
  bucket = aws_s3_bucket.${name}.id
  policy = jsonencode({
    "Version" : "2012-10-17",
    "Statement" : [
      {
        "Sid" : "DenyInsecureTransport",
        "Effect" : "Deny",
        "Principal" : "*",
        "Action" : "s3:*",
        "Resource" : [aws_s3_bucket.${name}.arn, "\${aws_s3_bucket.${name}.arn}/*"],
        "Condition" : { "Bool" : { "aws:SecureTransport" : "false" } }
      },
      {
        "Sid" : "AllowReaders",
        "Effect" : "Allow",
        "Principal" : { "AWS" : [for id in var.reader_account_ids : "arn:aws:iam::\${id}:root"] },
        "Action" : ${quoteList(
          g.some(
            AWS_ACTIONS.filter((a) => a.startsWith('s3:')),
            3,
          ),
        )},
        "Resource" : "\${aws_s3_bucket.${name}.arn}/*"
      }
    ]
  })
}
`;
}

function awsDynamo(g) {
  const name = g.name('table');
  const gsis = g.int(0, 3);
  const attrs = ['pk', 'sk', ...Array.from({ length: gsis }, (_, i) => `gsi${i}_pk`)];
  return `resource "aws_dynamodb_table" "${name}" {
  name         = "${g.kebab(name)}-\${var.environment}"
  billing_mode = "${g.pick(['PAY_PER_REQUEST', 'PROVISIONED'])}"
  hash_key     = "pk"
  range_key    = "sk"

${attrs
  .map(
    (a) => `  attribute {
    name = "${a}"
    type = "${g.pick(['S', 'S', 'N', 'B'])}"
  }`,
  )
  .join('\n\n')}
${Array.from(
  { length: gsis },
  (_, i) => `
  global_secondary_index {
    name            = "gsi${i}"
    hash_key        = "gsi${i}_pk"
    projection_type = "${g.pick(['ALL', 'KEYS_ONLY'])}"
  }`,
).join('\n')}

  point_in_time_recovery {
    enabled = var.environment == "prod"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = ${g.chance(0.5)}
  }
}
`;
}

function awsKmsKey(g) {
  const name = g.name('key');
  return `resource "aws_kms_key" "${name}" {
  description             = "Key for ${g.pick(APPS)} ${g.pick(PARTS)}"
  deletion_window_in_days = ${g.pick([7, 14, 30])}
  enable_key_rotation     = true
  policy                  = <<-POLICY
    {
      "Version": "2012-10-17",
      "Id": "key-${g.hex(8)}",
      "Statement": [
        {
          "Sid": "EnableRoot",
          "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root"},
          "Action": "kms:*",
          "Resource": "*"
        },
        {
          "Sid": "AllowServices",
          "Effect": "Allow",
          "Principal": {"Service": "${g.pick(AWS_SERVICES)}"},
          "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"],
          "Resource": "*"
        }
      ]
    }
  POLICY
}

resource "aws_kms_alias" "${name}" {
  name          = "alias/\${var.name_prefix}/${g.kebab(name)}"
  target_key_id = aws_kms_key.${name}.key_id
}
`;
}

function awsRds(g) {
  const name = g.name('db');
  return `resource "aws_db_instance" "${name}" {
  identifier              = "${g.kebab(name)}"
  engine                  = "${g.pick(['postgres', 'mysql', 'mariadb'])}"
  engine_version          = "${g.int(13, 16)}.${g.int(1, 9)}"
  instance_class          = "db.${g.pick(INSTANCE_TYPES)}"
  allocated_storage       = ${g.pick([20, 50, 100, 500])}
  max_allocated_storage   = ${g.pick([200, 1000, 2000])}
  storage_encrypted       = true
  multi_az                = var.environment == "prod" ? true : false
  username                = "app_admin"
  password                = random_password.${name}.result
  backup_retention_period = ${g.int(1, 35)}
  deletion_protection     = ${g.chance(0.7)}
  skip_final_snapshot     = !var.keep_snapshots
  db_subnet_group_name    = aws_db_subnet_group.${name}.name
  parameter_group_name    = try(aws_db_parameter_group.this[0].name, null)

  performance_insights_enabled = true
  enabled_cloudwatch_logs_exports = ${quoteList(g.some(['postgresql', 'upgrade', 'audit', 'error', 'general', 'slowquery'], 2))}
${g.tags(2)}}

resource "random_password" "${name}" {
  length           = ${g.int(16, 48)}
  special          = true
  override_special = "!#$%&*()-_=+[]{}<>:?"
}
`;
}

function awsAsg(g) {
  const name = g.name('asg');
  return `resource "aws_autoscaling_group" "${name}" {
  name_prefix         = "${g.kebab(name)}-"
  min_size            = ${g.int(0, 2)}
  max_size            = ${g.int(3, 20)}
  desired_capacity    = var.desired_capacity
  vpc_zone_identifier = module.vpc.private_subnets
  health_check_type   = "ELB"

  launch_template {
    id      = aws_launch_template.${g.name('lt')}.id
    version = "$Latest"
  }

  instance_refresh {
    strategy = "Rolling"
    preferences {
      min_healthy_percentage = ${g.pick([50, 75, 90])}
    }
  }

  dynamic "tag" {
    for_each = merge(local.common_tags, { Name = "${g.kebab(name)}" })
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }
}
`;
}

function awsDataSources(g) {
  return `data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

data "aws_ami" "${g.pick(['ubuntu', 'al2023', 'bottlerocket'])}_${g.int(1, 999)}" {
  most_recent = true
  owners      = ["${g.pick(['099720109477', 'amazon', g.accountId()])}"]

  filter {
    name   = "name"
    values = ["${g.pick(['ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*', 'al2023-ami-*-x86_64', 'bottlerocket-aws-k8s-*'])}"]
  }

  filter {
    name   = "virtualization-type"
    values = ["hvm"]
  }
}

data "aws_subnets" "${g.name('subnets')}" {
  filter {
    name   = "vpc-id"
    values = [var.vpc_id]
  }
  tags = { Tier = "${g.pick(['private', 'public', 'intra'])}" }
}
`;
}

// ---------------------------------------------------------------------------------------------
// Google

function googleGke(g) {
  const name = g.name('gke');
  const pools = g.int(1, 3);
  const poolBlocks = [];
  for (let i = 0; i < pools; i++) {
    const pool = `${name}_pool${i}`;
    poolBlocks.push(`resource "google_container_node_pool" "${pool}" {
  name       = "${g.kebab(pool)}"
  cluster    = google_container_cluster.${name}.id
  location   = var.region
  node_count = ${g.int(1, 5)}

  autoscaling {
    min_node_count = ${g.int(0, 2)}
    max_node_count = ${g.int(3, 30)}
  }

  management {
    auto_repair  = true
    auto_upgrade = ${g.chance(0.8)}
  }

  node_config {
    machine_type    = "${g.pick(MACHINE_TYPES)}"
    disk_size_gb    = ${g.pick([50, 100, 200])}
    preemptible     = ${g.chance(0.3)}
    service_account = google_service_account.${g.name('sa')}.email
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    labels = {
      pool = "${g.kebab(pool)}"
      team = "${g.pick(TEAMS)}"
    }

    dynamic "taint" {
      for_each = var.node_pool_taints[${JSON.stringify(g.kebab(pool))}]
      content {
        key    = taint.value.key
        value  = taint.value.value
        effect = taint.value.effect
      }
    }

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
}`);
  }
  return `${g.comment(0)}resource "google_container_cluster" "${name}" {
  provider = google-beta
  name     = "${g.kebab(name)}-\${var.environment}"
  location = var.region
  project  = var.project_id

  remove_default_node_pool = true
  initial_node_count       = 1
  network                  = google_compute_network.${g.name('net')}.self_link
  subnetwork               = google_compute_subnetwork.${g.name('subnet')}.self_link
  min_master_version       = "1.${g.int(27, 30)}"

  release_channel {
    channel = "${g.pick(['REGULAR', 'STABLE', 'RAPID'])}"
  }

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = ${g.chance(0.4)}
    master_ipv4_cidr_block  = "172.16.${g.int(0, 255)}.0/28"
  }

  master_authorized_networks_config {
    dynamic "cidr_blocks" {
      for_each = var.master_authorized_networks
      content {
        cidr_block   = cidr_blocks.value.cidr_block
        display_name = cidr_blocks.value.display_name
      }
    }
  }

  workload_identity_config {
    workload_pool = "\${var.project_id}.svc.id.goog"
  }

  addons_config {
    http_load_balancing {
      disabled = false
    }
    network_policy_config {
      disabled = ${g.chance(0.5)}
    }
  }

  resource_labels = merge(var.labels, { cluster = "${g.kebab(name)}" })
}

${poolBlocks.join('\n\n')}
`;
}

function googleIam(g) {
  const sa = g.name('sa');
  return `resource "google_service_account" "${sa}" {
  account_id   = "${g.kebab(sa).slice(0, 28)}"
  display_name = "Service account for ${g.pick(APPS)}"
  project      = var.project_id
}

resource "google_project_iam_member" "${sa}" {
  for_each = toset(${quoteList(g.some(GCP_ROLES, g.int(2, 6)))})
  project  = var.project_id
  role     = each.value
  member   = "serviceAccount:\${google_service_account.${sa}.email}"
}

resource "google_service_account_iam_binding" "${sa}_wi" {
  service_account_id = google_service_account.${sa}.name
  role               = "roles/iam.workloadIdentityUser"
  members = [
    for ns in var.namespaces : "serviceAccount:\${var.project_id}.svc.id.goog[\${ns}/${g.kebab(sa)}]"
  ]
}

resource "google_project_iam_custom_role" "${sa}_role" {
  role_id     = "${sa.replace(/_\d+$/, '')}Role${g.int(1, 999)}"
  title       = "${g.pick(APPS)} custom role"
  permissions = ${quoteList(g.some(['storage.buckets.get', 'storage.objects.list', 'pubsub.topics.publish', 'logging.logEntries.create', 'compute.instances.get', 'iam.serviceAccounts.actAs'], g.int(2, 5)))}
}
`;
}

function googleCompute(g) {
  const name = g.name('vm');
  return `resource "google_compute_instance" "${name}" {
  count        = var.instance_count
  name         = format("%s-%02d", "${g.kebab(name)}", count.index + 1)
  machine_type = "${g.pick(MACHINE_TYPES)}"
  zone         = "\${var.region}-\${element(["a", "b", "c"], count.index)}"
  tags         = ["${g.pick(APPS)}", "allow-health-checks"]

  boot_disk {
    initialize_params {
      image = "${g.pick(['debian-cloud/debian-12', 'cos-cloud/cos-stable', 'ubuntu-os-cloud/ubuntu-2204-lts'])}"
      size  = ${g.pick([10, 20, 50])}
      type  = "pd-${g.pick(['balanced', 'ssd', 'standard'])}"
    }
  }

  network_interface {
    subnetwork = var.subnetwork
    dynamic "access_config" {
      for_each = var.public_ip ? [1] : []
      content {}
    }
  }

  metadata = {
    enable-oslogin = "TRUE"
    startup-script = templatefile("\${path.module}/templates/startup.sh.tftpl", {
      environment = var.environment
      packages    = ${quoteList(g.some(['nginx', 'jq', 'curl', 'google-cloud-ops-agent'], 2))}
    })
  }

  service_account {
    email  = google_service_account.${g.name('sa')}.email
    scopes = ["cloud-platform"]
  }

  shielded_instance_config {
    enable_secure_boot = true
  }

  labels = var.labels
}

resource "google_storage_bucket" "${name}_data" {
  name                        = "\${var.project_id}-${g.kebab(name)}-data"
  location                    = "${g.pick(['EU', 'US', ...GCP_REGIONS.map((r) => r.toUpperCase())])}"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  versioning {
    enabled = ${g.chance(0.7)}
  }

  lifecycle_rule {
    condition {
      age        = ${g.pick([7, 30, 90, 365])}
      with_state = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }
}
`;
}

function googleNetwork(g) {
  const name = g.name('net');
  const subnets = g.int(1, 4);
  return `resource "google_compute_network" "${name}" {
  name                    = "${g.kebab(name)}"
  auto_create_subnetworks = false
  routing_mode            = "${g.pick(['GLOBAL', 'REGIONAL'])}"
}

resource "google_compute_subnetwork" "${name}" {
  for_each      = { for s in var.subnets : s.name => s }
  name          = each.key
  ip_cidr_range = each.value.cidr
  region        = coalesce(each.value.region, var.region)
  network       = google_compute_network.${name}.id

  private_ip_google_access = true

  dynamic "secondary_ip_range" {
    for_each = lookup(each.value, "secondary_ranges", [])
    content {
      range_name    = secondary_ip_range.value.name
      ip_cidr_range = secondary_ip_range.value.cidr
    }
  }

  log_config {
    aggregation_interval = "INTERVAL_${g.pick(['5_SEC', '30_SEC', '1_MIN'])}"
    flow_sampling        = ${g.pick(['0.5', '0.25', '1.0'])}
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_firewall" "${name}_allow" {
  name    = "${g.kebab(name)}-allow-internal"
  network = google_compute_network.${name}.name

  allow {
    protocol = "tcp"
    ports    = ${quoteList(g.some(['22', '80', '443', '8080', '10250', '15017'], g.int(1, 4)))}
  }

  source_ranges = [${Array.from({ length: subnets }, () => `"${g.cidr(20)}"`).join(', ')}]
  target_tags   = ["${g.pick(APPS)}"]
}
`;
}

// ---------------------------------------------------------------------------------------------
// Azure

function azureAks(g) {
  const name = g.name('aks');
  return `resource "azurerm_resource_group" "${name}" {
  name     = "rg-${g.kebab(name)}-\${var.environment}"
  location = "${g.pick(AZ_REGIONS)}"
  tags     = local.common_tags
}

resource "azurerm_kubernetes_cluster" "${name}" {
  name                = "aks-${g.kebab(name)}"
  location            = azurerm_resource_group.${name}.location
  resource_group_name = azurerm_resource_group.${name}.name
  dns_prefix          = "${g.kebab(name)}"
  kubernetes_version  = var.kubernetes_version
  sku_tier            = "${g.pick(['Free', 'Standard'])}"

  default_node_pool {
    name                = "system"
    vm_size             = "${g.pick(VM_SIZES)}"
    enable_auto_scaling = true
    min_count           = ${g.int(1, 3)}
    max_count           = ${g.int(4, 12)}
    vnet_subnet_id      = azurerm_subnet.${g.name('subnet')}.id
    zones               = ["1", "2", "3"]

    upgrade_settings {
      max_surge = "${g.pick(['10%', '33%', '1'])}"
    }
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin    = "${g.pick(['azure', 'kubenet'])}"
    network_policy    = "${g.pick(['azure', 'calico'])}"
    load_balancer_sku = "standard"
  }

  azure_active_directory_role_based_access_control {
    managed                = true
    admin_group_object_ids = var.admin_group_ids
    azure_rbac_enabled     = true
  }

  dynamic "oms_agent" {
    for_each = var.log_analytics_workspace_id != null ? [var.log_analytics_workspace_id] : []
    content {
      log_analytics_workspace_id = oms_agent.value
    }
  }

  lifecycle {
    ignore_changes = [default_node_pool[0].node_count, kubernetes_version]
  }

  tags = local.common_tags
}

resource "azurerm_kubernetes_cluster_node_pool" "${name}" {
  for_each              = var.node_pools
  name                  = each.key
  kubernetes_cluster_id = azurerm_kubernetes_cluster.${name}.id
  vm_size               = each.value.vm_size
  node_count            = each.value.count
  node_labels           = merge({ pool = each.key }, each.value.labels)
  node_taints           = [for t in each.value.taints : "\${t.key}=\${t.value}:\${t.effect}"]
}
`;
}

function azureNetwork(g) {
  const name = g.name('vnet');
  const rules = g.int(1, 5);
  const ruleBlocks = [];
  for (let i = 0; i < rules; i++) {
    ruleBlocks.push(`  security_rule {
    name                       = "${g.pick(['Allow', 'Deny'])}${g.pick(['Https', 'Ssh', 'Sql', 'Monitoring'])}${i}"
    priority                   = ${100 + i * 10}
    direction                  = "${g.pick(['Inbound', 'Outbound'])}"
    access                     = "${g.pick(['Allow', 'Deny'])}"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "${g.pick([22, 443, 1433, 5432, 9100])}"
    source_address_prefix      = "${g.pick(['VirtualNetwork', 'Internet', g.cidr(16)])}"
    destination_address_prefix = "*"
  }`);
  }
  return `resource "azurerm_virtual_network" "${name}" {
  name                = "vnet-${g.kebab(name)}"
  address_space       = ["${g.cidr(16)}"]
  location            = var.location
  resource_group_name = var.resource_group_name
}

resource "azurerm_subnet" "${name}" {
  for_each             = var.subnets
  name                 = each.key
  resource_group_name  = var.resource_group_name
  virtual_network_name = azurerm_virtual_network.${name}.name
  address_prefixes     = [each.value.address_prefix]
  service_endpoints    = lookup(each.value, "service_endpoints", [])

  dynamic "delegation" {
    for_each = each.value.delegation == null ? [] : [each.value.delegation]
    content {
      name = delegation.value.name
      service_delegation {
        name    = delegation.value.service
        actions = ["Microsoft.Network/virtualNetworks/subnets/join/action"]
      }
    }
  }
}

resource "azurerm_network_security_group" "${name}" {
  name                = "nsg-${g.kebab(name)}"
  location            = var.location
  resource_group_name = var.resource_group_name

${ruleBlocks.join('\n\n')}

  tags = local.common_tags
}
`;
}

function azureStorage(g) {
  const name = g.name('sa');
  return `resource "azurerm_storage_account" "${name}" {
  name                            = substr(replace("st${name}\${var.environment}", "_", ""), 0, 24)
  resource_group_name             = var.resource_group_name
  location                        = var.location
  account_tier                    = "Standard"
  account_replication_type        = "${g.pick(['LRS', 'ZRS', 'GRS', 'RAGRS'])}"
  min_tls_version                 = "TLS1_2"
  allow_nested_items_to_be_public = false

  blob_properties {
    versioning_enabled = true
    delete_retention_policy {
      days = ${g.int(7, 90)}
    }
  }

  network_rules {
    default_action             = "Deny"
    ip_rules                   = var.allowed_ips
    virtual_network_subnet_ids = values(azurerm_subnet.${g.name('vnet')})[*].id
    bypass                     = ["AzureServices"]
  }
}

resource "azurerm_role_assignment" "${name}" {
  for_each             = toset(var.${g.pick(['reader', 'writer', 'admin'])}_principal_ids)
  scope                = azurerm_storage_account.${name}.id
  role_definition_name = "${g.pick(AZ_ROLES)}"
  principal_id         = each.value
}

resource "azurerm_key_vault" "${name}" {
  name                       = "kv-${g.kebab(name)}"
  location                   = var.location
  resource_group_name        = var.resource_group_name
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  soft_delete_retention_days = ${g.int(7, 90)}
  purge_protection_enabled   = true

  access_policy {
    tenant_id          = data.azurerm_client_config.current.tenant_id
    object_id          = data.azurerm_client_config.current.object_id
    secret_permissions = ["Get", "List", "Set", "Delete"]
    key_permissions    = ${quoteList(g.some(['Get', 'List', 'Create', 'Decrypt', 'Encrypt', 'WrapKey', 'UnwrapKey'], 3))}
  }
}
`;
}

// ---------------------------------------------------------------------------------------------
// Kubernetes and Helm

function k8sDeployment(g) {
  const name = g.name('app');
  const envVars = Array.from(
    { length: g.int(1, 6) },
    (_, i) => `            env {
              name  = "${g.pick(['LOG_LEVEL', 'PORT', 'DB_HOST', 'CACHE_URL', 'FEATURES'])}_${i}"
              value = ${g.pick([`"${g.int(1, 9999)}"`, 'var.log_level', `"\${var.service_name}.\${var.namespace}.svc.cluster.local"`])}
            }`,
  );
  return `resource "kubernetes_namespace" "${name}" {
  metadata {
    name = "${g.kebab(name)}"
    labels = {
      "app.kubernetes.io/managed-by" = "terraform"
      "team"                         = "${g.pick(TEAMS)}"
    }
  }
}

resource "kubernetes_deployment" "${name}" {
  metadata {
    name      = "${g.kebab(name)}"
    namespace = kubernetes_namespace.${name}.metadata[0].name
    labels    = local.labels
  }

  spec {
    replicas = var.environment == "prod" ? ${g.int(3, 10)} : 1

    selector {
      match_labels = {
        app = "${g.kebab(name)}"
      }
    }

    strategy {
      type = "RollingUpdate"
      rolling_update {
        max_surge       = "${g.pick(['25%', '1', '50%'])}"
        max_unavailable = ${g.int(0, 1)}
      }
    }

    template {
      metadata {
        labels = {
          app = "${g.kebab(name)}"
        }
        annotations = {
          "prometheus.io/scrape" = "true"
          "checksum/config"      = sha256(jsonencode(kubernetes_config_map.${name}.data))
        }
      }

      spec {
        service_account_name = "${g.kebab(name)}"

        container {
          name  = "${g.kebab(name)}"
          image = "${g.pick(IMAGES)}"

          port {
            container_port = ${g.pick([80, 8080, 3000, 9000])}
          }

${envVars.join('\n')}

          resources {
            limits = {
              cpu    = "${g.pick(['500m', '1', '2'])}"
              memory = "${g.pick(['256Mi', '512Mi', '1Gi', '2Gi'])}"
            }
            requests = {
              cpu    = "${g.pick(['100m', '250m'])}"
              memory = "${g.pick(['128Mi', '256Mi'])}"
            }
          }

          liveness_probe {
            http_get {
              path = "/healthz"
              port = ${g.pick([80, 8080])}
            }
            initial_delay_seconds = ${g.int(5, 30)}
            period_seconds        = ${g.int(5, 30)}
          }
        }
      }
    }
  }
}

resource "kubernetes_config_map" "${name}" {
  metadata {
    name      = "${g.kebab(name)}-config"
    namespace = kubernetes_namespace.${name}.metadata[0].name
  }

  data = {
    "app.yaml" = yamlencode({
      server   = { port = ${g.pick([80, 8080])}, timeout = "${g.int(1, 60)}s" }
      features = ${quoteList(g.some(['search', 'export', 'beta-ui', 'audit', 'rate-limit'], 3))}
    })
    "nginx.conf" = templatefile("\${path.module}/files/nginx.conf.tpl", { upstream = "${g.kebab(name)}", workers = ${g.int(1, 8)} })
  }
}
`;
}

function k8sService(g) {
  const name = g.name('svc');
  return `resource "kubernetes_service" "${name}" {
  metadata {
    name      = "${g.kebab(name)}"
    namespace = var.namespace
    annotations = {
      "service.beta.kubernetes.io/aws-load-balancer-type" = "nlb"
    }
  }
  spec {
    selector = { app = "${g.kebab(name)}" }
    type     = "${g.pick(['ClusterIP', 'LoadBalancer', 'NodePort'])}"
    port {
      name        = "http"
      port        = ${g.pick([80, 443])}
      target_port = ${g.pick([8080, 3000])}
    }
  }
}

resource "kubernetes_ingress_v1" "${name}" {
  metadata {
    name      = "${g.kebab(name)}"
    namespace = var.namespace
    annotations = {
      "kubernetes.io/ingress.class"    = "nginx"
      "cert-manager.io/cluster-issuer" = "letsencrypt"
    }
  }
  spec {
    tls {
      hosts       = ["${g.kebab(name)}.\${var.domain}"]
      secret_name = "${g.kebab(name)}-tls"
    }
    rule {
      host = "${g.kebab(name)}.\${var.domain}"
      http {
        path {
          path      = "/"
          path_type = "Prefix"
          backend {
            service {
              name = kubernetes_service.${name}.metadata[0].name
              port {
                number = ${g.pick([80, 443])}
              }
            }
          }
        }
      }
    }
  }
}

resource "kubernetes_secret" "${name}" {
  metadata {
    name      = "${g.kebab(name)}-credentials"
    namespace = var.namespace
  }
  type = "Opaque"
  data = {
    username = "app"
    password = random_password.${g.name('db')}.result
    dsn      = "postgres://app:\${urlencode(random_password.${g.name('db')}.result)}@\${var.db_host}:5432/${g.pick(APPS)}?sslmode=require"
  }
}
`;
}

function helmRelease(g) {
  const name = g.name('release');
  const sets = Array.from(
    { length: g.int(1, 4) },
    () => `  set {
    name  = "${g.pick(['replicaCount', 'image.tag', 'resources.limits.memory', 'serviceAccount.annotations.eks\\\\.amazonaws\\\\.com/role-arn', 'metrics.enabled'])}"
    value = ${g.pick(['var.image_tag', `"${g.int(1, 5)}"`, `aws_iam_role.${g.name('role')}.arn`, '"true"'])}
  }`,
  );
  return `resource "helm_release" "${name}" {
  name             = "${g.kebab(name)}"
  repository       = "${g.pick(['https://charts.bitnami.com/bitnami', 'https://kubernetes.github.io/ingress-nginx', 'https://prometheus-community.github.io/helm-charts'])}"
  chart            = "${g.pick(['ingress-nginx', 'kube-prometheus-stack', 'external-dns', 'cert-manager', 'redis'])}"
  version          = "${g.int(1, 60)}.${g.int(0, 20)}.${g.int(0, 9)}"
  namespace        = "${g.pick(['kube-system', 'monitoring', 'ingress', g.kebab(name)])}"
  create_namespace = true
  atomic           = ${g.chance(0.5)}
  timeout          = ${g.pick([300, 600, 900])}

  values = [
    yamlencode({
      controller = {
        replicaCount = ${g.int(1, 4)}
        nodeSelector = { "kubernetes.io/os" = "linux" }
        tolerations  = [for t in var.tolerations : { key = t.key, operator = "Exists", effect = t.effect }]
      }
    }),
    file("\${path.module}/values/${g.kebab(name)}.yaml"),
  ]

${sets.join('\n\n')}

  dynamic "set_sensitive" {
    for_each = var.sensitive_values
    content {
      name  = set_sensitive.key
      value = set_sensitive.value
    }
  }

  depends_on = [kubernetes_namespace.${g.name('app')}]
}
`;
}

// ---------------------------------------------------------------------------------------------
// Cross-cutting: modules, variables, locals, outputs, terraform/provider blocks

function moduleCall(g) {
  const name = g.name('mod');
  const src = g.pick([
    ['terraform-aws-modules/vpc/aws', '5.5.1'],
    ['terraform-aws-modules/eks/aws', '~> 20.0'],
    ['terraform-aws-modules/iam/aws//modules/iam-assumable-role-with-oidc', '5.39.0'],
    ['terraform-google-modules/kubernetes-engine/google', '~> 30.0'],
    ['Azure/aks/azurerm', '7.5.0'],
    ['git::https://github.com/acme/terraform-modules.git//network?ref=v1.12.0', null],
    ['../../modules/service', null],
    ['./modules/queue', null],
  ]);
  const inputs = Array.from({ length: g.int(3, 12) }, (_, i) => {
    const key = `${g.pick(['enable', 'name', 'cidr', 'instance', 'cluster', 'node', 'bucket', 'retention'])}_${g.pick(['count', 'size', 'prefix', 'type', 'days', 'version', 'enabled'])}_${i}`;
    const value = g.pick([
      `var.${g.name('input')}`,
      `"${g.kebab(g.name())}"`,
      `${g.int(1, 500)}`,
      `${g.chance(0.5)}`,
      `local.${g.name('setting')}`,
      `module.${g.name('mod')}.${g.pick(['id', 'arn', 'name', 'outputs'])}`,
      `[for s in var.subnets : s.id if s.tier == "${g.pick(['private', 'public'])}"]`,
      `{ for k, v in var.settings : k => v if v != null }`,
      `${quoteList(g.some(ENVS, 3))}`,
      `coalesce(var.override, "${g.pick(ENVS)}")`,
      `var.enabled ? ${g.int(1, 9)} : 0`,
    ]);
    return `${g.comment(2, 0.12)}  ${key.padEnd(24)} = ${value}${g.trailing()}`;
  });
  return `${g.comment(0, 0.5)}module "${name}" {
  source = "${src[0]}"${src[1] ? `\n  version = "${src[1]}"` : ''}
${g.chance(0.3) ? `  count  = var.create_${name} ? 1 : 0\n` : ''}${g.chance(0.2) ? `  providers = {\n    aws = aws.${g.pick(AWS_REGIONS).replace(/-/g, '_')}\n  }\n` : ''}
${inputs.join('\n')}

${g.tags(2)}${g.chance(0.3) ? `\n  depends_on = [module.${g.name('mod')}]\n` : ''}}
`;
}

/** One to three sentences, as module authors write them for the registry docs. */
function variableDescription(g) {
  const sentences = [
    `The ${g.pick(PARTS)} settings for ${g.pick(APPS)}.`,
    'Set to null to use the provider default.',
    `Changing this forces a new resource to be created in ${g.pick(ENVS)}.`,
    `Map of ${g.pick(['subnet names', 'node pool names', 'role names', 'bucket prefixes'])} to their configuration; keys become resource names.`,
    'Only used when `create` is true.',
    `See https://registry.terraform.io/providers/hashicorp/${g.pick(['aws', 'google', 'azurerm', 'kubernetes'])}/latest/docs for the accepted values.`,
  ];
  return g.some(sentences, g.int(1, 3)).join(' ');
}

function variableBlocks(g) {
  const out = [];
  const n = g.int(2, 6);
  for (let i = 0; i < n; i++) {
    const name = g.name('var');
    const kind = g.int(0, 5);
    let body;
    switch (kind) {
      case 0:
        body = `  type        = string
  default     = "${g.pick(ENVS)}"
  description = "The deployment environment."

  validation {
    condition     = contains(${quoteList(ENVS)}, var.${name})
    error_message = "Must be one of: \${join(", ", ${quoteList(ENVS)})}."
  }`;
        break;
      case 1:
        body = `  type = list(object({
    name        = string
    cidr        = string
    region      = optional(string)
    tier        = optional(string, "private")
    secondary   = optional(list(object({ name = string, cidr = string })), [])
  }))
  default = []

  validation {
    condition     = alltrue([for s in var.${name} : can(cidrhost(s.cidr, 0))])
    error_message = "Every subnet needs a valid CIDR block."
  }`;
        break;
      case 2:
        body = `  description = "Number of ${g.pick(['nodes', 'replicas', 'shards', 'workers'])}."
  type        = number
  default     = ${g.int(1, 12)}
  nullable    = false

  validation {
    condition     = var.${name} >= 1 && var.${name} <= ${g.int(16, 64)} && floor(var.${name}) == var.${name}
    error_message = "Must be a whole number between 1 and the quota."
  }`;
        break;
      case 3:
        body = `  type = map(object({
    vm_size = string
    count   = number
    labels  = optional(map(string), {})
    taints  = optional(list(object({ key = string, value = string, effect = string })), [])
  }))
  default = {
    ${g.pick(['general', 'compute', 'memory'])} = {
      vm_size = "${g.pick(VM_SIZES)}"
      count   = ${g.int(1, 5)}
    }
  }`;
        break;
      case 4:
        body = `  type      = string
  sensitive = true
  default   = null

  validation {
    condition     = var.${name} == null || can(regex("^[A-Za-z0-9+/=]{${g.int(16, 32)},}$", var.${name}))
    error_message = "The token must be base64, at least 16 characters."
  }`;
        break;
      default:
        body = `  description = <<-EOT
    ${g.pick(PHRASES)}
    Allowed values: \${"$"}{var.environment} is interpolated by the caller, not here.
  EOT
  type    = set(string)
  default = ${quoteList(g.some(TEAMS, g.int(0, 4)))}`;
    }
    const description = body.includes('description') ? '' : `  description = "${variableDescription(g)}"\n`;
    out.push(`${g.comment(0, 0.25)}variable "${name}" {\n${description}${body}\n}`);
  }
  return out.join('\n\n') + '\n';
}

function localsBlock(g) {
  const entries = [];
  const n = g.int(3, 9);
  for (let i = 0; i < n; i++) {
    const name = g.name('local');
    entries.push(
      g.comment(2, 0.35) +
        '  ' +
        name +
        ' = ' +
        g.pick([
          `{ for k, v in var.${g.name('map')} : k => merge(v, { name = "\${var.name_prefix}-\${k}" }) }`,
          `[for s in var.subnets : s.cidr if s.tier == "private" && !contains(var.excluded, s.name)]`,
          `{ for u in var.users : u.team => u.name... }`,
          `flatten([
    for ns, cfg in var.namespaces : [
      for role in cfg.roles : {
        namespace = ns
        role      = role
        key       = "\${ns}/\${role}"
      }
    ]
  ])`,
          `var.environment == "prod" ? { min = ${g.int(2, 4)}, max = ${g.int(10, 40)} } : { min = 1, max = ${g.int(2, 5)} }`,
          `coalesce(var.${g.name('override')}, try(data.terraform_remote_state.${g.name('state')}.outputs.value, null), "${g.pick(ENVS)}")`,
          `aws_instance.${g.name('host')}[*].private_ip`,
          `[for i, az in data.aws_availability_zones.available.names : cidrsubnet(var.cidr, 8, i + ${g.int(0, 100)}) if i < var.az_count]`,
          `merge(var.tags, {
    Environment = var.environment
    ManagedBy   = "terraform"
    Repository  = "github.com/acme/${g.kebab(g.name('repo'))}"
  })`,
          `join("-", compact([var.prefix, "${g.pick(APPS)}", var.environment == "prod" ? "" : var.environment]))`,
          `length(var.${g.name('list')}) > 0 ? element(var.${g.name('list')}, 0) : null`,
          `(var.size * ${g.int(2, 8)} + ${g.int(1, 99)}) % ${g.int(3, 11)} == 0 || var.force`,
          `-var.offset + ${g.int(1, 100)} / 2 >= 1.5e3 && !var.disabled`,
          `"\${upper(var.region)}:\${lower(var.environment)}:%{ if var.enabled }on%{ else }off%{ endif }"`,
          `<<-EOT
    %{~ for name, rule in var.rules ~}
    \${name}: \${rule.port}/\${rule.protocol}
    %{~ endfor ~}
  EOT`,
          `{
    for name, svc in var.services : name => {
      port   = svc.port
      health = "http://\${name}.\${var.domain}:\${svc.port}/health"
      hosts  = [for h in svc.hosts : lower(h)]
    } if svc.enabled
  }`,
          `jsondecode(file("\${path.module}/config/${g.pick(ENVS)}.json"))["${g.pick(['settings', 'limits', 'features'])}"]`,
          `module.${g.name('mod')}.subnets.*.id`,
          `aws_subnet.${g.name('subnet')}.0.id`,
          `regex("^arn:aws:iam::(\\\\d{12}):role/(.+)$", var.role_arn)[1]`,
          `"Escapes: \\"quoted\\" \\\\backslash\\\\ tab\\t unicode \\u00e9 \\U0001F600 literal $\${notinterpolated} %%{notdirective}"`,
          `formatlist("%s:%d", var.hosts, var.ports)`,
          `setproduct(var.environments, var.regions)`,
          `concat(var.${g.name('list')}, [${quoteList(g.some(TEAMS, 2)).slice(1, -1)}]...)`,
          `min(var.limits...)`,
          `data.aws_iam_policy_document.${g.name('doc')}.json`,
        ]),
    );
  }
  return `locals {\n${entries.join('\n')}\n}\n`;
}

function outputBlocks(g) {
  const out = [];
  const n = g.int(1, 5);
  for (let i = 0; i < n; i++) {
    const name = g.name('out');
    out.push(`output "${name}" {
  description = "${g.pick(PHRASES).replace(/"/g, '\\"')}"
  value       = ${g.pick([
    `aws_iam_role.${g.name('role')}.arn`,
    `{ for k, r in aws_lambda_function.${g.name('fn')} : k => r.arn }`,
    `module.${g.name('mod')}[*].id`,
    `try(google_container_cluster.${g.name('gke')}.endpoint, "")`,
    `[for s in aws_subnet.${g.name('vpc')}_private : { id = s.id, az = s.availability_zone }]`,
    `azurerm_kubernetes_cluster.${g.name('aks')}.kube_config[0].host`,
    `one(aws_db_instance.${g.name('db')}[*].endpoint)`,
  ])}${g.chance(0.3) ? '\n  sensitive   = true' : ''}
}`);
  }
  return out.join('\n\n') + '\n';
}

function terraformAndProviders(g) {
  const region = g.pick(AWS_REGIONS);
  return `terraform {
  required_version = ">= 1.${g.int(3, 8)}.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> ${g.int(4, 5)}.${g.int(0, 60)}"
    }
    google = {
      source  = "hashicorp/google"
      version = ">= ${g.int(4, 5)}.0, < 6.0"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.${g.int(10, 30)}"
    }
  }

  backend "s3" {
    bucket         = "acme-terraform-state-${g.accountId()}"
    key            = "${g.pick(APPS)}/${g.pick(ENVS)}/terraform.tfstate"
    region         = "${region}"
    dynamodb_table = "terraform-locks"
    encrypt        = true
  }
}

provider "aws" {
  region = "${region}"

  assume_role {
    role_arn     = "arn:aws:iam::${g.accountId()}:role/${g.pick(['terraform', 'deployer', 'ci'])}"
    session_name = "four-eyes-\${var.environment}"
  }

  default_tags {
    tags = local.common_tags
  }
}

provider "aws" {
  alias  = "${g.pick(AWS_REGIONS).replace(/-/g, '_')}"
  region = "${g.pick(AWS_REGIONS)}"
}

provider "kubernetes" {
  host                   = module.eks.cluster_endpoint
  cluster_ca_certificate = base64decode(module.eks.cluster_certificate_authority_data)
  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    command     = "aws"
    args        = ["eks", "get-token", "--cluster-name", module.eks.cluster_name]
  }
}
`;
}

function refactorBlocks(g) {
  const from = g.name('host');
  return `moved {
  from = aws_instance.${from}
  to   = aws_instance.${g.name('host')}["primary"]
}

moved {
  from = module.${g.name('mod')}
  to   = module.${g.name('mod')}[0]
}

import {
  to = aws_s3_bucket.${g.name('bucket')}
  id = "acme-${g.kebab(g.name('bucket'))}"
}

removed {
  from = aws_instance.${g.name('host')}

  lifecycle {
    destroy = false
  }
}

check "${g.name('check')}" {
  data "http" "health" {
    url = "https://\${var.domain}/health"
  }

  assert {
    condition     = data.http.health.status_code == 200
    error_message = "\${var.domain} returned \${data.http.health.status_code}"
  }
}
`;
}

function oneLiners(g) {
  return `resource "null_resource" "${g.name('noop')}" { triggers = { always = timestamp() } }
data "aws_partition" "${g.name('partition')}" {}
resource "random_id" "${g.name('suffix')}" { byte_length = ${g.int(2, 8)} }
`;
}

// ---------------------------------------------------------------------------------------------
// Files

const FAMILIES = {
  'aws-iam': [awsIamRole, awsHeredocPolicy, awsPolicyDocument, awsKmsKey],
  'aws-network': [awsVpc, awsSecurityGroup, awsDataSources],
  'aws-compute': [awsInstance, awsLambda, awsEcsTask, awsAsg, awsSecurityGroup],
  'aws-data': [awsS3Bucket, awsDynamo, awsRds, awsKmsKey],
  google: [googleGke, googleIam, googleCompute, googleNetwork],
  azure: [azureAks, azureNetwork, azureStorage],
  kubernetes: [k8sDeployment, k8sService, helmRelease],
  // variables.tf / outputs.tf: a large share of the bytes of real modules
  interface: [variableBlocks, variableBlocks, outputBlocks],
};
const COMMON = [moduleCall, variableBlocks, localsBlock, outputBlocks, refactorBlocks, oneLiners];
const FILE_NAMES = [
  'main',
  'iam',
  'network',
  'compute',
  'data',
  'storage',
  'cluster',
  'workloads',
  'security',
  'monitoring',
];

/** A file size in [2 KB, 28 KB), skewed to small files as in real modules. */
function targetFileSize(g) {
  const u = g.next();
  return Math.floor(2048 + (28000 - 2048) * u * u);
}

function generateFile(g, index) {
  const families = Object.keys(FAMILIES);
  const family = families[index % families.length];
  const pool = FAMILIES[family];
  const target = targetFileSize(g);
  let content = g.chance(0.6) ? g.header() : '';
  if (g.chance(0.15)) content += terraformAndProviders(g) + '\n';
  while (Buffer.byteLength(content, 'utf8') < target) {
    const template = g.chance(0.7) ? g.pick(pool) : g.pick(COMMON);
    const next = template(g);
    // Never cross 30,000 bytes: a file that is already big enough ends here.
    if (Buffer.byteLength(content + next, 'utf8') > 30000 && Buffer.byteLength(content, 'utf8') >= 2048) break;
    content += (content.length > 0 ? '\n' : '') + g.divider() + next;
  }
  const dir = `${family}/${g.pick(ENVS)}-${String(index).padStart(4, '0')}`;
  return { path: `${dir}/${g.pick(FILE_NAMES)}.tf`, content };
}

/**
 * Realistic Terraform files totalling at least `targetBytes` (UTF-8), each 2–30 KB; the same
 * seed always gives the same files.
 * @param {{ targetBytes: number, seed?: number }} options
 * @returns {{ path: string, content: string }[]}
 */
export function generateCorpus({ targetBytes, seed = 1 }) {
  const g = new Gen(seed);
  const files = [];
  let total = 0;
  while (total < targetBytes) {
    const file = generateFile(g, files.length);
    files.push(file);
    total += Buffer.byteLength(file.content, 'utf8');
  }
  return files;
}
