// National scale (issue 11 §6): the 22 counties and cities of Taiwan, six series each, planned in
// one table on DynamoDB Local (in memory), as a platform hosting every county would run them: one
// planning run per county (its own schedule, its own keys), one county after another.
// - N1, first plan: every county's first run on an empty table, against a raw BatchWriteItem of
//   exactly the items those runs left, measured in the same run on the same engine, alternating,
//   median of several rounds. Aim: at most 2x the time.
// - N2, steady state: every county planned, then every county's daily run again an hour later.
//   Aim: 0 writes, and at most 1 read per series for the series' own partitions. The reads each
//   county's run makes once, whatever its number of series (office calendar, closures, roster, run
//   record), are printed beside it, and per series too, so nothing hides in the split.
// The county files are the generated ones the synthesis test uses (test/infra/generated-counties.ts).
// Run: npx tsx bench/national-scale.ts [--rounds 3] [--counties 22]   (DYNAMODB_ENDPOINT: an engine already running)
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { commandBreakdown, planningAims } from './bench-format.ts';
import { countedConnection, everything, planAgainstRawBatch, tablePerMeasurement, type WithTable } from './table-tools.ts';
import { startDynamoDbLocal } from '../lib/local-stack/dynamodb-local.ts';
import { loadOfficeCalendar } from '../functions/adapters/dynamodb/calendar-store.ts';
import { forCounty, type TableConnection } from '../functions/adapters/dynamodb/meeting-table.ts';
import { Temporal } from '../functions/core/calendar/local-date.ts';
import { countyConfigSchema, type CountyConfig } from '../functions/core/series/county-config.ts';
import { planCounty } from '../functions/use-cases/plan-series-occurrences.ts';
import { countyFromChiayi, taiwanCounties } from '../test/infra/generated-counties.ts';

/** Monday 9 March 2026, 09:00 in Taipei: the daily run's scheduled time. */
const morning = Temporal.Instant.from('2026-03-09T09:00+08:00');

/** Aims from issue 11 §6: the planner's, held by every county in one table. */
export const nationalAims = planningAims;

export type NationalSteadyState = {
  counties: number;
  series: number;
  /** Queries of the series' own partitions, all counties together. */
  seriesReads: number;
  /** Reads each county's run makes once (office calendar, closures, roster, run record), all counties together. */
  runReads: number;
  writes: number;
  byCommand: Record<string, number>;
};

export type NationalFirstPlan = {
  counties: number;
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
  /** The fastest round of each: on a shared, loaded machine the least disturbed measurement. */
  bestPlanMillis: number;
  bestBatchMillis: number;
  /** Slowest and fastest county's first run in the median round, ms. */
  slowestCountyMillis: number;
  fastestCountyMillis: number;
};

export type NationalReport = {
  firstPlan: NationalFirstPlan;
  steadyState: NationalSteadyState;
  /** The machine's 1-minute load average when the bench began, and its cores: timings mean little without them. */
  loadAverage: number;
  cores: number;
};

export type NationalOptions = { rounds?: number; counties?: number };

/** The generated county files, read through the same schema as a county's own file. */
export function nationalCounties(count: number = taiwanCounties.length): CountyConfig[] {
  return taiwanCounties.slice(0, count).map(([id, zh, en]) => countyConfigSchema.parse(countyFromChiayi(id, zh, en)));
}

export async function main(options: NationalOptions = {}): Promise<NationalReport> {
  const rounds = options.rounds ?? 3;
  const counties = nationalCounties(options.counties);
  const loadAverage = loadavg()[0]!;
  const external = process.env.DYNAMODB_ENDPOINT || undefined;
  const dynamo = external ? undefined : await startDynamoDbLocal();
  const endpoint = external ?? dynamo!.endpoint;
  const withTable = tablePerMeasurement(endpoint, 'bench-national');
  try {
    return {
      firstPlan: await firstPlan(endpoint, withTable, counties, rounds),
      steadyState: await withTable((name) => steadyState(endpoint, name, counties)),
      loadAverage,
      cores: availableParallelism(),
    };
  } finally {
    await dynamo?.stop();
  }
}

/** Each county's daily run, one after another, as their schedules would fire them. */
async function planEveryCounty(connection: TableConnection, counties: readonly CountyConfig[], now: Temporal.Instant, followUp: boolean) {
  const perCounty: number[] = [];
  for (const config of counties) {
    const table = forCounty(connection, config.county.id);
    const started = performance.now();
    // As the handler does: the office calendar read beside the run's own reads.
    await planCounty(table, config, config.series, loadOfficeCalendar(table), now, { minutesFollowUp: followUp });
    perCounty.push(performance.now() - started);
  }
  return perCounty;
}

async function steadyState(endpoint: string, tableName: string, counties: readonly CountyConfig[]): Promise<NationalSteadyState> {
  const { connection, counter } = countedConnection(endpoint, tableName);
  try {
    await planEveryCounty(connection, counties, morning, true);
    counter.reset();
    await planEveryCounty(connection, counties, morning.add({ hours: 1 }), true);
    const byCommand = counter.byCommand();
    // Per county run: the national calendar and the county's closures (2 queries), the roster
    // (1 query), the run record (GetItem). Every other query reads one series' partition.
    const queries = byCommand.QueryCommand ?? 0;
    const perRunQueries = 3 * counties.length;
    return {
      counties: counties.length,
      series: counties.reduce((n, c) => n + c.series.length, 0),
      seriesReads: queries - perRunQueries,
      runReads: perRunQueries + (byCommand.GetItemCommand ?? 0),
      writes: counter.writes(),
      byCommand,
    };
  } finally {
    connection.client.destroy();
  }
}

async function firstPlan(
  endpoint: string,
  withTable: WithTable,
  counties: readonly CountyConfig[],
  rounds: number,
): Promise<NationalFirstPlan> {
  const plan = async (tableName: string) => {
    const { connection, counter } = countedConnection(endpoint, tableName);
    try {
      const started = performance.now();
      const perCounty = await planEveryCounty(connection, counties, morning, false);
      const millis = performance.now() - started;
      const requests = counter.reads() + counter.writes();
      return { millis, requests, perCounty, byCommand: counter.byCommand(), items: await everything(connection) };
    } finally {
      connection.client.destroy();
    }
  };
  const { items, plans, batches } = await planAgainstRawBatch(endpoint, withTable, plan, rounds);
  const middle = <T>(values: T[], by: (v: T) => number) => [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)]!;
  const medianPlan = middle(plans, (p) => p.millis);
  const medianBatch = middle(batches, (b) => b.millis);
  return {
    counties: counties.length,
    series: counties.reduce((n, c) => n + c.series.length, 0),
    items: items.length,
    planMillis: medianPlan.millis,
    planRequests: medianPlan.requests,
    planByCommand: medianPlan.byCommand,
    batchMillis: medianBatch.millis,
    batchRequests: medianBatch.requests,
    timeRatio: medianPlan.millis / medianBatch.millis,
    requestRatio: medianPlan.requests / medianBatch.requests,
    rounds,
    bestPlanMillis: Math.min(...plans.map((p) => p.millis)),
    bestBatchMillis: Math.min(...batches.map((b) => b.millis)),
    slowestCountyMillis: Math.max(...medianPlan.perCounty),
    fastestCountyMillis: Math.min(...medianPlan.perCounty),
  };
}

/** Columns line up in a terminal: a CJK character takes two cells. */
const cells = (text: string) => [...text].reduce((n, ch) => n + (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - cells(text)));
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - cells(text))) + text;

export function formatReport(report: NationalReport): string {
  const { firstPlan: n1, steadyState: n2 } = report;
  const verdict = (ok: boolean) => (ok ? '達標 ok' : '未達標 ABOVE AIM');
  const breakdown = commandBreakdown;
  const seriesReadsPer = n2.seriesReads / n2.series;
  const allReadsPer = (n2.seriesReads + n2.runReads) / n2.series;
  const row = (label: string, ms: string, requests: string, note: string) =>
    `  ${padEnd(label, 28)}${padStart(ms, 10)}${padStart(requests, 10)}  ${note}`;
  return [
    `N1 首次排程 first plan: ${n1.counties} 縣市 counties × 6 = ${n1.series} 系列 series, ${n1.items} 筆 items, 一張表 one table, ` +
      `${n1.rounds} 輪中位數 median of ${n1.rounds} rounds`,
    row('', '時間 ms', '請求 req', ''),
    row(`排程 plan (${n1.counties} runs)`, n1.planMillis.toFixed(0), String(n1.planRequests), `[${breakdown(n1.planByCommand)}]`),
    row('直接批次寫入 raw batch', n1.batchMillis.toFixed(0), String(n1.batchRequests), '[BatchWriteItem of the same items, 25 each]'),
    row(
      '比值 ratio',
      `${n1.timeRatio.toFixed(2)}x`,
      `${n1.requestRatio.toFixed(2)}x`,
      `目標 aim ≤ ${nationalAims.firstPlanTimeRatio}x time: ${verdict(n1.timeRatio <= nationalAims.firstPlanTimeRatio)}`,
    ),
    row(
      '最快一輪 fastest rounds',
      `${(n1.bestPlanMillis / n1.bestBatchMillis).toFixed(2)}x`,
      '',
      `plan ${n1.bestPlanMillis.toFixed(0)} ms, raw batch ${n1.bestBatchMillis.toFixed(0)} ms (less disturbed by other load)`,
    ),
    `  每縣市首次排程 per county's first run: ${n1.fastestCountyMillis.toFixed(0)}–${n1.slowestCountyMillis.toFixed(0)} ms; ` +
      `load average at the start ${report.loadAverage.toFixed(1)} on ${report.cores} cores`,
    `N2 穩定狀態 steady state: every county's daily run again an hour later, ${n2.series} series, minutes follow-up included`,
    `  ${padEnd('寫入 writes', 28)}${padStart(String(n2.writes), 10)}             目標 aim ${nationalAims.writes}: ${verdict(n2.writes <= nationalAims.writes)}`,
    `  ${padEnd('系列讀取 series reads', 28)}${padStart(seriesReadsPer.toFixed(2), 10)} per series  目標 aim ≤ ${nationalAims.readsPerSeries}: ` +
      verdict(seriesReadsPer <= nationalAims.readsPerSeries),
    `  ${padEnd('每次執行讀取 per-run reads', 28)}${padStart(String(n2.runReads), 10)}             ${(n2.runReads / n2.counties).toFixed(0)} per county: office calendar, closures, roster, run record`,
    `  ${padEnd('全部讀取 all reads', 28)}${padStart(allReadsPer.toFixed(2), 10)} per series  per-run reads included [${breakdown(n2.byCommand)}]`,
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { rounds: { type: 'string' }, counties: { type: 'string' } } });
  const rounds = values.rounds ? Number(values.rounds) : undefined;
  const counties = values.counties ? Number(values.counties) : undefined;
  if ((rounds !== undefined && !(rounds >= 1)) || (counties !== undefined && !(counties >= 1 && counties <= taiwanCounties.length))) {
    console.error(`usage: npx tsx bench/national-scale.ts [--rounds 3] [--counties 1..${taiwanCounties.length}]`);
    process.exit(2);
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  console.log(formatReport(await main({ ...(rounds ? { rounds } : {}), ...(counties ? { counties } : {}) })));
}
