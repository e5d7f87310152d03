import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../../src/cli/main.js';
import { scratchDirectory } from '../support/scratchDirectory.js';
import { expectUsageError, FIXTURES, jsonText, range } from './support.js';

const STACK = `${FIXTURES}/inventory/stack`;
const BROKEN = `${FIXTURES}/inventory/broken`;

const stackMainTf = {
  path: `${STACK}/main.tf`,
  syntax: 'hcl',
  blocks: [
    {
      type: 'terraform',
      labels: [],
      range: range(1, 1, 11, 2),
      attributes: [],
      blocks: [
        {
          type: 'required_providers',
          labels: [],
          range: range(2, 3, 7, 4),
          attributes: [
            { name: 'aws', range: range(3, 5, 6, 6), text: '{source = "hashicorp/aws", version = "~> 5.0"}' },
          ],
          blocks: [],
        },
        {
          type: 'backend',
          labels: ['s3'],
          range: range(8, 3, 10, 4),
          attributes: [{ name: 'bucket', range: range(9, 5, 9, 26), text: '"acme-state"' }],
          blocks: [],
        },
      ],
    },
    {
      type: 'provider',
      labels: ['aws'],
      range: range(13, 1, 16, 2),
      attributes: [
        { name: 'alias', range: range(14, 3, 14, 18), text: '"west"' },
        { name: 'region', range: range(15, 3, 15, 23), text: '"us-west-2"' },
      ],
      blocks: [],
    },
    {
      type: 'resource',
      labels: ['aws_s3_bucket', 'logs'],
      range: range(19, 1, 25, 2),
      attributes: [
        { name: 'count', range: range(20, 3, 20, 13), text: '2' },
        { name: 'bucket', range: range(21, 3, 21, 33), text: '"logs-${count.index}"' },
      ],
      blocks: [
        {
          type: 'lifecycle',
          labels: [],
          range: range(22, 3, 24, 4),
          attributes: [{ name: 'prevent_destroy', range: range(23, 5, 23, 27), text: 'true' }],
          blocks: [],
        },
      ],
    },
    {
      type: 'module',
      labels: ['vpc'],
      range: range(27, 1, 30, 2),
      attributes: [
        { name: 'source', range: range(28, 3, 28, 44), text: '"terraform-aws-modules/vpc/aws"' },
        { name: 'version', range: range(29, 3, 29, 20), text: '"5.1.0"' },
      ],
      blocks: [],
    },
  ],
  diagnostics: [],
};

/** The JSON syntax gives the same model; a string with only `${…}` is the expression itself. */
const stackOutputsTfJson = {
  path: `${STACK}/outputs.tf.json`,
  syntax: 'json',
  blocks: [
    {
      type: 'output',
      labels: ['first_bucket'],
      range: range(3, 5, 5, 6),
      attributes: [{ name: 'value', range: range(4, 7, 4, 45), text: 'aws_s3_bucket.logs[0].id' }],
      blocks: [],
    },
  ],
  diagnostics: [],
};

const object = (
  kind: string,
  address: string,
  file: string,
  at: ReturnType<typeof range>,
  extra: Record<string, string> = {},
) => ({ kind, module: STACK, address, file: `${STACK}/${file}`, range: at, ...extra });

const stackObjects = [
  object('terraform', 'terraform', 'main.tf', range(1, 1, 11, 2)),
  object('required_provider', 'terraform.required_providers.aws', 'main.tf', range(3, 5, 6, 6), {
    source: 'hashicorp/aws',
    version: '~> 5.0',
  }),
  object('backend', 'terraform.backend.s3', 'main.tf', range(8, 3, 10, 4)),
  object('provider', 'provider.aws.west', 'main.tf', range(13, 1, 16, 2)),
  object('resource', 'aws_s3_bucket.logs', 'main.tf', range(19, 1, 25, 2), { expansion: 'count' }),
  object('module', 'module.vpc', 'main.tf', range(27, 1, 30, 2), {
    source: 'terraform-aws-modules/vpc/aws',
    version: '5.1.0',
  }),
  object('output', 'output.first_bucket', 'outputs.tf.json', range(3, 5, 5, 6)),
];

/** Runs the command as the process does, stdout a pipe or file (not a terminal) unless `isTTY`. */
async function asProcess(argv: string[], isTTY?: boolean) {
  const writes: string[] = [];
  let stderr = '';
  const exitCode = await runCliAsync(
    argv,
    {
      stdout: { write: (text: string) => writes.push(text), ...(isTTY === undefined ? {} : { isTTY }) },
      stderr: { write: (text: string) => (stderr += text) },
    },
    {},
  );
  return { stdout: writes.join(''), writes: writes.length, stderr, exitCode };
}

describe('JSON for a program or a person', () => {
  const indented = jsonText({ files: [stackMainTf, stackOutputsTfJson], objects: stackObjects, problems: [] });

  it('is compact when stdout is not a terminal: the same document on one line', async () => {
    const result = await asProcess(['inventory', STACK]);
    expect(result).toMatchObject({ stderr: '', exitCode: 0 });
    expect(result.stdout).toBe(JSON.stringify(JSON.parse(indented)) + '\n');
  });

  it.each([
    ['--pretty', ['--pretty'], undefined],
    ['a terminal', [], true],
  ])('is indented with %s, exactly as before', async (_case, flags, isTTY) => {
    expect((await asProcess(['inventory', STACK, ...flags], isTTY)).stdout).toBe(indented);
  });

  it('is written as the files are parsed, not held until the end', async () => {
    const root = scratchDirectory('four-eyes-inventory');
    for (let i = 0; i < 300; i++)
      writeFileSync(
        join(root, `f${String(i).padStart(3, '0')}.tf`),
        `resource "aws_s3_bucket" "b${i}" {\n  bucket = "${'x'.repeat(300)}"\n}\n`,
      );
    const result = await asProcess(['inventory', root]);
    expect(result.writes).toBeGreaterThan(1);
    const json = JSON.parse(result.stdout) as { files: unknown[]; objects: unknown[] };
    expect([json.files.length, json.objects.length]).toEqual([300, 300]);
  });
});

describe('four-eyes inventory <dir>', () => {
  it('prints every *.tf and *.tf.json file under the directory (README.md is skipped) and the objects they define, as JSON', () => {
    expect(runCli(['inventory', STACK])).toEqual({
      stdout: jsonText({ files: [stackMainTf, stackOutputsTfJson], objects: stackObjects, problems: [] }),
      stderr: '',
      exitCode: 0,
    });
  });

  it('--format text lists one object per line: address (prefixed by its module directory), kind, file:line', () => {
    const result = runCli(['inventory', STACK, '--format', 'text']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      [
        'ADDRESS                                                              KIND               LOCATION',
        'test/fixtures/cli/inventory/stack: terraform                         terraform          test/fixtures/cli/inventory/stack/main.tf:1',
        'test/fixtures/cli/inventory/stack: terraform.required_providers.aws  required_provider  test/fixtures/cli/inventory/stack/main.tf:3',
        'test/fixtures/cli/inventory/stack: terraform.backend.s3              backend            test/fixtures/cli/inventory/stack/main.tf:8',
        'test/fixtures/cli/inventory/stack: provider.aws.west                 provider           test/fixtures/cli/inventory/stack/main.tf:13',
        'test/fixtures/cli/inventory/stack: aws_s3_bucket.logs                resource           test/fixtures/cli/inventory/stack/main.tf:19',
        'test/fixtures/cli/inventory/stack: module.vpc                        module             test/fixtures/cli/inventory/stack/main.tf:27',
        'test/fixtures/cli/inventory/stack: output.first_bucket               output             test/fixtures/cli/inventory/stack/outputs.tf.json:3',
        '',
      ].join('\n'),
    );
  });

  it('a directory without Terraform files has no files and no objects', () => {
    const result = runCli(['inventory', `${FIXTURES}/inventory/no-terraform`]);
    expect(result).toEqual({ stdout: jsonText({ files: [], objects: [], problems: [] }), stderr: '', exitCode: 0 });
  });
});

describe('four-eyes inventory <dir> with OpenTofu files', () => {
  function directory(files: Record<string, string>): string {
    const root = scratchDirectory('four-eyes-inventory');
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    return root;
  }

  it('reads .tofu and .tofu.json files; main.tofu replaces main.tf; nothing under .terraform/ is read', () => {
    const root = directory({
      'main.tf': 'resource "aws_iam_role" "ci" {}\n',
      'main.tofu': 'resource "aws_iam_role" "ci" {}\nresource "aws_iam_role" "tofu_only" {}\n',
      'net.tofu.json': '{"variable": {"region": {}}}',
      '.terraform/modules/vpc/main.tf': 'resource "aws_vpc" "cached" {}\n',
    });
    const result = runCli(['inventory', root, '--format', 'text']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n').map((line) => line.split(/ {2,}/))).toEqual([
      ['ADDRESS', 'KIND', 'LOCATION'],
      [`${root}: aws_iam_role.ci`, 'resource', `${root}/main.tofu:1`],
      [`${root}: aws_iam_role.tofu_only`, 'resource', `${root}/main.tofu:2`],
      [`${root}: var.region`, 'variable', `${root}/net.tofu.json:1`],
      [''],
    ]);
  });

  it('a directory under .terraform/ given explicitly is read: only what lies below it decides', () => {
    const root = directory({ '.terraform/modules/vpc/main.tf': 'resource "aws_vpc" "cached" {}\n' });
    const result = runCli(['inventory', `${root}/.terraform/modules/vpc`, '--format', 'text']);
    expect(result.stdout).toContain(`${root}/.terraform/modules/vpc/main.tf:1`);
  });
});

describe('four-eyes inventory <file>...', () => {
  it('reads exactly the files given, in the order given, whatever their names', () => {
    const result = runCli(['inventory', `${STACK}/outputs.tf.json`, `${STACK}/main.tf`]);
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as {
      files: { path: string; syntax: string }[];
      objects: { address: string }[];
    };
    expect(json.files.map((f) => [f.path, f.syntax])).toEqual([
      [`${STACK}/outputs.tf.json`, 'json'],
      [`${STACK}/main.tf`, 'hcl'],
    ]);
    expect(json.objects.map((o) => o.address)).toEqual([
      'output.first_bucket',
      'terraform',
      'terraform.required_providers.aws',
      'terraform.backend.s3',
      'provider.aws.west',
      'aws_s3_bucket.logs',
      'module.vpc',
    ]);
  });

  it('accepts files and directories together', () => {
    const result = runCli(['inventory', BROKEN, `${STACK}/outputs.tf.json`]);
    const json = JSON.parse(result.stdout) as { files: { path: string }[] };
    expect(json.files.map((f) => f.path)).toEqual([`${BROKEN}/bad.tf`, `${STACK}/outputs.tf.json`]);
  });
});

describe('a file with a syntax error', () => {
  it('is printed with its diagnostics and what could be recovered, and exits 1', () => {
    expect(runCli(['inventory', `${BROKEN}/bad.tf`])).toEqual({
      stdout: jsonText({
        files: [
          {
            path: `${BROKEN}/bad.tf`,
            syntax: 'hcl',
            blocks: [
              {
                type: 'resource',
                labels: ['aws_s3_bucket', 'b'],
                range: range(1, 1, 3, 2),
                attributes: [{ name: 'bucket', range: range(2, 3, 2, 11), text: '<invalid>' }],
                blocks: [],
              },
            ],
            diagnostics: [
              { severity: 'error', message: 'expected an expression, found a new line', range: range(2, 11, 2, 11) },
            ],
          },
        ],
        objects: [
          {
            kind: 'resource',
            module: BROKEN,
            address: 'aws_s3_bucket.b',
            file: `${BROKEN}/bad.tf`,
            range: range(1, 1, 3, 2),
          },
        ],
        problems: [],
      }),
      stderr: 'four-eyes: 1 file(s) have syntax errors and cannot be classified\n',
      exitCode: 1,
    });
  });

  it('--format text prints each diagnostic as file:line:column: severity: message after the objects', () => {
    expect(runCli(['inventory', BROKEN, '--format', 'text'])).toEqual({
      stdout: [
        'ADDRESS                                              KIND      LOCATION',
        'test/fixtures/cli/inventory/broken: aws_s3_bucket.b  resource  test/fixtures/cli/inventory/broken/bad.tf:1',
        'test/fixtures/cli/inventory/broken/bad.tf:2:11: error: expected an expression, found a new line',
        '',
      ].join('\n'),
      stderr: 'four-eyes: 1 file(s) have syntax errors and cannot be classified\n',
      exitCode: 1,
    });
  });
});

describe('what Terraform would reject', () => {
  it('a misspelt block type is a problem: listed, and exit 1', () => {
    const result = runCli(['inventory', 'test/fixtures/cli/inventory/typo']);
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout).problems).toEqual([
      {
        module: 'test/fixtures/cli/inventory/typo',
        address: 'resourse.aws_iam_role.ci',
        files: ['test/fixtures/cli/inventory/typo/main.tf'],
        message:
          'test/fixtures/cli/inventory/typo/main.tf:1: unsupported block type "resourse"; its changes cannot be judged',
      },
    ]);
    expect(result.stderr).toBe('four-eyes: 1 problem(s) Terraform would reject\n');
  });
});

describe('usage errors', () => {
  it.each([
    [['inventory'], 'four-eyes: inventory: give at least one file or directory\n'],
    [['inventory', '--format', 'text'], 'four-eyes: inventory: give at least one file or directory\n'],
    [
      ['inventory', `${FIXTURES}/inventory/missing`],
      `four-eyes: no such file or directory: ${FIXTURES}/inventory/missing\n`,
    ],
    [
      ['inventory', STACK, `${FIXTURES}/inventory/missing.tf`],
      `four-eyes: no such file or directory: ${FIXTURES}/inventory/missing.tf\n`,
    ],
    [
      ['inventory', STACK, '--format', 'yaml'],
      'four-eyes: inventory: --format must be one of json, text, got "yaml"\n',
    ],
    [
      ['inventory', STACK, '--base', '.'],
      "four-eyes: inventory: Unknown option '--base' (see four-eyes inventory --help)\n",
    ],
  ])('%j', (argv, stderr) => {
    expectUsageError(runCli(argv), stderr);
  });

  it('--help', () => {
    expect(runCli(['inventory', '--help'])).toEqual({
      stdout: `Usage: four-eyes inventory <file|dir>... [--format json|text]

Lists the Terraform blocks of the given files, and of every *.tf, *.tf.json, *.tofu and
*.tofu.json file under the given directories (a .tofu file replaces the .tf file of the same
name), with their positions and any syntax errors. JSON by default, written file by file as
each is parsed: indented on a terminal, compact otherwise (--pretty indents it anyway).
Exit code 1 when a file has a syntax error (it cannot be classified), 2 on bad usage.
`,
      exitCode: 0,
    });
  });
});
