import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createCaches } from '../../src/github/caches.js';
import { type ChangeSetBuilder, changeSetBuilder } from '../../src/github/changeSetBuilder.js';
import { scratchDirectory } from '../support/scratchDirectory.js';
import { review, scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { pullRequestEvent } from './support/webhooks.js';

const builders: ChangeSetBuilder[] = [];
afterEach(async () => {
  for (const builder of builders.splice(0)) await builder.close();
  nock.cleanAll();
  nock.enableNetConnect();
});

/** A builder whose worker (every change set goes to it) runs `script` instead of building. */
function brokenBuilder(script: string, limits: { maxHeapMb?: number; maxBusyMs?: number } = {}): ChangeSetBuilder {
  const file = join(scratchDirectory('four-eyes-worker'), 'worker.mjs');
  writeFileSync(file, `import { parentPort } from 'node:worker_threads';\n${script}\n`);
  const builder = changeSetBuilder({ minWorkerChars: 0, workerUrl: pathToFileURL(file), ...limits });
  builders.push(builder);
  return builder;
}

describe('the change-set worker fails: the check fails closed, saying why', () => {
  it.each([
    {
      name: 'it crashes',
      script: "parentPort.on('message', () => process.exit(3));",
      why: 'the change-set worker exited with code 3',
    },
    {
      name: 'it crashes while evaluating',
      script: `parentPort.on('message', (request) => {
  if ('evaluate' in request) process.exit(4);
  if ('build' in request)
    parentPort.postMessage({ id: request.id, changeSet: { changes: [], files: [], unparsed: [], problems: [] }, headModules: new Uint8Array(0), peakHeapBytes: 1 });
});`,
      why: 'the change-set worker exited with code 4',
    },
    {
      name: 'the build throws in it',
      script:
        "parentPort.on('message', ({ id }) => parentPort.postMessage({ id, error: 'Error: boom', peakHeapBytes: 1 }));",
      why: 'building the change set failed in the worker: Error: boom',
    },
    {
      name: 'it runs out of its heap limit',
      script: "parentPort.on('message', () => { const held = []; for (;;) held.push(new Array(100000).fill(1)); });",
      limits: { maxHeapMb: 16 },
      why: "the change-set worker ran out of memory (its limit of 16 MB, FOUR_EYES_WORKER_MEMORY_MB) building this pull request's change set: raise the limit, or split the pull request",
    },
    {
      name: 'it gives no answer for too long',
      script: "parentPort.on('message', (request) => { if ('build' in request) for (;;); });",
      limits: { maxBusyMs: 300 },
      why: "the change-set worker gave no answer in 0 s (FOUR_EYES_WORKER_TIMEOUT_SECONDS) building this pull request's change set; it was stopped: split the pull request, or raise the limit",
    },
  ] as { name: string; script: string; why: string; limits?: { maxHeapMb?: number; maxBusyMs?: number } }[])(
    '$name',
    async ({ script, why, limits }) => {
      // Approved: the same pull request passes when its change set is built.
      const s = scenario({ policy: 'version: 1\n', reviews: [review('carol')] });
      const builder = brokenBuilder(script, limits);
      const { probot, github } = await testApp(s, { caches: createCaches({}, builder) });
      await probot.receive(pullRequestEvent('synchronize', s));
      expect(github.lastCheckRun()).toMatchObject({
        conclusion: 'failure',
        output: { title: 'Blocked: Four Eyes could not evaluate this pull request' },
      });
      expect((github.lastCheckRun().output as { summary: string }).summary).toContain(`**Why:** ${why}`);
      expect(github.checkRuns.map((run) => run.body.conclusion)).not.toContain('success');
    },
  );

  it('the same pull request passes with a working builder', async () => {
    const s = scenario({ policy: 'version: 1\n', reviews: [review('carol')] });
    const { probot, github } = await testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.lastCheckRun()).toMatchObject({ conclusion: 'success' });
  });
});
