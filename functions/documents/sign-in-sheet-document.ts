// 簽到表: the sheet at the door that each person signs. Every invited unit has a line, filled with
// the names its contacts answered with (deputies marked 代理), or left for the person to write in;
// a panel of named members (在地評估小組委員) has one line per member; blank lines take walk-ins.
// 出席 (invited units) and 列席 (units asked to sit in) are signed in separate parts.
import type { CountyConfig, SeriesDefinition } from '../core/series/county-config.ts';
import type { Occurrence } from '../core/planning/occurrence.ts';
import { chairText, meetingName, meetingTimeText, unitName, venueText } from './meeting-particulars.ts';

export type SignInRow = {
  unit: string;
  title: string;
  name: string;
  /** 代理 for a deputy, 回覆請假 for a unit whose contacts all declined; empty otherwise. */
  note: string;
};

export type SignInPart = {
  /** 出席人員 or 列席人員. */
  heading: string;
  rows: SignInRow[];
  /** Empty lines after the named ones, for people nobody announced. */
  blankRows: number;
};

export type SignInSheetDocument = {
  /** Who prints it, e.g. 嘉義縣政府: the PDF's author. */
  issuer: string;
  meetingName: string;
  /** YYYY-MM-DD: the meeting's date. */
  meetingDate: string;
  time: string;
  venue: string;
  chair: string;
  parts: SignInPart[];
};

/** What one contact answered, as the wiring reads it from the stored answers and the roster. */
export type SignInAnswer = {
  unitId: string;
  name: string;
  title?: string;
  /** Attends in place of the unit's usual representative. */
  deputy?: boolean;
  attending: boolean;
};

export type SignInSheetInput = {
  config: CountyConfig;
  series: SeriesDefinition;
  occurrence: Occurrence;
  issuer: string;
  answers: readonly SignInAnswer[];
  meetingNumber?: number;
  /** 列席 units for this meeting. */
  observerUnitIds?: readonly string[];
  /** Units whose contacts are the named members of a panel: one line per member, answered or not. */
  panelUnitIds?: readonly string[];
  /** Blank lines under each part; 3 unless said otherwise. */
  walkInRows?: number;
};

function unitRows(input: SignInSheetInput, unitId: string): SignInRow[] {
  const unit = unitName(input.config, unitId);
  const answers = input.answers.filter((a) => a.unitId === unitId);
  if (input.panelUnitIds?.includes(unitId)) {
    const members = input.config.units.find((u) => u.id === unitId)?.contacts ?? [];
    const declined = new Set(answers.filter((a) => !a.attending).map((a) => a.name));
    const memberRows = members.map((m) => ({ unit, title: m.title ?? '', name: m.name, note: declined.has(m.name) ? '回覆請假' : '' }));
    const deputies = answers.filter((a) => a.attending && a.deputy);
    return [...memberRows, ...deputies.map((a) => ({ unit, title: a.title ?? '', name: a.name, note: '代理' }))];
  }
  const attending = answers.filter((a) => a.attending);
  if (attending.length > 0) return attending.map((a) => ({ unit, title: a.title ?? '', name: a.name, note: a.deputy ? '代理' : '' }));
  // Nobody answered yes: the line is still there, for whoever the unit sends.
  return [{ unit, title: '', name: '', note: answers.length > 0 ? '回覆請假' : '' }];
}

export function signInSheetDocument(input: SignInSheetInput): SignInSheetDocument {
  const { config, series, occurrence } = input;
  const blankRows = input.walkInRows ?? 3;
  return {
    issuer: input.issuer,
    meetingName: meetingName(series, occurrence, input.meetingNumber),
    meetingDate: occurrence.date,
    time: meetingTimeText(occurrence),
    venue: venueText(config, occurrence.venueId),
    chair: chairText(config, series, occurrence),
    parts: [
      { heading: '出席人員', rows: series.invitedUnitIds.flatMap((id) => unitRows(input, id)), blankRows },
      { heading: '列席人員', rows: (input.observerUnitIds ?? []).flatMap((id) => unitRows(input, id)), blankRows },
    ],
  };
}

export const signInColumns = [
  { header: '單位', width: 2.9 },
  { header: '職稱', width: 1.6 },
  { header: '姓名', width: 1.9 },
  // The widest column: a signature needs room, a printed name does not.
  { header: '簽名', width: 3.2 },
  { header: '備註', width: 1.3, align: 'center' as const },
];

/** A part's rows as table cells, the blank lines included. */
export function signInCells(part: SignInPart): string[][] {
  return [
    ...part.rows.map((r) => [r.unit, r.title, r.name, '', r.note]),
    ...Array.from({ length: part.blankRows }, () => ['', '', '', '', '']),
  ];
}
