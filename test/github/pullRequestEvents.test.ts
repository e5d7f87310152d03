import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { HEAD_SHA, review, scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { pullRequestEvent, reviewEvent } from './support/webhooks.js';

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('pull_request events', () => {
  it('synchronize: starts the check, reads the change, completes it with the decision', async () => {
    const s = scenario();
    const { probot, github } = testApp(s);
    await probot.receive(pullRequestEvent('synchronize', s));
    expect(github.apiRequests()).toEqual([
      'GET /repos/acme/infra/contents/.github/four-eyes.yml',
      'GET /repos/acme/.github/contents/.github/four-eyes.yml',
      'POST /repos/acme/infra/check-runs',
      'GET /repos/acme/infra/pulls/42/files',
      'POST /graphql FourEyesPullRequest',
      'PATCH /repos/acme/infra/check-runs/1000',
    ]);
    expect(github.checkRuns[0]!.body).toMatchObject({ name: 'Separation of duties', head_sha: HEAD_SHA, status: 'in_progress', external_id: '42' });
    const completed = github.lastCheckRun();
    expect(completed).toMatchObject({ status: 'completed', conclusion: 'action_required' });
    expect((completed.output as { title: string }).title).toBe('High impact: 0 of 1 independent approval');
    console.log(JSON.stringify(completed, null, 2));
  });
});
