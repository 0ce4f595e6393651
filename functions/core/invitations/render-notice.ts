// What one person receives: subject, plain text and HTML (zh-TW first, then English), and for
// invitations and cancellations the calendar object. Case details never appear here: these
// messages leave the county's systems and sit in mailboxes and phones for years.
//
// Each message says what happened to this person: their first message for a meeting is an
// invitation whatever the SEQUENCE; an update names what changed since their last message, old →
// new, and why; a removed contact is told they are no longer invited, never that the meeting is off.
import type { CountyConfig, NetworkUnit, SeriesDefinition, Venue } from '../series/county-config.ts';
import type { Occurrence } from '../planning/occurrence.ts';
import type { ChairChangeEntry, NoticeKind, Recipient } from '../notices/notice.ts';
import { digestLines } from '../notices/chair-change-digest.ts';
import { rocFormalDate, rocFormalDateTime } from '../calendar/roc-date.ts';
import { Temporal, todayInTaipei } from '../calendar/local-date.ts';
import { renderMeetingCalendar, type CalendarAttendee, type CalendarMethod } from './meeting-calendar.ts';
import { meetingTime } from './meeting-time.ts';
import { englishDate, englishDateTime } from './english-date.ts';
import { englishMeetingTimeOf, meetingChanges, rocMeetingTime, unitName, type MeetingChange } from './meeting-changes.ts';
import { placementTypeNames, type PlacementType } from '../minutes/placement-type.ts';
import { calendarDescription, htmlBody, plainText, type NoticeLine, type Paragraph } from './notice-layout.ts';

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
   * Outcome follow-up forms (成效追蹤表) earlier panels of the series decided and not yet received:
   * by owing unit and placement type only. Nothing the chair typed is in it, so nothing about a
   * case can leave the county's systems through it.
   */
  owedFollowUps?: ReadonlyArray<OwedFollowUp>;
  /**
   * What this person was last told of the meeting by a calendar message that was sent. Absent when
   * nothing was sent to them yet: their first message is an invitation whatever the SEQUENCE.
   */
  told?: ToldMeeting;
  /** The secretariat's reason for the latest change of the meeting, as typed. */
  changeReason?: string;
  /** follow-up-due: the form this reminder is about (variant "<placementType>-ahead" or "-due"). */
  followUp?: OwedFollowUp;
  /** minutes-due, minutes-overdue and chair-duty: the deadline (YYYY-MM-DD, a working day). */
  deadline?: string;
  now: Date;
};

/** One placement type's follow-up forms owed by one unit, due on one day (YYYY-MM-DD). */
export type OwedFollowUp = { unitId: string; placementType: PlacementType; dueDate: string };

export type RenderedNotice = {
  subject: string;
  text: string;
  html: string;
  calendar?: { method: CalendarMethod; content: string };
};

/**
 * What the message tells this person. Derived from the kind and what they were last told, never
 * from the SEQUENCE alone: a contact added after the meeting moved gets an invitation at SEQUENCE 2.
 */
export type Telling =
  | { kind: 'invitation' }
  | { kind: 'update'; changes: MeetingChange[] }
  | { kind: 'resumed'; changes: MeetingChange[] }
  | { kind: 'cancelled' }
  | { kind: 'uninvited' }
  | { kind: Exclude<NoticeKind, 'invitation' | 'cancellation'> };

export function telling(kind: NoticeKind, context: Pick<NoticeContext, 'county' | 'occurrence' | 'told' | 'variant'>): Telling {
  if (kind === 'cancellation') return context.variant === 'removed' ? { kind: 'uninvited' } : { kind: 'cancelled' };
  if (kind !== 'invitation') return { kind };
  const { told, occurrence } = context;
  if (!told) return { kind: 'invitation' };
  const changes = meetingChanges(context.county, told, occurrence);
  if (told.status === 'cancelled' && occurrence.status === 'scheduled') return { kind: 'resumed', changes };
  // Told before and nothing they were told differs (a repeated invitation): inviting is the truth.
  return changes.length > 0 ? { kind: 'update', changes } : { kind: 'invitation' };
}

export function renderNotice(kind: NoticeKind, context: NoticeContext): RenderedNotice {
  if (kind === 'follow-up-due') return renderFollowUpReminder(context);
  const { series, links } = context;
  const told = telling(kind, context);
  const { occurrence, venue, chairUnit } = meetingAsShown(told, context);
  const { start } = meetingTime(occurrence);
  const headline = headlines(told, { ...context, occurrence });
  const subject = `${headline.zhTag} ${rocFormalDateTime(start)} ${series.name.zh}`;
  const invites = told.kind === 'invitation' || told.kind === 'update' || told.kind === 'resumed';

  const body: Paragraph[] = [
    { zh: headline.zh, en: headline.en, notInCalendar: true },
    {
      zh: [
        `會議：${series.name.zh}`,
        `時間：${rocMeetingTime(occurrence)}`,
        `地點：${venueLine(venue, 'zh')}`,
        `主持：${chairLine(context, chairUnit, 'zh')}`,
      ],
      en: [
        `Meeting: ${series.name.en ?? series.name.zh}`,
        `When: ${englishMeetingTimeOf(occurrence)}`,
        `Where: ${venueLine(venue, 'en')}`,
        `Chair: ${chairLine(context, chairUnit, 'en')}`,
      ],
    },
  ];
  if (occurrence.provisional && told.kind !== 'cancelled' && told.kind !== 'uninvited') {
    body.push({
      zh: ['※ 日期暫定：該年度行政機關辦公日曆表尚未公布，公布後可能調整。'],
      en: ['Provisional date: the government office calendar for that year is not yet published.'],
    });
  }
  if ((invites || kind === 'reminder' || kind === 'chair-duty') && series.agenda.length > 0) {
    body.push({
      zh: ['議程：', ...series.agenda.map((item, index) => `  ${chineseOrdinal(index + 1)}、${item.zh}`)],
      en: ['Agenda:', ...series.agenda.map((item, index) => `  ${index + 1}. ${item.en ?? item.zh}`)],
    });
  }
  const carried = invites || kind === 'reminder' ? (context.openActionItems ?? []) : [];
  if (carried.length > 0) {
    const owner = (id: string) => unitName(context.county, id);
    const due = (date: string) => Temporal.PlainDate.from(date);
    // Chairs type these; in meetings about children they may name a case, so there only the owner
    // and the due date leave the county's systems, and the text stays in the minutes.
    const describe = !series.discussesCases;
    body.push({
      zh: [
        `待辦事項追蹤（${carried.length} 項未結）：`,
        ...carried.map(
          (a) => `  ・${owner(a.ownerUnitId).zh}，期限 ${rocFormalDate(due(a.dueDate))}${describe ? `：${a.description}` : ''}`,
        ),
        ...(describe ? [] : ['  （事項內容請見會議紀錄）']),
      ],
      en: [
        `Open action items (${carried.length}):`,
        ...carried.map((a) => `  - ${owner(a.ownerUnitId).en}, due ${englishDate(due(a.dueDate))}${describe ? `: ${a.description}` : ''}`),
        ...(describe ? [] : ['  (details are in the minutes)']),
      ],
    });
  }
  const owed = invites || kind === 'reminder' ? (context.owedFollowUps ?? []) : [];
  if (owed.length > 0) body.push(owedFollowUpLines(context.county, owed));
  if (invites && series.discussesCases) {
    body.push({
      zh: ['請攜帶：貴單位提報個案之書面資料，於會中討論後收回。個案資料請勿以電子郵件傳送。'],
      en: [
        'Please bring: written material on the cases your unit refers, collected after the meeting. Never send case material by e-mail.',
      ],
    });
  }
  if (links.document && told.kind !== 'cancelled' && told.kind !== 'uninvited') {
    body.push({
      zh: [{ label: '開會通知單（PDF）', url: links.document, as: 'link' }],
      en: [{ label: 'Meeting notice (PDF, in Chinese)', url: links.document, as: 'link' }],
    });
  }
  if ((kind === 'chair-duty' || kind === 'minutes-due' || kind === 'minutes-overdue') && links.minutes) {
    body.push({
      zh: ['會議紀錄填寫連結（主持單位專用，請勿轉寄）：', { label: '填寫會議紀錄', url: links.minutes, as: 'primary' }],
      en: ["Minutes form (the chair's own link; do not forward):", { label: 'Fill in the minutes', url: links.minutes, as: 'primary' }],
    });
  }
  if (kind === 'minutes-distributed' && links.minutes) {
    body.push({
      zh: ['個人專屬閱覽連結（請勿轉寄，連結有效期限有限）：', { label: '閱覽會議紀錄', url: links.minutes, as: 'primary' }],
      en: ['Your personal read link (do not forward; it expires):', { label: 'Read the minutes', url: links.minutes, as: 'primary' }],
    });
  }
  if (invites && (links.accept || links.decline)) {
    // An answer to an earlier SEQUENCE is stale (record-rsvp), so after a change the earlier
    // links no longer count and whoever answered must answer again: say so, or they will not.
    const again = told.kind === 'update' || told.kind === 'resumed';
    body.push({
      zh: [again ? '請重新回覆是否出席（前次通知之回覆連結已失效）：' : '請回覆是否出席：', ...answerLinks(links, 'zh')],
      en: [again ? 'Please reply again (the links of the earlier notice no longer work):' : 'Please reply:', ...answerLinks(links, 'en')],
    });
  }
  body.push(secretariatFooter(context.county));

  const rendered: RenderedNotice = { subject, text: plainText(body), html: htmlBody(subject, body) };
  const method = calendarMethod(kind);
  if (method) {
    // RFC 5546 §3.2.5: a CANCEL that uninvites names only the uninvited and carries no STATUS,
    // because the meeting itself is not cancelled.
    const uninvited = told.kind === 'uninvited';
    rendered.calendar = {
      method,
      content: renderMeetingCalendar({
        method,
        ...(uninvited ? { cancels: 'attendees' as const } : {}),
        occurrence,
        summary: series.name.zh,
        location: venueLine(venue, 'zh'),
        description: calendarDescription(body),
        organizer: { name: context.county.secretariat.name.zh, email: context.county.secretariat.mailbox },
        attendees: uninvited ? [{ name: context.recipient.name, email: context.recipient.email, chair: false }] : context.attendees,
        stamp: context.now,
      }),
    };
  }
  return rendered;
}

/**
 * The follow-up forms the panel expects at this meeting, so the owing units bring them and the
 * chair can see who has not: unit, placement type and due date, in due order.
 */
export function owedFollowUpLines(county: CountyConfig, owed: ReadonlyArray<OwedFollowUp>): Paragraph {
  const sorted = [...owed].sort(
    (a, b) => a.dueDate.localeCompare(b.dueDate) || a.unitId.localeCompare(b.unitId) || a.placementType.localeCompare(b.placementType),
  );
  const due = (date: string) => Temporal.PlainDate.from(date);
  return {
    zh: sorted.map(
      (f) =>
        `應繳成效追蹤表：${unitName(county, f.unitId).zh} — ${placementTypeNames[f.placementType].zh}，期限 ${rocFormalDate(due(f.dueDate))}`,
    ),
    en: sorted.map(
      (f) =>
        `Outcome follow-up form owed: ${unitName(county, f.unitId).en} — ${placementTypeNames[f.placementType].en}, due ${englishDate(due(f.dueDate))}`,
    ),
  };
}

/**
 * To the unit that owes a placement type's follow-up forms: which forms, by when, and which panel
 * decided them, with who to call. Never the cases: the forms themselves go by the secretariat's own
 * channel, and the minutes are not quoted. The subject leads with the due date, not the panel's
 * day, so nobody reads it as a meeting to attend.
 */
function renderFollowUpReminder(context: NoticeContext): RenderedNotice {
  const { county, series, occurrence } = context;
  const form = context.followUp;
  if (!form) throw new Error('a follow-up reminder needs the form it reminds of');
  const due = Temporal.PlainDate.from(form.dueDate);
  const panelDay = Temporal.PlainDate.from(occurrence.date);
  const type = placementTypeNames[form.placementType];
  // The "-due" reminder may go a few days late (a daily run that did not happen): it says "today"
  // only when it is sent on the day.
  const today = todayInTaipei(Temporal.Instant.fromEpochMilliseconds(context.now.getTime()));
  const onTheDay = context.variant.endsWith('-due') && Temporal.PlainDate.compare(today, due) === 0;
  const late = context.variant.endsWith('-due') && Temporal.PlainDate.compare(today, due) > 0;
  const tag = onTheDay ? '今日到期' : late ? '已逾期限' : '繳交提醒';
  const subject = `【成效追蹤表】${tag} ${type.zh} 期限${rocFormalDate(due)} ${series.name.zh}`;
  const body: Paragraph[] = [
    onTheDay
      ? {
          zh: [`貴單位應繳之成效追蹤表（${type.zh}）今日到期，承辦單位尚未收到，請於今日繳交。`],
          en: [`Today, ${englishDate(due)}, your unit's outcome follow-up forms (${type.en}) are due and have not been received yet.`],
        }
      : late
        ? {
            zh: [`貴單位應繳之成效追蹤表（${type.zh}）期限為${rocFormalDate(due)}，承辦單位尚未收到，請儘速繳交。`],
            en: [
              `Your unit's outcome follow-up forms (${type.en}) were due on ${englishDate(due)} and have not been received. Please hand them in.`,
            ],
          }
        : {
            zh: [`提醒 貴單位，應繳之成效追蹤表（${type.zh}）繳交期限為${rocFormalDate(due)}，請於期限內繳交承辦單位。`],
            en: [`Reminder: your unit's outcome follow-up forms (${type.en}) are due by ${englishDate(due)}.`],
          },
    {
      zh: [
        `應繳單位：${unitName(county, form.unitId).zh}`,
        `安置類型：${type.zh}`,
        `繳交期限：${rocFormalDate(due)}`,
        `決議會議：${rocFormalDate(panelDay)} ${series.name.zh}`,
      ],
      en: [
        `Owed by: ${unitName(county, form.unitId).en}`,
        `Placement type: ${type.en}`,
        `Due: ${englishDate(due)}`,
        `Decided at: ${series.name.en ?? series.name.zh}, ${englishDate(panelDay)}`,
      ],
    },
    {
      zh: ['成效追蹤表含個案資料，請依承辦單位指定方式繳交，請勿以電子郵件回覆或附檔寄送。已繳交者請忽略本通知。'],
      en: [
        'The forms hold case details: hand them in as the secretariat directs, never by e-mail. If already handed in, please ignore this notice.',
      ],
    },
    secretariatFooter(county),
  ];
  return { subject, text: plainText(body), html: htmlBody(subject, body) };
}

/**
 * The meeting as the message names it. A cancellation or an uninvitation names it as the person
 * holds it in their calendar: when a move never reached them (the cancellation superseded it), the
 * day they know is the day they were told, and the new one would only confuse. SEQUENCE and UID
 * stay the meeting's own, so the calendar finds and removes the entry.
 */
function meetingAsShown(told: Telling, context: NoticeContext): { occurrence: Occurrence; venue: Venue; chairUnit: NetworkUnit } {
  const last = context.told;
  if (!last || (told.kind !== 'cancelled' && told.kind !== 'uninvited')) {
    return { occurrence: context.occurrence, venue: context.venue, chairUnit: context.chairUnit };
  }
  const { date, start, durationMinutes, venueId, chairUnitId } = last;
  return {
    occurrence: { ...context.occurrence, date, start, durationMinutes, venueId, chairUnitId },
    venue: context.county.venues.find((v) => v.id === venueId) ?? context.venue,
    chairUnit: context.county.units.find((u) => u.id === chairUnitId) ?? context.chairUnit,
  };
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
  const unit = (id: string, language: 'zh' | 'en') => unitName(county, id)[language];
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
  body.push(secretariatFooter(county));
  return { subject, text: plainText(body), html: htmlBody(subject, body) };
}

/**
 * Who to call: the secretariat's name and mailbox, and, once the county has set it, the person
 * (承辦人) and their telephone. A squad leader with a question phones; nobody answers a mailbox.
 */
function secretariatFooter(county: CountyConfig): Paragraph {
  const { secretariat } = county;
  const contact = secretariat.contact;
  return {
    zh: [
      `承辦單位：${secretariat.name.zh}（${secretariat.mailbox}）`,
      ...(contact ? [`承辦人：${contact.name}，電話：${contact.phone}`] : []),
      '本通知不含個案資料；個案資料僅於會議中提供。',
    ],
    en: [
      `Secretariat: ${secretariat.name.en ?? secretariat.name.zh} (${secretariat.mailbox})`,
      ...(contact ? [`Contact: ${contact.name}, tel. ${contact.phone}`] : []),
      'This notice carries no case details; they are shared in the meeting only.',
    ],
  };
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
    case 'reinstatement': {
      const reinstated = entry.cancelledDate ? Temporal.PlainDate.from(entry.cancelledDate) : undefined;
      return language === 'zh'
        ? `${reinstated ? `${rocFormalDate(reinstated)}之` : '先前取消之'}會議恢復召開，主持輪值回復`
        : `${reinstated ? `the meeting of ${englishDate(reinstated)}` : 'an earlier cancelled meeting'} is held after all, so the chair rotation moved back`;
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

function calendarMethod(kind: NoticeKind): CalendarMethod | undefined {
  if (kind === 'invitation') return 'REQUEST';
  if (kind === 'cancellation') return 'CANCEL';
  return undefined;
}

type Headline = { zhTag: string; zh: string[]; en: string[] };

function headlines(told: Telling, context: NoticeContext): Headline {
  const { start } = meetingTime(context.occurrence);
  const reason = context.changeReason?.trim();
  const deadline = context.deadline ? Temporal.PlainDate.from(context.deadline) : undefined;
  const deadlineZh = deadline ? [`繳交期限：${rocFormalDate(deadline)}`] : [];
  const deadlineEn = deadline ? [`Deadline: ${englishDate(deadline)}`] : [];
  const changed = (changes: readonly MeetingChange[], reasonZh: string, reasonEn: string) => ({
    zh: [...changes.map((c) => `  ${c.zh}`), ...(reason ? [`${reasonZh}：${reason}`] : [])],
    en: [...changes.map((c) => `  ${c.en}`), ...(reason ? [`${reasonEn}: ${reason}`] : [])],
  });
  switch (told.kind) {
    case 'invitation':
      return { zhTag: '【開會通知】', zh: ['敬邀 貴單位派員出席下列會議。'], en: ['Your unit is invited to the meeting below.'] };
    case 'update': {
      const lines = changed(told.changes, '異動原因', 'Reason');
      return {
        zhTag: '【會議異動】',
        zh: ['下列會議已異動，請以本通知為準：', ...lines.zh],
        en: ['The meeting below has changed; this notice replaces the earlier one:', ...lines.en],
      };
    }
    case 'resumed': {
      const lines = changed(told.changes, '恢復原因', 'Reason');
      return {
        zhTag: '【會議恢復】',
        zh: ['下列會議前經通知取消，現恢復召開，敬邀 貴單位派員出席。', ...lines.zh],
        en: ['The meeting below, cancelled earlier, will be held after all. Your unit is invited.', ...lines.en],
      };
    }
    case 'cancelled':
      return {
        zhTag: '【會議取消】',
        zh: ['下列會議取消，請自行事曆中移除。', ...(reason ? [`取消原因：${reason}`] : [])],
        en: ['The meeting below is cancelled. Please remove it from your calendar.', ...(reason ? [`Reason: ${reason}`] : [])],
      };
    case 'uninvited':
      return {
        zhTag: '【邀請異動】',
        zh: ['您已不在本次會議邀請名單，本會議照常舉行，請自行事曆中移除。', '如認為有誤，請洽承辦人。'],
        en: [
          'You are no longer on the invitation list of this meeting. The meeting itself goes ahead as planned; please remove it from your calendar.',
          'If you think this is a mistake, please contact the secretariat.',
        ],
      };
    case 'reminder':
      // The meeting's own day and hour, read at send time: a reminder never says "in N days",
      // which is wrong the moment the meeting moves.
      return {
        zhTag: '【會議提醒】',
        zh: [`提醒您，下列會議將於${rocFormalDateTime(start)}召開。`],
        en: [`Reminder: the meeting below is on ${englishDateTime(start)}.`],
      };
    case 'chair-duty':
      return {
        zhTag: '【主持通知】',
        zh: [`下列會議由 貴單位擔任主持，會後請${deadline ? '於期限內' : ''}上傳會議紀錄。`, ...deadlineZh],
        en: [`Your unit chairs the meeting below and uploads its minutes afterwards${deadline ? ' by the deadline' : ''}.`, ...deadlineEn],
      };
    case 'chair-duty-update':
      // The chair was told of its duty before the invitations; the meeting has changed since. What
      // the notice shows is the meeting as it is now (read at send time), so it says "as below",
      // never a day it may no longer be.
      return {
        zhTag: '【主持會議異動】',
        zh: [
          '貴單位擔任主持的下列會議已異動，日期、時間及地點請以本通知為準；開會通知將另行寄送。',
          ...(reason ? [`異動原因：${reason}`] : []),
        ],
        en: [
          'The meeting below, which your unit chairs, has changed: go by the date, time and place in this notice. The invitation follows.',
          ...(reason ? [`Reason: ${reason}`] : []),
        ],
      };
    case 'chair-change':
      // A chair change of one meeting, as queued before digests existed: it states no cause,
      // because it does not know it. Digests (renderChairChangeDigest) say from, to and why.
      return { zhTag: '【主持異動】', zh: ['下列會議之主持單位已變更。'], en: ['The meeting below has a new chair.'] };
    case 'minutes-due':
      return {
        zhTag: '【會議紀錄】',
        zh: [`請${deadline ? '於期限內' : ''}上傳本次會議紀錄。`, ...deadlineZh],
        en: [`Please upload the minutes of this meeting${deadline ? ' by the deadline' : ''}.`, ...deadlineEn],
      };
    case 'minutes-overdue':
      return {
        zhTag: '【紀錄逾期】',
        zh: ['本次會議紀錄已逾繳交期限，請儘速上傳。', ...deadlineZh],
        en: ['The minutes of this meeting are overdue. Please upload them.', ...deadlineEn],
      };
    case 'follow-up-due':
      // Rendered by renderFollowUpReminder, which names the form rather than a meeting to attend.
      return { zhTag: '【成效追蹤表】', zh: ['請繳交成效追蹤表。'], en: ['Please hand in the outcome follow-up forms.'] };
    case 'minutes-distributed':
      // The link, never the text: minutes are confidential and mail is kept for years.
      return context.links.minutes
        ? { zhTag: '【會議紀錄分送】', zh: ['本次會議紀錄已核定。'], en: ['The minutes of this meeting are approved.'] }
        : {
            zhTag: '【會議紀錄分送】',
            zh: ['本次會議紀錄已核定，閱覽連結請洽承辦人。'],
            en: ['The approved minutes of this meeting are available; ask the secretariat for a read link.'],
          };
  }
}

function venueLine(venue: Venue, language: 'zh' | 'en'): string {
  const name = language === 'zh' ? venue.name.zh : (venue.name.en ?? venue.name.zh);
  const details = [
    venue.address,
    venue.phone ? `${language === 'zh' ? '電話' : 'tel.'} ${venue.phone}` : undefined,
    venue.onlineUrl,
  ].filter(Boolean);
  if (details.length === 0) return name;
  return language === 'zh' ? `${name}（${details.join('，')}）` : `${name} (${details.join(', ')})`;
}

function chairLine(context: NoticeContext, chairUnit: NetworkUnit, language: 'zh' | 'en'): string {
  const unit = language === 'zh' ? chairUnit.name.zh : (chairUnit.name.en ?? chairUnit.name.zh);
  const title = context.series.chair.kind === 'fixed' ? context.series.chair.title : undefined;
  const chair = title ? `${unit} ${title}` : unit;
  // A rotating chair is easy to miss in a list of meetings: say so when it is the reader's unit.
  if (chairUnit.id !== context.recipient.unitId) return chair;
  return language === 'zh' ? `${chair}（貴單位）` : `${chair} (your unit)`;
}

function answerLinks(links: NoticeLinks, language: 'zh' | 'en'): NoticeLine[] {
  const lines: NoticeLine[] = [];
  if (links.accept) lines.push({ label: language === 'zh' ? '出席' : 'Accept', url: links.accept, as: 'primary' });
  if (links.decline) lines.push({ label: language === 'zh' ? '不克出席' : 'Decline', url: links.decline, as: 'secondary' });
  return lines;
}

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
function chineseOrdinal(n: number): string {
  if (n <= 10) return digits[n] ?? String(n);
  if (n < 20) return `十${digits[n - 10] ?? ''}`;
  return String(n);
}
