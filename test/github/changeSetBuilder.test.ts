import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildChangeSet, headModulesOf } from '../../src/change/changeSet.js';
import { policyInForce } from '../../src/config/policyInForce.js';
import { changeSetBuilder } from '../../src/github/changeSetBuilder.js';
import { type ModuleScan, scannedSources } from '../../src/github/moduleGraph.js';
import { transientFailure } from '../../src/github/transientFailure.js';
import type { PlanEvidence } from '../../src/plan/planEvidence.js';
import { planLocator } from '../../src/plan/planLocator.js';
import { type ChangeToEvaluate, evaluateChange } from '../../src/policy/evaluateChange.js';
import { parseTerraformFile } from '../../src/terraform/parseFile.js';
import type { SourceFile, SourceTree } from '../../src/terraform/sourceTree.js';
import { entry, planOf } from '../plan/planBuilders.js';
import { facts, NOW, review } from '../policy/support.js';
import { scratchDirectory } from '../support/scratchDirectory.js';

// The worker runs compiled code: these tests need `npm run build` (npm test builds first).
const WORKER = new URL('../../dist/github/changeSetWorker.js', import.meta.url);

/** A root calling a local module, with `count` stacks of resources: a change in one bucket and one added role. */
function trees(count: number): { base: SourceTree; head: SourceTree } {
  const stack = (i: number, bucket: string) =>
    `resource "aws_s3_bucket" "b${i}" {\n  bucket = "${bucket}-${i}"\n  tags   = { team = "t${i % 7}" }\n}\n` +
    `resource "aws_iam_role" "r${i}" {\n  name               = "role-${i}"\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" } }] })\n}\n`;
  const files = (bucket: string) => [
    { path: 'envs/prod/main.tf', content: 'module "app" {\n  source = "../../modules/app"\n  name   = "prod"\n}\n' },
    { path: 'modules/app/variables.tf', content: 'variable "name" {}\n' },
    ...Array.from({ length: count }, (_, i) => ({
      path: `modules/app/s${i}.tf`,
      content: stack(i, i === 0 ? bucket : 'logs'),
    })),
  ];
  const head = files('archive');
  head.push({ path: 'envs/prod/extra.tf', content: 'resource "aws_iam_role" "extra" {\n  name = "x"\n}\n' });
  return { base: { files: files('logs') }, head: { files: head } };
}

/** A worker that builds an empty change set, and dies when asked to evaluate it. */
const DIES_EVALUATING = [
  "import { parentPort } from 'node:worker_threads';",
  "parentPort.on('message', (request) => {",
  "  if ('evaluate' in request) process.exit(4);",
  "  if ('build' in request) parentPort.postMessage({ id: request.id, changeSet: { changes: [], files: [], unparsed: [], problems: [] }, headModules: new Uint8Array(0), peakHeapBytes: 1 });",
  '});',
].join('\n');

/** A worker script of `source`, written to a file of its own: a stand-in for the compiled worker. */
function workerScript(source: string): URL {
  const file = join(scratchDirectory('four-eyes-worker'), 'worker.mjs');
  writeFileSync(file, source);
  return pathToFileURL(file);
}

/** A worker that exits with `code` at the first message it gets. */
const exitsOnMessage = (code: number) =>
  `import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(${code}));\n`;

const builders: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const builder of builders.splice(0)) await builder.close();
});

function builder(options: Parameters<typeof changeSetBuilder>[0]) {
  const made = changeSetBuilder(options);
  builders.push(made);
  return made;
}

describe('change sets built in a worker thread', () => {
  it('are the change sets built in place, and locate the head objects plans name', async () => {
    const { base, head } = trees(40);
    const expected = buildChangeSet(base, head);
    const built = await builder({ minWorkerChars: 0, workerUrl: WORKER }).build(base, head, parseTerraformFile);
    expect(built).toEqual(expected);
    expect(built.changes.map((c) => `${c.action} ${c.module}: ${c.address}`)).toEqual([
      'create envs/prod: aws_iam_role.extra',
      'update modules/app: aws_s3_bucket.b0',
    ]);
    const locate = planLocator(headModulesOf(built), 'envs/prod');
    expect(locate('module.app.aws_iam_role.r3')).toEqual({ module: 'modules/app', file: 'modules/app/s3.tf', line: 5 });
    expect(locate('aws_iam_role.extra')).toEqual(
      planLocator(headModulesOf(expected), 'envs/prod')('aws_iam_role.extra'),
    );
  });

  it('leave the event loop free while they are built', async () => {
    const { base, head } = trees(400);
    let turned = false;
    const building = builder({ minWorkerChars: 0, workerUrl: WORKER }).build(base, head, parseTerraformFile);
    setImmediate(() => {
      turned = true;
    });
    await building;
    expect(turned).toBe(true);
  });

  it('go on after an idle worker holding too much heap is stopped: the next build starts another', async () => {
    const made = builder({ minWorkerChars: 0, workerUrl: WORKER, recycleHeapBytes: 1 });
    const { base, head } = trees(5);
    const first = await made.build(base, head, parseTerraformFile);
    const second = await made.build(base, head, parseTerraformFile);
    expect(second).toEqual(first);
  });

  it("fail, saying so, when one outgrows the worker's heap limit; the next build starts a new worker", async () => {
    const made = builder({ minWorkerChars: 0, workerUrl: WORKER, maxHeapMb: 24 });
    const large = trees(6000);
    await expect(made.build(large.base, large.head, parseTerraformFile)).rejects.toThrow(
      "the change-set worker ran out of memory (its limit of 24 MB, FOUR_EYES_WORKER_MEMORY_MB) building this pull request's change set: raise the limit, or split the pull request",
    );
    const { base, head } = trees(5);
    expect(await made.build(base, head, parseTerraformFile)).toEqual(buildChangeSet(base, head));
  });

  it('report the peak heap the worker used', async () => {
    const made = builder({ minWorkerChars: 0, workerUrl: WORKER });
    expect(made.lastWorkerPeakHeapBytes()).toBe(0);
    const { base, head } = trees(10);
    await made.build(base, head, parseTerraformFile);
    expect(made.lastWorkerPeakHeapBytes()).toBeGreaterThan(1_000_000);
  });
});

/** A plan of `trees`' root (guessed from the head's objects: no root given) and what else a decision needs. */
function toEvaluate(): Omit<ChangeToEvaluate, 'changeSet'>[] {
  const plans: PlanEvidence = {
    plans: [
      planOf([
        entry('module.app.aws_iam_role.r3', 'update', { before: { name: 'role-3' }, after: { name: 'admin' } }),
        entry('aws_iam_role.extra', 'create', { after: { name: 'x' } }),
      ]),
    ],
    unreadable: [],
    ignored: [],
    missing: null,
  };
  const policy = policyInForce('.github/four-eyes.yml', { kind: 'text', text: 'version: 1\n' });
  return [
    { facts: facts(), policy, proposedPolicyText: null, now: NOW },
    { facts: facts({ reviews: [review('carol', 'APPROVED')] }), policy, proposedPolicyText: null, now: NOW, plans },
    { facts: facts(), policy, proposedPolicyText: 'version: 1\ndistinct: sometimes\n', now: NOW },
  ];
}

describe('change sets evaluated where they were built', () => {
  it('in the worker: the decision and errors evaluateChange gives in place, plans located by the head the worker kept', async () => {
    const { base, head } = trees(40);
    const inPlace = buildChangeSet(base, head);
    const made = builder({ minWorkerChars: 0, workerUrl: WORKER });
    const built = await made.build(base, head, parseTerraformFile);
    for (const rest of toEvaluate()) {
      const { decision, proposedPolicyErrors } = evaluateChange({ ...rest, changeSet: inPlace });
      expect(await made.evaluate({ ...rest, changeSet: built })).toEqual({ decision, proposedPolicyErrors });
    }
    expect(toEvaluate()[1]!.plans!.plans).toHaveLength(1);
  });

  it('in place when the worker that built it is gone, or it was built in place', async () => {
    const { base, head } = trees(40);
    const made = builder({ minWorkerChars: 0, workerUrl: WORKER });
    const built = await made.build(base, head, parseTerraformFile);
    await made.close();
    const small = await builder({ workerUrl: WORKER }).build(base, head, parseTerraformFile);
    const [rest] = toEvaluate();
    const { decision, proposedPolicyErrors } = evaluateChange({ ...rest!, changeSet: buildChangeSet(base, head) });
    for (const changeSet of [built, small])
      expect(await made.evaluate({ ...rest!, changeSet })).toEqual({ decision, proposedPolicyErrors });
  });
});

describe('change sets built in place', () => {
  it('when they are small: the same change set, built here in a turn of its own, with no worker', async () => {
    const { base, head } = trees(3);
    const small = builder({ workerUrl: WORKER });
    // What was waiting for a turn runs before the build, not after it in the same turn.
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    const turnedFirst: boolean[] = [];
    const parse = (file: SourceFile) => {
      turnedFirst.push(turned);
      return parseTerraformFile(file);
    };
    const built = await small.build(base, head, parse);
    expect(turnedFirst.length).toBeGreaterThan(0);
    expect(turnedFirst.every(Boolean)).toBe(true);
    expect(built).toEqual(buildChangeSet(base, head));
    expect(small.lastWorkerPeakHeapBytes()).toBe(0);
  });

  it('when there is no compiled worker (run from sources)', async () => {
    const { base, head } = trees(3);
    const missing = new URL('./no-such-worker.js', import.meta.url);
    const built = await builder({ minWorkerChars: 0, workerUrl: missing }).build(base, head, parseTerraformFile);
    expect(built.changes).toHaveLength(2);
  });
});

/** Module scans of `count` roots calling local modules, each head after its base (sharing its first blocks). */
function moduleScans(count: number): ModuleScan[] {
  const root = (i: number, callee: string) =>
    `module "app" {\n  source = "../../modules/${callee}"\n}\n` +
    Array.from({ length: 20 }, (_, k) => `resource "aws_s3_bucket" "b${k}" {\n  bucket = "b-${i}-${k}"\n}\n`).join('') +
    `module "tail" {\n  source = "./tail-${callee}"\n}\n`;
  return Array.from({ length: count }, (_, i) => [
    { key: `base${i}`, path: `envs/e${i}/main.tf`, content: root(i, 'old') },
    { key: `head${i}`, path: `envs/e${i}/main.tf`, content: root(i, 'new'), base: 2 * i },
  ]).flat();
}

describe('module calls read for a large pull request', () => {
  it('are read in the worker, with the event loop free meanwhile: the calls read in place', async () => {
    const scans = moduleScans(200);
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    const read = await builder({ minWorkerChars: 0, workerUrl: WORKER }).scanModules(scans);
    expect(turned).toBe(true);
    expect(read).toEqual([...scannedSources(scans)]);
    expect(read.slice(0, 2)).toEqual([
      ['../../modules/old', './tail-old'],
      ['../../modules/new', './tail-new'],
    ]);
  });

  it('fail with a worker that dies, and are read in place when there is no compiled worker', async () => {
    await expect(
      builder({ minWorkerChars: 0, workerUrl: workerScript(exitsOnMessage(5)) }).scanModules(moduleScans(2)),
    ).rejects.toThrow('the change-set worker exited with code 5');
    const missing = new URL('./no-such-worker.js', import.meta.url);
    expect(await builder({ minWorkerChars: 0, workerUrl: missing }).scanModules(moduleScans(1))).toEqual([
      ['../../modules/old', './tail-old'],
      ['../../modules/new', './tail-new'],
    ]);
  });
});

describe('a worker that dies', () => {
  it('fails the change sets it was building (the evaluation fails closed and is retried), and the next build starts a new one', async () => {
    const { base, head } = trees(3);
    const made = builder({ minWorkerChars: 0, workerUrl: workerScript(exitsOnMessage(3)) });
    await expect(made.build(base, head, parseTerraformFile)).rejects.toThrow(
      'the change-set worker exited with code 3',
    );
    await expect(made.build(base, head, parseTerraformFile)).rejects.toThrow('exited with code 3');
  });

  it('during an evaluation: the evaluation fails with it', async () => {
    const { base, head } = trees(3);
    const made = builder({ minWorkerChars: 0, workerUrl: workerScript(DIES_EVALUATING) });
    const built = await made.build(base, head, parseTerraformFile);
    await expect(made.evaluate({ ...toEvaluate()[0]!, changeSet: built })).rejects.toThrow(
      'the change-set worker exited with code 4',
    );
  });

  it('a build that throws in the worker is an error here, with its message', async () => {
    const failing = workerScript(
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', ({ id }) => parentPort.postMessage({ id, error: 'Error: boom', peakHeapBytes: 1 }));\n",
    );
    const { base, head } = trees(3);
    await expect(
      builder({ minWorkerChars: 0, workerUrl: failing }).build(base, head, parseTerraformFile),
    ).rejects.toThrow('building the change set failed in the worker: Error: boom');
  });
});

/**
 * A worker that never ends a build whose trees hold `hang.tf` (a pathological change set) — it
 * spins when the request's id is odd, and fills its heap when it is even — and answers every
 * other build at once with an empty change set.
 */
const HANGS_ON_HANG_TF = [
  "import { parentPort } from 'node:worker_threads';",
  'const hanging = new Set();',
  "parentPort.on('message', (request) => {",
  "  if ('files' in request && request.files.some((file) => file.path === 'hang.tf')) hanging.add(request.id);",
  "  if (!('build' in request)) return;",
  '  if (hanging.has(request.id) && request.id % 2 === 1) for (;;);',
  '  if (hanging.has(request.id)) { const held = []; for (;;) held.push(new Array(100000).fill(1)); }',
  '  parentPort.postMessage({ id: request.id, changeSet: { changes: [], files: [], unparsed: [], problems: [] }, headModules: new Uint8Array(0), peakHeapBytes: 1 });',
  '});',
].join('\n');

describe('a worker that gives no answer for too long', () => {
  it('is stopped: the build it was on fails saying so, one waiting behind it fails as worth retrying, and the next starts a new worker', async () => {
    const { base, head } = trees(3);
    const pathological = { files: [...head.files, { path: 'hang.tf', content: 'locals {}\n' }] };
    const made = builder({ minWorkerChars: 0, workerUrl: workerScript(HANGS_ON_HANG_TF), maxBusyMs: 300 });
    const stuck = made.build(base, pathological, parseTerraformFile);
    const waiting = made.build(base, head, parseTerraformFile);
    await expect(stuck).rejects.toThrow(
      "the change-set worker gave no answer in 0 s (FOUR_EYES_WORKER_TIMEOUT_SECONDS) building this pull request's change set; it was stopped: split the pull request, or raise the limit",
    );
    const behind = await waiting.then(
      () => null,
      (error: unknown) => error,
    );
    expect(String(behind)).toContain('the change-set worker was stopped after 0 s on another pull request');
    // The one behind is retried by the schedule; the one that hung waits for a person or a new event.
    expect(transientFailure(behind, new Date())).toEqual({
      reason: 'the change-set worker was restarted',
      notBefore: null,
    });
    expect(transientFailure(await stuck.catch((error: unknown) => error), new Date())).toBeNull();
    expect((await made.build(base, head, parseTerraformFile)).changes).toEqual([]);
  });

  it('out of memory likewise: the build it was on fails saying so, the one waiting behind it is tried again', async () => {
    const { base, head } = trees(3);
    const pathological = { files: [...head.files, { path: 'hang.tf', content: 'locals {}\n' }] };
    const made = builder({ minWorkerChars: 0, workerUrl: workerScript(HANGS_ON_HANG_TF), maxHeapMb: 16 });
    // Request 1 builds an empty change set; 2 (even: fills the heap) is then the one the worker is on.
    expect((await made.build(base, head, parseTerraformFile)).changes).toEqual([]);
    const outgrown = made.build(base, pathological, parseTerraformFile);
    const waiting = made.build(base, head, parseTerraformFile).catch((error: unknown) => error);
    await expect(outgrown).rejects.toThrow(
      "the change-set worker ran out of memory (its limit of 16 MB, FOUR_EYES_WORKER_MEMORY_MB) building this pull request's change set",
    );
    const behind = await waiting;
    expect(String(behind)).toContain(
      'the change-set worker ran out of memory on another pull request, with this one waiting',
    );
    expect(transientFailure(behind, new Date())).toEqual({
      reason: 'the change-set worker was restarted',
      notBefore: null,
    });
  });

  it('answering in time, however long the whole takes, is never stopped', async () => {
    const { base, head } = trees(3);
    const made = builder({ minWorkerChars: 0, workerUrl: WORKER, maxBusyMs: 2_000 });
    const builds = await Promise.all(Array.from({ length: 6 }, () => made.build(base, head, parseTerraformFile)));
    expect(builds.map((built) => built.changes.length)).toEqual(Array(6).fill(2));
  });
});
