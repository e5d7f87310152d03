import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { AppOperations } from '../../src/github/operations.js';
import { metricValue } from './support/metricValues.js';
import { scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { pullRequestEvent } from './support/webhooks.js';

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const POLICY = 'version: 1\n';

describe('metrics after known events', () => {
  it('a decided pull request: one evaluation by conclusion and tier, timed; one delivery processed; its requests by kind and status', async () => {
    const s = scenario({ policy: POLICY });
    const operations = new AppOperations();
    const { probot, github, audit } = await testApp(s, { operations });
    await probot.receive(pullRequestEvent('synchronize', s));
    const m = operations.metrics;
    expect(await metricValue(m, 'four_eyes_evaluations_total', { conclusion: 'action_required', tier: 'high' })).toBe(
      1,
    );
    expect(await metricValue(m, 'four_eyes_evaluation_duration_seconds_count', { outcome: 'decided' })).toBe(1);
    expect(await metricValue(m, 'four_eyes_deliveries_total', { outcome: 'processed' })).toBe(1);
    expect(await metricValue(m, 'four_eyes_deliveries_total', { outcome: 'skipped' })).toBe(0);
    expect(await metricValue(m, 'four_eyes_github_requests_total', { kind: 'graphql', status: 200 })).toBe(1);
    expect(await metricValue(m, 'four_eyes_github_requests_total', { kind: 'token', status: 201 })).toBe(1);
    const reads = github.apiRequests().filter((r) => r.startsWith('GET ')).length;
    expect(await metricValue(m, 'four_eyes_github_requests_total', { kind: 'rest-read', status: 200 })).toBe(reads);
    expect(await metricValue(m, 'four_eyes_audit_records')).toBe(await audit.records.count());
    expect(await metricValue(m, 'four_eyes_audit_records')).toBeGreaterThan(0);
    expect(await metricValue(m, 'four_eyes_outbox_backlog')).toBe(0);
  });

  it('the same delivery again is counted as skipped, not evaluated again', async () => {
    const s = scenario({ policy: POLICY });
    const operations = new AppOperations();
    const { probot } = await testApp(s, { operations });
    const event = pullRequestEvent('synchronize', s);
    await probot.receive(event);
    await probot.receive(event);
    const m = operations.metrics;
    expect(await metricValue(m, 'four_eyes_deliveries_total', { outcome: 'processed' })).toBe(1);
    expect(await metricValue(m, 'four_eyes_deliveries_total', { outcome: 'skipped' })).toBe(1);
    expect(await metricValue(m, 'four_eyes_evaluations_total', { conclusion: 'action_required', tier: 'high' })).toBe(
      1,
    );
  });

  it('a rate-limited answer: counted with its status, and the remaining requests it reported', async () => {
    const s = scenario({ policy: POLICY });
    const operations = new AppOperations();
    const { probot, github } = await testApp(s, { operations });
    github.fail('GET /repos/acme/infra/pulls/42/files', {
      status: 403,
      body: { message: 'API rate limit exceeded for installation ID 7.' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1', 'x-ratelimit-resource': 'core' },
    });
    await probot.receive(pullRequestEvent('synchronize', s));
    const m = operations.metrics;
    expect(await metricValue(m, 'four_eyes_github_requests_total', { kind: 'rest-read', status: 403 })).toBe(1);
    expect(await metricValue(m, 'four_eyes_github_rate_limit_remaining', { resource: 'core' })).toBe(0);
  });

  it('a failed evaluation: counted as failed, the delivery released for a re-delivery', async () => {
    const s = scenario({ policy: POLICY });
    const operations = new AppOperations();
    const { probot, github } = await testApp(s, { operations });
    github.fail('GET /repos/acme/infra/pulls/42/files', { status: 404 });
    await probot.receive(pullRequestEvent('synchronize', s));
    const m = operations.metrics;
    expect(await metricValue(m, 'four_eyes_evaluations_total', { conclusion: 'failed', tier: 'none' })).toBe(1);
    expect(await metricValue(m, 'four_eyes_evaluation_duration_seconds_count', { outcome: 'failed' })).toBe(1);
    expect(await metricValue(m, 'four_eyes_deliveries_total', { outcome: 'released' })).toBe(1);
    expect(await metricValue(m, 'four_eyes_github_requests_total', { kind: 'rest-read', status: 404 })).toBe(1);
  });

  it('the outbox backlog counts posts not made yet', async () => {
    const s = scenario({ policy: POLICY });
    const operations = new AppOperations();
    const { audit } = await testApp(s, { operations });
    await audit.transaction((tx) =>
      tx.addPost(
        {
          deliveryId: null,
          repository: 'acme/infra',
          pullRequest: 42,
          decisionSeq: null,
          action: 'comment',
          payload: { issueNumber: 42, body: 'hello' },
        } as never,
        new Date(),
      ),
    );
    expect(await metricValue(operations.metrics, 'four_eyes_outbox_backlog')).toBe(1);
  });
});
