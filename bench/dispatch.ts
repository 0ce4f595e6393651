// P3: how fast the outbox dispatcher sends against the rate it is configured for, and what each
// message costs in DynamoDB requests, counting the write that queued it. Runs the production
// dispatchOutbox on the embedded stack (DynamoDB Local, the SES emulator), each rate on a fresh
// table holding the same N notices: a real morning's notices (every series planned at 2026-03-09
// 09:00 Taipei) padded with reminders of those meetings to the people invited (rosters of a
// county's size, see paddingContactsPerUnit). The queueing write is measured on the
// padding, where each notice is queued by queueNotice on its own.
// The SES emulator runs in a process of its own (bench/ses-emulator-process.ts), as SES runs on
// machines of its own: in this process its parsing would share the dispatcher's thread.
// The rate is the messages over the whole dispatchOutbox call, from before its first query to its
// return; the report also gives when the first send started, the span from the first send to the
// last, what came after the last, and the CPU the dispatcher and the emulator spent per message.
// Run: npx tsx bench/dispatch.ts [--messages 300] [--rates 14,50,200] [--warm-up 100] [--cpu-prof dir] [--per-second]
// [--concurrency n] (n slots at every rate instead of concurrencyFor's, to compare)
// (--cpu-prof writes a V8 CPU profile of each measured dispatchOutbox call alone, set-up excluded;
// --per-second prints each second of each run: sends, SES and DynamoDB answer times, how late this
// process's timers fired, and its garbage collection, to find where a run lost time.)
// (DYNAMODB_ENDPOINT / SES_ENDPOINT point it at services that are already running.)
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver } from 'node:perf_hooks';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startEmbeddedStack } from '../lib/local-stack/embedded-stack.ts';
import { ensureTable } from '../lib/local-stack/ensure-table.ts';
import { loadCountyConfigFile } from '../functions/adapters/config/county-config-file.ts';
import { loadOfficeCalendar } from '../functions/adapters/dynamodb/calendar-store.ts';
import { documentClient, type MeetingTable } from '../functions/adapters/dynamodb/meeting-table.ts';
import { listOccurrences } from '../functions/adapters/dynamodb/occurrence-store.ts';
import { queueNotice } from '../functions/adapters/dynamodb/outbox-store.ts';
import { saveRosterChange } from '../functions/adapters/dynamodb/roster-store.ts';
import { sesMailerFromEnv, type RawMailer } from '../functions/adapters/ses/ses-mailer.ts';
import { Temporal } from '../functions/core/calendar/local-date.ts';
import type { CountyConfig } from '../functions/core/series/county-config.ts';
import { concurrencyFor, defaultDispatchOptions, dispatchOutbox, type DispatchResult } from '../functions/use-cases/dispatch-outbox.ts';
import { loadCountyView } from '../functions/use-cases/load-county-view.ts';
import { planSeriesOccurrences } from '../functions/use-cases/plan-series-occurrences.ts';
import { enginePid } from './planning.ts';
import { busiestWindow } from './busiest-window.ts';

export const defaultMessages = 300;
/** SES's default sending quota, and a faster rate to find where the dispatcher itself tops out. */
export const defaultRates = [defaultDispatchOptions.maxPerSecond, 50, 200];
/** The acceptance aim: at least this share of the configured rate, for rates up to aimUpToRate. */
export const targetShare = 0.98;
/** A production SES account's rate; faster configured rates measure the dispatcher's ceiling. */
export const aimUpToRate = 50;
/** The acceptance aim for DynamoDB requests per message, the queueing write included. */
export const requestsAim = 3;

const morning = Temporal.Instant.from('2026-03-09T09:00+08:00');

export type DispatchBenchReport = {
  configuredRate: number;
  concurrency: number;
  /** Notices sent, as counted by the outbox results and confirmed by the SES emulator's store. */
  messages: number;
  seconds: number;
  achievedRate: number;
  /** achievedRate / configuredRate. */
  shareOfTarget: number;
  /** Requests of the dispatch run itself. */
  dynamoDbRequests: number;
  /** Requests per queued notice when queueNotice queues it (measured on the padding). */
  queueRequestsPerMessage: number;
  /** Dispatch requests per message sent, plus the queueing write: the P3 figure. */
  requestsPerMessage: number;
  requestsByCommand: Record<string, number>;
  outcomes: Record<DispatchResult['outcome'], number>;
  /** From the call to the first send's start, the first send's start to the last's, the last's to the return (ms). */
  firstSendMillis: number;
  sendSpanMillis: number;
  afterLastSendMillis: number;
  /**
   * CPU per message sent (ms): this process (the dispatcher), the SES emulator's process when it is
   * ours, DynamoDB Local's JVM when it runs on this machine. Two cores divide all three.
   */
  dispatcherCpuMillis: number;
  emulatorCpuMillis: number | undefined;
  engineCpuMillis: number | undefined;
  /** The most SES calls that started within any one second: SES's quota, never above the rate. */
  busiestSecond: number;
  /** The average size of a message sent (bytes of raw MIME). */
  averageMessageBytes: number;
  /** The 1-minute load average when the run ended: on a shared 2-core machine the rate follows it. */
  loadAverage: number;
  /** Each second of the call, from its start (with --per-second). */
  perSecond?: SecondOfRun[];
  /** Each query of the call: when it started (ms from the call) and how long it took. */
  queries?: Array<[at: number, millis: number]>;
};

/** What happened in one second of a dispatch call, to see where a run fell behind its rate. */
export type SecondOfRun = {
  /** SES calls started in this second. */
  sends: number;
  /** Answer times (ms) of the SES calls and DynamoDB requests started in it: median and slowest. */
  ses: { median: number; max: number };
  dynamoDb: { requests: number; median: number; max: number };
  /** The latest this process's 5 ms timer fired (ms): the event loop busy, or the process descheduled. */
  timerLateMillis: number;
  /**
   * SES calls and DynamoDB writes in flight, on average: near the slot count, the slots were busy
   * with round trips and none waited for its turn (the run was short of slots, not of quota).
   */
  busySlots: number;
  /** Garbage collection that started in this second (ms). */
  gcMillis: number;
};

/** Unmeasured messages sent first: DynamoDB Local's JVM and V8 are cold for the first hundred or so. */
export const defaultWarmUpMessages = 100;

export type DispatchBenchOptions = {
  messages?: number;
  rates?: readonly number[];
  warmUpMessages?: number;
  /** A folder for a CPU profile of each measured dispatch call. */
  cpuProfileDir?: string;
  /** Report each second of each measured call. */
  perSecond?: boolean;
  /** Slots instead of concurrencyFor(rate), to compare. */
  concurrency?: number;
};

export async function main(options: DispatchBenchOptions = {}): Promise<DispatchBenchReport[]> {
  const messages = options.messages ?? defaultMessages;
  const rates = options.rates ?? defaultRates;
  const config = loadCountyConfigFile();
  const emulator = process.env.SES_ENDPOINT ? undefined : await startSesEmulatorProcess();
  const stack = await startEmbeddedStack({
    dynamoDbEndpoint: process.env.DYNAMODB_ENDPOINT || undefined,
    sesEndpoint: process.env.SES_ENDPOINT || emulator!.endpoint,
  }).catch(async (error: unknown) => {
    await emulator?.stop();
    throw error;
  });
  try {
    const sesMailer = sesMailerFromEnv({ ...process.env, SES_ENDPOINT: stack.sesEndpoint });
    // When each send started, on the same clock as the run: only the timing is added.
    const sendStarts: number[] = [];
    const trace = runTrace();
    let sentBytes = 0;
    const mailer: RawMailer = {
      timeoutMillis: sesMailer.timeoutMillis,
      sendRaw: (raw, source, destination) => {
        const start = performance.now();
        sendStarts.push(start);
        sentBytes += raw.byteLength;
        trace.inFlight += 1;
        const sent = sesMailer.sendRaw(raw, source, destination);
        void sent.then(
          () => trace.ses.push([start, performance.now() - start]),
          () => undefined,
        );
        void sent.finally(() => (trace.inFlight -= 1)).catch(() => undefined);
        return sent;
      },
    };
    const reports: DispatchBenchReport[] = [];
    const engine = enginePid(stack.dynamoDbEndpoint);
    const engineCpu = engine === undefined ? undefined : () => processCpuMillis(engine);
    const warmUp = options.warmUpMessages ?? defaultWarmUpMessages;
    const runs = [
      ...(warmUp > 0 ? [{ rate: 1000, count: warmUp, measured: false }] : []),
      ...rates.map((rate) => ({ rate, count: messages, measured: true })),
    ];
    for (const { rate, count, measured } of runs) {
      const tableName = `bench-dispatch-${measured ? rate : 'warm-up'}-${Date.now()}`;
      await ensureTable(stack.dynamoDbEndpoint, tableName);
      const requests = new Map<string, number>();
      const table: MeetingTable = { client: documentClient(stack.dynamoDbEndpoint), tableName, county: 'bench-county' };
      // In the deserialize step, below the SDK's retry middleware: every HTTP request is counted,
      // retries included.
      table.client.middlewareStack.add(
        (next, context) => async (args) => {
          const name = context.commandName ?? 'unknown';
          requests.set(name, (requests.get(name) ?? 0) + 1);
          const start = performance.now();
          // A page read is not a slot's: slots wait on their claims (and records), not on pages.
          const slotBusy = name !== 'QueryCommand';
          if (slotBusy) trace.inFlight += 1;
          try {
            return await next(args);
          } finally {
            if (slotBusy) trace.inFlight -= 1;
            trace.dynamoDb.push([start, performance.now() - start]);
            if (name === 'QueryCommand') trace.queries.push([start, performance.now() - start]);
          }
        },
        { step: 'deserialize', name: 'benchCountDynamoDbRequests' },
      );
      try {
        const { queued, padded } = await queueNotices(table, config, count, () => requests.clear());
        const queueRequests = [...requests.values()].reduce((a, b) => a + b, 0);
        const emailsBefore = await countStoredEmails(stack.sesEndpoint);
        requests.clear();
        sendStarts.length = 0;
        sentBytes = 0;
        const emulatorCpuBefore = emulator?.cpuMillis();
        const engineCpuBefore = engineCpu?.();
        const profiler = measured && options.cpuProfileDir ? await startProfiler() : undefined;
        const cpuBefore = process.cpuUsage();
        const watching = measured && options.perSecond ? trace.watch() : undefined;
        const started = performance.now();
        const results = await dispatchOutbox(table, mailer, config, {
          ...defaultDispatchOptions,
          maxPerSecond: rate,
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
          shouldStop: () => false,
          links: () => ({}),
          now: () => new Date(),
        });
        const ended = performance.now();
        watching?.stop();
        const cpu = process.cpuUsage(cpuBefore);
        if (profiler) await profiler.stop(resolve(options.cpuProfileDir!, `dispatch-${rate}-${Date.now()}.cpuprofile`));
        const emulatorCpu = emulator && emulatorCpuBefore !== undefined ? emulator.cpuMillis() - emulatorCpuBefore : undefined;
        const engineCpuUsed = engineCpu && engineCpuBefore !== undefined ? engineCpu() - engineCpuBefore : undefined;
        const seconds = (ended - started) / 1000;
        const outcomes = { sent: 0, superseded: 0, retry: 0, failed: 0, unknown: 0 };
        for (const result of results) outcomes[result.outcome] += 1;
        const received = (await countStoredEmails(stack.sesEndpoint)) - emailsBefore;
        if (outcomes.sent !== queued || received !== queued) {
          throw new Error(`queued ${queued} notices but the dispatcher sent ${outcomes.sent} and SES received ${received}`);
        }
        const dynamoDbRequests = [...requests.values()].reduce((a, b) => a + b, 0);
        // One conditional put per notice; taken as exactly that when the planner queued them all.
        const queueRequestsPerMessage = padded > 0 ? queueRequests / padded : 1;
        if (measured)
          reports.push({
            configuredRate: rate,
            concurrency: options.concurrency ?? concurrencyFor(rate),
            messages: outcomes.sent,
            seconds,
            achievedRate: outcomes.sent / seconds,
            shareOfTarget: outcomes.sent / seconds / rate,
            dynamoDbRequests,
            queueRequestsPerMessage,
            requestsPerMessage: dynamoDbRequests / outcomes.sent + queueRequestsPerMessage,
            requestsByCommand: Object.fromEntries([...requests.entries()].sort()),
            outcomes,
            firstSendMillis: (sendStarts[0] ?? ended) - started,
            sendSpanMillis: (sendStarts.at(-1) ?? ended) - (sendStarts[0] ?? ended),
            afterLastSendMillis: ended - (sendStarts.at(-1) ?? ended),
            dispatcherCpuMillis: (cpu.user + cpu.system) / 1000 / outcomes.sent,
            emulatorCpuMillis: emulatorCpu === undefined ? undefined : emulatorCpu / outcomes.sent,
            engineCpuMillis: engineCpuUsed === undefined ? undefined : engineCpuUsed / outcomes.sent,
            busiestSecond: busiestWindow(sendStarts, 1000),
            averageMessageBytes: sentBytes / Math.max(1, sendStarts.length),
            loadAverage: loadavg()[0]!,
            ...(watching ? { perSecond: trace.seconds(sendStarts, started, ended), queries: trace.queryTimes(started) } : {}),
          });
      } finally {
        table.client.destroy();
      }
    }
    return reports;
  } finally {
    await stack.stop();
    await emulator?.stop();
  }
}

type Timed = [start: number, millis: number];

/**
 * Timings of one run on performance.now()'s clock: SES calls and DynamoDB requests (recorded
 * always, cheaply), and while watched, how late a 5 ms timer fires and the collector's pauses.
 */
function runTrace() {
  const ses: Timed[] = [];
  const dynamoDb: Timed[] = [];
  const queries: Timed[] = [];
  const timerLate: Timed[] = [];
  const gc: Timed[] = [];
  const busy: Timed[] = [];
  const trace = {
    /** SES calls and DynamoDB writes in flight: slots that are not waiting for their turn. */
    inFlight: 0,
    ses,
    dynamoDb,
    queries,
    watch() {
      for (const list of [ses, dynamoDb, queries, timerLate, gc, busy]) list.length = 0;
      const observer = new PerformanceObserver((entries) => {
        for (const entry of entries.getEntries()) gc.push([entry.startTime, entry.duration]);
      });
      observer.observe({ entryTypes: ['gc'] });
      let expected = performance.now() + 5;
      const timer = setInterval(() => {
        const now = performance.now();
        timerLate.push([expected, Math.max(0, now - expected)]);
        busy.push([now, trace.inFlight]);
        expected = now + 5;
      }, 5);
      return {
        stop: () => {
          clearInterval(timer);
          observer.disconnect();
        },
      };
    },
    /** Each query of the run (pages of due items, and what their items need): when it started and took (ms). */
    queryTimes: (started: number): Timed[] => queries.map(([at, millis]) => [at - started, millis]),
    seconds(sendStarts: readonly number[], started: number, ended: number): SecondOfRun[] {
      const count = Math.ceil((ended - started) / 1000);
      const inSecond = (list: readonly Timed[], k: number) =>
        list.filter(([at]) => at >= started + k * 1000 && at < started + (k + 1) * 1000).map(([, millis]) => millis);
      return Array.from({ length: count }, (_, k) => {
        const sesMillis = inSecond(ses, k);
        const dynamoMillis = inSecond(dynamoDb, k);
        return {
          sends: sendStarts.filter((at) => at >= started + k * 1000 && at < started + (k + 1) * 1000).length,
          ses: { median: median(sesMillis), max: Math.max(0, ...sesMillis) },
          dynamoDb: { requests: dynamoMillis.length, median: median(dynamoMillis), max: Math.max(0, ...dynamoMillis) },
          timerLateMillis: Math.max(0, ...inSecond(timerLate, k)),
          busySlots: mean(inSecond(busy, k)),
          gcMillis: inSecond(gc, k).reduce((a, b) => a + b, 0),
        };
      });
    },
  };
  return trace;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The inspector's CPU profiler on this process; stop writes the profile (open it in Chrome's DevTools). */
async function startProfiler(): Promise<{ stop: (file: string) => Promise<void> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    stop: async (file) => {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      mkdirSync(resolve(file, '..'), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
    },
  };
}

/** utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms. */
function processCpuMillis(pid: string): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

type SesEmulatorProcess = { endpoint: string; cpuMillis: () => number; stop: () => Promise<void> };

/** bench/ses-emulator-process.ts as a child; it ends when its stdin closes. */
async function startSesEmulatorProcess(): Promise<SesEmulatorProcess> {
  const script = fileURLToPath(new URL('./ses-emulator-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const firstLine = new Promise<string>((resolveLine, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolveLine(line.trim()));
    child.once('exit', (code) => reject(new Error(`the SES emulator process ended (exit ${code}) before it listened`)));
  });
  const endpoint = await firstLine;
  return {
    endpoint,
    cpuMillis: () => processCpuMillis(String(child.pid)),
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

/**
 * Contacts added to each unit a series invites, so a unit has two to four: Chiayi's seed gives
 * one contact to most units (placeholders), a county's real rosters have a chief and a deputy or
 * two. An invitation then names 6 to 25 attendees, as a county's meetings have (the most units a
 * series invites is 6, 邀請數). The bench used to put every padding contact into one unit each
 * series invites, so at 300 messages an invitation named 272 attendees (~90 KB) and at 1000 about
 * 1000 (~300 KB): no county meets like that, and rendering and sending those few invitations
 * weighed on the whole run.
 */
export const paddingContactsPerUnit = 2;

/**
 * `count` pending notices (or a planned morning's, if that is more): the morning's, then reminders
 * of the planned meetings to the people each series invites, one round of reminders (a variant,
 * as "7" days before) after another until there are enough. `beforePadding` is called once the
 * morning is planned.
 */
async function queueNotices(
  table: MeetingTable,
  config: CountyConfig,
  count: number,
  beforePadding: () => void,
): Promise<{ queued: number; padded: number }> {
  const calendar = await loadOfficeCalendar(table);
  let queued = 0;
  for (const series of config.series) queued += (await planSeriesOccurrences(table, config, series, calendar, morning)).queued.length;
  const occurrences = (await Promise.all(config.series.map((s) => listOccurrences(table, s.id))))
    .flat()
    .filter((o) => o.status === 'scheduled');
  const planned = queued;
  // The padding's contacts are on the rosters of the units the series invite, as `contact add`
  // puts them: the dispatcher sends only to people invited at send time. Not counted as queueing.
  const invitedUnits = new Set(config.series.flatMap((s) => s.invitedUnitIds));
  for (const unitId of invitedUnits)
    for (let n = 1; n <= paddingContactsPerUnit; n++) {
      const id = `bench-${unitId}-${n}`;
      const contact = { id, name: `測試聯絡人 ${n}`, email: `${id}@example.org`, placeholder: false };
      await saveRosterChange(table, { unitId, contact, removed: false, updatedBy: 'bench', updatedAt: morning.toString() });
    }
  const county = await loadCountyView(table, config);
  beforePadding();
  // Reminder rounds: "2", "3", ... days before (the morning's own reminders are skipped as already
  // queued). The dispatcher renders a reminder the same whatever its round.
  for (let round = 2; queued < count; round++) {
    if (round > 60) throw new Error(`only ${queued} notices can be queued for ${occurrences.length} meetings`);
    for (const occurrence of occurrences) {
      for (const recipient of county.recipients(occurrence.seriesId)) {
        if (queued >= count) break;
        const added = await queueNotice(table, {
          seriesId: occurrence.seriesId,
          slotKey: occurrence.slotKey,
          kind: 'reminder',
          variant: String(round),
          sequence: occurrence.sequence,
          recipient,
          dueAt: morning.toString(),
        });
        if (added) queued += 1;
      }
    }
  }
  return { queued, padded: queued - planned };
}

async function countStoredEmails(sesEndpoint: string): Promise<number> {
  const response = await fetch(`${sesEndpoint}/store`);
  return ((await response.json()) as { emails: unknown[] }).emails.length;
}

export function formatReport(reports: readonly DispatchBenchReport[]): string {
  const lines = [
    `P3 outbox dispatch on DynamoDB Local + the SES emulator (aim: at least ${targetShare * 100}% of the configured rate up to ${aimUpToRate}/s, at most ${requestsAim} DynamoDB requests per message counting the queueing write):`,
  ];
  lines.push(
    `  ${'configured'.padStart(10)}  ${'slots'.padStart(5)}  ${'messages'.padStart(8)}  ${'seconds'.padStart(7)}  ${'achieved'.padStart(9)}  ${'of rate'.padStart(7)}  ${'req/msg'.padStart(7)}  (queue + dispatch: breakdown)`,
    `  (achieved = messages / seconds from the call to its return, the first query and the last record included)`,
  );
  for (const r of reports) {
    // The dispatcher, DynamoDB Local and the SES emulator share this machine's cores with whatever
    // else runs: with more runnable processes than cores, a short rate says how busy the machine
    // was, and the CPU per message below is the figure to compare.
    const loaded =
      r.loadAverage > availableParallelism() ? ` (machine loaded: ${r.loadAverage.toFixed(1)} on ${availableParallelism()} cores)` : '';
    const rateVerdict =
      r.configuredRate > aimUpToRate ? 'ceiling run' : r.shareOfTarget >= targetShare ? 'rate ok' : `RATE BELOW AIM${loaded}`;
    const requestVerdict = r.requestsPerMessage <= requestsAim ? 'requests ok' : 'REQUESTS ABOVE AIM';
    const breakdown = Object.entries(r.requestsByCommand)
      .map(([command, n]) => `${command.replace(/Command$/, '')} ${n}`)
      .join(', ');
    const dispatchPerMessage = r.requestsPerMessage - r.queueRequestsPerMessage;
    lines.push(
      `  ${`${r.configuredRate}/s`.padStart(10)}  ${String(r.concurrency).padStart(5)}  ${String(r.messages).padStart(8)}  ${r.seconds.toFixed(2).padStart(7)}  ${`${r.achievedRate.toFixed(1)}/s`.padStart(9)}  ${`${(r.shareOfTarget * 100).toFixed(1)}%`.padStart(7)}  ${r.requestsPerMessage.toFixed(2).padStart(7)}  (${r.queueRequestsPerMessage.toFixed(2)} + ${dispatchPerMessage.toFixed(2)}: ${breakdown})  ${rateVerdict}, ${requestVerdict}`,
    );
    const emulatorCpu = r.emulatorCpuMillis === undefined ? '' : `, SES emulator ${r.emulatorCpuMillis.toFixed(1)} ms`;
    const engineCpu = r.engineCpuMillis === undefined ? '' : `, DynamoDB Local ${r.engineCpuMillis.toFixed(1)} ms`;
    lines.push(
      `  ${''.padStart(10)}  first send after ${r.firstSendMillis.toFixed(0)} ms, sends over ${(r.sendSpanMillis / 1000).toFixed(2)} s, ${r.afterLastSendMillis.toFixed(0)} ms after the last, at most ${r.busiestSecond} in any second${r.busiestSecond > r.configuredRate ? ' (ABOVE THE RATE)' : ''}; messages of ${(r.averageMessageBytes / 1024).toFixed(1)} KB on average`,
      `  ${''.padStart(10)}  CPU per message: dispatcher ${r.dispatcherCpuMillis.toFixed(1)} ms${emulatorCpu}${engineCpu}; load average ${r.loadAverage.toFixed(2)}`,
    );
    if (r.perSecond) {
      lines.push(
        `  ${''.padStart(10)}  second  sends  SES ms (median/max)  DynamoDB (requests, ms median/max)  timer late ms  GC ms  busy slots`,
      );
      r.perSecond.forEach((s, k) =>
        lines.push(
          `  ${''.padStart(10)}  ${String(k).padStart(6)}  ${String(s.sends).padStart(5)}  ${`${s.ses.median.toFixed(0)}/${s.ses.max.toFixed(0)}`.padStart(19)}  ${`${s.dynamoDb.requests}, ${s.dynamoDb.median.toFixed(0)}/${s.dynamoDb.max.toFixed(0)}`.padStart(34)}  ${s.timerLateMillis.toFixed(0).padStart(13)}  ${s.gcMillis.toFixed(0).padStart(5)}  ${s.busySlots.toFixed(1).padStart(10)}`,
        ),
      );
      lines.push(
        `  ${''.padStart(10)}  queries (start ms: took ms): ${(r.queries ?? []).map(([at, millis]) => `${at.toFixed(0)}: ${millis.toFixed(0)}`).join(', ')}`,
      );
    }
  }
  const ceiling = Math.max(...reports.map((r) => r.achievedRate));
  lines.push(`  ceiling on this machine: ${ceiling.toFixed(1)}/s (a configured rate above it measures the dispatcher, not the pacing)`);
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string' },
      rates: { type: 'string' },
      'warm-up': { type: 'string' },
      'cpu-prof': { type: 'string' },
      'per-second': { type: 'boolean' },
      concurrency: { type: 'string' },
    },
  });
  const messages = values.messages ? Number(values.messages) : undefined;
  const rates = values.rates?.split(',').map(Number);
  const warmUpMessages = values['warm-up'] ? Number(values['warm-up']) : undefined;
  if (
    (messages !== undefined && !(messages > 0)) ||
    rates?.some((r) => !(r > 0)) ||
    (warmUpMessages !== undefined && !(warmUpMessages >= 0)) ||
    (values.concurrency !== undefined && !(Number(values.concurrency) >= 1))
  ) {
    console.error(
      'usage: npx tsx bench/dispatch.ts [--messages 300] [--rates 14,50,200] [--warm-up 100] [--cpu-prof dir] [--per-second] [--concurrency n]',
    );
    process.exit(2);
  }
  console.log(
    formatReport(
      await main({
        ...(messages ? { messages } : {}),
        ...(rates ? { rates } : {}),
        ...(warmUpMessages !== undefined ? { warmUpMessages } : {}),
        ...(values['cpu-prof'] ? { cpuProfileDir: values['cpu-prof'] } : {}),
        ...(values['per-second'] ? { perSecond: true } : {}),
        ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
      }),
    ),
  );
}
