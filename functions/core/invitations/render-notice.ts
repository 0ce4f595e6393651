// What one person receives: subject, plain text and HTML (zh-TW first, then English), and for
// invitations and cancellations the calendar object. Case details never appear here: these
// messages leave the county's systems and sit in mailboxes and phones for years.
import type { CountyConfig, NetworkUnit, SeriesDefinition, Venue } from '../series/county-config.ts';
import type { Occurrence } from '../planning/occurrence.ts';
import type { ChairChangeEntry, NoticeKind, Recipient } from '../notices/notice.ts';
import { digestLines } from '../notices/chair-change-digest.ts';
import { rocClockTime, rocFormalDate, rocFormalDateTime } from '../calendar/roc-date.ts';
import { Temporal } from '../calendar/local-date.ts';
import { renderMeetingCalendar, type CalendarAttendee, type CalendarMethod } from './meeting-calendar.ts';
import { meetingTime } from './meeting-time.ts';
import { escapeHtml } from './escape-html.ts';

export type NoticeLinks = {
  accept?: string;
  decline?: string;
  minutes?: string;
  /** Signed download of the meeting's 開會通知單: in the text and HTML parts only, never in the calendar. */
  document?: string;
};

/** The meeting as a calendar message that went out last told this person of it. */
export type ToldMeeting = Pick<Occurrence, 'sequence' | 'status' | 'date' | 'start' | 'durationMinutes' | 'venueId' | 'chairUnitId'>;

export type NoticeContext = {
  county: CountyConfig;
  series: SeriesDefinition;
  occurrence: Occurrence;
  venue: Venue;
  chairUnit: NetworkUnit;
  recipient: Recipient;
  attendees: readonly CalendarAttendee[];
  links: NoticeLinks;
  /** For reminders: which one ("7" or "1" days before). */
  variant: string;
  /** Open action items of earlier meetings of the series, carried forward into the agenda. */
  openActionItems?: ReadonlyArray<{ description: string; ownerUnitId: string; dueDate: string }>;
  /**
   * What this person was last told of the meeting by a calendar message that was sent. Absent when
   * nothing was sent to them yet: their first message is an invitation whatever the SEQUENCE.
   */
  told?: ToldMeeting;
  /** The secretariat's reason for the latest change of the meeting, as typed. */
  changeReason?: string;
  /** minutes-due, minutes-overdue and chair-duty: the deadline (YYYY-MM-DD, a working day). */
  deadline?: string;
  now: Date;
};

export type RenderedNotice = {
  subject: string;
  text: string;
  html: string;
  calendar?: { method: CalendarMethod; content: string };
};

type Paragraph = { zh: string[]; en: string[] };

export function renderNotice(kind: NoticeKind, context: NoticeContext): RenderedNotice {
  const { series, occurrence } = context;
  const { start, end } = meetingTime(occurrence);
  const when = `${rocFormalDateTime(start)}至${rocClockTime(end.toPlainTime())}`;
  const whenEn = `${start.toPlainDate().toLocaleString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', calendar: 'iso8601' })}, ${start.toPlainTime().toString().slice(0, 5)}–${end.toPlainTime().toString().slice(0, 5)} (Asia/Taipei)`;
  const headline = headlines(kind, context);
  const subject = `${headline.zhTag} ${rocFormalDateTime(start)} ${series.name.zh}`;

  const body: Paragraph[] = [
    { zh: [headline.zhLead], en: [headline.enLead] },
    {
      zh: [`會議：${series.name.zh}`, `時間：${when}`, `地點：${venueLine(context.venue, 'zh')}`, `主持：${chairLine(context, 'zh')}`],
      en: [
        `Meeting: ${series.name.en ?? series.name.zh}`,
        `When: ${whenEn}`,
        `Where: ${venueLine(context.venue, 'en')}`,
        `Chair: ${chairLine(context, 'en')}`,
      ],
    },
  ];
  if (occurrence.provisional) {
    body.push({
      zh: ['※ 日期暫定：該年度行政機關辦公日曆表尚未公布，公布後可能調整。'],
      en: ['Provisional date: the government office calendar for that year is not yet published.'],
    });
  }
  if (kind !== 'cancellation' && series.agenda.length > 0) {
    body.push({
      zh: ['議程：', ...series.agenda.map((item, index) => `  ${chineseOrdinal(index + 1)}、${item.zh}`)],
      en: ['Agenda:', ...series.agenda.map((item, index) => `  ${index + 1}. ${item.en ?? item.zh}`)],
    });
  }
  const carried = kind === 'invitation' || kind === 'reminder' ? (context.openActionItems ?? []) : [];
  if (carried.length > 0) {
    const owner = (id: string, language: 'zh' | 'en') => {
      const unit = context.county.units.find((u) => u.id === id);
      return (language === 'zh' ? unit?.name.zh : (unit?.name.en ?? unit?.name.zh)) ?? id;
    };
    // Chairs type these; in meetings about children they may name a case, so there only the owner
    // and the due date leave the county's systems, and the text stays in the minutes.
    const describe = !series.discussesCases;
    body.push({
      zh: [
        `待辦事項追蹤（${carried.length} 項未結）：`,
        ...carried.map((a) => `  ・${owner(a.ownerUnitId, 'zh')}，期限 ${a.dueDate}${describe ? `：${a.description}` : ''}`),
        ...(describe ? [] : ['  （事項內容請見會議紀錄）']),
      ],
      en: [
        `Open action items (${carried.length}):`,
        ...carried.map((a) => `  - ${owner(a.ownerUnitId, 'en')}, due ${a.dueDate}${describe ? `: ${a.description}` : ''}`),
        ...(describe ? [] : ['  (details are in the minutes)']),
      ],
    });
  }
  if (kind === 'invitation' && series.discussesCases) {
    body.push({
      zh: ['請攜帶：貴單位提報個案之書面資料，於會中討論後收回。個案資料請勿以電子郵件傳送。'],
      en: [
        'Please bring: written material on the cases your unit refers, collected after the meeting. Never send case material by e-mail.',
      ],
    });
  }
  if ((kind === 'chair-duty' || kind === 'minutes-due' || kind === 'minutes-overdue') && context.links.minutes) {
    body.push({
      zh: ['會議紀錄填寫連結（主持單位專用，請勿轉寄）：', `  ${context.links.minutes}`],
      en: ["Minutes form (the chair's own link; do not forward):", `  ${context.links.minutes}`],
    });
  }
  if (kind === 'invitation' && (context.links.accept || context.links.decline)) {
    body.push({
      zh: ['請回覆是否出席：', ...linkLines(context.links, 'zh')],
      en: ['Please reply:', ...linkLines(context.links, 'en')],
    });
  }
  body.push({
    zh: [
      `承辦：${context.county.secretariat.name.zh}（${context.county.secretariat.mailbox}）`,
      '本通知不含個案資料；個案資料僅於會議中提供。',
    ],
    en: [
      `Secretariat: ${context.county.secretariat.name.en ?? context.county.secretariat.name.zh}`,
      'This notice carries no case details; they are shared in the meeting only.',
    ],
  });

  const rendered: RenderedNotice = { subject, text: plainText(body), html: htmlBody(subject, body) };
  const method = calendarMethod(kind);
  if (method) {
    rendered.calendar = {
      method,
      content: renderMeetingCalendar({
        method,
        occurrence,
        summary: series.name.zh,
        location: venueLine(context.venue, 'zh'),
        description: plainText(body.slice(1)),
        organizer: { name: context.county.secretariat.name.zh, email: context.county.secretariat.mailbox },
        attendees: context.attendees,
        stamp: context.now,
      }),
    };
  }
  return rendered;
}

export type ChairDigestContext = {
  county: CountyConfig;
  recipient: Recipient;
  /** The Taipei day the digest is for (YYYY-MM-DD). */
  day: string;
  entries: readonly ChairChangeEntry[];
};

/**
 * One person's chair changes of one day: every meeting whose chair moved, from which unit to which,
 * and the true cause (a cancellation, a swap, an acting chair, or the rotation itself).
 */
export function renderChairChangeDigest(context: ChairDigestContext): RenderedNotice {
  const { county } = context;
  const lines = digestLines(context.entries);
  const unit = (id: string, language: 'zh' | 'en') => {
    const found = county.units.find((u) => u.id === id);
    return (language === 'zh' ? found?.name.zh : (found?.name.en ?? found?.name.zh)) ?? id;
  };
  const series = (id: string, language: 'zh' | 'en') => {
    const found = county.series.find((s) => s.id === id);
    return (language === 'zh' ? found?.name.zh : (found?.name.en ?? found?.name.zh)) ?? id;
  };
  const subject = `【主持異動】${rocFormalDate(Temporal.PlainDate.from(context.day))} 會議主持單位異動通知（${lines.length} 場）`;
  const body: Paragraph[] = [
    {
      zh: ['下列會議的主持單位已異動，請留意 貴單位擔任主持的場次：'],
      en: ['The chair of the meetings below has changed. Please note which of them your unit now chairs:'],
    },
    ...lines.map((entry): Paragraph => {
      const start = meetingTime({ date: entry.date, start: entry.start, durationMinutes: 0 }).start;
      return {
        zh: [
          `・${series(entry.seriesId, 'zh')}\u3000${rocFormalDateTime(start)}`,
          `  主持單位由「${unit(entry.fromUnitId, 'zh')}」改為「${unit(entry.toUnitId, 'zh')}」`,
          `  原因：${causeText(entry, 'zh')}`,
        ],
        en: [
          `- ${series(entry.seriesId, 'en')}, ${englishDateTime(start)}`,
          `  Chair: from ${unit(entry.fromUnitId, 'en')} to ${unit(entry.toUnitId, 'en')}`,
          `  Cause: ${causeText(entry, 'en')}`,
        ],
      };
    }),
  ];
  if (lines.some((e) => e.toUnitId === context.recipient.unitId)) {
    body.push({
      zh: ['貴單位新擔任主持的場次，會前將另寄主持通知及會議紀錄填寫連結。'],
      en: ['For each meeting your unit now chairs, a chair notice with the minutes link follows before the meeting.'],
    });
  }
  body.push({
    zh: [`承辦：${county.secretariat.name.zh}（${county.secretariat.mailbox}）`, '本通知不含個案資料；個案資料僅於會議中提供。'],
    en: [
      `Secretariat: ${county.secretariat.name.en ?? county.secretariat.name.zh}`,
      'This notice carries no case details; they are shared in the meeting only.',
    ],
  });
  return { subject, text: plainText(body), html: htmlBody(subject, body) };
}

function causeText(entry: ChairChangeEntry, language: 'zh' | 'en'): string {
  const reasonZh = entry.reason ? `（${entry.reason}）` : '';
  const reasonEn = entry.reason ? ` (${entry.reason})` : '';
  switch (entry.cause) {
    case 'cancellation': {
      const cancelled = entry.cancelledDate ? Temporal.PlainDate.from(entry.cancelledDate) : undefined;
      return language === 'zh'
        ? `${cancelled ? `${rocFormalDate(cancelled)}之` : '先前'}會議取消，主持輪值順延`
        : `${cancelled ? `the meeting of ${englishDate(cancelled)}` : 'an earlier meeting'} was cancelled, so the chair rotation moved on`;
    }
    case 'swap':
      return language === 'zh' ? `兩場會議之主持單位互換${reasonZh}` : `the chairs of two meetings were swapped${reasonEn}`;
    case 'acting-chair':
      return language === 'zh'
        ? `本場次改由代理單位主持${reasonZh}`
        : `another unit chairs this meeting in place of the rotation${reasonEn}`;
    case 'rotation':
      return language === 'zh' ? '本系列之主持輪值設定變更' : "the series' chair rotation was changed";
  }
}

// English dates from a fixed table: ICU's output differs between Node builds (some drop the month).
const englishMonths = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const englishWeekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function englishDate(date: Temporal.PlainDate): string {
  return `${englishWeekdays[date.dayOfWeek - 1]} ${date.day} ${englishMonths[date.month - 1]} ${date.year}`;
}

function englishDateTime(start: Temporal.ZonedDateTime): string {
  return `${englishDate(start.toPlainDate())}, ${start.toPlainTime().toString().slice(0, 5)} (Asia/Taipei)`;
}

function calendarMethod(kind: NoticeKind): CalendarMethod | undefined {
  if (kind === 'invitation') return 'REQUEST';
  if (kind === 'cancellation') return 'CANCEL';
  return undefined;
}

function headlines(kind: NoticeKind, context: NoticeContext): { zhTag: string; zhLead: string; enLead: string } {
  const update = context.occurrence.sequence > 0;
  switch (kind) {
    case 'invitation':
      return update
        ? {
            zhTag: '【會議異動】',
            zhLead: '本次會議之時間、地點或主持單位已異動，請以本通知為準。',
            enLead: 'This meeting has changed (time, place or chair). This notice replaces the earlier one.',
          }
        : { zhTag: '【開會通知】', zhLead: '敬邀 貴單位派員出席下列會議。', enLead: 'Your unit is invited to the meeting below.' };
    case 'cancellation':
      return { zhTag: '【會議取消】', zhLead: '下列會議取消，請自行事曆中移除。', enLead: 'The meeting below is cancelled.' };
    case 'reminder':
      return {
        zhTag: '【會議提醒】',
        zhLead: `提醒您，下列會議將於${context.variant}日後召開。`,
        enLead: `Reminder: the meeting below is in ${context.variant} day(s).`,
      };
    case 'chair-duty':
      return {
        zhTag: '【主持通知】',
        zhLead: '下列會議由 貴單位擔任主持，會後請上傳會議紀錄。',
        enLead: 'Your unit chairs the meeting below and uploads its minutes afterwards.',
      };
    case 'chair-change':
      // A chair change of one meeting, as queued before digests existed: it states no cause,
      // because it does not know it. Digests (renderChairChangeDigest) say from, to and why.
      return {
        zhTag: '【主持異動】',
        zhLead: '下列會議之主持單位已變更。',
        enLead: 'The meeting below has a new chair.',
      };
    case 'minutes-due':
      return {
        zhTag: '【會議紀錄】',
        zhLead: '請於期限內上傳本次會議紀錄。',
        enLead: 'Please upload the minutes of this meeting before the deadline.',
      };
    case 'minutes-overdue':
      return {
        zhTag: '【紀錄逾期】',
        zhLead: '本次會議紀錄已逾繳交期限，請儘速上傳。',
        enLead: 'The minutes of this meeting are overdue. Please upload them.',
      };
    case 'minutes-distributed': {
      // The link, never the text: minutes are confidential and mail is kept for years.
      const link = context.links.minutes;
      return {
        zhTag: '【會議紀錄分送】',
        zhLead: link
          ? `本次會議紀錄已核定，請由下列個人專屬連結閱覽（請勿轉寄，連結有效期限有限）：${link}`
          : '本次會議紀錄已核定，閱覽連結請洽承辦人。',
        enLead: link
          ? `The approved minutes of this meeting can be read at your personal link (do not forward; it expires): ${link}`
          : 'The approved minutes of this meeting are available; ask the secretariat for a read link.',
      };
    }
  }
}

function venueLine(venue: Venue, language: 'zh' | 'en'): string {
  const name = language === 'zh' ? venue.name.zh : (venue.name.en ?? venue.name.zh);
  const details = [
    venue.address,
    venue.phone ? `${language === 'zh' ? '電話' : 'tel.'} ${venue.phone}` : undefined,
    venue.onlineUrl,
  ].filter(Boolean);
  return details.length > 0 ? `${name}（${details.join('，')}）` : name;
}

function chairLine(context: NoticeContext, language: 'zh' | 'en'): string {
  const unit = language === 'zh' ? context.chairUnit.name.zh : (context.chairUnit.name.en ?? context.chairUnit.name.zh);
  const title = context.series.chair.kind === 'fixed' ? context.series.chair.title : undefined;
  return title ? `${unit} ${title}` : unit;
}

function linkLines(links: NoticeLinks, language: 'zh' | 'en'): string[] {
  const lines: string[] = [];
  if (links.accept) lines.push(`  ${language === 'zh' ? '出席' : 'Accept'}：${links.accept}`);
  if (links.decline) lines.push(`  ${language === 'zh' ? '不克出席' : 'Decline'}：${links.decline}`);
  return lines;
}

function plainText(paragraphs: readonly Paragraph[]): string {
  const zh = paragraphs.map((p) => p.zh.join('\n')).join('\n\n');
  const en = paragraphs.map((p) => p.en.join('\n')).join('\n\n');
  return `${zh}\n\n----- English -----\n\n${en}\n`;
}

function htmlBody(title: string, paragraphs: readonly Paragraph[]): string {
  const block = (lines: readonly string[]) => `<p>${lines.map((line) => linkify(escapeHtml(line))).join('<br>')}</p>`;
  return [
    '<!doctype html><html lang="zh-Hant-TW"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;line-height:1.6">`,
    `<div lang="zh-Hant-TW">${paragraphs.map((p) => block(p.zh)).join('')}</div>`,
    '<hr>',
    `<div lang="en">${paragraphs.map((p) => block(p.en)).join('')}</div>`,
    '</body></html>',
  ].join('');
}

/** Only our own https links, already escaped, become anchors. */
function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<（）]+/g, (url) => `<a href="${url}">${url}</a>`);
}

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
function chineseOrdinal(n: number): string {
  if (n <= 10) return digits[n] ?? String(n);
  if (n < 20) return `十${digits[n - 10] ?? ''}`;
  return String(n);
}
