// The 開會通知單 a county has issued (keys.notices, sk <series>#<slot>#<nnn>), the office's notice
// settings beside them (sk SETTINGS), and the yearly 發文字號 serial (keys.documentNumbers, sk
// YEAR#<yyyy>). A notice is issued in one transaction: the year's counter is raised from the value
// it was read at, and the notice is put where no notice of that meeting and revision exists. Two
// officers downloading at once therefore never get the same number, a number is never skipped, and
// a meeting never gets two notices for one version: the loser reads what the winner issued. The
// issue's audit record is written in the same transaction.
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Occurrence } from '../../core/planning/occurrence.ts';
import type { AuditRecord, MinutesActor } from '../../core/minutes/minutes-record.ts';
import { keys, withoutKeys } from './keys.ts';
import { queryPartition, writeIf, type MeetingTable } from './meeting-table.ts';

export type NoticeKind = 'original' | 'correction' | 'cancellation';

/** Who issues the county's notices and how to reach them: printed on every notice. */
export type NoticeSettings = {
  issuer: { name: string; address?: string; fax?: string };
  contact: { name: string; phone: string; email?: string };
  /** 發文字號 pattern, e.g. 府社保字第{rocYear}{seq:7}號 (functions/documents/document-number.ts). */
  documentNumberPattern: string;
  updatedAt?: string;
  updatedBy?: string;
};

export type IssuedNotice = {
  seriesId: string;
  slotKey: string;
  /** 1 for the first notice of the meeting, then one up for each 更正 or 取消. */
  revision: number;
  kind: NoticeKind;
  /** 發文字號 as printed, and the serial and year it was made from. */
  documentNumber: string;
  serial: number;
  year: number;
  /** 發文日期, YYYY-MM-DD in Taipei. */
  issuedOn: string;
  /** The meeting as this notice shows it: re-downloads print the same, and a 更正 compares with it. */
  occurrence: Occurrence;
  /** 第幾次 of the year, fixed when issued. */
  meetingNumber?: number;
  /** The notice this one changes (更正) or withdraws (取消). */
  supersedes?: { revision: number; issuedOn: string; documentNumber: string };
  cancellationReason?: string;
  /** The settings as they stood when it was issued. */
  issuer: NoticeSettings['issuer'];
  contact: NoticeSettings['contact'];
  issuedAt: string;
  issuedBy: MinutesActor;
};

export async function listIssuedNotices(table: MeetingTable, seriesId: string, slotKey: string): Promise<IssuedNotice[]> {
  const items = await queryPartition(table, keys.notices(table.county), keys.noticesOf(seriesId, slotKey));
  return items.map((item) => withoutKeys(item) as IssuedNotice).sort((a, b) => a.revision - b.revision);
}

/** The last serial given out in `year`; 0 before the first notice of the year. */
export async function lastDocumentSerial(table: MeetingTable, year: number): Promise<number> {
  const { Item } = await table.client.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk: keys.documentNumbers(table.county), sk: keys.documentNumberYear(year) },
      ConsistentRead: true,
    }),
  );
  return typeof Item?.last === 'number' ? Item.last : 0;
}

/**
 * Stores the notice, raises the year's counter to its serial and puts the audit record on the
 * meeting's trail, if the counter is still at `serial - 1` and the meeting has no notice of this
 * revision. False when another issue came first; then nothing is written.
 */
export async function saveIssuedNotice(table: MeetingTable, notice: IssuedNotice, audit: AuditRecord): Promise<boolean> {
  const previous = notice.serial - 1;
  return writeIf(() =>
    table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table.tableName,
              Item: {
                pk: keys.documentNumbers(table.county),
                sk: keys.documentNumberYear(notice.year),
                entity: 'document-number',
                last: notice.serial,
              },
              ConditionExpression: previous === 0 ? 'attribute_not_exists(pk)' : '#last = :previous',
              ...(previous === 0
                ? {}
                : { ExpressionAttributeNames: { '#last': 'last' }, ExpressionAttributeValues: { ':previous': previous } }),
            },
          },
          {
            Put: {
              TableName: table.tableName,
              Item: {
                pk: keys.notices(table.county),
                sk: keys.notice(notice.seriesId, notice.slotKey, notice.revision),
                entity: 'meeting-notice',
                ...notice,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: table.tableName,
              Item: {
                pk: keys.meetingAudit(table.county, notice.seriesId, notice.slotKey),
                sk: keys.auditEntry(audit.at, randomUUID()),
                entity: 'audit',
                ...audit,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    ),
  );
}

export async function getNoticeSettings(table: MeetingTable): Promise<NoticeSettings | undefined> {
  const { Item } = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: { pk: keys.notices(table.county), sk: keys.noticeSettings }, ConsistentRead: true }),
  );
  return Item ? (withoutKeys(Item) as NoticeSettings) : undefined;
}

export async function saveNoticeSettings(table: MeetingTable, settings: NoticeSettings): Promise<void> {
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { pk: keys.notices(table.county), sk: keys.noticeSettings, entity: 'notice-settings', ...settings },
    }),
  );
}
