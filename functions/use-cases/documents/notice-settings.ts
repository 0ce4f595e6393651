// Who a county's 開會通知單 name as the issuing office (發文機關) and its contact (承辦人), and the
// pattern of its 發文字號. They change with the people in the office, not with a deploy, so they are
// the secretariat's to set (PUT /secretariat/documents/notice-settings) and live in the table. Until
// set, a notice says plainly what is missing, in the placeholder style of the county files: （待填）.
import type * as z from 'zod/mini';
import { safeParse } from '../../core/schema/safe-parse.ts';
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { getNoticeSettings, saveNoticeSettings, type NoticeSettings } from '../../adapters/dynamodb/notice-store.ts';
import { formatDocumentNumber } from '../../documents/document-number.ts';
import { DocumentError } from './document-error.ts';
import type { noticeSettingsSchema } from './notice-settings-schema.ts';

export type NoticeSettingsInput = z.infer<typeof noticeSettingsSchema>;

// The schema is built by the first update, not when the function loads: esbuild turns this import()
// into a module initialised on first call, and the minutes API's cold import builds no schema for a
// request that only reads (issue 13 §5).
const settingsSchema = async () => (await import('./notice-settings-schema.ts')).noticeSettingsSchema;

/** Each field as the 開會通知單 prints it (issuerLines: 地址, 承辦人, 電話, 傳真, 電子信箱). */
const fieldWords: Record<string, string> = {
  issuer: '發文機關',
  'issuer.name': '發文機關名稱',
  'issuer.address': '發文機關地址',
  'issuer.fax': '發文機關傳真',
  contact: '承辦人資料',
  'contact.name': '承辦人姓名',
  'contact.phone': '承辦人電話',
  'contact.email': '承辦人電子信箱',
  documentNumberPattern: '發文字號格式',
};

/**
 * The refusal a person reads for the first issue the schema found, in zh-TW and naming the field
 * in the notice's own words. Made here from the issue's kind, not from zod's message: zod words
 * its issues in English ("Invalid email address"), and the schema keeps zod's issues as they are
 * (the parity corpus in test/unit/schemas records them).
 */
export function noticeSettingsRefusal(issue: z.core.$ZodIssue, body: unknown): DocumentError {
  if (issue.code === 'unrecognized_keys') {
    const key = [...issue.path, issue.keys[0]].join('.');
    return new DocumentError('invalid-input', `不認得的欄位「${key}」`, 422, key);
  }
  const field = issue.path.join('.');
  if (!field) return new DocumentError('invalid-input', '內容須為通知單設定：發文機關、承辦人資料與發文字號格式', 422, 'body');
  const words = fieldWords[field] ?? field;
  const refuse = (message: string) => new DocumentError('invalid-input', message, 422, field);
  const given = issue.path.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key], body);
  switch (issue.code) {
    case 'invalid_type':
      if (given === undefined) return refuse(`請填寫${words}`);
      return refuse(issue.expected === 'string' ? `${words}須為文字` : `${words}格式不正確`);
    case 'too_small':
      return refuse(`請填寫${words}`);
    case 'too_big':
      return refuse(`${words}不可超過 ${String(issue.maximum)} 個字`);
    case 'custom':
      return refuse(`${words}須為單行文字`);
    default:
      return refuse(`${words}格式不正確`);
  }
}

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
  const parsed = safeParse(await settingsSchema(), body);
  if (!parsed.success) throw noticeSettingsRefusal(parsed.error.issues[0]!, body);
  try {
    formatDocumentNumber(parsed.data.documentNumberPattern, { rocYear: 115, sequence: 1 });
  } catch (error) {
    throw new DocumentError('invalid-input', (error as Error).message, 422, 'documentNumberPattern');
  }
  const settings: NoticeSettings = { ...parsed.data, updatedAt: by.now.toISOString(), updatedBy: by.subject };
  await saveNoticeSettings(table, settings);
  return settings;
}
