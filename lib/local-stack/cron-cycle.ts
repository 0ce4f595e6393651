// One full cron cycle against a running stack, calling the very handlers Lambda runs: plan every
// series, then dispatch the outbox. Used by `npm start` (on a local clock) and `--once`.
import type { Counties } from '../../functions/adapters/config/county-registry.ts';
import type { NoticeKind } from '../../functions/core/notices/notice.ts';
import { TAIPEI, Temporal } from '../../functions/core/calendar/local-date.ts';
import { rocFormalDateTime, rocTableDate } from '../../functions/core/calendar/roc-date.ts';
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

const kindName: Record<NoticeKind, string> = {
  invitation: '開會通知',
  cancellation: '取消通知',
  reminder: '會前提醒',
  'chair-duty': '主持提醒',
  'chair-duty-update': '主持會議異動',
  'chair-change': '主持異動',
  'minutes-due': '紀錄繳交提醒',
  'minutes-overdue': '紀錄逾期提醒',
  'minutes-distributed': '會議紀錄分送',
  'follow-up-due': '成效追蹤表提醒',
};

const outcomeName = { superseded: '已被新版取代（不寄）', retry: '稍後重試', failed: '寄送失敗', unknown: '結果不明（待確認）' } as const;

/** A summary a secretariat can read, in zh-TW with ROC dates: what was planned and who was sent what. */
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
  const at = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(TAIPEI);
  const lines = [`排程執行：${rocFormalDateTime(at)}`];
  for (const plan of cycle.plans) {
    const provisional = plan.created.filter((o) => o.provisional).length;
    const parts = [`新增 ${plan.created.length} 場`, `更新 ${plan.updated.length} 場`];
    if (provisional) parts.push(`${provisional} 場日期暫定`);
    if (plan.chairChanges.length) parts.push(`主持異動 ${plan.chairChanges.length} 場`);
    lines.push(`  ${seriesName(plan.seriesId)}：${parts.join('，')}`);
  }
  const sent = cycle.dispatched.filter((d) => d.outcome === 'sent');
  lines.push(`已寄出通知：${sent.length} 封`);
  for (const { item, occurrence } of sent) {
    const to = `${unitName(item.recipient.unitId)}（${item.recipient.contactId}）`;
    if (item.chairChanges) {
      // A chair-change digest: one person's changes of the day, across meetings and series.
      lines.push(`  主持異動彙整（${item.chairChanges.length} 場會議）→ ${to}`);
      continue;
    }
    const when = occurrence ? `${rocTableDate(Temporal.PlainDate.from(occurrence.date))} ${occurrence.start}` : item.slotKey;
    lines.push(`  ${kindName[item.kind]} ${seriesName(item.seriesId)} ${when} → ${to}`);
  }
  for (const outcome of ['superseded', 'retry', 'failed', 'unknown'] as const) {
    const n = cycle.dispatched.filter((d) => d.outcome === outcome).length;
    if (n)
      lines.push(
        `${outcomeName[outcome]}：${n} 封${outcome === 'failed' || outcome === 'unknown' ? '（npm run cli -- outbox 查看）' : ''}`,
      );
  }
  return lines.join('\n');
}
