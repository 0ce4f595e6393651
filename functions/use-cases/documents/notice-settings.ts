// Who a county's 開會通知單 name as the issuing office (發文機關) and its contact (承辦人), and the
// pattern of its 發文字號. They change with the people in the office, not with a deploy, so they are
// the secretariat's to set (PUT /secretariat/documents/notice-settings) and live in the table. Until
// set, a notice says plainly what is missing, in the placeholder style of the county files: （待填）.
import * as z from 'zod/mini';
import { safeParse } from '../../core/schema/safe-parse.ts';
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { getNoticeSettings, saveNoticeSettings, type NoticeSettings } from '../../adapters/dynamodb/notice-store.ts';
import { formatDocumentNumber } from '../../documents/document-number.ts';
import { DocumentError } from './document-error.ts';

const line = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    z.refine((text) => !/\p{Cc}/u.test(text), '須為單行文字'),
  );

export const noticeSettingsSchema = z.strictObject({
  issuer: z.strictObject({ name: line(60), address: z.optional(line(120)), fax: z.optional(line(40)) }),
  contact: z.strictObject({ name: line(40), phone: line(60), email: z.optional(z.email().check(z.maxLength(254))) }),
  documentNumberPattern: line(60),
});

export type NoticeSettingsInput = z.infer<typeof noticeSettingsSchema>;

export function defaultNoticeSettings(config: CountyConfig): NoticeSettings {
  return {
    issuer: { name: `${config.county.name.zh}政府` },
    // The county file's 承辦人 until the secretariat sets the notice's own: one person, one number.
    contact: {
      name: config.secretariat.contact?.name ?? '（待填）',
      phone: config.secretariat.contact?.phone ?? '（待填）',
      email: config.secretariat.mailbox,
    },
    documentNumberPattern: '府社字第{rocYear}{seq:7}號',
  };
}

export async function readNoticeSettings(table: MeetingTable, config: CountyConfig): Promise<NoticeSettings & { configured: boolean }> {
  const stored = await getNoticeSettings(table);
  return stored ? { ...stored, configured: true } : { ...defaultNoticeSettings(config), configured: false };
}

/**
 * Sets the notice settings.
 *
 * Primary course: the body matches the schema and its pattern makes a 發文字號 → stored with who
 * set them and when → the settings. Notices already issued keep what they were issued with.
 *
 * Errors: `invalid-input` (422) naming the first field at fault, in zh-TW; nothing is written.
 */
export async function updateNoticeSettings(
  table: MeetingTable,
  body: unknown,
  by: { subject: string; now: Date },
): Promise<NoticeSettings> {
  const parsed = safeParse(noticeSettingsSchema, body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DocumentError('invalid-input', `${issue.path.join('.')}：${issue.message}`, 422, issue.path.join('.'));
  }
  try {
    formatDocumentNumber(parsed.data.documentNumberPattern, { rocYear: 115, sequence: 1 });
  } catch (error) {
    throw new DocumentError('invalid-input', (error as Error).message, 422, 'documentNumberPattern');
  }
  const settings: NoticeSettings = { ...parsed.data, updatedAt: by.now.toISOString(), updatedBy: by.subject };
  await saveNoticeSettings(table, settings);
  return settings;
}
