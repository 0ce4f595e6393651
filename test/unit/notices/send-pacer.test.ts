// The SES rate, kept on a simulated clock: no one-second window ever holds more sends than the
// rate (SES's quota is per second), a slip is caught up within that limit, and a run keeps to the
// rate from the moment the pacer was made, not from the first send.
import { describe, expect, it } from 'vitest';
import { sendPacer, sendWindow, type PacerClock, type SendPacer } from '../../../functions/core/notices/send-pacer.ts';
import { busiestWindow } from '../../../bench/busiest-window.ts';

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

/** Slot times of `count` sends by one worker that needs `workMillis(i)` after its i-th slot. */
async function sendTimes(pacer: SendPacer, clock: ReturnType<typeof simulatedClock>, count: number, workMillis = (_i: number) => 0) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    await pacer.waitForSlot();
    times.push(clock.now());
    clock.advance(workMillis(i));
  }
  return times;
}

/**
 * Real-clock sleeps wake late by a random amount, and the workers of a run interleave: `workers`
 * concurrent loops on one simulated timeline, each sleeping a pseudo-random time after its slot
 * (a seeded generator: the same run every time) and now and then giving its slot back.
 */
async function concurrentRun(rate: number, workers: number, sends: number, seed: number) {
  let state = seed;
  const random = () => {
    // xorshift32: deterministic, so a failure is the same failure on every run.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  let now = 0;
  const timers: Array<{ at: number; wake: () => void }> = [];
  const clock: PacerClock = {
    now: () => now,
    sleep: (millis) =>
      new Promise<void>((wake) => {
        // Timers fire late, and now and then a little early (as Node's do by a millisecond).
        timers.push({ at: now + millis + (random() < 0.1 ? -0.5 : random() * 3), wake });
      }),
  };
  const pacer = sendPacer(rate, clock);
  const used: number[] = [];
  let started = 0;
  const worker = async () => {
    while (started < sends) {
      started++;
      const slot = await pacer.waitForSlot();
      if (random() < 0.05) {
        pacer.returnSlot(slot);
        started--;
      } else used.push(now);
      // Work between sends: mostly short, sometimes a stall of up to two seconds.
      const work = random() < 0.02 ? random() * 2000 : random() * 300;
      await clock.sleep(work);
    }
  };
  const running = Promise.all(Array.from({ length: workers }, worker));
  let done = false;
  void running.then(() => (done = true));
  while (!done) {
    await new Promise((resolve) => setImmediate(resolve));
    timers.sort((a, b) => a.at - b.at);
    const next = timers.shift();
    if (next) {
      now = Math.max(now, next.at);
      next.wake();
    }
  }
  return { used, end: now };
}

describe('the send pacer', () => {
  it('reads SES quota as sends per one-second window, one per interval below one a second', () => {
    expect(sendWindow(14)).toEqual({ sends: 14, millis: 1000 });
    expect(sendWindow(50)).toEqual({ sends: 50, millis: 1000 });
    expect(sendWindow(14.5)).toEqual({ sends: 14, millis: 1000 });
    expect(sendWindow(0.5)).toEqual({ sends: 1, millis: 2000 });
  });

  it('sends one every 1/rate seconds from the start: the 29th of 14/s at 2 s', async () => {
    const clock = simulatedClock();
    const times = await sendTimes(sendPacer(14, clock), clock, 29);
    expect(times[0]).toBe(0);
    // 2 s, give or take the pacer's millisecond of slack each time the one-second limit decides.
    expect(times[28]).toBeGreaterThanOrEqual(2000);
    expect(times[28]).toBeLessThanOrEqual(2002);
    expect(busiestWindow(times)).toBe(14);
  });

  it('catches up at once on time lost before the first send (reading the first page)', async () => {
    const clock = simulatedClock();
    const pacer = sendPacer(50, clock);
    clock.advance(150); // the run's first query and reads: seven slots of 20 ms passed
    const times = await sendTimes(pacer, clock, 300);
    // Slots 0-7 (due at 0-140 ms) go at once, the rest on schedule: the 300th at 299 × 20 ms.
    expect(times.slice(0, 8)).toEqual(Array(8).fill(150));
    expect(times[8]).toBeCloseTo(160, 6);
    expect(times[299]).toBeGreaterThanOrEqual(5980);
    expect(times[299]).toBeLessThanOrEqual(5986); // a millisecond of slack a window
    expect(busiestWindow(times)).toBeLessThanOrEqual(50);
  });

  it('catches up a worker that was late to its slots, but never past 50 in a second', async () => {
    const clock = simulatedClock();
    const pacer = sendPacer(50, clock);
    await sendTimes(pacer, clock, 30, () => 20); // on schedule: 0, 20, ..., 580, then at 600
    clock.advance(300); // nobody sent for 320 ms: 16 slots passed
    const late = await sendTimes(pacer, clock, 20);
    expect(late.slice(0, 16)).toEqual(Array(16).fill(900));
    expect(late[16]).toBeCloseTo(920, 6);
  });

  it('holds a catch-up at the limit: what is owed goes a window later, never in the same second', async () => {
    const clock = simulatedClock();
    const pacer = sendPacer(50, clock);
    await pacer.waitForSlot();
    clock.advance(5000); // five seconds without a send: one window (50 sends) is owed
    const times = await sendTimes(pacer, clock, 120);
    expect(times.slice(0, 50)).toEqual(Array(50).fill(5000));
    // The 51st is owed at once, but the window from 5000 holds 50: it waits for the next window.
    expect(times[50]).toBe(6001); // with the millisecond of slack
    expect(busiestWindow([0, ...times])).toBe(50);
    // Fifty a second, no more and no less: the 120th in the third window.
    expect(times[119]).toBeGreaterThanOrEqual(7000);
    expect(times[119]).toBeLessThan(8000);
  });

  it('owes at most one window after a long stall: sends resume at the rate, not a flood', async () => {
    const clock = simulatedClock();
    const pacer = sendPacer(10, clock);
    await pacer.waitForSlot();
    clock.advance(60_000); // a minute with no sends: 600 slots passed, only 10 are owed
    const times = await sendTimes(pacer, clock, 30);
    expect(times.filter((t) => t === 60_000)).toHaveLength(10);
    expect(times[29]).toBeGreaterThanOrEqual(62_000);
    expect(times[29]).toBeLessThanOrEqual(62_002);
  });

  it('never lets a one-second window hold more than the rate, whatever the worker does', async () => {
    for (const rate of [1, 14, 50, 200]) {
      const clock = simulatedClock();
      // A worker that sometimes dawdles (the schedule runs ahead) and sometimes rushes.
      const times = await sendTimes(sendPacer(rate, clock), clock, 2000, (i) => (i % 97 < 10 ? 150 : i % 13 === 0 ? 7 : 0));
      expect(busiestWindow(times), `rate ${rate}`).toBeLessThanOrEqual(rate);
    }
  });

  it('keeps the limit with concurrent workers, late and early timers, stalls and slots given back', async () => {
    for (const [rate, workers, seed] of [
      [14, 4, 1],
      [50, 10, 2],
      [50, 16, 3],
      [0.5, 4, 4],
    ] as const) {
      const { used } = await concurrentRun(rate, workers, 400, seed);
      const window = sendWindow(rate);
      expect(used).toHaveLength(400);
      expect(busiestWindow(used, window.millis), `rate ${rate}`).toBeLessThanOrEqual(window.sends);
    }
  });

  it('keeps the rate when workers keep up: 10 workers at 50/s send 400 in 8 s', async () => {
    // Each worker needs 150 ms between sends on average (a claim and an SES call): 10 of them can
    // do 66/s.
    const { used } = await concurrentRun(50, 10, 400, 7);
    const span = (used.at(-1)! - used[0]!) / 1000;
    // 399 intervals of 20 ms is 7.98 s; stalls of up to 2 s are caught up within their window.
    expect(span).toBeLessThan(8.6);
    expect(busiestWindow(used)).toBeLessThanOrEqual(50);
  });

  it('starts the send in its slot, and takes the slot back when the send does not start', async () => {
    const clock = simulatedClock();
    const pacer = sendPacer(2, clock);
    const started: number[] = [];
    const send = (sent: boolean) => pacer.paced(() => (sent ? (started.push(clock.now()), Promise.resolve('sent')) : undefined));
    expect(await send(true)).toBe('sent'); // at 0
    // The lease was found too short at 500: nothing sent, so the next send may take 500.
    expect(await send(false)).toBeUndefined();
    expect(await send(true)).toBe('sent');
    expect(await send(true)).toBe('sent');
    expect(started).toEqual([0, 500, 1001]); // a window after 0, and the millisecond of slack
  });

  it('calls the send in the same turn as the slot is given: nothing else runs in between', async () => {
    const clock = simulatedClock();
    const pacer = sendPacer(50, clock);
    const order: string[] = [];
    // Due at once: the send starts inside the call, before anything else can run.
    const first = pacer.paced(() => (order.push('send'), Promise.resolve()));
    order.push('other work');
    await first;
    expect(order).toEqual(['send', 'other work']);
  });

  it('hands a slot back that was not used, and its place in the window with it', async () => {
    const clock = simulatedClock();
    const pacer = sendPacer(2, clock);
    await pacer.waitForSlot(); // at 0
    const second = await pacer.waitForSlot(); // at 500
    pacer.returnSlot(second); // the lease was too short to send: no send at 500
    await pacer.waitForSlot();
    expect(clock.now()).toBe(500);
    // Two sends (0 and 500) in the window: the next waits for 0 to leave it (and a millisecond).
    await pacer.waitForSlot();
    expect(clock.now()).toBe(1001);
  });
});
