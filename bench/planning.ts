// What a planning run costs DynamoDB, on DynamoDB Local in memory, counted with a middleware on the
// client (as bench/dispatch.ts counts the dispatcher):
// - P1, steady state: the county's five series planned, then the daily run again an hour later,
//   as the handler runs it (office calendar, roster, run record, each series' partition, minutes
//   follow-up). Reads and writes per series; the aim is at most 1 read per series and 0 writes.
// - P2, first plan: 130 series (the five configured ones, 26 times over) planned on an empty table,
//   against a raw BatchWriteItem of exactly the items that plan left, measured in the same run on
//   the same engine, alternating, median of several rounds. The aim is at most 2x the time.
//   On a shared machine the wall time follows the load, so the report gives the load average during
//   the rounds, each round's own ratio, and the CPU each side cost (this process and, when the
//   engine runs on this machine, DynamoDB Local's JVM): the CPU a loaded machine has to divide.
// Run: npx tsx bench/planning.ts [--rounds 5] [--copies 26]   (DYNAMODB_ENDPOINT: an engine already running)
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { commandBreakdown, planningAims } from './bench-format.ts';
import { countedConnection, everything, planAgainstRawBatch, tablePerMeasurement, type WithTable } from './table-tools.ts';
import { startDynamoDbLocal } from '../lib/local-stack/dynamodb-local.ts';
import { loadCountyConfigFile } from '../functions/adapters/config/county-config-file.ts';
import { loadOfficeCalendar } from '../functions/adapters/dynamodb/calendar-store.ts';
import type { MeetingTable } from '../functions/adapters/dynamodb/meeting-table.ts';
import { Temporal } from '../functions/core/calendar/local-date.ts';
import type { CountyConfig } from '../functions/core/series/county-config.ts';
import { planCounty } from '../functions/use-cases/plan-series-occurrences.ts';

const morning = Temporal.Instant.from('2026-03-09T09:00+08:00');

/** Aims from issue 13. */
export const aims = planningAims;

export type SteadyStateReport = {
  series: number;
  /** Each series' partition: the per-series reads. */
  seriesReads: number;
  /** Once per run, whatever the number of series: office calendar (2), roster, run record. */
  runReads: number;
  writes: number;
  byCommand: Record<string, number>;
};

export type FirstPlanReport = {
  series: number;
  items: number;
  planMillis: number;
  planRequests: number;
  planByCommand: Record<string, number>;
  batchMillis: number;
  batchRequests: number;
  timeRatio: number;
  /** The median of each round's plan time over the same round's batch time. */
  pairedTimeRatio: number;
  requestRatio: number;
  rounds: number;
  /** The 1-minute load average at each plan, as the machine ran it. */
  loadAverages: number[];
  /** Median CPU milliseconds, this process and the engine (undefined when not on this machine). */
  planCpu: CpuMillis;
  batchCpu: CpuMillis;
};

export type CpuMillis = { process: number; engine?: number };

export type PlanningBenchReport = { steadyState: SteadyStateReport; firstPlan: FirstPlanReport };

export type PlanningBenchOptions = { rounds?: number; copies?: number };

/** A counted client for one county's table (bench/table-tools.ts). */
function counted(endpoint: string, tableName: string, county: string) {
  const { connection, counter } = countedConnection(endpoint, tableName);
  const table: MeetingTable = { ...connection, county };
  return { table, counter };
}

/** The configured series `copies` times over, each copy with ids of its own. */
function manySeries(config: CountyConfig, copies: number): CountyConfig {
  const series = Array.from({ length: copies }, (_, i) =>
    config.series.map((s) => ({ ...s, id: i === 0 ? s.id : `${s.id}-copy-${String(i).padStart(2, '0')}` })),
  ).flat();
  return { ...config, series };
}

/** DynamoDB Local's JVM listening on the endpoint's port, when it runs on this (Linux) machine. */
export function enginePid(endpoint: string): string | undefined {
  const port = new URL(endpoint).port;
  try {
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        if (args.some((a) => a.endsWith('DynamoDBLocal.jar')) && args[args.indexOf('-port') + 1] === port) return pid;
      } catch {
        // A process that ended while we looked.
      }
    }
  } catch {
    // No /proc: the engine's CPU is not reported.
  }
  return undefined;
}

/** CPU spent so far by this process and the engine, in milliseconds. */
function cpuMeter(endpoint: string): () => CpuMillis {
  const pid = enginePid(endpoint);
  // utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms.
  const engine = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  return () => {
    const own = process.cpuUsage();
    return { process: (own.user + own.system) / 1000, ...(pid ? { engine: engine() } : {}) };
  };
}

const spent = (before: CpuMillis, after: CpuMillis): CpuMillis => ({
  process: after.process - before.process,
  ...(before.engine !== undefined && after.engine !== undefined ? { engine: after.engine - before.engine } : {}),
});

export async function main(options: PlanningBenchOptions = {}): Promise<PlanningBenchReport> {
  const rounds = options.rounds ?? 5;
  const copies = options.copies ?? 26;
  const config = loadCountyConfigFile();
  const external = process.env.DYNAMODB_ENDPOINT || undefined;
  const dynamo = external ? undefined : await startDynamoDbLocal();
  const endpoint = external ?? dynamo!.endpoint;
  const withTable = tablePerMeasurement(endpoint, 'bench-planning');
  try {
    return {
      steadyState: await withTable((name) => steadyState(endpoint, name, config)),
      firstPlan: await firstPlan(endpoint, withTable, config, copies, rounds),
    };
  } finally {
    await dynamo?.stop();
  }
}

/** The handler's daily run, again: what it reads and writes when everything is planned and queued. */
async function steadyState(endpoint: string, tableName: string, config: CountyConfig): Promise<SteadyStateReport> {
  const { table, counter } = counted(endpoint, tableName, 'bench-steady');
  const dailyRun = async (now: Temporal.Instant) =>
    planCounty(table, config, config.series, loadOfficeCalendar(table), now, { minutesFollowUp: true });
  try {
    await dailyRun(morning);
    counter.reset();
    await dailyRun(morning.add({ hours: 1 }));
    const byCommand = counter.byCommand();
    const queries = byCommand.QueryCommand ?? 0;
    // Per run: the national calendar and the county's closures (2 queries), the roster (1 query),
    // the run record (1 GetItem). The rest are the series' partitions.
    const runReads = 3 + (byCommand.GetItemCommand ?? 0);
    return {
      series: config.series.length,
      seriesReads: queries - 3,
      runReads,
      writes: counter.writes(),
      byCommand,
    };
  } finally {
    table.client.destroy();
  }
}

async function firstPlan(
  endpoint: string,
  withTable: WithTable,
  config: CountyConfig,
  copies: number,
  rounds: number,
): Promise<FirstPlanReport> {
  const county = manySeries(config, copies);
  const cpu = cpuMeter(endpoint);
  const loadAverages: number[] = [];
  let planning = false;
  const plan = (tableName: string) => {
    const { table, counter } = counted(endpoint, tableName, 'bench-first');
    return (async () => {
      planning = true;
      try {
        const calendar = await loadOfficeCalendar(table);
        counter.reset();
        loadAverages.push(loadavg()[0]!);
        const before = cpu();
        const started = performance.now();
        await planCounty(table, county, county.series, calendar, morning);
        const millis = performance.now() - started;
        const used = spent(before, cpu());
        const requests = counter.writes() + counter.reads();
        return { millis, requests, cpu: used, byCommand: counter.byCommand(), items: await everything(table) };
      } finally {
        table.client.destroy();
      }
    })();
  };
  // The batch's CPU: each use of a table that is not a plan is a raw batch (its client and all).
  const batchCpu: CpuMillis[] = [];
  const measured: WithTable = (use) =>
    withTable(async (name) => {
      planning = false;
      const before = cpu();
      const result = await use(name);
      if (!planning) batchCpu.push(spent(before, cpu()));
      return result;
    });
  // Every plan leaves the same items, but for their random UIDs: the warm-up's are the raw batch's.
  const { items, plans, batches } = await planAgainstRawBatch(endpoint, measured, plan, rounds);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const medianCpu = (values: CpuMillis[]): CpuMillis => ({
    process: median(values.map((c) => c.process)),
    ...(values.every((c) => c.engine !== undefined) ? { engine: median(values.map((c) => c.engine!)) } : {}),
  });
  const planMillis = median(plans.map((p) => p.millis));
  const batchMillis = median(batches.map((b) => b.millis));
  const planRequests = median(plans.map((p) => p.requests));
  const batchRequests = median(batches.map((b) => b.requests));
  return {
    series: county.series.length,
    items: items.length,
    planMillis,
    planRequests,
    planByCommand: plans[0]!.byCommand,
    batchMillis,
    batchRequests,
    timeRatio: planMillis / batchMillis,
    pairedTimeRatio: median(plans.map((p, i) => p.millis / batches[i]!.millis)),
    requestRatio: planRequests / batchRequests,
    rounds,
    // The warm-up plan's load is left out, as its time is.
    loadAverages: loadAverages.slice(1),
    planCpu: medianCpu(plans.map((p) => p.cpu)),
    // The warm-up batch is the first use that is not a plan.
    batchCpu: medianCpu(batchCpu.slice(1)),
  };
}

const cpuText = (cpu: CpuMillis) =>
  cpu.engine === undefined
    ? `${cpu.process.toFixed(0)} ms (this process)`
    : `${(cpu.process + cpu.engine).toFixed(0)} ms (this process ${cpu.process.toFixed(0)}, engine ${cpu.engine.toFixed(0)})`;

const cpuRatio = (plan: CpuMillis, batch: CpuMillis) =>
  plan.engine === undefined || batch.engine === undefined
    ? ''
    : `: ${((plan.process + plan.engine) / (batch.process + batch.engine)).toFixed(2)} x`;

export function formatReport(report: PlanningBenchReport): string {
  const { steadyState: p1, firstPlan: p2 } = report;
  const verdict = (ok: boolean) => (ok ? 'ok' : 'ABOVE AIM');
  const breakdown = commandBreakdown;
  const readsPerSeries = p1.seriesReads / p1.series;
  return [
    `P1 steady state (the daily run again, ${p1.series} series, minutes follow-up included):`,
    `  reads per series ${readsPerSeries.toFixed(2)} (aim ≤ ${aims.readsPerSeries}) ${verdict(readsPerSeries <= aims.readsPerSeries)}; ` +
      `plus ${p1.runReads} per run (office calendar 2, roster 1, run record 1)`,
    `  writes ${p1.writes} (aim ${aims.writes}) ${verdict(p1.writes <= aims.writes)}    [${breakdown(p1.byCommand)}]`,
    `P2 first plan (${p2.series} series, ${p2.items} items, median of ${p2.rounds} rounds, DynamoDB Local in memory):`,
    `  plan          ${p2.planMillis.toFixed(0).padStart(6)} ms  ${String(p2.planRequests).padStart(5)} requests  [${breakdown(p2.planByCommand)}]`,
    `  raw batch     ${p2.batchMillis.toFixed(0).padStart(6)} ms  ${String(p2.batchRequests).padStart(5)} requests  [BatchWriteItem of the same items, 25 each]`,
    `  ratio         ${p2.timeRatio.toFixed(2).padStart(6)} x time (aim ≤ ${aims.firstPlanTimeRatio}) ${verdict(p2.timeRatio <= aims.firstPlanTimeRatio)}, ` +
      `${p2.requestRatio.toFixed(2)} x requests; each round's own ratio, median ${p2.pairedTimeRatio.toFixed(2)} x`,
    `  cpu           plan ${cpuText(p2.planCpu)}, raw batch ${cpuText(p2.batchCpu)}${cpuRatio(p2.planCpu, p2.batchCpu)}`,
    `  load average  ${Math.min(...p2.loadAverages).toFixed(1)}–${Math.max(...p2.loadAverages).toFixed(1)} (1 min, during the rounds; this machine has ${availableParallelism()} cores)`,
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { rounds: { type: 'string' }, copies: { type: 'string' } } });
  const rounds = values.rounds ? Number(values.rounds) : undefined;
  const copies = values.copies ? Number(values.copies) : undefined;
  if ((rounds !== undefined && !(rounds >= 1)) || (copies !== undefined && !(copies >= 1))) {
    console.error('usage: npx tsx bench/planning.ts [--rounds 5] [--copies 26]');
    process.exit(2);
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  console.log(formatReport(await main({ ...(rounds ? { rounds } : {}), ...(copies ? { copies } : {}) })));
}
