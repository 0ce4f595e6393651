// A secretariat change in zh-TW lines, for a person: the command line prints them, and the API
// returns them beside the data for clients that only show text. Dates as the seed writes them
// (3/25(三)), units and venues by name.
import type { CountyConfig } from '../../core/series/county-config.ts';
import { Temporal } from '../../core/calendar/local-date.ts';
import { rocTableDate } from '../../core/calendar/roc-date.ts';
import { taskLabels, type SecretariatAction, type ToldPerson } from '../../core/audit/secretariat-action.ts';
import { noticeKindLabels } from './failed-notices.ts';
import { noticeDays, type MeetingState, type PlanPreview } from './plan-preview.ts';

type Names = { series(id: string): string; unit(id: string): string; venue(id: string): string };

function namesOf(config: CountyConfig): Names {
  return {
    series: (id) => config.series.find((s) => s.id === id)?.name.zh ?? id,
    unit: (id) => config.units.find((u) => u.id === id)?.name.zh ?? id,
    venue: (id) => config.venues.find((v) => v.id === id)?.name.zh ?? id,
  };
}

const day = (date: string) => rocTableDate(Temporal.PlainDate.from(date));

/** One meeting before and after, e.g. 3/25(三) 14:00 → 3/26(四) 14:00，主持：社會局 → 警察局. */
export function describeMeetingChange(config: CountyConfig, before: MeetingState | null, after: MeetingState): string {
  const names = namesOf(config);
  if (!before) return `新增 ${day(after.date)} ${after.start}（${names.venue(after.venueId)}，主持：${names.unit(after.chairUnitId)}）`;
  if (after.status === 'cancelled' && before.status !== 'cancelled') return `${day(before.date)} ${before.start} 停開`;
  if (before.status === 'cancelled' && after.status !== 'cancelled') return `恢復於 ${day(after.date)} ${after.start} 召開`;
  const parts: string[] = [];
  if (before.date !== after.date || before.start !== after.start)
    parts.push(`${day(before.date)} ${before.start} → ${day(after.date)} ${after.start}`);
  if (before.venueId !== after.venueId) parts.push(`場地：${names.venue(before.venueId)} → ${names.venue(after.venueId)}`);
  if (before.chairUnitId !== after.chairUnitId) parts.push(`主持：${names.unit(before.chairUnitId)} → ${names.unit(after.chairUnitId)}`);
  return parts.length ? `${day(after.date)}：${parts.join('，')}` : `${day(after.date)} 沒有變更`;
}

/** Who is told, grouped by notice: 開會通知 12 人（社會局 兒少保護科 科長、…）. */
export function describeTold(told: readonly ToldPerson[]): string[] {
  const byKind = new Map<string, Set<string>>();
  for (const person of told) {
    const label = noticeKindLabels[person.kind];
    const names = byKind.get(label) ?? new Set<string>();
    names.add(person.name);
    byKind.set(label, names);
  }
  return [...byKind].map(([label, names]) => `${label} ${names.size} 人（${[...names].join('、')}）`);
}

/** What a preview says will happen, for the confirmation step. */
export function describePreview(config: CountyConfig, preview: PlanPreview): string[] {
  const names = namesOf(config);
  const lines: string[] = [];
  if (preview.meetings.length === 0) lines.push('沒有會議的日期、時間、場地或主持會因此改變');
  for (const m of preview.meetings) {
    lines.push(`${names.series(m.seriesId)} ${describeMeetingChange(config, m.before, m.after)}`);
    if (m.notInvitedYet && m.after.status === 'scheduled') lines.push('  （尚未寄出邀請：屆時寄出的邀請即為新的內容）');
  }
  const told = describeTold(preview.told);
  lines.push(told.length ? `將通知：${told.join('；')}` : '不會寄出任何通知');
  if (preview.shortNotice) lines.push(`注意：距離會議不到 ${noticeDays} 天，通知無法在會前 ${noticeDays} 天送達，請另以電話確認`);
  return lines;
}

/** What a task did, for the record it leaves: 會議改期（原因：會議室衝突），then each change and who was told. */
export function describeAction(config: CountyConfig, action: SecretariatAction): string[] {
  const names = namesOf(config);
  const lines = [`${taskLabels[action.task]}（原因：${action.reason}）`];
  for (const change of action.changes) {
    if (change.subject === 'meeting' && change.after && 'status' in change.after) {
      const [seriesId = ''] = change.ref.split('/');
      lines.push(
        `  ${names.series(seriesId)} ${describeMeetingChange(config, change.before as MeetingState | null, change.after as MeetingState)}`,
      );
    }
  }
  const told = describeTold(action.told ?? []);
  lines.push(told.length ? `  已排入通知：${told.join('；')}` : '  沒有排入通知');
  return lines;
}
