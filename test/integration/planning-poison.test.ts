// The planner against DynamoDB Local, on the ways its state used to be poisoned:
// - a run at a moment in the past (`--once --now 2026-03-09` on data planned later) changes nothing;
// - a shorter horizon cancels nothing;
// - a meeting that has taken place is never rewritten;
// - a run that dies between changing the chairs and queueing the notices loses no chair change;
// - a repeated run queues the chair-change digest once.
import { ScanCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { putOverride } from '../support/override-item.ts';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { storedEmails } from '../support/ses-store.ts';
import { countRequests } from '../support/request-counter.ts';
import { caseConference, config, officeCalendar, taipeiMorning } from '../support/planning-fixtures.ts';
import { runCronCycle } from '../../lib/local-stack/cron-cycle.ts';
import { planCounty } from '../../functions/use-cases/plan-series-occurrences.ts';
import { documentClient, type MeetingTable } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { listOccurrences } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import type { OccurrenceOverride } from '../../functions/core/planning/override.ts';
import type { Occurrence } from '../../functions/core/planning/occurrence.ts';
import type { ChairChangeEntry } from '../../functions/core/notices/notice.ts';
import { Temporal } from '../../functions/core/calendar/local-date.ts';

const stack = useEmbeddedStack();

/** Every item of the table, in key order: what "changes nothing" is compared on. */
async function scanTable(table: MeetingTable): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort((a, b) => `${String(a.pk)}|${String(a.sk)}`.localeCompare(`${String(b.pk)}|${String(b.sk)}`));
}

/** A table of its own for one test, on the file's DynamoDB Local: tests here must not see each other's runs. */
function tableFor(name: string): MeetingTable {
  const { table } = stack();
  return { ...table, county: `${table.county}-${name}` };
}

const cancel = (slotKey: string, at: Temporal.Instant): OccurrenceOverride => ({
  seriesId: caseConference.id,
  slotKey,
  cancelled: true,
  reason: '颱風停止上班',
  updatedBy: 'test',
  updatedAt: at.toString(),
});

const countyItems = (items: Record<string, unknown>[], table: MeetingTable) =>
  items.filter((i) => String(i.pk).startsWith(`C#${table.county}#`));
const digestsOf = (items: Record<string, unknown>[], table: MeetingTable) =>
  countyItems(items, table).filter((i) => String(i.pk).startsWith(keys.chairDigests(table.county, '')));

describe('a run at a moment in the past changes nothing', () => {
  it('`--once --now 2026-03-09` on data planned on 2026-11-30 is refused in zh-TW, and the table and the mail are as they were', async () => {
    const { table, sesEndpoint } = stack();
    await runCronCycle(new Date('2026-11-30T01:00:00Z'));
    const before = await scanTable(table);
    const mailBefore = (await storedEmails(sesEndpoint)).length;
    expect(before.filter((i) => i.entity === 'occurrence').length).toBeGreaterThan(20);

    await expect(runCronCycle(new Date('2026-03-09T01:00:00Z'))).rejects.toThrow(
      /^規劃時間 115年3月9日（星期一）上午9時 早於上次規劃的時間 115年11月30日（星期一）上午9時.*未寫入任何資料/,
    );

    expect(await scanTable(table)).toEqual(before);
    expect((await storedEmails(sesEndpoint)).length).toBe(mailBefore);
  });

  it('is refused on data planned before the planning-run record existed, from the meetings themselves', async () => {
    const { table } = stack();
    // As data from before the record: the meetings are there, the record is not.
    await table.client.send(
      new DeleteCommand({ TableName: table.tableName, Key: { pk: keys.planning(table.county), sk: keys.planningRun } }),
    );
    const before = await scanTable(table);
    await expect(planCounty(table, config, config.series, officeCalendar, taipeiMorning('2026-03-09'))).rejects.toThrow(/早於上次規劃/);
    expect(await scanTable(table)).toEqual(before);
  });
});

describe('a shorter horizon cancels nothing', () => {
  it('meetings planned with a 12-month horizon all stay, unchanged, when the county lowers it to 2', async () => {
    const table = tableFor('horizon');
    await planCounty(table, config, config.series, officeCalendar, taipeiMorning('2026-03-02'));
    const planned = await scanTable(table);
    const shorter = { ...config, planningHorizonMonths: 2 };
    const run = await planCounty(table, shorter, config.series, officeCalendar, taipeiMorning('2026-03-02').add({ hours: 1 }));
    expect(run.series.flatMap((s) => [...s.created, ...s.updated])).toEqual([]);
    expect(await scanTable(table)).toEqual(planned);
  });
});

describe('a meeting that has taken place is never rewritten', () => {
  it('a cancellation stored for the March meeting after it was held changes neither it nor anything queued for it', async () => {
    const table = tableFor('past');
    await planCounty(table, config, [caseConference], officeCalendar, taipeiMorning('2026-03-09'));
    const march = (await listOccurrences(table, caseConference.id)).find((o) => o.slotKey === '2026-03')!;
    expect(march.date).toBe('2026-03-25');
    // The afternoon of the meeting, 15:00: it began at 14:00.
    const during = Temporal.Instant.from('2026-03-25T15:00+08:00');
    await putOverride(table, cancel('2026-03', during));
    await planCounty(table, config, [caseConference], officeCalendar, during);
    await putOverride(table, { ...cancel('2026-03', during), cancelled: false, venueId: 'budai-center' });
    await planCounty(table, config, [caseConference], officeCalendar, taipeiMorning('2026-04-01'));
    expect((await listOccurrences(table, caseConference.id)).find((o) => o.slotKey === '2026-03')).toEqual(march);
  });
});

describe('chair changes are told from stored state', () => {
  /** Every chair change the digests tell, as "slot: from → to" per contact. */
  const told = (items: Record<string, unknown>[], table: MeetingTable) =>
    digestsOf(items, table)
      .flatMap((d) =>
        (d.chairChanges as ChairChangeEntry[]).map(
          (e) => `${(d.recipient as { contactId: string }).contactId} ${e.slotKey}: ${e.fromUnitId} → ${e.toUnitId} (${e.cause})`,
        ),
      )
      .sort();

  /** What must be told after cancelling March: each moved meeting, to both units' contacts. */
  const expected = (occurrences: readonly Occurrence[]) =>
    occurrences
      .filter((o) => o.chairChange)
      .flatMap((o) => {
        const units = [o.chairChange!.fromUnitId, o.chairUnitId];
        return units.flatMap((unitId) =>
          config.units
            .find((u) => u.id === unitId)!
            .contacts.map((c) => `${c.id} ${o.slotKey}: ${o.chairChange!.fromUnitId} → ${o.chairUnitId} (cancellation)`),
        );
      })
      .sort();

  it.each([
    [
      'between changing the chairs and queueing the digests',
      'crash-queue',
      (command: string, input: string) => command === 'TransactWriteItemsCommand' && input.includes('OUTBOX##'),
    ],
    [
      'halfway through changing the chairs',
      'crash-update',
      (() => {
        let transactions = 0;
        return (command: string) => command === 'TransactWriteItemsCommand' && ++transactions > 2;
      })(),
    ],
  ])('a run that dies %s loses no chair change: the next run tells every one, once', async (_point, county, dies) => {
    const table = tableFor(county);
    const morning = taipeiMorning('2026-03-02');
    await planCounty(table, config, [caseConference], officeCalendar, morning);
    const at = morning.add({ hours: 1 });
    await putOverride(table, cancel('2026-03', at));

    const crashing = { ...table, client: documentClient(stack().dynamoDbEndpoint) };
    countRequests(crashing.client, (command, input) => {
      if (dies(command, JSON.stringify(input))) throw new Error('the process died here');
    });
    // Five actions to a transaction, one at a time: the chair changes take several transactions.
    await expect(planCounty(crashing, config, [caseConference], officeCalendar, at, { concurrency: 1, maxActions: 5 })).rejects.toThrow(
      'the process died here',
    );
    crashing.client.destroy();
    expect(digestsOf(await scanTable(table), table)).toEqual([]);

    const rerun = await planCounty(table, config, [caseConference], officeCalendar, at);
    const occurrences = await listOccurrences(table, caseConference.id);
    const afterRerun = await scanTable(table);
    expect(occurrences.filter((o) => o.chairChange).length).toBeGreaterThan(5);
    expect(told(afterRerun, table)).toEqual(expected(occurrences));
    // One digest per person, each due at once.
    const digests = digestsOf(afterRerun, table);
    expect(new Set(digests.map((d) => d.sk)).size).toBe(digests.length);
    expect(rerun.chairDigests.length).toBe(digests.length);
    expect(occurrences.filter((o) => o.chairChange).every((o) => o.chairChange!.toldIn === '2026-03-02')).toBe(true);
  });

  it('a repeated run queues the digest once: nothing written, nothing new in the outbox', async () => {
    const table = tableFor('crash-queue');
    const at = taipeiMorning('2026-03-02').add({ hours: 1 });
    const before = await scanTable(table);
    const counting = { ...table, client: documentClient(stack().dynamoDbEndpoint) };
    const requests = countRequests(counting.client);
    for (const now of [at, at.add({ hours: 3 })]) {
      const run = await planCounty(counting, config, [caseConference], officeCalendar, now);
      expect(run.chairDigests).toEqual([]);
    }
    counting.client.destroy();
    expect(requests.writes()).toBe(0);
    expect(await scanTable(table)).toEqual(before);
  });

  it("changes found after today's digest wait for tomorrow's, which grows until it is due", async () => {
    const table = tableFor('crash-queue');
    const at = taipeiMorning('2026-03-02').add({ hours: 5 });
    await putOverride(table, cancel('2026-05', at));
    await planCounty(table, config, [caseConference], officeCalendar, at);
    const later = at.add({ hours: 2 });
    await putOverride(table, cancel('2026-08', later));
    await planCounty(table, config, [caseConference], officeCalendar, later);

    const digests = digestsOf(await scanTable(table), table);
    const byDay = (day: string) => digests.filter((d) => d.variant === day);
    expect(byDay('2026-03-03').length).toBeGreaterThan(0);
    expect(byDay('2026-03-03').every((d) => d.dueAt === '2026-03-03T00:00:00.000Z')).toBe(true);
    // Each person: at most one digest a day.
    for (const day of ['2026-03-02', '2026-03-03']) {
      const contacts = byDay(day).map((d) => (d.recipient as { contactId: string }).contactId);
      expect(new Set(contacts).size).toBe(contacts.length);
    }
    // Tomorrow's lists the meetings moved by both later cancellations.
    const causes = new Set(byDay('2026-03-03').flatMap((d) => (d.chairChanges as ChairChangeEntry[]).map((e) => e.cancelledDate)));
    expect(causes).toEqual(new Set(['2026-05-27', '2026-08-26']));
  });
});
