import { describe, expect, it } from 'vitest';
import { buildChangeSet, type Change } from '../../src/change/changeSet.js';
import type { SourceTree } from '../../src/terraform/sourceTree.js';

function tree(files: Record<string, string>): SourceTree {
  return { files: Object.entries(files).map(([path, content]) => ({ path, content })) };
}

/** A change without its source positions, for cases where only what changed matters. */
function summary(change: Change) {
  const { action, kind, module, address, changedPaths, from } = change;
  return { action, kind, module, address, changedPaths, ...(from ? { from } : {}) };
}

function withoutBodies(change: Change) {
  const strip = (ref: Change['base']) =>
    ref && { module: ref.module, address: ref.address, file: ref.file, range: ref.range };
  return { ...change, base: strip(change.base), head: strip(change.head) };
}

function changesBetween(base: Record<string, string>, head: Record<string, string>) {
  return buildChangeSet(tree(base), tree(head)).changes.map(summary);
}

const ROLE =
  'resource "aws_iam_role" "ci" {\n  name = "ci"\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n}\n';

interface Case {
  name: string;
  base: Record<string, string>;
  head: Record<string, string>;
  changes: ReturnType<typeof summary>[];
}

describe('buildChangeSet: objects matched by module and address', () => {
  it.each<Case>([
    {
      name: 'an object only in head is created',
      base: { 'main.tf': '' },
      head: { 'main.tf': ROLE },
      changes: [{ action: 'create', kind: 'resource', module: '.', address: 'aws_iam_role.ci', changedPaths: [] }],
    },
    {
      name: 'an object only in base is deleted',
      base: { 'main.tf': ROLE + 'variable "x" {}\n' },
      head: { 'main.tf': 'variable "x" {}\n' },
      changes: [{ action: 'delete', kind: 'resource', module: '.', address: 'aws_iam_role.ci', changedPaths: [] }],
    },
    {
      name: 'an object in both with a changed attribute is updated with the path',
      base: { 'main.tf': ROLE },
      head: { 'main.tf': ROLE.replace('"ci"\n', '"ci-deployer"\n') },
      changes: [
        { action: 'update', kind: 'resource', module: '.', address: 'aws_iam_role.ci', changedPaths: ['name'] },
      ],
    },
    {
      name: 'the same address in two module directories is two objects',
      base: { 'main.tf': ROLE, 'modules/ci/main.tf': ROLE },
      head: { 'main.tf': ROLE, 'modules/ci/main.tf': ROLE.replace('"ci"\n', '"x"\n') },
      changes: [
        {
          action: 'update',
          kind: 'resource',
          module: 'modules/ci',
          address: 'aws_iam_role.ci',
          changedPaths: ['name'],
        },
      ],
    },
    {
      name: 'changes are sorted by module, then address',
      base: { 'main.tf': '', 'b/main.tf': '', 'a/main.tf': '' },
      head: {
        'main.tf': 'variable "z" {}\nvariable "a" {}',
        'b/main.tf': 'output "o" {\n  value = 1\n}',
        'a/main.tf': 'locals {\n  l = 1\n}',
      },
      changes: [
        { action: 'create', kind: 'variable', module: '.', address: 'var.a', changedPaths: [] },
        { action: 'create', kind: 'variable', module: '.', address: 'var.z', changedPaths: [] },
        { action: 'create', kind: 'local', module: 'a', address: 'local.l', changedPaths: [] },
        { action: 'create', kind: 'output', module: 'b', address: 'output.o', changedPaths: [] },
      ],
    },
    {
      name: 'count changes are an update of the static address',
      base: { 'main.tf': 'resource "aws_instance" "web" {\n  count = 2\n  ami = "ami-1"\n}' },
      head: { 'main.tf': 'resource "aws_instance" "web" {\n  count = 3\n  ami = "ami-1"\n}' },
      changes: [
        { action: 'update', kind: 'resource', module: '.', address: 'aws_instance.web', changedPaths: ['count'] },
      ],
    },
    {
      name: 'removing a lifecycle block reports its attributes',
      base: {
        'main.tf':
          'resource "aws_s3_bucket" "state" {\n  bucket = "state"\n  lifecycle {\n    prevent_destroy = true\n  }\n}',
      },
      head: { 'main.tf': 'resource "aws_s3_bucket" "state" {\n  bucket = "state"\n}' },
      changes: [
        {
          action: 'update',
          kind: 'resource',
          module: '.',
          address: 'aws_s3_bucket.state',
          changedPaths: ['lifecycle.prevent_destroy'],
        },
      ],
    },
    {
      name: 'a nested block inserted first reports that block only',
      base: { 'sg.tf': 'resource "aws_security_group" "web" {\n  ingress {\n    from_port = 443\n  }\n}' },
      head: {
        'sg.tf':
          'resource "aws_security_group" "web" {\n  ingress {\n    from_port   = 22\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n  ingress {\n    from_port = 443\n  }\n}',
      },
      changes: [
        {
          action: 'update',
          kind: 'resource',
          module: '.',
          address: 'aws_security_group.web',
          changedPaths: ['ingress[0].cidr_blocks', 'ingress[0].from_port'],
        },
      ],
    },
  ])('$name', ({ base, head, changes }) => {
    expect(changesBetween(base, head)).toEqual(changes);
  });

  it('points at the object in base and head, with the body compared', () => {
    const changeSet = buildChangeSet(
      tree({ 'main.tf': ROLE }),
      tree({ 'main.tf': '\n' + ROLE.replace('"ci"\n', '"x"\n') }),
    );
    const [change] = changeSet.changes;
    expect(change?.base?.body.attributes.map((a) => a.text)).toEqual([
      '"ci"',
      'data.aws_iam_policy_document.trust.json',
    ]);
    expect(change?.head?.body.attributes.map((a) => a.text)).toEqual([
      '"x"',
      'data.aws_iam_policy_document.trust.json',
    ]);
    expect(changeSet.changes.map(withoutBodies)).toEqual([
      {
        kind: 'resource',
        module: '.',
        address: 'aws_iam_role.ci',
        action: 'update',
        changedPaths: ['name'],
        base: {
          module: '.',
          address: 'aws_iam_role.ci',
          file: 'main.tf',
          range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 4, column: 2, offset: 109 } },
        },
        head: {
          module: '.',
          address: 'aws_iam_role.ci',
          file: 'main.tf',
          range: { start: { line: 2, column: 1, offset: 1 }, end: { line: 5, column: 2, offset: 109 } },
        },
      },
    ]);
  });
});

describe('buildChangeSet: formatting is no change', () => {
  const original = [
    'resource "aws_security_group" "web" {',
    '  name = "web"',
    '  description = "web servers\\n"',
    '  tags = { Team = "platform", Env = "prod" }',
    '  ingress {',
    '    from_port = 443',
    '    to_port = 443',
    '    cidr_blocks = ["10.0.0.0/8"]',
    '  }',
    '}',
    '',
    'output "id" {',
    '  value = aws_security_group.web.id',
    '}',
    '',
  ].join('\n');
  it.each([
    {
      name: 'terraform fmt alignment and indentation',
      head: original
        .replace('  name = "web"\n  description =', '  name        = "web"\n  description =')
        .replace(
          '    from_port = 443\n    to_port = 443\n    cidr_blocks',
          '      from_port   = 443\n      to_port     = 443\n      cidr_blocks',
        ),
    },
    {
      name: 'comments and blank lines',
      head:
        '# Web tier\n\n' +
        original
          .replace('  ingress {', '\n  // HTTPS only\n  ingress { # inbound')
          .replace('  name = "web"', '  name = "web" /* fixed */'),
    },
    {
      name: 'attribute order',
      head: original.replace(
        '  name = "web"\n  description = "web servers\\n"',
        '  description = "web servers\\n"\n  name = "web"',
      ),
    },
    {
      name: 'object layout and key order',
      head: original.replace('{ Team = "platform", Env = "prod" }', '{\n    Env  = "prod"\n    Team = "platform"\n  }'),
    },
    {
      name: 'a quoted string written as a heredoc',
      head: original.replace('"web servers\\n"', '<<-EOT\n    web servers\n    EOT'),
    },
  ])('$name', ({ head }) => {
    expect(head).not.toBe(original);
    expect(changesBetween({ 'main.tf': original }, { 'main.tf': head })).toEqual([]);
  });

  it('a heredoc differs from the quoted string without its final newline', () => {
    const head = original.replace('"web servers\\n"', '<<-EOT\n    web servers\n    EOT');
    const base = original.replace('"web servers\\n"', '"web servers"');
    expect(changesBetween({ 'main.tf': base }, { 'main.tf': head })).toEqual([
      {
        action: 'update',
        kind: 'resource',
        module: '.',
        address: 'aws_security_group.web',
        changedPaths: ['description'],
      },
    ]);
  });

  it('splitting a file into two files of the same directory', () => {
    const [resource, output] = original.split('\n\noutput');
    const changeSet = buildChangeSet(
      tree({ 'main.tf': original }),
      tree({ 'main.tf': resource + '\n', 'outputs.tf': 'output' + output }),
    );
    expect(changeSet.changes).toEqual([]);
    expect(changeSet.files).toEqual([
      { path: 'main.tf', status: 'modified', terraform: true },
      { path: 'outputs.tf', status: 'added', terraform: true },
    ]);
  });
});

describe('buildChangeSet: the terraform block, providers and locals', () => {
  const versions =
    'terraform {\n  required_version = ">= 1.5"\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.0"\n    }\n  }\n  backend "s3" {\n    bucket = "state"\n  }\n}\n';
  it.each([
    {
      name: 'a terraform setting is a path of the terraform object',
      head: versions.replace('">= 1.5"', '">= 1.6"'),
      changes: [
        { action: 'update', kind: 'terraform', module: '.', address: 'terraform', changedPaths: ['required_version'] },
      ],
    },
    {
      name: 'a provider version bump is the version path of the requirement',
      head: versions.replace('"~> 5.0"', '"~> 6.0"'),
      changes: [
        {
          action: 'update',
          kind: 'required_provider',
          module: '.',
          address: 'terraform.required_providers.aws',
          changedPaths: ['version'],
        },
      ],
    },
    {
      name: 'a backend setting is a path of the backend',
      head: versions.replace('"state"', '"other-state"'),
      changes: [
        { action: 'update', kind: 'backend', module: '.', address: 'terraform.backend.s3', changedPaths: ['bucket'] },
      ],
    },
    {
      name: 'a new backend type deletes the old one and creates the new one',
      head: versions.replace('backend "s3"', 'backend "gcs"'),
      changes: [
        { action: 'create', kind: 'backend', module: '.', address: 'terraform.backend.gcs', changedPaths: [] },
        { action: 'delete', kind: 'backend', module: '.', address: 'terraform.backend.s3', changedPaths: [] },
      ],
    },
  ])('$name', ({ head, changes }) => {
    expect(changesBetween({ 'versions.tf': versions }, { 'versions.tf': head })).toEqual(changes);
  });

  it('several terraform blocks of one module are one object', () => {
    const base = {
      'versions.tf': 'terraform {\n  required_version = ">= 1.5"\n}',
      'backend.tf': 'terraform {\n  experiments = []\n}',
    };
    const head = {
      'versions.tf': 'terraform {\n  required_version = ">= 1.5"\n  experiments = []\n}',
      'backend.tf': '',
    };
    expect(changesBetween(base, head)).toEqual([]);
    expect(changesBetween(base, { ...head, 'backend.tf': 'terraform {\n  experiments = [x]\n}' })).toEqual([
      { action: 'update', kind: 'terraform', module: '.', address: 'terraform', changedPaths: ['experiments'] },
    ]);
  });

  it('a local changed is its name; moving it to another locals block is no change', () => {
    const base = { 'main.tf': 'locals {\n  name = "ci"\n  env  = "prod"\n}' };
    expect(changesBetween(base, { 'main.tf': 'locals {\n  name = "ci"\n}\nlocals {\n  env = "prod"\n}' })).toEqual([]);
    expect(changesBetween(base, { 'main.tf': 'locals {\n  name = "deploy"\n  env  = "prod"\n}' })).toEqual([
      { action: 'update', kind: 'local', module: '.', address: 'local.name', changedPaths: ['name'] },
    ]);
  });

  it('an override file changes the object it overrides', () => {
    const base = {
      'main.tf':
        'resource "aws_instance" "web" {\n  ami = "ami-1"\n  lifecycle {\n    prevent_destroy = true\n    create_before_destroy = true\n  }\n}',
    };
    const head = {
      ...base,
      'override.tf':
        'resource "aws_instance" "web" {\n  ami = "ami-2"\n  lifecycle {\n    prevent_destroy = false\n  }\n}',
    };
    expect(changesBetween(base, head)).toEqual([
      {
        action: 'update',
        kind: 'resource',
        module: '.',
        address: 'aws_instance.web',
        changedPaths: ['ami', 'lifecycle.prevent_destroy'],
      },
    ]);
  });
});

describe('buildChangeSet: moves', () => {
  const bucket = (name: string) => `resource "aws_s3_bucket" "${name}" {\n  bucket = "logs"\n}\n`;
  const moved = 'moved {\n  from = aws_s3_bucket.old\n  to   = aws_s3_bucket.new\n}\n';

  it('a moved block turns a delete and a create into one move, and is itself created', () => {
    const changeSet = buildChangeSet(tree({ 'main.tf': bucket('old') }), tree({ 'main.tf': bucket('new') + moved }));
    expect(changeSet.changes.map(summary)).toEqual([
      {
        action: 'move',
        kind: 'resource',
        module: '.',
        address: 'aws_s3_bucket.new',
        changedPaths: [],
        from: { module: '.', address: 'aws_s3_bucket.old' },
      },
      { action: 'create', kind: 'moved', module: '.', address: 'moved.aws_s3_bucket.old', changedPaths: [] },
    ]);
    expect(withoutBodies(changeSet.changes[0]!).base).toEqual({
      module: '.',
      address: 'aws_s3_bucket.old',
      file: 'main.tf',
      range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 3, column: 2, offset: 52 } },
    });
    expect(changeSet.changes[0]!.head?.address).toBe('aws_s3_bucket.new');
  });

  it('a move reports the differences of the body', () => {
    const head = bucket('new').replace('"logs"', '"audit-logs"') + moved;
    expect(changesBetween({ 'main.tf': bucket('old') }, { 'main.tf': head })[0]).toEqual({
      action: 'move',
      kind: 'resource',
      module: '.',
      address: 'aws_s3_bucket.new',
      changedPaths: ['bucket'],
      from: { module: '.', address: 'aws_s3_bucket.old' },
    });
  });

  it('a moved block kept from an earlier change moves nothing', () => {
    const files = { 'main.tf': bucket('new') + moved };
    expect(changesBetween(files, files)).toEqual([]);
  });

  it('a moved block whose source never existed moves nothing', () => {
    expect(changesBetween({ 'main.tf': '' }, { 'main.tf': bucket('new') + moved })).toEqual([
      { action: 'create', kind: 'resource', module: '.', address: 'aws_s3_bucket.new', changedPaths: [] },
      { action: 'create', kind: 'moved', module: '.', address: 'moved.aws_s3_bucket.old', changedPaths: [] },
    ]);
  });

  it('a chain of moved blocks moves the original to the end of the chain', () => {
    const chain = moved + 'moved {\n  from = aws_s3_bucket.new\n  to   = aws_s3_bucket.newest\n}\n';
    expect(changesBetween({ 'main.tf': bucket('old') }, { 'main.tf': bucket('newest') + chain })).toEqual([
      {
        action: 'move',
        kind: 'resource',
        module: '.',
        address: 'aws_s3_bucket.newest',
        changedPaths: [],
        from: { module: '.', address: 'aws_s3_bucket.old' },
      },
      { action: 'create', kind: 'moved', module: '.', address: 'moved.aws_s3_bucket.new', changedPaths: [] },
      { action: 'create', kind: 'moved', module: '.', address: 'moved.aws_s3_bucket.old', changedPaths: [] },
    ]);
  });

  it('a module renamed with a moved block', () => {
    const base = { 'main.tf': 'module "net" {\n  source = "./modules/net"\n}' };
    const head = {
      'main.tf':
        'module "network" {\n  source = "./modules/net"\n}\nmoved {\n  from = module.net\n  to   = module.network\n}',
    };
    expect(changesBetween(base, head)).toEqual([
      {
        action: 'move',
        kind: 'module',
        module: '.',
        address: 'module.network',
        changedPaths: [],
        from: { module: '.', address: 'module.net' },
      },
      { action: 'create', kind: 'moved', module: '.', address: 'moved.module.net', changedPaths: [] },
    ]);
  });

  it('a file moved unchanged to another directory moves each of its objects', () => {
    const content = bucket('logs') + 'variable "region" {}\n';
    const changeSet = buildChangeSet(tree({ 'envs/staging/main.tf': content }), tree({ 'envs/prod/main.tf': content }));
    expect(changeSet.changes.map(summary)).toEqual([
      {
        action: 'move',
        kind: 'resource',
        module: 'envs/prod',
        address: 'aws_s3_bucket.logs',
        changedPaths: [],
        from: { module: 'envs/staging', address: 'aws_s3_bucket.logs' },
      },
      {
        action: 'move',
        kind: 'variable',
        module: 'envs/prod',
        address: 'var.region',
        changedPaths: [],
        from: { module: 'envs/staging', address: 'var.region' },
      },
    ]);
    expect(changeSet.files).toEqual([
      { path: 'envs/prod/main.tf', status: 'renamed', previousPath: 'envs/staging/main.tf', terraform: true },
    ]);
  });

  it('a file renamed in its directory changes nothing', () => {
    const changeSet = buildChangeSet(tree({ 'main.tf': bucket('logs') }), tree({ 's3.tf': bucket('logs') }));
    expect(changeSet.changes).toEqual([]);
    expect(changeSet.files).toEqual([{ path: 's3.tf', status: 'renamed', previousPath: 'main.tf', terraform: true }]);
  });
});

describe('buildChangeSet: files that do not parse', () => {
  it('lists them and reports no delete for objects that may still be in them', () => {
    const base = { 'main.tf': 'resource "a" "b" {}\nresource "a" "c" {}\n', 'other/main.tf': 'variable "x" {}' };
    const head = { 'main.tf': 'resource "a" "b" {\n', 'other/main.tf': '' };
    const changeSet = buildChangeSet(tree(base), tree(head));
    expect(changeSet.changes.map(summary)).toEqual([
      { action: 'delete', kind: 'variable', module: 'other', address: 'var.x', changedPaths: [] },
    ]);
    expect(
      changeSet.unparsed.map((u) => ({
        side: u.side,
        path: u.path,
        errors: u.diagnostics.filter((d) => d.severity === 'error').length > 0,
      })),
    ).toEqual([{ side: 'head', path: 'main.tf', errors: true }]);
  });

  it('reports no create for objects of a module whose base does not parse', () => {
    const changeSet = buildChangeSet(tree({ 'main.tf': 'resource "a" {' }), tree({ 'main.tf': 'resource "a" "b" {}' }));
    expect(changeSet.changes).toEqual([]);
    expect(changeSet.unparsed.map((u) => [u.side, u.path])).toEqual([['base', 'main.tf']]);
  });
});

describe('buildChangeSet: JSON syntax', () => {
  const json = (name: string) =>
    JSON.stringify(
      {
        resource: {
          aws_s3_bucket: { logs: { bucket: name, tags: { Team: 'platform' }, lifecycle: { prevent_destroy: true } } },
        },
      },
      null,
      2,
    );
  const native =
    'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n  tags   = { Team = "platform" }\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n';

  it('compares .tf.json objects like native ones', () => {
    expect(changesBetween({ 'main.tf.json': json('acme-logs') }, { 'main.tf.json': json('acme-audit-logs') })).toEqual([
      { action: 'update', kind: 'resource', module: '.', address: 'aws_s3_bucket.logs', changedPaths: ['bucket'] },
    ]);
  });

  it('rewriting a file from native to JSON syntax with the same values is no change', () => {
    const changeSet = buildChangeSet(tree({ 'main.tf': native }), tree({ 'main.tf.json': json('acme-logs') }));
    expect(changeSet.changes).toEqual([]);
    expect(changeSet.files).toEqual([
      { path: 'main.tf', status: 'deleted', terraform: true },
      { path: 'main.tf.json', status: 'added', terraform: true },
    ]);
  });
});

describe('buildChangeSet: configurations Terraform rejects', () => {
  it('lists the problems of each side', () => {
    const changeSet = buildChangeSet(
      tree({ 'main.tf': 'variable "x" {}' }),
      tree({ 'main.tf': 'variable "x" {}\nephemerals "random_password" "db" {}', 'more.tf': 'variable "x" {}' }),
    );
    expect(changeSet.problems).toEqual([
      {
        side: 'head',
        module: '.',
        address: 'ephemerals.random_password.db',
        files: ['main.tf'],
        message: 'main.tf:2: unsupported block type "ephemerals"; its changes cannot be judged',
      },
      {
        side: 'head',
        module: '.',
        address: 'var.x',
        files: ['main.tf', 'more.tf'],
        message: 'var.x is defined 2 times in module . (main.tf:1, more.tf:1); Terraform rejects duplicates',
      },
    ]);
  });
});

describe('buildChangeSet: files', () => {
  it('lists every changed file, Terraform or not, including .terraform/ (never parsed) and node_modules; ignores VCS metadata', () => {
    const base = {
      CODEOWNERS: '* @platform\n',
      '.github/workflows/plan.yml': 'on: pull_request\n',
      'README.md': 'old\n',
      'main.tf': 'variable "x" {}\n',
      '.terraform/modules/m/main.tf': 'variable "cached" {}\n',
    };
    const head = {
      CODEOWNERS: '* @someone-else\n',
      '.github/workflows/plan.yml': 'on: pull_request\n',
      'main.tf': 'variable "x" {}\n',
      'docs/README.md': 'old\n',
      'node_modules/x/index.js': '',
      '.git/HEAD': 'ref: refs/heads/main\n',
    };
    const changeSet = buildChangeSet(tree(base), tree(head));
    expect(changeSet.files).toEqual([
      { path: '.terraform/modules/m/main.tf', status: 'deleted', terraform: false },
      { path: 'CODEOWNERS', status: 'modified', terraform: false },
      { path: 'docs/README.md', status: 'renamed', previousPath: 'README.md', terraform: false },
      { path: 'node_modules/x/index.js', status: 'added', terraform: false },
    ]);
    expect(changeSet.changes).toEqual([]);
  });
});

describe('buildChangeSet: OpenTofu files', () => {
  const ADMIN =
    'resource "aws_iam_user_policy_attachment" "admin" {\n  user       = "ci"\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n';

  it.each<Case>([
    {
      name: 'a .tofu file is configuration like a .tf file',
      base: {},
      head: { 'admin.tofu': ADMIN },
      changes: [
        {
          action: 'create',
          kind: 'resource',
          module: '.',
          address: 'aws_iam_user_policy_attachment.admin',
          changedPaths: [],
        },
      ],
    },
    {
      name: 'a .tofu.json file is JSON configuration',
      base: {},
      head: { 'modules/iam/admin.tofu.json': '{"resource": {"aws_iam_user": {"ci": {"name": "ci"}}}}' },
      changes: [
        { action: 'create', kind: 'resource', module: 'modules/iam', address: 'aws_iam_user.ci', changedPaths: [] },
      ],
    },
    {
      name: 'main.tofu beside main.tf: a change only in the replaced main.tf is no object change',
      base: { 'main.tf': ROLE, 'main.tofu': ROLE },
      head: { 'main.tf': ROLE.replace('"ci"\n', '"admin"\n'), 'main.tofu': ROLE },
      changes: [],
    },
    {
      name: 'main.tofu beside main.tf: the .tofu file is what changes the objects',
      base: { 'main.tf': ROLE, 'main.tofu': ROLE },
      head: { 'main.tf': ROLE, 'main.tofu': ROLE.replace('"ci"\n', '"admin"\n') },
      changes: [
        { action: 'update', kind: 'resource', module: '.', address: 'aws_iam_role.ci', changedPaths: ['name'] },
      ],
    },
    {
      name: 'adding main.tofu that differs from main.tf replaces its objects (and defines no duplicate)',
      base: { 'main.tf': ROLE },
      head: { 'main.tf': ROLE, 'main.tofu': ROLE.replace('"ci"\n', '"admin"\n') + 'variable "x" {}\n' },
      changes: [
        { action: 'update', kind: 'resource', module: '.', address: 'aws_iam_role.ci', changedPaths: ['name'] },
        { action: 'create', kind: 'variable', module: '.', address: 'var.x', changedPaths: [] },
      ],
    },
    {
      name: 'deleting main.tofu brings main.tf back',
      base: { 'main.tf': ROLE, 'main.tofu': 'variable "x" {}\n' },
      head: { 'main.tf': ROLE },
      changes: [
        { action: 'create', kind: 'resource', module: '.', address: 'aws_iam_role.ci', changedPaths: [] },
        { action: 'delete', kind: 'variable', module: '.', address: 'var.x', changedPaths: [] },
      ],
    },
    {
      name: 'an override.tofu file overrides like override.tf',
      base: { 'main.tf': ROLE },
      head: { 'main.tf': ROLE, 'override.tofu': 'resource "aws_iam_role" "ci" {\n  name = "admin"\n}\n' },
      changes: [
        { action: 'update', kind: 'resource', module: '.', address: 'aws_iam_role.ci', changedPaths: ['name'] },
      ],
    },
  ])('$name', ({ base, head, changes }) => {
    const changeSet = buildChangeSet(tree(base), tree(head));
    expect(changeSet.changes.map(summary)).toEqual(changes);
    expect(changeSet.problems).toEqual([]);
  });

  it('a file replaced by its .tofu twin is still a changed file', () => {
    const changeSet = buildChangeSet(
      tree({ 'main.tf': ROLE, 'main.tofu': ROLE }),
      tree({ 'main.tf': '', 'main.tofu': ROLE }),
    );
    expect(changeSet.files).toEqual([{ path: 'main.tf', status: 'modified', terraform: true }]);
  });

  it('configuration under a committed .terraform/ directory is never parsed: a syntax error there is not unparsed', () => {
    const changeSet = buildChangeSet(tree({}), tree({ '.terraform/modules/m/main.tf': 'resource {{{' }));
    expect(changeSet.unparsed).toEqual([]);
    expect(changeSet.changes).toEqual([]);
    expect(changeSet.files).toEqual([{ path: '.terraform/modules/m/main.tf', status: 'added', terraform: false }]);
  });
});

describe('submodules', () => {
  const link = (sha: string) => `Subproject commit ${sha.repeat(40)}\n`;
  it.each([
    ['bumped', { 'vendor/mod': link('a') }, { 'vendor/mod': link('b') }, ['vendor/mod']],
    ['added', {}, { 'vendor/mod': link('b') }, ['vendor/mod']],
    ['unchanged', { 'vendor/mod': link('a') }, { 'vendor/mod': link('a') }, undefined],
    ['a file that only mentions a commit', { 'notes.txt': 'Subproject commit x\n' }, { 'notes.txt': 'y\n' }, undefined],
  ])('%s: listed as changed submodules %j', (_case, base, head, expected) => {
    const tree = (files: Record<string, string>) => ({
      files: Object.entries(files).map(([path, content]) => ({ path, content })),
    });
    expect(buildChangeSet(tree(base), tree(head)).submodules).toEqual(expected);
  });
});
