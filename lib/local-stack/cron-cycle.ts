// One full cron cycle against a running stack, calling the very handlers Lambda runs: plan every
// series, then dispatch the outbox. Used by `npm start` (on a local clock) and `--once`.
import type { Counties } from '../../functions/adapters/config/county-registry.ts';
import { handler as planMeetings } from '../../functions/handlers/plan-meetings.ts';
import { handler as dispatchOutbox } from '../../functions/handlers/dispatch-outbox.ts';
import type { SeriesRunSummary } from '../../functions/use-cases/plan-series-occurrences.ts';
import type { DispatchResult } from '../../functions/use-cases/dispatch-outbox.ts';
import { localContext } from './lambda-context.ts';

export type CycleSummary = { plans: SeriesRunSummary[]; dispatched: DispatchResult[] };

/** Every county served, or only `countyId`. */
export async function runCronCycle(now: Date, countyId?: string): Promise<CycleSummary> {
  const county = countyId ? { countyId } : {};
  const plans = await planMeetings({ scheduledTime: now.toISOString(), ...county }, localContext('plan-meetings'));
  const dispatched = await dispatchOutbox({ scheduledTime: now.toISOString(), ...county }, localContext('dispatch-outbox'));
  return { plans, dispatched };
}

/** A summary a secretariat can read: what was planned and who was sent what. */
export function formatCycleSummary(counties: Counties, cycle: CycleSummary, now: Date): string {
  const seriesName = (id: string) =>
    counties
      .all()
      .flatMap((c) => c.series)
      .find((s) => s.id === id)?.name.zh ?? id;
  const unitName = (id: string) =>
    counties
      .all()
      .flatMap((c) => c.units)
      .find((u) => u.id === id)?.name.zh ?? id;
  const lines = [`Cron cycle at ${now.toISOString()}`];
  for (const plan of cycle.plans) {
    const flags = plan.created.filter((o) => o.provisional).length;
    lines.push(
      `  ${seriesName(plan.seriesId)} (${plan.seriesId}): ${plan.created.length} created, ${plan.updated.length} updated` +
        (flags ? `, ${flags} provisional` : '') +
        (plan.chairChanges.length ? `, ${plan.chairChanges.length} chair changes` : ''),
    );
  }
  const sent = cycle.dispatched.filter((d) => d.outcome === 'sent');
  lines.push(`Notices sent: ${sent.length}`);
  for (const { item, occurrence } of sent) {
    if (item.chairChanges) {
      // A chair-change digest: one person's changes of the day, across meetings and series.
      lines.push(
        `  chair-change digest ${item.variant} (${item.chairChanges.length} meetings) → ${unitName(item.recipient.unitId)} [${item.recipient.contactId}]`,
      );
      continue;
    }
    const when = occurrence ? `${occurrence.date} ${occurrence.start}` : item.slotKey;
    lines.push(
      `  ${item.kind} (sequence ${item.sequence}) ${seriesName(item.seriesId)} ${when} → ${unitName(item.recipient.unitId)} [${item.recipient.contactId}]`,
    );
  }
  const other = cycle.dispatched.filter((d) => d.outcome !== 'sent');
  for (const outcome of ['superseded', 'retry', 'failed', 'unknown'] as const) {
    const n = other.filter((d) => d.outcome === outcome).length;
    if (n) lines.push(`Notices ${outcome}: ${n}`);
  }
  return lines.join('\n');
}
