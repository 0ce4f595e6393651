// 會議紀錄: the minutes of one meeting in the layout a county office files, built from one stored
// version of the minutes. What the stored record does not hold yet (紀錄, 散會時間, 列席, 請假,
// deputies, 臨時動議, the subject of each 討論事項) is an optional input; left out, the document says
// 未記載 rather than guessing. An approved version is fixed: the same version always yields the
// same document, so every export of it is byte-identical.
import type { CountyConfig, SeriesDefinition } from '../core/series/county-config.ts';
import type { Occurrence } from '../core/planning/occurrence.ts';
import type { MinutesHead } from '../core/minutes/minutes-record.ts';
import type { MinutesState } from '../core/minutes/minutes-lifecycle.ts';
import { placementTypeNames } from '../core/minutes/placement-type.ts';
import { rocClockTime, rocYear } from '../core/calendar/roc-date.ts';
import { Temporal } from '../core/calendar/local-date.ts';
import { chairText, fullWidthSpace, meetingName, meetingTimeText, unitName, venueText } from './meeting-particulars.ts';

/** One unit in an attendance group: its people, deputies marked （代理）. */
export type AttendanceLine = { unit: string; names: string[] };

export type AttendanceGroup = {
  /** 出席, 列席, 請假 or 缺席. */
  label: string;
  lines: AttendanceLine[];
  units: number;
  /** People named; 請假 and 缺席 count units only. */
  people: number;
};

export type AgendaItem = { subject: string; resolution: string };

export type ActionItemLine = { description: string; owner: string; due: string; status: string };

export type MinutesDocument = {
  issuer: string;
  meetingName: string;
  time: string;
  venue: string;
  chair: string;
  /** 紀錄: who took the minutes. */
  recorder: string;
  attendance: AttendanceGroup[];
  /** 報告事項. */
  reports: string[];
  /** 討論事項, each with its 決議. */
  discussions: AgendaItem[];
  /** The placement panel's review by placement type (在地評估小組 only). */
  placementReview?: { proposals: string[]; followUpForms: string[] };
  /** 臨時動議. */
  motions: AgendaItem[];
  actionItems: ActionItemLine[];
  /** 散會時間, e.g. 下午4時. */
  adjournedAt: string;
  /** The minutes version this document shows, and its state (草稿 until approved). */
  version: number;
  state: MinutesState;
  /** ISO instant the version was approved (or last saved, for a draft): the file's date. */
  fixedAt: string;
  /** Case conferences: a confidentiality line heads every page. */
  confidential: boolean;
};

export type MinutesDocumentInput = {
  config: CountyConfig;
  series: SeriesDefinition;
  occurrence: Occurrence;
  head: Pick<MinutesHead, 'version' | 'state' | 'minutes' | 'updatedAt' | 'approvedAt'>;
  issuer: string;
  meetingNumber?: number;
  recorder?: string;
  /** HH:MM, local time. */
  adjournedAt?: string;
  /** 列席: units asked to sit in, who are not among the series' invited units. */
  observers?: ReadonlyArray<{ unitId: string; names: readonly string[] }>;
  /** Absent units that asked to be excused (請假); other absent units are 缺席. */
  excusedUnitIds?: readonly string[];
  /** Names in the attendance that attended as deputies. */
  deputies?: ReadonlyArray<{ unitId: string; name: string }>;
  /** Subjects of the 討論事項, in the order of the resolutions; missing ones read 第N案. */
  discussionSubjects?: readonly string[];
  motions?: readonly AgendaItem[];
};

export const notRecorded = '未記載';

function rocDate(isoDate: string): string {
  const date = Temporal.PlainDate.from(isoDate);
  return `${rocYear(date.year)}年${date.month}月${date.day}日`;
}

function group(label: string, lines: AttendanceLine[], countPeople: boolean): AttendanceGroup {
  return { label, lines, units: lines.length, people: countPeople ? lines.reduce((sum, l) => sum + l.names.length, 0) : 0 };
}

/** 出席（共5單位7人）, 請假（共1單位）: the group's label with its counts. */
export function attendanceHeading(group: AttendanceGroup): string {
  if (group.units === 0) return group.label;
  return group.people > 0 ? `${group.label}（共${group.units}單位${group.people}人）` : `${group.label}（共${group.units}單位）`;
}

/** The summary as the chair typed it, one 報告事項 per paragraph. */
function reportItems(summary: string): string[] {
  return summary
    .split(/\r?\n\s*\r?\n|\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

export function minutesDocument(input: MinutesDocumentInput): MinutesDocument {
  const { config, series, occurrence, head } = input;
  const { minutes } = head;
  const deputy = (unitId: string, name: string) => input.deputies?.some((d) => d.unitId === unitId && d.name === name) ?? false;
  const line = (unitId: string, names: readonly string[]): AttendanceLine => ({
    unit: unitName(config, unitId),
    names: names.map((name) => (deputy(unitId, name) ? `${name}（代理）` : name)),
  });
  const present = minutes.attendance.filter((a) => a.present);
  const absent = minutes.attendance.filter((a) => !a.present);
  const excused = new Set(input.excusedUnitIds ?? []);

  const discussions = minutes.resolutions.map((resolution, index) => ({
    subject: input.discussionSubjects?.[index] ?? '',
    resolution,
  }));
  const review = minutes.placementReview;

  return {
    issuer: input.issuer,
    meetingName: meetingName(series, occurrence, input.meetingNumber),
    time: meetingTimeText(occurrence),
    venue: venueText(config, occurrence.venueId),
    chair: chairText(config, series, occurrence),
    recorder: input.recorder ?? notRecorded,
    attendance: [
      group(
        '出席',
        present.map((a) => line(a.unitId, a.names)),
        true,
      ),
      group(
        '列席',
        (input.observers ?? []).map((o) => line(o.unitId, o.names)),
        true,
      ),
      group(
        '請假',
        absent.filter((a) => excused.has(a.unitId)).map((a) => line(a.unitId, a.names)),
        false,
      ),
      group(
        '缺席',
        absent.filter((a) => !excused.has(a.unitId)).map((a) => line(a.unitId, a.names)),
        false,
      ),
    ],
    reports: reportItems(minutes.summary),
    discussions,
    ...(review
      ? {
          placementReview: {
            proposals: review.proposals.map((p) => `${placementTypeNames[p.placementType].zh}：提案${p.caseCount}案`),
            followUpForms: review.followUpForms.map(
              (f) =>
                `${placementTypeNames[f.placementType].zh}：成效追蹤表${f.formsOwed}份，${rocDate(f.dueDate)}前繳交（${f.status === 'received' ? '已繳交' : '待繳交'}）`,
            ),
          },
        }
      : {}),
    motions: [...(input.motions ?? [])],
    actionItems: minutes.actionItems.map((item) => ({
      description: item.description,
      owner: unitName(config, item.ownerUnitId),
      due: rocDate(item.dueDate),
      status: item.status === 'done' ? '已完成' : '追蹤中',
    })),
    adjournedAt: input.adjournedAt ? rocClockTime(Temporal.PlainTime.from(input.adjournedAt)) : notRecorded,
    version: head.version,
    state: head.state,
    fixedAt: head.approvedAt ?? head.updatedAt,
    confidential: series.discussesCases,
  };
}

/** 115年度第二次強化兒少保護跨網絡合作會議紀錄, marked 草稿 before approval. */
export function minutesTitle(document: Pick<MinutesDocument, 'meetingName' | 'state'>): string {
  const draft = document.state === 'approved' || document.state === 'distributed' ? '' : '（草稿）';
  // 強化兒少保護跨網絡合作會議 → …合作會議紀錄, not …會議會議紀錄.
  const name = document.meetingName.endsWith('會議') ? `${document.meetingName}紀錄` : `${document.meetingName}會議紀錄`;
  return `${name}${draft}`;
}

export const confidentialityNotice = '本紀錄含個案資料，限業務相關人員閱覽，請勿複製、轉寄或外流。';

/** 密 and the notice: heads every page of a case conference's minutes. */
export const confidentialityMark = `密${fullWidthSpace}${confidentialityNotice}`;

/** 第3版，115年3月30日核定: which version this is, for the footer of every export. */
export function versionLine(document: Pick<MinutesDocument, 'version' | 'state' | 'fixedAt'>): string {
  const day = Temporal.Instant.from(document.fixedAt).toZonedDateTimeISO('Asia/Taipei').toPlainDate();
  const approved = document.state === 'approved' || document.state === 'distributed';
  return `第${document.version}版，${rocDate(day.toString())}${approved ? '核定' : '存檔（未核定）'}`;
}
