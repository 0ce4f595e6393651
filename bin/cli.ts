// The secretariat's command line: `npm run cli -- <command> [options]`. Every change goes through
// the same use cases as the API, is validated before anything is written, and re-plans the series
// at once so the invitees' notices are queued in the same step.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCountyConfigFile, countyConfigFile } from '../functions/adapters/config/county-config-file.ts';
import { CountyConfigError, type CountyConfig } from '../functions/core/series/county-config.ts';
import { Temporal } from '../functions/core/calendar/local-date.ts';
import { OfficeCalendarImportError, parseDgpaCsv, parseOpenDataJson } from '../functions/core/calendar/office-calendar-import.ts';
import { loadOfficeCalendar, saveCalendarYear, saveClosure } from '../functions/adapters/dynamodb/calendar-store.ts';
import { listOccurrences } from '../functions/adapters/dynamodb/occurrence-store.ts';
import { listOverrides } from '../functions/adapters/dynamodb/override-store.ts';
import { annualPlan } from '../functions/core/annual-plan/annual-plan.ts';
import { formatPlan, type PlanFormat } from '../functions/core/annual-plan/plan-formats.ts';
import { changeOccurrence, findSeries, type OccurrenceChange } from '../functions/use-cases/secretariat/change-occurrence.ts';
import { SecretariatInputError } from '../functions/use-cases/secretariat/secretariat-input-error.ts';
import { chairReport } from '../functions/use-cases/secretariat/chair-report.ts';
import { changeRoster } from '../functions/use-cases/secretariat/change-roster.ts';
import { planSeriesOccurrences } from '../functions/use-cases/plan-series-occurrences.ts';
import { listFailed, requeueFailed } from '../functions/adapters/dynamodb/outbox-store.ts';
import { listActionItems, minutesStatus, overdueReport } from '../functions/use-cases/minutes/minutes-views.ts';
import type { SeriesRunSummary } from '../functions/use-cases/plan-series-occurrences.ts';
import { openTable, type OpenTable } from '../lib/local-stack/open-table.ts';
import { feedReplyFile } from '../functions/use-cases/feed-reply-file.ts';
import { localSecretariatKey } from '../lib/local-stack/local-secretariat-signer.ts';
import { join } from 'node:path';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const usage = `Usage: npm run cli -- <command> [options]

  schedule     --series <id> --year <yyyy> [--format table|csv|json|ics]
  move         --series <id> --occurrence <date|slot> --to <yyyy-mm-dd> [--start HH:MM] --reason <text> [--force]
  cancel       --series <id> --occurrence <date|slot> --reason <text>          (a typhoon day: one step, every invitee is told)
  venue        --series <id> --occurrence <date|slot> --venue <venue id> --reason <text>
  swap-chairs  --series <id> --occurrence <date|slot> --with <date|slot> --reason <text>
  add-session  --series <id> --date <yyyy-mm-dd> [--start HH:MM] --reason <text> [--force]
  chairs       --series <id> [--preview <n>] [--year <yyyy>]                   (next chairs and chair count per unit per year)
  contact add    --unit <id> --contact <new id> --name <name> --email <address> [--title <title>]
  contact remove --unit <id> --contact <id>                                 (the leaver is sent cancellations)
  minutes-status [--series <id>]                                            (minutes state and deadline of every held meeting)
  action-items [--overdue]                                                   (open or overdue action items across series)
  overdue                                                                    (overdue minutes, action items and follow-up forms)
  outbox       [--retry]                                                  (notices that could not be sent; --retry queues them again)
  closure      --date <yyyy-mm-dd> --reason <text>                            (offices closed, e.g. 颱風停止上班)
  import-calendar <file.csv|file.json>                                        (the DGPA office calendar of a new year)
  reply        <file.eml>                                                    (a calendar reply received by mail, as SES would hand it over)
  token                                                                       (a secretariat sign-in token for the local API)
  validate-config [file]

Options for every command:
  --now <ISO time>   act as if it were this time (default: now)
  --as <name>        who is acting, for the record (default: $USER)
  --data-dir <dir>   local data folder (default: .data); DYNAMODB_ENDPOINT or TABLE_NAME point elsewhere
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    series: { type: 'string' },
    year: { type: 'string' },
    format: { type: 'string', default: 'table' },
    occurrence: { type: 'string' },
    to: { type: 'string' },
    start: { type: 'string' },
    reason: { type: 'string', default: '' },
    force: { type: 'boolean', default: false },
    venue: { type: 'string' },
    unit: { type: 'string' },
    contact: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string' },
    title: { type: 'string' },
    with: { type: 'string' },
    date: { type: 'string' },
    preview: { type: 'string', default: '8' },
    now: { type: 'string' },
    as: { type: 'string' },
    'data-dir': { type: 'string', default: '.data' },
    help: { type: 'boolean', default: false },
    retry: { type: 'boolean', default: false },
    overdue: { type: 'boolean', default: false },
  },
});

const [command, ...rest] = positionals;

function required(name: keyof typeof values): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new SecretariatInputError(`--${name} is required for ${command}`);
  return value;
}

function nowInstant(): Temporal.Instant {
  if (!values.now) return Temporal.Now.instant();
  try {
    return Temporal.Instant.from(values.now);
  } catch {
    throw new SecretariatInputError(`--now: "${values.now}" is not an ISO time with an offset, e.g. 2026-03-09T09:00+08:00`);
  }
}

function year(): number {
  const text = required('year');
  if (!/^\d{4}$/.test(text)) throw new SecretariatInputError(`--year: "${text}" is not a four-digit year`);
  return Number(text);
}

function printRun(config: CountyConfig, run: SeriesRunSummary): void {
  for (const o of run.updated) console.log(`updated ${o.seriesId} ${o.slotKey}: ${o.status} ${o.date} ${o.start} (sequence ${o.sequence})`);
  for (const o of run.created) console.log(`created ${o.seriesId} ${o.slotKey}: ${o.date} ${o.start}`);
  for (const c of run.chairChanges) {
    const name = (id: string) => config.units.find((u) => u.id === id)?.name.zh ?? id;
    console.log(`chair change ${c.slotKey} (${c.date}): ${name(c.from)} → ${name(c.to)}`);
  }
  console.log(`${run.queued.length} notices queued; they go out on the next dispatch (npm start, or the deployed schedule).`);
}

async function main(): Promise<number> {
  if (!command || values.help) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  if (command === 'validate-config') {
    const config = loadCountyConfigFile(rest[0] ?? countyConfigFile());
    console.log(
      `${rest[0] ?? countyConfigFile()}: valid (${config.series.length} series, ${config.units.length} units, ${config.venues.length} venues)`,
    );
    return 0;
  }
  if (command === 'token') {
    const key = await localSecretariatKey(join(values['data-dir'], 'secretariat-signing-key.json'));
    console.log(await key.mint({ subject: values.as ?? process.env.USER ?? 'local-secretariat' }));
    return 0;
  }
  const config = loadCountyConfigFile();
  const now = nowInstant();
  const actor = { id: values.as ?? process.env.USER ?? 'secretariat-cli' };

  // Validate what can be validated before touching any data.
  let importYear: ReturnType<typeof parseDgpaCsv> | undefined;
  if (command === 'import-calendar') {
    const file = rest[0];
    if (!file)
      throw new SecretariatInputError(
        'import-calendar needs a file: npm run cli -- import-calendar 116年中華民國政府行政機關辦公日曆表.csv',
      );
    const bytes = readFileSync(file);
    importYear = file.toLowerCase().endsWith('.json')
      ? parseOpenDataJson(bytes.toString('utf8'), basename(file))
      : parseDgpaCsv(bytes, basename(file));
  }
  if (values.series) findSeries(config, values.series);

  let open: OpenTable | undefined;
  try {
    open = await openTable(values['data-dir']);
    const { table } = open;
    const calendar = await loadOfficeCalendar(table);
    const change = (c: OccurrenceChange) => changeOccurrence(table, config, calendar, c);
    const common = () => ({ seriesId: required('series'), reason: values.reason ?? '', actor, now });

    switch (command) {
      case 'schedule': {
        const format = values.format as PlanFormat;
        if (!['table', 'csv', 'json', 'ics'].includes(format))
          throw new SecretariatInputError(`--format must be table, csv, json or ics, not "${format}"`);
        const series = findSeries(config, required('series'));
        const [stored, overrides] = await Promise.all([listOccurrences(table, series.id), listOverrides(table, series.id)]);
        process.stdout.write(formatPlan(format, config, series, year(), annualPlan(series, calendar, overrides, stored, year(), now)));
        return 0;
      }
      case 'move':
        printRun(
          config,
          (
            await change({
              ...common(),
              kind: 'move',
              occurrence: required('occurrence'),
              date: required('to'),
              ...(values.start ? { start: values.start } : {}),
              force: values.force,
            })
          ).run,
        );
        return 0;
      case 'cancel':
        printRun(config, (await change({ ...common(), kind: 'cancel', occurrence: required('occurrence') })).run);
        return 0;
      case 'venue':
        printRun(
          config,
          (await change({ ...common(), kind: 'venue', occurrence: required('occurrence'), venueId: required('venue') })).run,
        );
        return 0;
      case 'swap-chairs':
        printRun(
          config,
          (await change({ ...common(), kind: 'swap-chairs', occurrence: required('occurrence'), other: required('with') })).run,
        );
        return 0;
      case 'add-session':
        printRun(
          config,
          (
            await change({
              ...common(),
              kind: 'add-ad-hoc',
              date: required('date'),
              ...(values.start ? { start: values.start } : {}),
              force: values.force,
            })
          ).run,
        );
        return 0;
      case 'chairs': {
        const series = findSeries(config, required('series'));
        const [stored, overrides] = await Promise.all([listOccurrences(table, series.id), listOverrides(table, series.id)]);
        console.log(chairReport(config, series, calendar, overrides, stored, now, Number(values.preview)));
        return 0;
      }
      case 'contact': {
        const unitId = required('unit');
        const runs =
          rest[0] === 'add'
            ? await changeRoster(
                table,
                config,
                calendar,
                {
                  kind: 'add',
                  unitId,
                  contact: {
                    id: required('contact'),
                    name: required('name'),
                    email: required('email'),
                    ...(values.title ? { title: values.title } : {}),
                  },
                },
                actor,
                now,
              )
            : rest[0] === 'remove'
              ? await changeRoster(table, config, calendar, { kind: 'remove', unitId, contactId: required('contact') }, actor, now)
              : undefined;
        if (!runs) throw new SecretariatInputError('contact takes "add" or "remove"');
        for (const run of runs) printRun(config, run);
        return 0;
      }
      case 'reply': {
        const file = rest[0];
        if (!file) throw new SecretariatInputError('reply needs a file: npm run cli -- reply answer.eml');
        // The outcome carries ids and a reason, never an address.
        console.log(JSON.stringify(await feedReplyFile({ table, config, now: () => new Date(now.epochMilliseconds) }, file)));
        return 0;
      }
      case 'minutes-status':
      case 'action-items':
      case 'overdue': {
        // Read through the same use cases as the API, as the secretariat, and audited the same way.
        const context = { table, config, now: () => new Date(now.epochMilliseconds) };
        const secretariat = { kind: 'secretariat' as const, subject: actor.id, via: 'cli' };
        const unit = (id: string) => config.units.find((u) => u.id === id)?.name.zh ?? id;
        const seriesName = (id: string) => config.series.find((s) => s.id === id)?.name.zh ?? id;
        if (command === 'minutes-status') {
          for (const row of await minutesStatus(context, values.series ? { seriesId: values.series } : {})) {
            console.log(
              `${row.date}  ${seriesName(row.seriesId)}  主持 ${unit(row.chairUnitId)}  ${row.state}  期限 ${row.dueDate}${row.overdue ? '  逾期' : ''}`,
            );
          }
        } else if (command === 'action-items') {
          for (const item of await listActionItems(context, secretariat, values.overdue ? 'overdue' : 'open')) {
            console.log(
              `${item.dueDate}  ${unit(item.ownerUnitId)}  ${seriesName(item.seriesId)} ${item.meetingDate}  ${item.description}`,
            );
          }
        } else {
          const report = await overdueReport(context, secretariat);
          console.log(
            `逾期會議紀錄 ${report.minutes.length}，逾期待辦事項 ${report.actionItems.length}，逾期成效追蹤表 ${report.followUpForms.length}`,
          );
          for (const row of report.minutes)
            console.log(`  紀錄  ${row.date} ${seriesName(row.seriesId)}  主持 ${unit(row.chairUnitId)}  期限 ${row.dueDate}`);
          for (const item of report.actionItems) console.log(`  待辦  ${item.dueDate} ${unit(item.ownerUnitId)}  ${item.description}`);
          for (const form of report.followUpForms)
            console.log(
              `  追蹤表  ${form.dueDate} ${seriesName(form.seriesId)} ${form.meetingDate}  ${form.placementType} ${form.formsOwed} 份`,
            );
        }
        return 0;
      }
      case 'outbox': {
        const failed = await listFailed(table);
        if (failed.length === 0) console.log('No failed notices.');
        for (const item of failed) {
          const series = config.series.find((s) => s.id === item.seriesId)?.name.zh ?? item.seriesId;
          console.log(
            `FAILED ${item.kind} ${series} ${item.slotKey} → ${item.recipient.unitId}/${item.recipient.contactId}: ${item.lastError ?? 'unknown'} (${item.attempts} attempts)`,
          );
          if (values.retry && (await requeueFailed(table, item, new Date(now.epochMilliseconds)))) console.log('  queued again');
        }
        return 0;
      }
      case 'closure': {
        const date = required('date');
        const reason = required('reason');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new SecretariatInputError(`--date: "${date}" is not YYYY-MM-DD`);
        await saveClosure(table, { date, reason });
        const closed = await loadOfficeCalendar(table);
        for (const series of config.series) printRun(config, await planSeriesOccurrences(table, config, series, closed, now));
        return 0;
      }
      case 'import-calendar': {
        await saveCalendarYear(table, importYear!);
        console.log(
          `office calendar ${importYear!.year} imported from ${importYear!.source}: ${Object.keys(importYear!.daysOff).length} weekday days off, ${Object.keys(importYear!.workdays).length} make-up workdays`,
        );
        return 0;
      }
      default:
        console.error(`unknown command "${command}"\n\n${usage}`);
        return 2;
    }
  } finally {
    await open?.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof SecretariatInputError || error instanceof CountyConfigError || error instanceof OfficeCalendarImportError) {
    console.error(error.message);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
