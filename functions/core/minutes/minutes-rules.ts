// Rules that need the series and the meeting: attendance is per invited unit (and, for a committee
// unit, per member), owners are known units, due dates fall after the meeting, and the
// placement-review part belongs to the placement panel only. A draft may be incomplete; a
// submitted record must be whole. Each problem has the path of its field, a short English message
// for the JSON API, and the zh-TW sentence the chair reads next to the field: never an internal id.
import type { CountyConfig, SeriesDefinition } from '../series/county-config.ts';
import { Temporal } from '../calendar/local-date.ts';
import { rocFormalDate } from '../calendar/roc-date.ts';
import type { MinutesContent } from './minutes-schema.ts';
import { isCommittee } from './committee-attendance.ts';

export type MinutesProblem = {
  path: string;
  message: string;
  /** What the chair reads next to the field, in zh-TW. */
  zh: string;
  /** When the problem is about one invited unit that has no entry yet (so no index in `attendance`). */
  unitId?: string;
};

export type MinutesCheck = {
  /** The county as it is now (the roster applied): units, and the members of committee units. */
  config: CountyConfig;
  series: SeriesDefinition;
  /** The meeting's local date, YYYY-MM-DD. */
  meetingDate: string;
  /** 'draft' allows gaps; 'submit' requires every invited unit's attendance and a summary. */
  purpose: 'draft' | 'submit';
};

/** How far after the meeting a due date may lie: further out is almost surely a typo (2062 for 2026). */
const maxActionItemHorizon = { years: 2 } as const;
const maxFollowUpHorizon = { years: 1 } as const;

export function checkMinutes(minutes: MinutesContent, check: MinutesCheck): MinutesProblem[] {
  const problems: MinutesProblem[] = [];
  const { series, config } = check;
  const meetingDate = Temporal.PlainDate.from(check.meetingDate);
  const meetingDay = rocFormalDate(meetingDate);
  const invited = new Set(series.invitedUnitIds);
  const unitOf = (unitId: string) => config.units.find((u) => u.id === unitId);

  const seen = new Set<string>();
  minutes.attendance.forEach((entry, index) => {
    const unit = unitOf(entry.unitId);
    if (!invited.has(entry.unitId))
      problems.push({
        path: `attendance.${index}.unitId`,
        message: 'is not a unit invited to this series',
        zh: '此單位不在本會議的受邀名單中。',
      });
    if (seen.has(entry.unitId))
      problems.push({ path: `attendance.${index}.unitId`, message: 'appears twice', zh: '同一單位的出席情形填了兩次。' });
    seen.add(entry.unitId);
    if (isCommittee(unit)) {
      const marks = entry.members ?? [];
      const members = new Set(unit.contacts.map((c) => c.id));
      if (marks.some((m) => !members.has(m.contactId)))
        problems.push({
          path: `attendance.${index}.members`,
          message: 'names someone who is not a member of this committee',
          zh: '名單中有人不是本小組的委員，請重新整理頁面後再填。',
        });
      const unmarked = unit.contacts.filter((c) => !marks.some((m) => m.contactId === c.id)).length;
      if (unmarked > 0 && check.purpose === 'submit')
        problems.push({
          path: `attendance.${index}.members`,
          message: 'every member needs present or absent',
          zh: `請為每位委員勾選出席或缺席（尚有 ${unmarked} 位未勾選）。`,
        });
    } else if (entry.present && entry.names.length === 0 && check.purpose === 'submit') {
      problems.push({
        path: `attendance.${index}.names`,
        message: 'a unit that was present needs at least one name',
        zh: '已勾選「出席」，請填寫至少一位出席人員。',
      });
    }
  });

  const inWindow = (date: string, horizon: { years: number }) => {
    const day = Temporal.PlainDate.from(date);
    return Temporal.PlainDate.compare(day, meetingDate) >= 0 && Temporal.PlainDate.compare(day, meetingDate.add(horizon)) <= 0;
  };
  minutes.actionItems.forEach((item, index) => {
    if (!unitOf(item.ownerUnitId))
      problems.push({ path: `actionItems.${index}.ownerUnitId`, message: 'is not a configured unit', zh: '請選擇負責單位。' });
    if (!inWindow(item.dueDate, maxActionItemHorizon)) {
      problems.push({
        path: `actionItems.${index}.dueDate`,
        message: `must be on or after the meeting (${check.meetingDate}) and within two years of it`,
        zh: `完成期限不可早於會議當天 ${meetingDay}，也不可晚於兩年後。`,
      });
    }
  });

  if (minutes.placementReview && series.minutesForm !== 'placement-review') {
    problems.push({
      path: 'placementReview',
      message: 'only the placement review panel records proposals by placement type',
      zh: '只有在地評估小組會議填寫各安置類型提案。',
    });
  }
  minutes.placementReview?.followUpForms.forEach((form, index) => {
    if (!inWindow(form.dueDate, maxFollowUpHorizon)) {
      problems.push({
        path: `placementReview.followUpForms.${index}.dueDate`,
        message: `must be on or after the meeting (${check.meetingDate}) and within a year of it`,
        zh: `繳交期限不可早於會議當天 ${meetingDay}，也不可晚於一年後。`,
      });
    }
    if (form.ownerUnitId !== undefined && !unitOf(form.ownerUnitId))
      problems.push({
        path: `placementReview.followUpForms.${index}.ownerUnitId`,
        message: 'is not a configured unit',
        zh: '請選擇應繳交的單位。',
      });
    else if (form.ownerUnitId === undefined && form.formsOwed > 0 && check.purpose === 'submit')
      problems.push({
        path: `placementReview.followUpForms.${index}.ownerUnitId`,
        message: 'the unit that owes the forms is needed when the minutes are submitted',
        zh: '請選擇應繳交成效追蹤表的單位。',
      });
  });

  if (check.purpose === 'submit') {
    series.invitedUnitIds.forEach((unitId) => {
      if (seen.has(unitId)) return;
      const committee = isCommittee(unitOf(unitId));
      problems.push({
        path: 'attendance',
        unitId,
        message: `attendance of invited unit "${unitId}" is missing`,
        zh: committee ? '請為每位委員勾選出席或缺席。' : '請勾選出席或缺席。',
      });
    });
    if (minutes.summary.trim().length === 0)
      problems.push({ path: 'summary', message: 'must not be empty when the minutes are submitted', zh: '送出前請填寫會議摘要。' });
    if (series.minutesForm === 'placement-review' && !minutes.placementReview) {
      problems.push({
        path: 'placementReview',
        message: 'the placement review panel records its proposals by placement type',
        zh: '送出前請填寫各安置類型的提案件數（沒有提案請填 0）。',
      });
    }
  }
  return problems;
}
