// 寄送失敗 in the console: the notices that could not be sent, or whose outcome is unknown, in
// words a person understands: which meeting, to whom, what kind of notice, and why.
//
// Primary course:
//   1. Read the failed and unknown notices of the county, and the county as it is now.
//   2. Read the meetings they are about, for their dates.
//   3. Return them newest first, each with a reason worded for the secretariat.
import type { NoticeKind } from '../../core/notices/notice.ts';
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { listFailed } from '../../adapters/dynamodb/outbox-store.ts';
import { listOccurrences } from '../../adapters/dynamodb/occurrence-store.ts';
import { loadCountyView } from '../load-county-view.ts';

export type FailedNoticeRow = {
  status: 'failed' | 'unknown';
  kind: NoticeKind;
  seriesName: string;
  /** The meeting's date (YYYY-MM-DD) when known; a chair-change digest is about a day, not a meeting. */
  meetingDate?: string;
  recipientName: string;
  unitName: string;
  /** zh-TW: what went wrong, as far as it is known. */
  reason: string;
  /** What SES or the dispatcher said, for whoever investigates. */
  detail?: string;
  attempts: number;
};

export async function failedNoticesView(context: { table: MeetingTable; config: CountyConfig }): Promise<FailedNoticeRow[]> {
  const [items, view] = await Promise.all([listFailed(context.table), loadCountyView(context.table, context.config)]);
  const seriesIds = [...new Set(items.map((i) => i.seriesId).filter((id) => id !== ''))];
  const dates = new Map<string, string>();
  for (const occurrences of await Promise.all(seriesIds.map((id) => listOccurrences(context.table, id))))
    for (const o of occurrences) dates.set(`${o.seriesId}#${o.slotKey}`, o.date);
  return items
    .filter((item) => item.status === 'failed' || item.status === 'unknown')
    .sort((a, b) => String(b.dueAt).localeCompare(String(a.dueAt)))
    .map((item) => {
      const meetingDate = dates.get(`${item.seriesId}#${item.slotKey}`);
      return {
        status: item.status as 'failed' | 'unknown',
        kind: item.kind,
        seriesName: item.seriesId === '' ? '主持異動彙整' : (view.findSeries(item.seriesId)?.name.zh ?? item.seriesId),
        ...(meetingDate ? { meetingDate } : {}),
        recipientName: item.recipient.name,
        unitName: view.unitName(item.recipient.unitId),
        reason: reasonFor(item.status, item.lastError),
        ...(item.lastError ? { detail: item.lastError } : {}),
        attempts: item.attempts,
      };
    });
}

/** The dispatcher's and SES's reasons, in the secretariat's words. */
function reasonFor(status: string, error: string | undefined): string {
  if (status === 'unknown') return '寄出時連線中斷，無法確定對方是否收到；請向收件人確認後再決定是否重寄。';
  const text = error ?? '';
  if (/not verified|sandbox/i.test(text)) return 'SES 仍在沙盒模式，只能寄給已驗證的信箱；請申請移出沙盒或驗證此信箱。';
  if (/MessageRejected|rejected/i.test(text)) return '郵件服務拒絕寄出這封信；請確認收件信箱與寄件網域設定。';
  if (/address|recipient|mailbox/i.test(text)) return '收件信箱有誤或不存在；請更正聯絡人的電子郵件後重寄。';
  if (/throttl|rate|quota/i.test(text)) return '超過郵件服務的寄送量上限；稍後重寄即可。';
  return '多次嘗試後仍無法寄出。';
}
