import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { ShuttingDown } from '../../src/github/deliveryIntake.js';
import { AppOperations } from '../../src/github/operations.js';
import { freshMemoryAudit } from '../support/auditDatabase.js';
import { metricValue } from './support/metricValues.js';
import { scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { pullRequestEvent } from './support/webhooks.js';

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const POLICY = 'version: 1\n';

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

/** A server that records being stopped (Probot's stops listening and waits for the requests under way). */
function server() {
  const calls: string[] = [];
  return { calls, stop: async () => void calls.push('stop') };
}

describe('shutdown (SIGTERM)', () => {
  it('refuses new deliveries, finishes the one in flight, then closes the store', async () => {
    const s = scenario({ policy: POLICY });
    const operations = new AppOperations();
    const audit = freshMemoryAudit();
    const closed: string[] = [];
    audit.close = async () => void closed.push('closed');
    const { probot, github } = await testApp(s, { operations, audit });
    github.latency.set('POST /graphql FourEyesPullRequest', 300);
    const first = probot.receive(pullRequestEvent('synchronize', s));
    await until(() => operations.intake.inFlight === 1);
    const http = server();
    const stopped = operations.shutdown(http);
    const refused = await probot.receive(pullRequestEvent('synchronize', s)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(causes(refused).some((cause) => cause instanceof ShuttingDown)).toBe(true);
    expect(operations.intake.inFlight).toBe(1);
    await stopped;
    await first;
    expect(http.calls).toEqual(['stop']);
    expect(github.lastCheckRun()).toMatchObject({ status: 'completed', conclusion: 'action_required' });
    expect(await metricValue(operations.metrics, 'four_eyes_deliveries_total', { outcome: 'processed' })).toBe(1);
    expect(await metricValue(operations.metrics, 'four_eyes_deliveries_total', { outcome: 'refused' })).toBe(1);
    expect(closed).toEqual(['closed']);
  });

  it('flushes the outbox: a post GitHub refused during the evaluation is made before the process ends', async () => {
    const s = scenario({ policy: POLICY });
    const operations = new AppOperations();
    const { probot, github, audit } = await testApp(s, { operations });
    github.fail('PATCH /repos/acme/infra/check-runs/1000', { status: 502 });
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(await audit.outbox.backlog()).toBe(1);
    expect(github.lastCheckRun()).toMatchObject({ status: 'in_progress' });
    await operations.shutdown(server());
    expect(await audit.outbox.backlog()).toBe(0);
    expect(github.lastCheckRun()).toMatchObject({ status: 'completed', conclusion: 'action_required' });
  });
});

/** An error and what it wraps (Probot gathers a handler's errors in an AggregateError). */
function causes(error: unknown): unknown[] {
  if (error instanceof AggregateError) return [error, ...error.errors.flatMap(causes)];
  return error ? [error] : [];
}
