import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { review, scenario } from './support/scenario.js';
import { testApp } from './support/testApp.js';
import { pullRequestEvent } from './support/webhooks.js';

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const NOW = new Date('2026-11-24T12:00:00Z');
const FACTS = 'POST /graphql FourEyesPullRequest';
const START = 'POST /repos/acme/infra/check-runs';

/** mulberry32: the same faults for the same seed, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAULTS = [
  { status: 500, body: { message: 'Internal Server Error' } },
  { status: 502, body: { message: 'Bad Gateway' } },
  { status: 503, body: { message: 'Service Unavailable' } },
  { status: 403, body: { message: 'You have exceeded a secondary rate limit.' }, headers: { 'retry-after': '90' } },
];

describe('seeded faults on the requests every evaluation makes', () => {
  it.each(Array.from({ length: 12 }, (_, seed) => [seed]))(
    'seed %i: no check ever passes a PR that must be blocked, and every PR ends with its real decision without anyone pressing a button',
    async (seed) => {
      const random = seeded(seed);
      const mustPass = seed % 2 === 0;
      const s = mustPass
        ? scenario({ policy: 'version: 1\n', reviews: [review('carol')] })
        : scenario({ policy: 'version: 1\n' });
      let now = NOW.getTime();
      const { probot, github, recovery } = await testApp(s, {
        now: () => new Date(now),
        rateLimits: {
          now: () => now,
          sleep: async (ms) => {
            now += ms;
          },
        },
      });
      const pick = () => FAULTS[Math.floor(random() * FAULTS.length)]!;
      github.fail(FACTS, ...Array.from({ length: 1 + Math.floor(random() * 4) }, pick));
      if (random() < 0.5) github.fail(START, pick());
      await probot.receive(pullRequestEvent('synchronize', s));
      const expected = mustPass ? 'success' : 'action_required';
      for (let round = 0; round < 40 && github.lastCheckRun().conclusion !== expected; round++) {
        now += 60_000;
        await recovery.tick();
      }
      const conclusions = github.checkRuns.map((run) => run.body.conclusion).filter((c) => c !== undefined);
      expect(github.lastCheckRun()).toMatchObject({ status: 'completed', conclusion: expected });
      // Every write along the way: nothing but the final decision may say success.
      if (!mustPass) expect(conclusions).not.toContain('success');
      expect(conclusions.slice(0, -1).filter((c) => c === 'success')).toEqual([]);
    },
  );
});
