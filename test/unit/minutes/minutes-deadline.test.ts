import { describe, expect, it } from 'vitest';
import { itemOverdue, minutesDueDate, minutesOverdue } from '../../../functions/core/minutes/minutes-deadline.ts';
import { caseConference } from './minutes-fixtures.ts';

describe('minutes deadlines', () => {
  it('are the series\u2019 due days after the meeting, in calendar days', () => {
    expect(caseConference.leadTimes.minutesDueDaysAfter).toBe(14);
    expect(minutesDueDate('2026-03-25', caseConference)).toBe('2026-04-08');
    expect(minutesDueDate('2026-12-23', caseConference)).toBe('2027-01-06');
  });

  it.each([
    [undefined, '2026-04-08', false, 'missing, on the due day'],
    [undefined, '2026-04-09', true, 'missing, the day after'],
    ['draft', '2026-04-09', true, 'still a draft'],
    ['submitted', '2026-05-01', false, 'submitted'],
    ['approved', '2026-05-01', false, 'approved'],
  ] as const)('minutes %s on %s overdue: %s (%s)', (state, today, overdue, _why) => {
    expect(minutesOverdue(state, '2026-04-08', today)).toBe(overdue);
  });

  it('makes an item overdue from the day after it is due', () => {
    expect(itemOverdue('2026-04-15', '2026-04-15')).toBe(false);
    expect(itemOverdue('2026-04-15', '2026-04-16')).toBe(true);
  });
});
