// Notices that could not be sent, told in words an officer understands: which meeting, who, why,
// and what to do; and their resend. A notice whose outcome is unknown (the mail service took the
// request and no answer came) may have arrived: it is resent only when the officer confirms the
// person did not get it, or they would be mailed twice.
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { NoticeKind } from '../../core/notices/notice.ts';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import { rocTableDate } from '../../core/calendar/roc-date.ts';
import { countyView } from '../../core/series/county-view.ts';
import { auditTime, type SecretariatAction } from '../../core/audit/secretariat-action.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { transactIf } from '../../adapters/dynamodb/meeting-table.ts';
import { listFailed, listOutbox, requeueFailedWrite, type OutboxItem } from '../../adapters/dynamodb/outbox-store.ts';
import { getOccurrence } from '../../adapters/dynamodb/occurrence-store.ts';
import { listRosterChanges } from '../../adapters/dynamodb/roster-store.ts';
import { actionPuts, recordTold } from '../../adapters/dynamodb/secretariat-action-store.ts';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { requireReason } from './request-checks.ts';
import { conflictError, SecretariatInputError } from './secretariat-input-error.ts';
import type { Actor } from './change-occurrence.ts';

export const noticeKindLabels: Readonly<Record<NoticeKind, string>> = {
  invitation: '開會通知',
  cancellation: '停開通知',
  reminder: '會前提醒',
  'chair-duty': '主持通知',
  'chair-duty-update': '主持會議異動通知',
  'chair-change': '主持單位異動通知',
  'minutes-due': '會議紀錄繳交提醒',
  'minutes-overdue': '會議紀錄逾期提醒',
  'minutes-distributed': '會議紀錄分送通知',
  'follow-up-due': '成效追蹤表繳交提醒',
};

export type NoticeProblem = {
  /** Names the notice in a URL or on the command line (`outbox retry <id>`). */
  id: string;
  status: 'failed' | 'unknown';
  /** 寄送失敗, or 結果不明 with what to check first. */
  statusText: string;
  kind: NoticeKind;
  kindText: string;
  /** The meeting it is about; a chair-change digest lists several. */
  meetings: Array<{ seriesId: string; slotKey: string; seriesName: string; date?: string; dateText?: string }>;
  person: { contactId: string; unitId: string; unitName: string; name: string };
  /** Why it was not sent, in zh-TW, and what the officer can do. */
  why: string;
  attempts: number;
  /** When it was given up on (ISO), when known. */
  at?: string;
  /** One line for a list: 開會通知「…」3/25(三) → 警察局 婦幼警察隊 隊長：寄送失敗（…） */
  summary: string;
};

/** The outbox item's key as one opaque id: series, slot and sort key. */
export function noticeRef(item: Pick<OutboxItem, 'seriesId' | 'slotKey' | 'sk'>): string {
  return Buffer.from(JSON.stringify([item.seriesId, item.slotKey, item.sk]), 'utf8').toString('base64url');
}

function parseNoticeRef(id: string): { seriesId: string; slotKey: string; sk: string } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(id, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed.length === 3 && parsed.every((p) => typeof p === 'string'))
      return { seriesId: parsed[0] as string, slotKey: parsed[1] as string, sk: parsed[2] as string };
  } catch {
    // not an id we gave out
  }
  return undefined;
}

/** Why the mail service refused, as the officer can act on it. `lastError` holds the error's kind only. */
export function explainSendError(status: 'failed' | 'unknown', lastError: string | undefined): string {
  const error = lastError ?? '';
  if (status === 'unknown') return '郵件服務收下寄送要求後沒有回應，這封通知可能已寄達；請先向收件人確認沒有收到，再重新寄送，以免重複';
  if (/MailFromDomainNotVerified|not verified|MessageRejected/i.test(error))
    return '郵件服務拒收：寄件網域或收件地址尚未通過驗證（例如 SES 仍在沙箱模式）；請資訊人員處理後再重新寄送';
  if (/SendingPaused|AccountSendingPaused/i.test(error)) return '郵件服務帳號暫停寄送；請資訊人員恢復寄送後再重新寄送';
  if (/Throttl|429|TooManyRequests|LimitExceeded/i.test(error)) return '郵件服務忙碌，多次重試仍未成功；可直接重新寄送';
  if (/series .* no longer configured|unknown venue|unknown chair/i.test(error))
    return '通知內容無法產生：會議的系列、場地或主持單位已不在設定檔中；請先修正設定';
  return `郵件服務回覆錯誤（${error || '原因不明'}）；可重新寄送，再失敗請洽資訊人員`;
}

/**
 * The notices that need a person, newest problem last, each in words: which meeting, who, why.
 * Read only; names come from the county as it is now.
 */
export async function listNoticeProblems(table: MeetingTable, config: CountyConfig): Promise<NoticeProblem[]> {
  const [items, roster] = await Promise.all([listFailed(table), listRosterChanges(table)]);
  const view = countyView(config, roster);
  const problems = await Promise.all(
    items.map(async (item): Promise<NoticeProblem> => {
      const status = item.status === 'unknown' ? 'unknown' : 'failed';
      const refs = item.chairChanges?.length
        ? item.chairChanges.map((c) => ({ seriesId: c.seriesId, slotKey: c.slotKey, date: c.date }))
        : [{ seriesId: item.seriesId, slotKey: item.slotKey, date: (await getOccurrence(table, item.seriesId, item.slotKey))?.date }];
      const meetings = refs.map((m) => ({
        seriesId: m.seriesId,
        slotKey: m.slotKey,
        seriesName: view.findSeries(m.seriesId)?.name.zh ?? m.seriesId,
        ...(m.date ? { date: m.date, dateText: rocTableDate(Temporal.PlainDate.from(m.date)) } : {}),
      }));
      const statusText = status === 'unknown' ? '結果不明（可能已寄達）' : '寄送失敗';
      const why = explainSendError(status, item.lastError);
      const at = String((item as OutboxItem & { gsi1sk?: string }).gsi1sk ?? '').split('#')[0] || undefined;
      const person = {
        contactId: item.recipient.contactId,
        unitId: item.recipient.unitId,
        unitName: view.unitName(item.recipient.unitId),
        name: item.recipient.name,
      };
      const about = meetings.map((m) => `「${m.seriesName}」${m.dateText ?? m.slotKey}`).join('、');
      return {
        id: noticeRef(item),
        status,
        statusText,
        kind: item.kind,
        kindText: noticeKindLabels[item.kind],
        meetings,
        person,
        why,
        attempts: item.attempts,
        ...(at ? { at } : {}),
        summary: `${noticeKindLabels[item.kind]}${about} → ${person.name}：${statusText}（${why}）`,
      };
    }),
  );
  return problems.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
}

export type RetryNoticeRequest = {
  /** A NoticeProblem's id. */
  noticeId: string;
  reason: string;
  /** For a notice whose outcome is unknown: the officer confirms the person did not receive it. */
  confirmNotReceived?: boolean;
  actor: Actor;
  now: Temporal.Instant;
};

export type RetryNoticeResult = { notice: NoticeProblem['person'] & { kind: NoticeKind }; action: SecretariatAction };

/**
 * Send a notice again that could not be sent, or whose outcome was unknown.
 * 1. Validate the reason and the id; load the notice and its meeting.
 * 2. Validate: the notice is one that failed or whose outcome is unknown; an unknown one only with
 *    the confirmation that it did not arrive; its meeting has not taken place (a reminder of a
 *    past meeting helps nobody).
 * 3. Put it back in the queue, due now, with the audit record, in one transaction; if another
 *    officer resent it first, say so.
 * 4. Record who will be told (the notice's recipient); the dispatcher sends it on its next round.
 * 5. Return the notice and the audit record.
 */
export async function retryNotice(table: MeetingTable, config: CountyConfig, request: RetryNoticeRequest): Promise<RetryNoticeResult> {
  const reason = requireReason(request.reason);
  const ref = parseNoticeRef(request.noticeId);
  const item = ref ? (await listOutbox(table, ref.seriesId, ref.slotKey)).find((i) => i.sk === ref.sk) : undefined;
  if (!ref || !item)
    throw new SecretariatInputError({
      code: 'no-such-notice',
      field: 'noticeId',
      status: 404,
      message: '找不到這則通知；請重新整理寄送失敗的清單',
    });
  if (item.status !== 'failed' && item.status !== 'unknown')
    throw new SecretariatInputError({
      code: 'notice-not-failed',
      field: 'noticeId',
      status: 409,
      message: item.status === 'pending' ? '這則通知已在寄送佇列中，不需要重寄' : '這則通知已經寄出或已被新的通知取代，不需要重寄',
    });
  if (item.status === 'unknown' && request.confirmNotReceived !== true)
    throw new SecretariatInputError({
      code: 'unknown-outcome-needs-confirmation',
      field: 'confirmNotReceived',
      message: '這則通知可能已經寄達；請先向收件人確認沒有收到，確認後再重新寄送',
    });
  if (item.seriesId) {
    const occurrence = await getOccurrence(table, item.seriesId, item.slotKey);
    const minutesKind = item.kind.startsWith('minutes-');
    if (occurrence && !minutesKind && Temporal.PlainDate.compare(Temporal.PlainDate.from(occurrence.date), todayInTaipei(request.now)) < 0)
      throw new SecretariatInputError({
        code: 'meeting-taken-place',
        field: 'noticeId',
        status: 409,
        message: `${config.series.find((s) => s.id === item.seriesId)?.name.zh ?? item.seriesId} ${occurrence.date} 的會議已經開過，不再重寄會前的通知`,
      });
  }

  const told = [
    {
      seriesId: item.seriesId,
      slotKey: item.slotKey,
      kind: item.kind,
      contactId: item.recipient.contactId,
      unitId: item.recipient.unitId,
      name: item.recipient.name,
    },
  ];
  const action: SecretariatAction = {
    id: randomUUID(),
    at: auditTime(request.now.epochMilliseconds),
    task: 'retry-notice',
    actor: { subject: request.actor.id, via: request.actor.via ?? 'unknown' },
    reason,
    scope: item.seriesId ? 'meeting' : 'county',
    meetings: item.seriesId
      ? [{ seriesId: item.seriesId, slotKey: item.slotKey }]
      : (item.chairChanges ?? []).map((c) => ({ seriesId: c.seriesId, slotKey: c.slotKey })),
    changes: [
      {
        subject: 'notice',
        ref: `${item.seriesId}/${item.slotKey}/${item.sk}`,
        before: { status: item.status, attempts: item.attempts, ...(item.lastError ? { lastError: item.lastError } : {}) },
        after: { status: 'pending' },
      },
    ],
  };
  const refusals = await transactIf(() =>
    table.client.send(
      new TransactWriteCommand({
        TransactItems: [{ Update: requeueFailedWrite(table, item, new Date(request.now.epochMilliseconds)) }, ...actionPuts(table, action)],
      }),
    ),
  );
  if (refusals) throw conflictError('noticeId', '這則通知剛被他人重新寄送，請重新整理');
  await recordTold(table, action, told);
  return {
    notice: { ...told[0]!, unitName: config.units.find((u) => u.id === item.recipient.unitId)?.name.zh ?? item.recipient.unitId },
    action: { ...action, told },
  };
}

/**
 * Every notice that failed (not those of unknown outcome, which need a confirmation each), resent
 * one by one as retryNotice does; a notice that cannot be resent is left out with why.
 */
export async function retryFailedNotices(
  table: MeetingTable,
  config: CountyConfig,
  request: Omit<RetryNoticeRequest, 'noticeId' | 'confirmNotReceived'>,
): Promise<{ retried: RetryNoticeResult[]; skipped: Array<{ id: string; message: string }> }> {
  requireReason(request.reason);
  const retried: RetryNoticeResult[] = [];
  const skipped: Array<{ id: string; message: string }> = [];
  for (const problem of await listNoticeProblems(table, config)) {
    if (problem.status !== 'failed') {
      skipped.push({ id: problem.id, message: `${problem.summary}：結果不明的通知須逐則確認後重寄` });
      continue;
    }
    try {
      retried.push(await retryNotice(table, config, { ...request, noticeId: problem.id }));
    } catch (error) {
      if (!(error instanceof SecretariatInputError)) throw error;
      skipped.push({ id: problem.id, message: `${problem.summary}：${error.message}` });
    }
  }
  return { retried, skipped };
}
