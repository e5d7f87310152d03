import { describe, expect, it } from 'vitest';
import { nextAttemptAt, retryOutput } from '../../src/github/retrySchedule.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const secondsAfterNow = (at: Date) => (at.getTime() - NOW.getTime()) / 1000;

describe('the retry schedule', () => {
  it('waits 30 seconds after the first failure, doubling, at most 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((attempt) => secondsAfterNow(nextAttemptAt(NOW, attempt, null)))).toEqual([
      30, 60, 120, 240, 480, 900, 900, 900,
    ]);
  });

  it('waits longer when GitHub asks, but never more than an hour', () => {
    expect(secondsAfterNow(nextAttemptAt(NOW, 1, new Date('2026-11-24T12:10:00Z')))).toBe(600);
    expect(secondsAfterNow(nextAttemptAt(NOW, 6, new Date('2026-11-24T12:01:00Z')))).toBe(900);
    expect(secondsAfterNow(nextAttemptAt(NOW, 1, new Date('2026-11-25T12:00:00Z')))).toBe(3600);
  });
});

describe('the failure check, with the retry', () => {
  const output = {
    title: 'Blocked: Four Eyes could not evaluate this pull request',
    summary: '## ⛔ Blocked\n\n**Why:** GitHub answered 502: Bad Gateway\n\nPress **Re-evaluate**.',
    annotations: [],
  };

  it('says when Four Eyes tries again, right after why it failed', () => {
    const retried = retryOutput(output, {
      kind: 'retrying',
      reason: 'GitHub answered 502',
      attempt: 3,
      at: new Date('2026-11-24T12:04:30Z'),
    });
    expect(retried.title).toBe(output.title);
    expect(retried.summary.split('\n\n')).toEqual([
      '## ⛔ Blocked',
      '**Why:** GitHub answered 502: Bad Gateway',
      '**Retrying:** Four Eyes could not evaluate: GitHub answered 502; retrying at 12:04 UTC (attempt 3). This check completes on its own once GitHub answers again, and does not pass before.',
      'Press **Re-evaluate**.',
    ]);
  });

  it('says when it gave up', () => {
    const given = retryOutput(output, {
      kind: 'gave-up',
      reason: 'GitHub answered 502',
      attempts: 101,
      since: new Date('2026-11-23T11:58:00Z'),
    });
    expect(given.summary).toContain(
      '**Given up:** Four Eyes could not evaluate: GitHub answered 502; it tried 101 times since 2026-11-23 11:58 UTC and stopped. Press **Re-evaluate** to try again.',
    );
  });

  it('is unchanged when nothing is tried again', () => {
    expect(retryOutput(output, { kind: 'permanent' })).toEqual(output);
    expect(retryOutput(output, { kind: 'unscheduled', reason: 'GitHub answered 502' })).toEqual(output);
  });
});
