import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { EXAMPLE_BASE, EXAMPLE_HEAD, expectUsageError, FIXTURES, jsonText, range } from './support.js';

const CASES = `${FIXTURES}/diff`;
const diff = (name: string, ...options: string[]) =>
  runCli(['diff', '--base', `${CASES}/${name}/base`, '--head', `${CASES}/${name}/head`, ...options]);
const at = (file: string, r: ReturnType<typeof range>) => ({ file, range: r });

describe('the example pull request (examples/iam-change, the README main job)', () => {
  const example = (...options: string[]) =>
    runCli(['diff', '--base', EXAMPLE_BASE, '--head', EXAMPLE_HEAD, ...options]);

  it('JSON: the role renamed by a moved block, two updates, three creates; the re-formatted locals are no change', () => {
    expect(example()).toEqual({
      stdout: jsonText({
        changes: [
          {
            action: 'move',
            kind: 'resource',
            module: '.',
            address: 'aws_iam_role.deployer',
            from: { module: '.', address: 'aws_iam_role.ci' },
            changedPaths: [],
            base: at('main.tf', range(20, 1, 24, 2)),
            head: at('main.tf', range(21, 1, 25, 2)),
          },
          {
            action: 'update',
            kind: 'resource',
            module: '.',
            address: 'aws_iam_role_policy.ci_read',
            changedPaths: ['policy', 'role'],
            base: at('main.tf', range(36, 1, 47, 2)),
            head: at('main.tf', range(42, 1, 53, 2)),
          },
          {
            action: 'update',
            kind: 'resource',
            module: '.',
            address: 'aws_s3_bucket.artifacts',
            changedPaths: ['lifecycle.prevent_destroy'],
            base: at('main.tf', range(49, 1, 54, 2)),
            head: at('main.tf', range(55, 1, 57, 2)),
          },
          {
            action: 'create',
            kind: 'resource',
            module: '.',
            address: 'aws_security_group_rule.deploy_ssh',
            changedPaths: [],
            head: at('main.tf', range(59, 1, 66, 2)),
          },
          {
            action: 'create',
            kind: 'moved',
            module: '.',
            address: 'moved.aws_iam_role.ci',
            changedPaths: [],
            head: at('main.tf', range(27, 1, 30, 2)),
          },
          {
            action: 'create',
            kind: 'variable',
            module: '.',
            address: 'var.runner_security_group_id',
            changedPaths: [],
            head: at('variables.tf', range(10, 1, 13, 2)),
          },
        ],
        files: [
          { path: 'main.tf', status: 'modified', terraform: true },
          { path: 'variables.tf', status: 'modified', terraform: true },
        ],
        unparsed: [],
        problems: [],
      }),
      stderr: '',
      exitCode: 0,
    });
  });

  it('text: one row per change, module-relative file:line, the changed paths or where a move came from', () => {
    expect(example('--format', 'text')).toEqual({
      stdout: [
        'ACTION  ADDRESS                             LOCATION         DETAIL',
        'move    aws_iam_role.deployer               main.tf:21       from aws_iam_role.ci',
        'update  aws_iam_role_policy.ci_read         main.tf:42       policy, role',
        'update  aws_s3_bucket.artifacts             main.tf:55       lifecycle.prevent_destroy',
        'create  aws_security_group_rule.deploy_ssh  main.tf:59',
        'create  moved.aws_iam_role.ci               main.tf:27',
        'create  var.runner_security_group_id        variables.tf:10',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
  });
});

describe('formatting-only edits', () => {
  // comments, alignment, attribute order, heredoc vs quoted string, ":" vs "=", object key
  // order, "${var.region}" vs var.region, a tuple split over lines with a trailing comma
  it('are no change: the file is listed as modified, the change set is empty', () => {
    expect(diff('formatting')).toEqual({
      stdout: jsonText({
        changes: [],
        files: [{ path: 'main.tf', status: 'modified', terraform: true }],
        unparsed: [],
        problems: [],
      }),
      stderr: '',
      exitCode: 0,
    });
    expect(diff('formatting', '--format', 'text')).toEqual({
      stdout: 'No Terraform changes.\n',
      stderr: '',
      exitCode: 0,
    });
  });
});

describe('every action', () => {
  it('JSON: move (moved block, and a file moved to another module directory), create, delete, update with nested paths', () => {
    const result = diff('changes');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toStrictEqual({
      changes: [
        {
          action: 'move',
          kind: 'resource',
          module: '.',
          address: 'aws_iam_role.deployer',
          from: { module: '.', address: 'aws_iam_role.ci' },
          changedPaths: [],
          base: at('main.tf', range(19, 1, 21, 2)),
          head: at('main.tf', range(26, 1, 28, 2)),
        },
        // for_each with keys written out: one instance per key, at the object's static address
        ...['app', 'audit'].map((key) => ({
          action: 'create',
          kind: 'resource',
          module: '.',
          address: 'aws_s3_bucket.logs',
          changedPaths: [],
          instances: [{ root: '.', address: `aws_s3_bucket.logs["${key}"]` }],
          head: at('main.tf', range(43, 1, 46, 2)),
        })),
        {
          action: 'delete',
          kind: 'resource',
          module: '.',
          address: 'aws_s3_bucket.scratch',
          changedPaths: [],
          base: at('main.tf', range(23, 1, 25, 2)),
        },
        {
          action: 'update',
          kind: 'resource',
          module: '.',
          address: 'aws_s3_bucket.state',
          changedPaths: ['lifecycle.prevent_destroy'],
          base: at('main.tf', range(27, 1, 33, 2)),
          head: at('main.tf', range(35, 1, 41, 2)),
        },
        {
          // an ingress block inserted between two unchanged ones: only the new block (head index 1)
          action: 'update',
          kind: 'resource',
          module: '.',
          address: 'aws_security_group.web',
          changedPaths: ['ingress[1].cidr_blocks', 'ingress[1].from_port', 'ingress[1].protocol', 'ingress[1].to_port'],
          base: at('main.tf', range(1, 1, 17, 2)),
          head: at('main.tf', range(1, 1, 24, 2)),
        },
        {
          action: 'create',
          kind: 'moved',
          module: '.',
          address: 'moved.aws_iam_role.ci',
          changedPaths: [],
          head: at('main.tf', range(30, 1, 33, 2)),
        },
        {
          action: 'move',
          kind: 'resource',
          module: 'modules/service',
          address: 'aws_sqs_queue.jobs',
          from: { module: 'modules/app', address: 'aws_sqs_queue.jobs' },
          changedPaths: [],
          base: at('modules/app/main.tf', range(5, 1, 7, 2)),
          head: at('modules/service/main.tf', range(5, 1, 7, 2)),
        },
        {
          action: 'move',
          kind: 'variable',
          module: 'modules/service',
          address: 'var.name',
          from: { module: 'modules/app', address: 'var.name' },
          changedPaths: [],
          base: at('modules/app/main.tf', range(1, 1, 3, 2)),
          head: at('modules/service/main.tf', range(1, 1, 3, 2)),
        },
      ],
      files: [
        { path: 'CODEOWNERS', status: 'modified', terraform: false },
        { path: 'main.tf', status: 'modified', terraform: true },
        { path: 'modules/service/main.tf', status: 'renamed', previousPath: 'modules/app/main.tf', terraform: true },
      ],
      unparsed: [],
      problems: [],
    });
  });

  it('text: module-prefixed addresses, long path lists summarised, other changed files listed after the table', () => {
    expect(diff('changes', '--format', 'text').stdout).toBe(
      [
        'ACTION  ADDRESS                              LOCATION                   DETAIL',
        'move    aws_iam_role.deployer                main.tf:26                 from aws_iam_role.ci',
        'create  aws_s3_bucket.logs                   main.tf:43                 aws_s3_bucket.logs["app"]',
        'create  aws_s3_bucket.logs                   main.tf:43                 aws_s3_bucket.logs["audit"]',
        'delete  aws_s3_bucket.scratch                main.tf:23',
        'update  aws_s3_bucket.state                  main.tf:35                 lifecycle.prevent_destroy',
        'update  aws_security_group.web               main.tf:1                  ingress[1].cidr_blocks, ingress[1].from_port, ingress[1].protocol (+1 more)',
        'create  moved.aws_iam_role.ci                main.tf:30',
        'move    modules/service: aws_sqs_queue.jobs  modules/service/main.tf:5  from modules/app: aws_sqs_queue.jobs',
        'move    modules/service: var.name            modules/service/main.tf:1  from modules/app: var.name',
        '',
        'Other changed files: CODEOWNERS (modified)',
        '',
      ].join('\n'),
    );
  });
});

describe('failing closed', () => {
  it('a head file that does not parse: listed with its diagnostics, its objects neither created nor deleted, exit 1', () => {
    const result = diff('unparsed');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('four-eyes: 1 Terraform file(s) do not parse; their changes cannot be known\n');
    expect(JSON.parse(result.stdout)).toStrictEqual({
      changes: [
        {
          action: 'update',
          kind: 'resource',
          module: '.',
          address: 'aws_iam_role.ci',
          changedPaths: ['name'],
          base: at('iam.tf', range(1, 1, 3, 2)),
          head: at('iam.tf', range(1, 1, 3, 2)),
        },
      ],
      files: [
        { path: 'iam.tf', status: 'modified', terraform: true },
        { path: 'main.tf', status: 'modified', terraform: true },
      ],
      unparsed: [
        {
          side: 'head',
          path: 'main.tf',
          diagnostics: [
            { severity: 'error', message: 'expected an expression, found a new line', range: range(3, 12, 3, 12) },
          ],
        },
      ],
      problems: [],
    });
    expect(diff('unparsed', '--format', 'text').stdout).toBe(
      [
        'ACTION  ADDRESS          LOCATION  DETAIL',
        'update  aws_iam_role.ci  iam.tf:1  name',
        'head: main.tf:3:12: error: expected an expression, found a new line',
        '',
      ].join('\n'),
    );
  });

  it('a head revision Terraform would reject (an address defined twice) is a problem, exit 1', () => {
    const result = diff('head-problem');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('four-eyes: the head revision has 1 problem(s) Terraform would reject\n');
    const json = JSON.parse(result.stdout) as { problems: unknown[] };
    expect(json.problems).toStrictEqual([
      {
        side: 'head',
        module: '.',
        address: 'aws_iam_role.ci',
        files: ['copy.tf', 'main.tf'],
        message: 'aws_iam_role.ci is defined 2 times in module . (copy.tf:1, main.tf:1); Terraform rejects duplicates',
      },
    ]);
    expect(diff('head-problem', '--format', 'text').stdout.split('\n').slice(-2)).toEqual([
      'head: copy.tf, main.tf: aws_iam_role.ci: aws_iam_role.ci is defined 2 times in module . (copy.tf:1, main.tf:1); Terraform rejects duplicates',
      '',
    ]);
  });

  it('a problem only in the base (fixed by the change) is reported but does not fail the diff', () => {
    const result = diff('base-problem');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toStrictEqual({
      changes: [
        {
          action: 'create',
          kind: 'resource',
          module: '.',
          address: 'aws_iam_role.ci',
          changedPaths: [],
          head: at('main.tf', range(1, 1, 3, 2)),
        },
      ],
      files: [{ path: 'main.tf', status: 'modified', terraform: true }],
      unparsed: [],
      problems: [
        {
          side: 'base',
          module: '.',
          address: 'resourse.aws_iam_role.ci',
          files: ['main.tf'],
          message: 'main.tf:1: unsupported block type "resourse"; its changes cannot be judged',
        },
      ],
    });
  });
});

describe('usage errors', () => {
  const formatting = `${CASES}/formatting`;
  it.each([
    [['diff'], 'four-eyes: diff: --base <dir> is required\n'],
    [['diff', '--head', `${formatting}/head`], 'four-eyes: diff: --base <dir> is required\n'],
    [['diff', '--base', '', '--head', `${formatting}/head`], 'four-eyes: diff: --base <dir> is required\n'],
    [['diff', '--base', `${formatting}/base`], 'four-eyes: diff: --head <dir> is required\n'],
    [
      ['diff', '--base', `${CASES}/missing`, '--head', `${formatting}/head`],
      `four-eyes: no such file or directory: ${CASES}/missing\n`,
    ],
    [
      ['diff', '--base', `${formatting}/base`, '--head', `${CASES}/missing`],
      `four-eyes: no such file or directory: ${CASES}/missing\n`,
    ],
    [
      ['diff', '--base', `${formatting}/base/main.tf`, '--head', `${formatting}/head`],
      `four-eyes: not a directory: ${formatting}/base/main.tf\n`,
    ],
    [
      ['diff', '--base', `${formatting}/base`, '--head', `${formatting}/head`, '--format', 'table'],
      'four-eyes: diff: --format must be one of json, text, got "table"\n',
    ],
    [
      ['diff', '--base', `${formatting}/base`, '--head', `${formatting}/head`, '--config', 'x.yml'],
      "four-eyes: diff: Unknown option '--config' (see four-eyes diff --help)\n",
    ],
    [['diff', '--base'], "four-eyes: diff: Option '--base <value>' argument missing (see four-eyes diff --help)\n"],
  ])('%j', (argv, stderr) => {
    expectUsageError(runCli(argv), stderr);
  });

  it('--help', () => {
    expect(runCli(['diff', '--help'])).toEqual({
      stdout: `Usage: four-eyes diff --base <dir> --head <dir> [--format json|text]

Prints the Terraform change set between two checkouts: each object (resource, data source,
module, provider, variable, output, local, terraform/backend settings, moved/import/removed/check
blocks) that is created, deleted, updated (with the changed attribute paths) or moved.
Formatting-only edits are no change. JSON is indented on a terminal, compact otherwise
(--pretty indents it anyway). Exit code 1 when a Terraform file does not parse
(its objects cannot be compared), 2 on bad usage.
`,
      exitCode: 0,
    });
  });
});
