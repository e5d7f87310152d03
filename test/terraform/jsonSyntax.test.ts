import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMapTypedArgument, MAP_TYPED_ARGUMENTS } from '../../src/terraform/json/schema.js';
import { parseTerraformJson } from '../../src/terraform/jsonSyntax.js';
import type { Attribute, Block } from '../../src/terraform/model.js';
import { parseHcl } from '../../src/terraform/parser.js';
import { diagnosticLines, outline, span } from './json/helpers.js';

function parse(source: string) {
  return parseTerraformJson(source, 'main.tf.json');
}

/** Each `.tf.json` snippet and its native equivalent give the same model, and the outline given. */
const EQUIVALENTS: { name: string; json: unknown; hcl: string; outline: string[] }[] = [
  {
    name: 'a resource: template strings, meta-arguments, map arguments and nested blocks',
    json: {
      resource: {
        aws_instance: {
          web: {
            '//': 'a comment property: ignored',
            count: '${var.instances}',
            ami: 'ami-${var.region}-1',
            instance_type: 't3.micro',
            provider: 'aws.west',
            depends_on: ['aws_iam_role.web', 'module.vpc'],
            tags: { Name: 'web', '${var.team_tag}': 'yes' },
            root_block_device: { volume_size: 20, encrypted: true },
            ebs_block_device: [{ device_name: '/dev/sdf' }, { device_name: '/dev/sdg' }],
            lifecycle: {
              create_before_destroy: true,
              ignore_changes: ['tags', 'ami'],
              replace_triggered_by: ['null_resource.seed.id'],
            },
          },
        },
      },
    },
    hcl: `
resource "aws_instance" "web" {
  count         = "\${var.instances}"
  ami           = "ami-\${var.region}-1"
  instance_type = "t3.micro"
  provider      = aws.west
  depends_on    = [aws_iam_role.web, module.vpc]
  tags = {
    Name                = "web"
    "\${var.team_tag}" = "yes"
  }
  root_block_device {
    volume_size = 20
    encrypted   = true
  }
  ebs_block_device {
    device_name = "/dev/sdf"
  }
  ebs_block_device {
    device_name = "/dev/sdg"
  }
  lifecycle {
    create_before_destroy = true
    ignore_changes        = [tags, ami]
    replace_triggered_by  = [null_resource.seed.id]
  }
}`,
    outline: [
      'resource "aws_instance" "web"',
      '  count = var.instances',
      '  ami = "ami-${var.region}-1"',
      '  instance_type = "t3.micro"  (value "t3.micro")',
      '  provider = aws.west',
      '  depends_on = [aws_iam_role.web, module.vpc]',
      '  tags = {Name = "web", (var.team_tag) = "yes"}',
      '  root_block_device',
      '    volume_size = 20  (value 20)',
      '    encrypted = true  (value true)',
      '  ebs_block_device',
      '    device_name = "/dev/sdf"  (value "/dev/sdf")',
      '  ebs_block_device',
      '    device_name = "/dev/sdg"  (value "/dev/sdg")',
      '  lifecycle',
      '    create_before_destroy = true  (value true)',
      '    ignore_changes = [tags, ami]',
      '    replace_triggered_by = [null_resource.seed.id]',
    ],
  },
  {
    name: 'provisioners in order (labelled by their type), connection, keywords, dynamic blocks',
    json: {
      resource: {
        null_resource: {
          setup: {
            connection: { type: 'ssh', host: '${self.public_ip}' },
            provisioner: [
              {
                'local-exec': {
                  command: 'echo hi',
                  environment: { STAGE: 'dev' },
                  when: 'destroy',
                  on_failure: 'continue',
                },
              },
              { 'remote-exec': { inline: ['sudo apt-get update'] } },
            ],
            dynamic: {
              setting: {
                for_each: '${var.settings}',
                iterator: 'item',
                content: { name: '${item.key}', value: '${item.value}' },
              },
            },
          },
        },
      },
    },
    hcl: `
resource "null_resource" "setup" {
  connection {
    type = "ssh"
    host = "\${self.public_ip}"
  }
  provisioner "local-exec" {
    command     = "echo hi"
    environment = { STAGE = "dev" }
    when        = destroy
    on_failure  = continue
  }
  provisioner "remote-exec" {
    inline = ["sudo apt-get update"]
  }
  dynamic "setting" {
    for_each = "\${var.settings}"
    iterator = item
    content {
      name  = "\${item.key}"
      value = "\${item.value}"
    }
  }
}`,
    outline: [
      'resource "null_resource" "setup"',
      '  connection',
      '    type = "ssh"  (value "ssh")',
      '    host = self.public_ip',
      '  provisioner "local-exec"',
      '    command = "echo hi"  (value "echo hi")',
      '    environment = {STAGE = "dev"}  (value {"STAGE":"dev"})',
      '    when = destroy',
      '    on_failure = continue',
      '  provisioner "remote-exec"',
      '    inline = ["sudo apt-get update"]  (value ["sudo apt-get update"])',
      '  dynamic "setting"',
      '    for_each = var.settings',
      '    iterator = item',
      '    content',
      '      name = item.key',
      '      value = item.value',
    ],
  },
  {
    name: 'provider configurations with aliases (an array of bodies), and provider-defined nested blocks',
    json: {
      provider: {
        aws: [
          { region: 'us-east-1' },
          {
            alias: 'west',
            region: 'us-west-2',
            assume_role: { role_arn: '${var.role}' },
            default_tags: { tags: { Team: 'platform' } },
          },
        ],
        azurerm: { features: {} },
      },
    },
    hcl: `
provider "aws" {
  region = "us-east-1"
}
provider "aws" {
  alias  = "west"
  region = "us-west-2"
  assume_role {
    role_arn = "\${var.role}"
  }
  default_tags {
    tags = { Team = "platform" }
  }
}
provider "azurerm" {
  features {}
}`,
    outline: [
      'provider "aws"',
      '  region = "us-east-1"  (value "us-east-1")',
      'provider "aws"',
      '  alias = "west"  (value "west")',
      '  region = "us-west-2"  (value "us-west-2")',
      '  assume_role',
      '    role_arn = var.role',
      '  default_tags',
      '    tags = {Team = "platform"}  (value {"Team":"platform"})',
      'provider "azurerm"',
      '  features',
    ],
  },
  {
    name: 'a module: every input is an argument, whatever its shape; providers are references',
    json: {
      module: {
        vpc: {
          source: 'terraform-aws-modules/vpc/aws',
          version: '~> 5.0',
          providers: { aws: 'aws.west', 'aws.dns': 'aws.east' },
          cidr: '10.0.0.0/16',
          azs: ['a', 'b'],
          tags: { Env: '${var.env}' },
          subnet_config: { public: { size: 24 } },
          rules: [{ port: 443 }],
          for_each: { a: 1 },
        },
      },
    },
    hcl: `
module "vpc" {
  source        = "terraform-aws-modules/vpc/aws"
  version       = "~> 5.0"
  providers     = { aws = aws.west, aws.dns = aws.east }
  cidr          = "10.0.0.0/16"
  azs           = ["a", "b"]
  tags          = { Env = "\${var.env}" }
  subnet_config = { public = { size = 24 } }
  rules         = [{ port = 443 }]
  for_each      = { a = 1 }
}`,
    outline: [
      'module "vpc"',
      '  source = "terraform-aws-modules/vpc/aws"  (value "terraform-aws-modules/vpc/aws")',
      '  version = "~> 5.0"  (value "~> 5.0")',
      '  providers = {aws = aws.west, (aws.dns) = aws.east}',
      '  cidr = "10.0.0.0/16"  (value "10.0.0.0/16")',
      '  azs = ["a", "b"]  (value ["a","b"])',
      '  tags = {Env = var.env}',
      '  subnet_config = {public = {size = 24}}  (value {"public":{"size":24}})',
      '  rules = [{port = 443}]  (value [{"port":443}])',
      '  for_each = {a = 1}  (value {"a":1})',
    ],
  },
  {
    name: 'variables: type expressions, literal defaults and descriptions, validation blocks',
    json: {
      variable: {
        names: {
          type: 'list(object({ name = string, size = optional(number, 1) }))',
          default: [{ name: '${not_a_template}', size: 2 }],
          description: 'Names; "${x}" is text here',
          sensitive: false,
          validation: [{ condition: '${length(var.names) > 0}', error_message: 'At least one name.' }],
        },
        region: { type: 'string', nullable: false },
      },
    },
    hcl: `
variable "names" {
  type        = list(object({ name = string, size = optional(number, 1) }))
  default     = [{ name = "$\${not_a_template}", size = 2 }]
  description = "Names; \\"$\${x}\\" is text here"
  sensitive   = false
  validation {
    condition     = "\${length(var.names) > 0}"
    error_message = "At least one name."
  }
}
variable "region" {
  type     = string
  nullable = false
}`,
    outline: [
      'variable "names"',
      '  type = list(object({name = string, size = optional(number, 1)}))',
      '  default = [{name = "$${not_a_template}", size = 2}]  (value [{"name":"${not_a_template}","size":2}])',
      '  description = "Names; \\"$${x}\\" is text here"  (value "Names; \\"${x}\\" is text here")',
      '  sensitive = false  (value false)',
      '  validation',
      '    condition = length(var.names) > 0',
      '    error_message = "At least one name."  (value "At least one name.")',
      'variable "region"',
      '  type = string',
      '  nullable = false  (value false)',
    ],
  },
  {
    name: 'outputs and locals: expressions in templates, a heredoc equals a string with newlines',
    json: {
      output: {
        arn: {
          value: '${aws_iam_role.ci.arn}',
          description: 'The role',
          sensitive: true,
          depends_on: ['aws_iam_role_policy.ci'],
          precondition: { condition: '${var.enabled}', error_message: 'Disabled.' },
        },
      },
      locals: {
        names: '${[for s in var.subnets : upper(s.name) if s.public]}',
        mode: '${var.prod ? "strict" : "relaxed"}',
        script: '#!/bin/sh\necho ${var.name}\n',
        items: ['${local.a}', 1.5, null, false],
        percent: '100%% and $${literal}',
        nested: { '//': 'a key here, not a comment', a: { b: ['c'] } },
      },
    },
    hcl: `
output "arn" {
  value       = "\${aws_iam_role.ci.arn}"
  description = "The role"
  sensitive   = true
  depends_on  = [aws_iam_role_policy.ci]
  precondition {
    condition     = "\${var.enabled}"
    error_message = "Disabled."
  }
}
locals {
  names   = "\${[for s in var.subnets : upper(s.name) if s.public]}"
  mode    = "\${var.prod ? "strict" : "relaxed"}"
  script  = <<-EOT
    #!/bin/sh
    echo \${var.name}
  EOT
  items   = ["\${local.a}", 1.5, null, false]
  percent = "100%% and $\${literal}"
  nested  = { "//" = "a key here, not a comment", a = { b = ["c"] } }
}`,
    outline: [
      'output "arn"',
      '  value = aws_iam_role.ci.arn',
      '  description = "The role"  (value "The role")',
      '  sensitive = true  (value true)',
      '  depends_on = [aws_iam_role_policy.ci]',
      '  precondition',
      '    condition = var.enabled',
      '    error_message = "Disabled."  (value "Disabled.")',
      'locals',
      '  names = [for s in var.subnets : upper(s.name) if s.public]',
      '  mode = var.prod ? "strict" : "relaxed"',
      '  script = "#!/bin/sh\\necho ${var.name}\\n"',
      '  items = [local.a, 1.5, null, false]',
      '  percent = "100%% and $${literal}"  (value "100%% and ${literal}")',
      '  nested = {"//" = "a key here, not a comment", a = {b = ["c"]}}  (value {"//":"a key here, not a comment","a":{"b":["c"]}})',
    ],
  },
  {
    name: 'the terraform block: backend, required_providers, cloud',
    json: {
      terraform: {
        required_version: '>= 1.5',
        required_providers: {
          aws: { source: 'hashicorp/aws', version: '~> 5.0', configuration_aliases: ['aws.east'] },
        },
        backend: { s3: { bucket: 'state', key: 'prod/${x}', assume_role: { role_arn: 'arn' } } },
        cloud: { organization: 'acme', workspaces: { tags: ['app'] } },
      },
    },
    hcl: `
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      version               = "~> 5.0"
      configuration_aliases = [aws.east]
    }
  }
  backend "s3" {
    bucket      = "state"
    key         = "prod/$\${x}"
    assume_role = { role_arn = "arn" }
  }
  cloud {
    organization = "acme"
    workspaces {
      tags = ["app"]
    }
  }
}`,
    outline: [
      'terraform',
      '  required_version = ">= 1.5"  (value ">= 1.5")',
      '  required_providers',
      '    aws = {configuration_aliases = [aws.east], source = "hashicorp/aws", version = "~> 5.0"}',
      '  backend "s3"',
      '    bucket = "state"  (value "state")',
      '    key = "prod/$${x}"  (value "prod/${x}")',
      '    assume_role = {role_arn = "arn"}  (value {"role_arn":"arn"})',
      '  cloud',
      '    organization = "acme"  (value "acme")',
      '    workspaces',
      '      tags = ["app"]  (value ["app"])',
    ],
  },
  {
    name: 'moved, import, removed and check blocks',
    json: {
      moved: [
        { from: 'aws_instance.old', to: 'aws_instance.web' },
        { from: 'module.a', to: 'module.b["x"]' },
      ],
      import: { to: 'aws_s3_bucket.logs', id: 'logs-${var.env}', provider: 'aws.west' },
      removed: { from: 'aws_instance.legacy', lifecycle: { destroy: false } },
      check: {
        health: {
          data: { http: { site: { url: 'https://example.com' } } },
          assert: [{ condition: '${data.http.site.status_code == 200}', error_message: 'Down.' }],
        },
      },
    },
    hcl: `
moved {
  from = aws_instance.old
  to   = aws_instance.web
}
moved {
  from = module.a
  to   = module.b["x"]
}
import {
  to       = aws_s3_bucket.logs
  id       = "logs-\${var.env}"
  provider = aws.west
}
removed {
  from = aws_instance.legacy
  lifecycle {
    destroy = false
  }
}
check "health" {
  data "http" "site" {
    url = "https://example.com"
  }
  assert {
    condition     = "\${data.http.site.status_code == 200}"
    error_message = "Down."
  }
}`,
    outline: [
      'moved',
      '  from = aws_instance.old',
      '  to = aws_instance.web',
      'moved',
      '  from = module.a',
      '  to = module.b["x"]',
      'import',
      '  to = aws_s3_bucket.logs',
      '  id = "logs-${var.env}"',
      '  provider = aws.west',
      'removed',
      '  from = aws_instance.legacy',
      '  lifecycle',
      '    destroy = false  (value false)',
      'check "health"',
      '  data "http" "site"',
      '    url = "https://example.com"  (value "https://example.com")',
      '  assert',
      '    condition = data.http.site.status_code == 200',
      '    error_message = "Down."  (value "Down.")',
    ],
  },
  {
    name: 'labels as arrays of objects (to keep order) and several blocks under one type',
    json: {
      resource: [
        { aws_s3_bucket: { logs: { bucket: 'logs' } } },
        { aws_s3_bucket: [{ data: { bucket: 'data' } }], aws_iam_role: { ci: null } },
      ],
      data: { aws_caller_identity: { current: {} } },
    },
    hcl: `
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
resource "aws_s3_bucket" "data" {
  bucket = "data"
}
data "aws_caller_identity" "current" {}`,
    outline: [
      'resource "aws_s3_bucket" "logs"',
      '  bucket = "logs"  (value "logs")',
      'resource "aws_s3_bucket" "data"',
      '  bucket = "data"  (value "data")',
      'data "aws_caller_identity" "current"',
    ],
  },
  {
    name: 'map-typed provider arguments stay arguments; Kubernetes metadata is a block',
    json: {
      resource: {
        google_compute_instance: {
          vm: {
            metadata: { 'enable-oslogin': 'TRUE' },
            labels: { env: 'prod' },
            boot_disk: { initialize_params: { image: 'debian' } },
          },
        },
        kubernetes_deployment: {
          app: {
            metadata: { name: 'app', labels: { app: 'web' } },
            spec: { selector: { match_labels: { app: 'web' } }, template: { spec: { node_selector: { pool: 'a' } } } },
          },
        },
        kubernetes_service: { app: { spec: { selector: { app: 'web' } } } },
        aws_lambda_function: { fn: { environment: { variables: { STAGE: 'prod' } } } },
      },
    },
    hcl: `
resource "google_compute_instance" "vm" {
  metadata = { "enable-oslogin" = "TRUE" }
  labels   = { env = "prod" }
  boot_disk {
    initialize_params {
      image = "debian"
    }
  }
}
resource "kubernetes_deployment" "app" {
  metadata {
    name   = "app"
    labels = { app = "web" }
  }
  spec {
    selector {
      match_labels = { app = "web" }
    }
    template {
      spec {
        node_selector = { pool = "a" }
      }
    }
  }
}
resource "kubernetes_service" "app" {
  spec {
    selector = { app = "web" }
  }
}
resource "aws_lambda_function" "fn" {
  environment {
    variables = { STAGE = "prod" }
  }
}`,
    outline: [
      'resource "google_compute_instance" "vm"',
      '  metadata = {enable-oslogin = "TRUE"}  (value {"enable-oslogin":"TRUE"})',
      '  labels = {env = "prod"}  (value {"env":"prod"})',
      '  boot_disk',
      '    initialize_params',
      '      image = "debian"  (value "debian")',
      'resource "kubernetes_deployment" "app"',
      '  metadata',
      '    name = "app"  (value "app")',
      '    labels = {app = "web"}  (value {"app":"web"})',
      '  spec',
      '    selector',
      '      match_labels = {app = "web"}  (value {"app":"web"})',
      '    template',
      '      spec',
      '        node_selector = {pool = "a"}  (value {"pool":"a"})',
      'resource "kubernetes_service" "app"',
      '  spec',
      '    selector = {app = "web"}  (value {"app":"web"})',
      'resource "aws_lambda_function" "fn"',
      '  environment',
      '    variables = {STAGE = "prod"}  (value {"STAGE":"prod"})',
    ],
  },
];

describe('parseTerraformJson gives the same model as the equivalent native syntax', () => {
  it.each(EQUIVALENTS)('$name', ({ json, hcl, outline: expected }) => {
    const fromJson = parse(JSON.stringify(json, null, 2));
    const fromHcl = parseHcl(hcl, 'main.tf');
    expect(diagnosticLines(fromHcl)).toEqual([]);
    expect(diagnosticLines(fromJson)).toEqual([]);
    expect(outline(fromJson)).toEqual(expected);
    expect(outline(fromJson)).toEqual(outline(fromHcl));
    expect(fromJson.syntax).toBe('json');
    expect(fromJson.path).toBe('main.tf.json');
  });

  it('gives the same expressions as native syntax, down to their kinds', () => {
    const fromJson = parse('{"locals": {"a": "${var.x[0].y}", "b": ["${f(1, 2)...}"], "c": {"k": "${-1}"}}}');
    const fromHcl = parseHcl(
      'locals {\n  a = "${var.x[0].y}"\n  b = ["${f(1, 2)...}"]\n  c = { k = "${-1}" }\n}',
      'main.tf',
    );
    const kinds = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'range' || key === 'nameRange' ? undefined : v)));
    expect(kinds(fromJson.blocks[0]!.attributes)).toEqual(kinds(fromHcl.blocks[0]!.attributes));
  });
});

describe('ranges', () => {
  const source = [
    '{',
    '  "resource": {',
    '    "aws_s3_bucket": {',
    '      "logs": {',
    '        "bucket": "logs-${var.env}",',
    '        "versioning": [{"enabled": true}]',
    '      }',
    '    }',
    '  }',
    '}',
  ].join('\n');
  const file = parse(source);
  const block = file.blocks[0] as Block;

  it('a block runs from its innermost label (or its type) to the end of its body; types and labels are their property names', () => {
    expect(span(block.range)).toBe('4:7-7:8');
    expect(span(block.typeRange)).toBe('2:3-2:13');
    expect(block.labelRanges.map(span)).toEqual(['3:5-3:20', '4:7-4:13']);
  });

  it('a block given as an array element runs over that element', () => {
    const nested = block.blocks[0] as Block;
    expect(span(nested.range)).toBe('6:24-6:41');
    expect(span(nested.typeRange)).toBe('6:9-6:21');
  });

  it('an attribute runs from its name to the end of its value, and its template keeps exact positions', () => {
    const bucket = block.attributes[0] as Attribute;
    expect(span(bucket.range)).toBe('5:9-5:36');
    expect(span(bucket.nameRange)).toBe('5:9-5:17');
    expect(bucket.range.start.offset).toBe(source.indexOf('"bucket"'));
    expect(bucket.range.end.offset).toBe(source.indexOf(',\n        "versioning"'));
    expect(span(bucket.expr.range)).toBe('5:19-5:36');
    const expr = bucket.expr;
    if (expr.kind !== 'template') throw new Error('expected a template');
    const part = expr.parts[1];
    if (part?.kind !== 'interpolation') throw new Error('expected an interpolation');
    expect(span(part.expr.range)).toBe('5:27-5:34');
  });

  it('positions inside a string with escapes are mapped back to the file', () => {
    const escaped = parse('{"locals": {"a": "\\"q\\"\\n${var.x}"}}');
    const expr = escaped.blocks[0]!.attributes[0]!.expr;
    if (expr.kind !== 'template') throw new Error('expected a template');
    const part = expr.parts[1];
    if (part?.kind !== 'interpolation') throw new Error('expected an interpolation');
    expect(span(expr.range)).toBe('1:18-1:35');
    expect(span(part.expr.range)).toBe('1:28-1:33');
  });
});

describe('diagnostics: bad JSON and shapes Terraform rejects', () => {
  it.each([
    {
      name: 'a truncated file keeps the blocks read so far',
      source: '{\n  "resource": {\n    "aws_s3_bucket": {\n      "logs": {\n        "bucket": "logs",\n',
      diagnostics: ['error: the file ends before this object is closed: "}}}}" are missing at the end @ 4:15-4:16'],
      outline: ['resource "aws_s3_bucket" "logs"', '  bucket = "logs"  (value "logs")'],
    },
    {
      name: 'a trailing comma',
      source: '{"variable": {"a": {"default": 1,}}}',
      diagnostics: ['error: trailing comma: JSON does not allow a "," before "}" @ 1:33-1:34'],
      outline: ['variable "a"', '  default = 1  (value 1)'],
    },
    {
      name: 'a bad escape',
      source: '{"locals": {\n  "path": "C:\\temp\\x"\n}}',
      diagnostics: [
        'error: invalid escape "\\x": JSON strings allow only \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX @ 2:19-2:21',
      ],
      outline: ['locals', '  path = "C:\\temp\\\\x"  (value "C:\\temp\\\\x")'],
    },
    {
      name: 'a root that is not an object',
      source: '["resource"]',
      diagnostics: [
        'error: a Terraform JSON file must hold one object whose property names are block types (terraform, provider, variable, locals, output, module, resource, data, ephemeral, action, moved, import, removed, check), found an array @ 1:1-1:13',
      ],
      outline: [],
    },
    {
      name: 'a duplicate key',
      source: '{"locals": {\n  "a": 1,\n  "a": 2\n}}',
      diagnostics: [
        'error: duplicate property "a" (first at line 2, column 3): JSON tools disagree on which one counts; merge them into one @ 3:3-3:6',
      ],
      outline: ['locals', '  a = 1  (value 1)', '  a = 2  (value 2)'],
    },
    {
      name: 'a block type whose value is not an object',
      source: '{"resource": 3, "locals": {"a": 1}}',
      diagnostics: [
        'error: "resource" expects an object whose property names are resource types, found a number @ 1:14-1:15',
      ],
      outline: ['locals', '  a = 1  (value 1)'],
    },
    {
      name: 'a label level that is not an object',
      source: '{"resource": {"aws_s3_bucket": ["logs"]}}',
      diagnostics: [
        'error: "resource" "aws_s3_bucket" expects an object whose property names are resource names (or an array of such objects), found a string in the array @ 1:33-1:39',
      ],
      outline: [],
    },
    {
      name: 'a block with no labels where labels are needed',
      source: '{"variable": {}}',
      diagnostics: [
        'error: "variable" expects an object whose property names are variable names, found an empty object @ 1:14-1:16',
      ],
      outline: [],
    },
    {
      name: 'a body that is not an object',
      source: '{"output": {"a": "x"}, "resource": {"t": {"n": {"lifecycle": [1]}}}}',
      diagnostics: [
        'error: "output" "a" expects an object (the block body), or an array of objects for several blocks, found a string @ 1:18-1:21',
        'error: "lifecycle" expects an object here (the body of one block), found a number @ 1:63-1:64',
      ],
      outline: ['resource "t" "n"'],
    },
    {
      name: 'an unknown block type',
      source: '{"resources": {}}',
      diagnostics: [
        'error: unknown block type "resources": the properties of the root object are Terraform block types (terraform, provider, variable, locals, output, module, resource, data, ephemeral, action, moved, import, removed, check) @ 1:2-1:13',
      ],
      outline: [],
    },
    {
      name: 'an empty file',
      source: '',
      diagnostics: ['error: the file is empty: a Terraform JSON file must hold one JSON object @ 1:1-1:1'],
      outline: [],
    },
  ])('$name', ({ source, diagnostics, outline: expected }) => {
    const file = parse(source);
    expect(diagnosticLines(file)).toEqual(diagnostics);
    expect(outline(file)).toEqual(expected);
  });

  it('a syntax error inside a template is reported at its place in the file', () => {
    const file = parse('{"locals": {\n  "a": "${var.x +}"\n}}');
    expect(file.diagnostics.map((d) => [d.severity, span(d.range)])).toEqual([['error', '2:18-2:19']]);
    expect(outline(file)).toEqual(['locals', '  a = var.x + <invalid>']);
  });

  it('a syntax error inside a reference is reported at its place in the file', () => {
    const file = parse('{"resource": {"t": {"n": {"depends_on": ["aws_x.y["]}}}}');
    expect(diagnosticLines(file)).toEqual([
      'error: expected an expression, found the end of the string @ 1:51-1:51',
      'error: expected "]" to close the index, found the end of the string @ 1:51-1:51',
    ]);
  });

  it('never throws, on any input', () => {
    const valid = JSON.stringify(
      EQUIVALENTS.map((c) => c.json).reduce((a, b) => ({ ...(a as object), ...(b as object) }), {}),
    );
    fc.assert(
      fc.property(fc.nat(valid.length), fc.nat(valid.length), fc.string({ maxLength: 5 }), (cut, insertAt, insert) => {
        const mutated = valid.slice(0, insertAt) + insert + valid.slice(insertAt, Math.max(insertAt, cut));
        const file = parse(mutated);
        expect(Array.isArray(file.blocks)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('MAP_TYPED_ARGUMENTS', () => {
  it.each([
    ['tags', 'aws_instance', true],
    ['metadata', 'google_compute_instance', true],
    ['metadata', 'kubernetes_deployment_v1', false],
    ['metadata', 'google_cloud_run_service', false],
    ['selector', 'kubernetes_service_v1', true],
    ['selector', 'kubernetes_deployment', false],
    ['environment', 'aws_lambda_function', false],
    ['default_tags', '', false],
    ['constructor', 'aws_instance', false],
    ['parameters', 'aws_cloudformation_stack', true],
    ['parameters', 'kubernetes_ingress_class_v1', false],
    ['config', 'terraform_remote_state', true],
    ['config', 'google_composer_environment', false],
    ['labels', 'spacelift_stacks', false],
  ])('%s in %s is a map argument: %s', (name, resourceType, expected) => {
    expect(isMapTypedArgument(name, resourceType)).toBe(expected);
  });

  it('names no block type of the language', () => {
    for (const name of ['lifecycle', 'connection', 'provisioner', 'dynamic', 'content', 'timeouts', 'default_tags']) {
      expect(MAP_TYPED_ARGUMENTS.has(name)).toBe(false);
    }
  });
});
