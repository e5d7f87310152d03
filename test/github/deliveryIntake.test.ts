import { describe, expect, it } from 'vitest';
import { DeliveryIntake, ShuttingDown } from '../../src/github/deliveryIntake.js';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('DeliveryIntake', () => {
  it('counts deliveries in flight until they settle, failed ones too', async () => {
    const intake = new DeliveryIntake();
    const a = deferred();
    const b = deferred();
    const runA = intake.run(() => a.promise);
    const runB = intake.run(() => b.promise).catch((error: Error) => error.message);
    expect(intake.inFlight).toBe(2);
    a.resolve();
    await runA;
    b.reject(new Error('GitHub said 502'));
    expect(await runB).toBe('GitHub said 502');
    await intake.drained();
    expect(intake.inFlight).toBe(0);
  });

  it('once closed, refuses new work without starting it, and drains only after the work in flight', async () => {
    const intake = new DeliveryIntake();
    const inFlight = deferred();
    const events: string[] = [];
    void intake.run(() => inFlight.promise.then(() => void events.push('in-flight done')));
    intake.close();
    expect(intake.open).toBe(false);
    let started = false;
    await expect(
      intake.run(async () => {
        started = true;
      }),
    ).rejects.toBeInstanceOf(ShuttingDown);
    expect(started).toBe(false);
    const drained = intake.drained().then(() => void events.push('drained'));
    inFlight.resolve();
    await drained;
    expect(events).toEqual(['in-flight done', 'drained']);
  });
});
