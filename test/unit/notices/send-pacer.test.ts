// The SES rate, kept by a token bucket on a simulated clock: the rate over a run is the configured
// one, lateness is made up for (up to the burst), and no window ever holds more than it may.
import { describe, expect, it } from 'vitest';
import { defaultBurst, sendPacer, type PacerClock } from '../../../functions/core/notices/send-pacer.ts';

/** A clock that only moves when someone sleeps on it, or when the test says so. */
function simulatedClock(): PacerClock & { advance(millis: number): void } {
  let now = 0;
  return {
    now: () => now,
    sleep: (millis) => {
      now += millis;
      return Promise.resolve();
    },
    advance: (millis) => {
      now += millis;
    },
  };
}

/** Slot times of `count` sends by one worker that needs `workMillis` between sends. */
async function sendTimes(rate: number, burst: number, count: number, workMillis = 0): Promise<number[]> {
  const clock = simulatedClock();
  const pacer = sendPacer(rate, burst, clock);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    await pacer.waitForSlot();
    times.push(clock.now());
    clock.advance(workMillis);
  }
  return times;
}

describe('the send pacer', () => {
  it('sends 14 a second at 14/s, a full bucket of one going at once', async () => {
    const times = await sendTimes(14, 1, 29);
    expect(times[0]).toBe(0);
    expect(times[28]).toBeCloseTo(2000, 6);
  });

  it('starts with a burst of a tenth of a second at 50/s, then keeps to the rate', async () => {
    expect(defaultBurst(50)).toBe(5);
    expect(defaultBurst(14)).toBe(1);
    const times = await sendTimes(50, 5, 105);
    expect(times.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    // After the burst, one every 20 ms: the 105th send at 100 sends × 20 ms = 2 s.
    expect(times[104]).toBeCloseTo(2000, 6);
  });

  it('makes up for a worker that was late to its slots, up to the burst', async () => {
    const clock = simulatedClock();
    const pacer = sendPacer(50, 5, clock);
    for (let i = 0; i < 5; i++) await pacer.waitForSlot(); // the first burst
    clock.advance(200); // nobody sent for 200 ms: ten slots passed, five may be made up
    const before = clock.now();
    for (let i = 0; i < 5; i++) await pacer.waitForSlot();
    expect(clock.now()).toBe(before);
    await pacer.waitForSlot();
    expect(clock.now()).toBeGreaterThan(before);
  });

  it('never lets a one-second window hold more than rate + burst sends', async () => {
    const rate = 50;
    const burst = 5;
    // A worker that sometimes dawdles (credit builds up) and sometimes rushes (credit is spent).
    const clock = simulatedClock();
    const pacer = sendPacer(rate, burst, clock);
    const times: number[] = [];
    for (let i = 0; i < 2000; i++) {
      await pacer.waitForSlot();
      times.push(clock.now());
      clock.advance(i % 97 < 10 ? 150 : 0);
    }
    let worst = 0;
    for (let start = 0, end = 0; start < times.length; start++) {
      while (end < times.length && times[end]! < times[start]! + 1000) end++;
      worst = Math.max(worst, end - start);
    }
    expect(worst).toBeLessThanOrEqual(rate + burst);
  });

  it('hands a slot back that was not used', async () => {
    const clock = simulatedClock();
    const pacer = sendPacer(10, 1, clock);
    await pacer.waitForSlot(); // at 0
    await pacer.waitForSlot(); // at 100
    pacer.returnSlot(); // the item was taken by another dispatcher: no send at 100
    await pacer.waitForSlot();
    expect(clock.now()).toBe(100);
  });
});
