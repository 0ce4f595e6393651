// What a planning run costs DynamoDB, on DynamoDB Local in memory, counted with a middleware on the
// client (as bench/dispatch.ts counts the dispatcher):
// - P1, steady state: the county's five series planned, then the daily run again an hour later,
//   as the handler runs it (office calendar, roster, run record, each series' partition, minutes
//   follow-up). Reads and writes per series; the aim is at most 1 read per series and 0 writes.
// - P2, first plan: 130 series (the five configured ones, 26 times over) planned on an empty table,
//   against a raw BatchWriteItem of exactly the items that plan left, measured in the same run on
//   the same engine, alternating, median of several rounds. The aim is at most 2x the time.
// Run: npx tsx bench/planning.ts [--rounds 5] [--copies 26]   (DYNAMODB_ENDPOINT: an engine already running)
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
  requestRatio: number;
  rounds: number;
};

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
  const plan = (tableName: string) => {
    const { table, counter } = counted(endpoint, tableName, 'bench-first');
    return (async () => {
      try {
        const calendar = await loadOfficeCalendar(table);
        counter.reset();
        const started = performance.now();
        await planCounty(table, county, county.series, calendar, morning);
        const millis = performance.now() - started;
        const requests = counter.writes() + counter.reads();
        return { millis, requests, byCommand: counter.byCommand(), items: await everything(table) };
      } finally {
        table.client.destroy();
      }
    })();
  };
  // Every plan leaves the same items, but for their random UIDs: the warm-up's are the raw batch's.
  const { items, plans, batches } = await planAgainstRawBatch(endpoint, withTable, plan, rounds);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
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
    requestRatio: planRequests / batchRequests,
    rounds,
  };
}

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
      `${p2.requestRatio.toFixed(2)} x requests`,
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
