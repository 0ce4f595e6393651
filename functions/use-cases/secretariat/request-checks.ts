// The checks every secretariat request shares: a series that exists, a reason worth recording, a
// real date and a 24-hour time. Each failure names the request field and says in zh-TW what to fix.
import type { CountyConfig, SeriesDefinition } from '../../core/series/county-config.ts';
import { Temporal } from '../../core/calendar/local-date.ts';
import { SecretariatInputError } from './secretariat-input-error.ts';

export function findSeries(config: CountyConfig, seriesId: string, field = 'seriesId'): SeriesDefinition {
  const series = config.series.find((s) => s.id === seriesId);
  if (!series)
    throw new SecretariatInputError({
      code: 'unknown-series',
      field,
      status: 404,
      message: `沒有會議系列「${seriesId}」；已設定的系列：${config.series.map((s) => s.id).join('、')}`,
    });
  return series;
}

const REASON_MAX = 200;

/** Invitees and the record are told why: a reason is one line, never empty. */
export function requireReason(reason: string | undefined, field = 'reason'): string {
  const text = (reason ?? '').trim();
  if (!text) throw new SecretariatInputError({ code: 'reason-required', field, message: '請填寫原因，與會者與紀錄都會看到' });
  if (text.length > REASON_MAX || /\p{Cc}/u.test(text))
    throw new SecretariatInputError({ code: 'reason-invalid', field, message: `原因須為一行文字，最多 ${REASON_MAX} 字` });
  return text;
}

export function parseDate(text: string, field: string): Temporal.PlainDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text))
    throw new SecretariatInputError({ code: 'not-a-date', field, message: `日期「${text}」格式不對，應為 YYYY-MM-DD，例如 2026-03-26` });
  try {
    return Temporal.PlainDate.from(text, { overflow: 'reject' });
  } catch {
    throw new SecretariatInputError({ code: 'not-a-date', field, message: `日期「${text}」不是實際存在的日期` });
  }
}

export function parseTime(text: string, field = 'start'): string {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(text))
    throw new SecretariatInputError({ code: 'not-a-time', field, message: `時間「${text}」不對，應為 24 小時制 HH:MM，例如 14:00` });
  return text;
}

/** Changes are for today or later: the past is the record of what happened. */
export function requireNotPast(date: Temporal.PlainDate, today: Temporal.PlainDate, field: string): void {
  if (Temporal.PlainDate.compare(date, today) < 0)
    throw new SecretariatInputError({
      code: 'date-in-past',
      field,
      message: `${date.toString()} 已經過去；只能改到今天（${today.toString()}）或以後`,
    });
}
