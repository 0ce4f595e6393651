// 開會通知單: what the government's meeting-notice form says about one meeting, as plain text
// fields in the form's order, ready for any renderer (PDF, ODT). It is built from the
// configuration and the occurrence only: a notice leaves the county's systems, so no case detail
// can reach it (there is no field that could carry one).
import type { CountyConfig, SeriesDefinition } from '../core/series/county-config.ts';
import type { Occurrence } from '../core/planning/occurrence.ts';
import { rocYear } from '../core/calendar/roc-date.ts';
import { Temporal } from '../core/calendar/local-date.ts';
import { chairText, chineseNumber, fullWidthSpace, meetingName, meetingTimeText, unitName, venueText } from './meeting-particulars.ts';

/** The office that issues the notice (發文機關) and how to reach it, printed top right. */
export type NoticeIssuer = {
  /** 機關全銜, e.g. 嘉義縣政府. */
  name: string;
  address?: string;
  fax?: string;
};

/** 聯絡人 (承辦人) of the secretariat for this meeting. */
export type NoticeContact = { name: string; phone: string; email?: string };

/** An earlier notice this one changes: named by its date and 發文字號, as officers cite documents. */
export type SupersededNotice = { issuedOn: string; documentNumber: string };

export type NoticeRevisionKind = 'original' | 'correction' | 'cancellation';

export type MeetingNoticeDocument = {
  issuer: { name: string; address?: string; contactPerson: string; phone: string; fax?: string; email?: string };
  /** 檔號 and 保存年限: filled by the archive clerk; printed as labels when empty. */
  fileNumber: string;
  retention: string;
  /** 受文者. */
  recipient: string;
  /** 發文日期 as YYYY-MM-DD; printed 中華民國115年3月4日. */
  issuedOn: string;
  /** 發文字號, e.g. 府社保字第1150012345號. */
  documentNumber: string;
  /** 速別: 最速件, 速件 or 普通件. */
  speed: string;
  /** 密等及解密條件或保密期限. */
  classification: string;
  /** 附件. */
  attachments: string;
  /** 開會事由. */
  subject: string;
  /** 開會時間, e.g. 115年3月25日（星期三）下午2時. */
  time: string;
  /** 開會地點. */
  venue: string;
  /** 主持人. */
  chair: string;
  /** 聯絡人及電話. */
  contact: string;
  /** 出席者, 列席者 and 副本: unit names. */
  attendees: string[];
  observers: string[];
  copies: string[];
  /** 備註, numbered 一、二、… when printed. */
  remarks: string[];
  /** 更正 or 取消 marks the title; the first remark says which notice it changes. */
  revision: NoticeRevisionKind;
};

export type MeetingNoticeInput = {
  config: CountyConfig;
  series: SeriesDefinition;
  occurrence: Occurrence;
  issuer: NoticeIssuer;
  contact: NoticeContact;
  /** YYYY-MM-DD in Taipei. */
  issuedOn: string;
  /** Formatted by formatDocumentNumber from the office's pattern and its yearly serial. */
  documentNumber: string;
  /** 第幾次 this year's meeting is (序號 of the annual plan); omitted for ad-hoc sessions. */
  meetingNumber?: number;
  recipient?: string;
  speed?: string;
  classification?: string;
  attachments?: readonly string[];
  /** Units asked to sit in (列席), e.g. a school for one case. */
  observerUnitIds?: readonly string[];
  /** 副本: units that are told but do not attend. */
  copies?: readonly string[];
  /** 主持人 when the configuration does not say who chairs in person. */
  chair?: string;
  remarks?: readonly string[];
  revision?:
    | { kind: 'original' }
    /** 更正: the meeting changed; `previous` is the occurrence as the earlier notice showed it. */
    | { kind: 'correction'; supersedes: SupersededNotice; previous: Occurrence }
    /** 取消: the meeting will not take place. */
    | { kind: 'cancellation'; supersedes: SupersededNotice; reason: string };
};

/** 中華民國115年3月4日: the 發文日期 line (no weekday, unlike meeting times). */
export function rocIssueDate(isoDate: string): string {
  const date = Temporal.PlainDate.from(isoDate);
  return `中華民國${rocYear(date.year)}年${date.month}月${date.day}日`;
}

/** 115年3月4日: how a notice cites an earlier one's date. */
function rocShortDate(isoDate: string): string {
  const date = Temporal.PlainDate.from(isoDate);
  return `${rocYear(date.year)}年${date.month}月${date.day}日`;
}

/** What a correction changes, in the words of the form's fields. */
function describeChanges(config: CountyConfig, series: SeriesDefinition, previous: Occurrence, current: Occurrence): string[] {
  const changes: string[] = [];
  const before = meetingTimeText(previous);
  const after = meetingTimeText(current);
  if (before !== after) changes.push(`開會時間由${before}改為${after}`);
  if (previous.venueId !== current.venueId) {
    changes.push(`開會地點由${venueText(config, previous.venueId)}改為${venueText(config, current.venueId)}`);
  }
  if (previous.chairUnitId !== current.chairUnitId) {
    changes.push(`主持人由${chairText(config, series, previous)}改為${chairText(config, series, current)}`);
  }
  return changes;
}

/** How an office names itself when it cites its own document: 本府, 本局, 本處, or its full name. */
function selfReference(issuerName: string): string {
  if (issuerName.endsWith('政府')) return '本府';
  for (const suffix of ['局', '處', '所', '中心']) if (issuerName.endsWith(suffix)) return `本${suffix}`;
  return issuerName;
}

export function meetingNoticeDocument(input: MeetingNoticeInput): MeetingNoticeDocument {
  const { config, series, occurrence } = input;
  const revision = input.revision ?? { kind: 'original' };
  if (revision.kind !== 'original' && revision.supersedes.documentNumber === input.documentNumber) {
    // A 更正 or 取消 is a document of its own: reusing the number would make two documents one.
    throw new RangeError(`更正或取消的開會通知單須有新的發文字號，不可沿用 ${input.documentNumber}`);
  }
  const name = meetingName(series, occurrence, input.meetingNumber);
  const observers = (input.observerUnitIds ?? []).map((id) => unitName(config, id));

  const remarks: string[] = [];
  const cited = (notice: SupersededNotice) =>
    `${selfReference(input.issuer.name)}${rocShortDate(notice.issuedOn)}${notice.documentNumber}開會通知單`;
  if (revision.kind === 'correction') {
    const changes = describeChanges(config, series, revision.previous, occurrence);
    remarks.push(`本件更正${cited(revision.supersedes)}：${changes.length ? changes.join('；') : '內容更正'}，其餘不變。`);
  } else if (revision.kind === 'cancellation') {
    remarks.push(`本件取消${cited(revision.supersedes)}所訂會議，原因：${revision.reason}。`);
  } else {
    remarks.push('請準時出席；如不克出席，請指派業務相關人員代理出席。');
  }
  if (revision.kind !== 'cancellation') {
    if (series.agenda.length)
      remarks.push(`會議議程：${series.agenda.map((item, i) => `（${chineseNumber(i + 1)}）${item.zh}`).join('')}。`);
    if (series.discussesCases) {
      remarks.push('本會議討論個案，個案資料於會中提供並於會後收回，請勿複製、攜出或外流；本通知單不載個案資料。');
    }
    if (occurrence.provisional) remarks.push('會議日期暫定：該年度行政機關辦公日曆表尚未公布，公布後如有異動將另行通知。');
  }
  remarks.push(...(input.remarks ?? []));

  const contact = input.contact;
  return {
    issuer: {
      name: input.issuer.name,
      ...(input.issuer.address ? { address: input.issuer.address } : {}),
      contactPerson: contact.name,
      phone: contact.phone,
      ...(input.issuer.fax ? { fax: input.issuer.fax } : {}),
      ...(contact.email ? { email: contact.email } : {}),
    },
    fileNumber: '',
    retention: '',
    recipient: input.recipient ?? (observers.length ? '如出席者及列席者' : '如出席者'),
    issuedOn: input.issuedOn,
    documentNumber: input.documentNumber,
    speed: input.speed ?? '普通件',
    classification: input.classification ?? '普通',
    attachments: input.attachments?.length ? input.attachments.join('、') : '無',
    subject: revision.kind === 'cancellation' ? `取消召開本縣${name}` : `召開本縣${name}`,
    time: revision.kind === 'cancellation' ? `原訂${meetingTimeText(occurrence)}（取消）` : meetingTimeText(occurrence),
    venue: venueText(config, occurrence.venueId),
    chair: input.chair ?? chairText(config, series, occurrence),
    // The address and e-mail are in the office block above; the form's line wants name and phone.
    contact: `${contact.name}${fullWidthSpace}${contact.phone}`,
    attendees: series.invitedUnitIds.map((id) => unitName(config, id)),
    observers,
    copies: [...(input.copies ?? [])],
    remarks,
    revision: revision.kind,
  };
}

/** The form's title: 嘉義縣政府 開會通知單 (a full-width space between), with （更正） or （取消） for a changed notice. */
export function noticeTitle(document: Pick<MeetingNoticeDocument, 'issuer' | 'revision'>): string {
  const mark = document.revision === 'correction' ? '（更正）' : document.revision === 'cancellation' ? '（取消）' : '';
  return `${document.issuer.name}${fullWidthSpace}開會通知單${mark}`;
}

export type NoticeFieldSize = 'recipient' | 'record' | 'meeting' | 'distribution';

export type NoticeField = { label: string; value: string; size: NoticeFieldSize };

/**
 * The form's labelled lines in its order. Sizes follow 文書處理手冊: 受文者 and the meeting's
 * particulars large, the record lines (發文日期 …) and the distribution (出席者 …) small.
 */
export function noticeFields(document: MeetingNoticeDocument): NoticeField[] {
  const none = '無';
  return [
    { label: '受文者', value: document.recipient, size: 'recipient' },
    { label: '發文日期', value: rocIssueDate(document.issuedOn), size: 'record' },
    { label: '發文字號', value: document.documentNumber, size: 'record' },
    { label: '速別', value: document.speed, size: 'record' },
    { label: '密等及解密條件或保密期限', value: document.classification, size: 'record' },
    { label: '附件', value: document.attachments, size: 'record' },
    { label: '開會事由', value: document.subject, size: 'meeting' },
    { label: '開會時間', value: document.time, size: 'meeting' },
    { label: '開會地點', value: document.venue, size: 'meeting' },
    { label: '主持人', value: document.chair, size: 'meeting' },
    { label: '聯絡人及電話', value: document.contact, size: 'meeting' },
    { label: '出席者', value: document.attendees.join('、') || none, size: 'distribution' },
    { label: '列席者', value: document.observers.join('、') || none, size: 'distribution' },
    { label: '副本', value: document.copies.join('、') || none, size: 'distribution' },
  ];
}

/** 備註 items numbered as in 公文: 一、二、… (a single remark is not numbered). */
export function numberedRemarks(remarks: readonly string[]): Array<{ number: string; text: string }> {
  if (remarks.length === 1) return [{ number: '', text: remarks[0]! }];
  return remarks.map((text, i) => ({ number: `${chineseNumber(i + 1)}、`, text }));
}

/** The issuing office's lines top right: 地址, 承辦人, 電話, 傳真, 電子信箱. */
export function issuerLines(document: MeetingNoticeDocument): Array<{ label: string; value: string }> {
  const { issuer } = document;
  return [
    ...(issuer.address ? [{ label: '地址', value: issuer.address }] : []),
    { label: '承辦人', value: issuer.contactPerson },
    { label: '電話', value: issuer.phone },
    ...(issuer.fax ? [{ label: '傳真', value: issuer.fax }] : []),
    ...(issuer.email ? [{ label: '電子信箱', value: issuer.email }] : []),
  ];
}
