// Rules that need the series and the meeting: attendance is per invited unit, owners are known
// units, due dates fall after the meeting, and the placement-review part belongs to the placement
// panel only. A draft may be incomplete; a submitted record must be whole.
import type { CountyConfig, SeriesDefinition } from '../series/county-config.ts';
import { Temporal } from '../calendar/local-date.ts';
import type { MinutesContent } from './minutes-schema.ts';

export type MinutesProblem = { path: string; message: string };

export type MinutesCheck = {
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
  const invited = new Set(series.invitedUnitIds);
  const knownUnits = new Set(config.units.map((u) => u.id));

  const seen = new Set<string>();
  minutes.attendance.forEach((entry, index) => {
    if (!invited.has(entry.unitId)) problems.push({ path: `attendance.${index}.unitId`, message: 'is not a unit invited to this series' });
    if (seen.has(entry.unitId)) problems.push({ path: `attendance.${index}.unitId`, message: 'appears twice' });
    seen.add(entry.unitId);
    if (entry.present && entry.names.length === 0 && check.purpose === 'submit') {
      problems.push({ path: `attendance.${index}.names`, message: 'a unit that was present needs at least one name' });
    }
  });

  const inWindow = (date: string, horizon: { years: number }) => {
    const day = Temporal.PlainDate.from(date);
    return Temporal.PlainDate.compare(day, meetingDate) >= 0 && Temporal.PlainDate.compare(day, meetingDate.add(horizon)) <= 0;
  };
  minutes.actionItems.forEach((item, index) => {
    if (!knownUnits.has(item.ownerUnitId)) problems.push({ path: `actionItems.${index}.ownerUnitId`, message: 'is not a configured unit' });
    if (!inWindow(item.dueDate, maxActionItemHorizon)) {
      problems.push({
        path: `actionItems.${index}.dueDate`,
        message: `must be on or after the meeting (${check.meetingDate}) and within two years of it`,
      });
    }
  });

  if (minutes.placementReview && series.minutesForm !== 'placement-review') {
    problems.push({ path: 'placementReview', message: 'only the placement review panel records proposals by placement type' });
  }
  minutes.placementReview?.followUpForms.forEach((form, index) => {
    if (!inWindow(form.dueDate, maxFollowUpHorizon)) {
      problems.push({
        path: `placementReview.followUpForms.${index}.dueDate`,
        message: `must be on or after the meeting (${check.meetingDate}) and within a year of it`,
      });
    }
  });

  if (check.purpose === 'submit') {
    series.invitedUnitIds.forEach((unitId) => {
      if (!seen.has(unitId)) problems.push({ path: 'attendance', message: `attendance of invited unit "${unitId}" is missing` });
    });
    if (minutes.summary.trim().length === 0)
      problems.push({ path: 'summary', message: 'must not be empty when the minutes are submitted' });
    if (series.minutesForm === 'placement-review' && !minutes.placementReview) {
      problems.push({ path: 'placementReview', message: 'the placement review panel records its proposals by placement type' });
    }
  }
  return problems;
}
