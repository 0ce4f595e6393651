// A committee's attendance is member by member, and the meeting has its quorum when enough members
// are present (the placement panel: nine members, a quorum of five in the default configuration).
import { describe, expect, it } from 'vitest';
import { isCommittee, quorumCount, quorumText, withCommitteeAttendance } from '../../../functions/core/minutes/committee-attendance.ts';
import { followUpDueDefault } from '../../../functions/core/minutes/follow-up-due.ts';
import { config } from './minutes-fixtures.ts';

const panel = config.units.find((u) => u.id === 'placement-panel')!;
const members = panel.contacts.map((c) => c.id);
const marks = (present: number, absent: number) => [
  ...members.slice(0, present).map((contactId) => ({ contactId, present: true })),
  ...members.slice(present, present + absent).map((contactId) => ({ contactId, present: false })),
];

describe('a committee\u2019s quorum', () => {
  it('is configured on the placement panel, as a placeholder until the county confirms it', () => {
    expect(isCommittee(panel)).toBe(true);
    expect(panel.committee).toEqual({ quorum: 5, placeholder: true });
    expect(isCommittee(config.units.find((u) => u.id === 'police-women-children'))).toBe(false);
  });

  it.each([
    [5, 4, { present: 5, marked: 9, met: true }, '出席 5 位／委員 9 位，法定出席人數 5 位：已達法定出席人數'],
    [4, 5, { present: 4, marked: 9, met: false }, '出席 4 位／委員 9 位，法定出席人數 5 位：未達法定出席人數'],
    [3, 2, { present: 3, marked: 5, met: false }, '出席 3 位／委員 9 位，法定出席人數 5 位：尚有 4 位未勾選'],
    [6, 0, { present: 6, marked: 6, met: true }, '出席 6 位／委員 9 位，法定出席人數 5 位：已達法定出席人數'],
  ])('%i present and %i absent', (present, absent, expected, text) => {
    const count = quorumCount(panel as never, { unitId: panel.id, present: present > 0, names: [], members: marks(present, absent) });
    expect(count).toMatchObject({ members: 9, quorum: 5, ...expected });
    expect(quorumText(count)).toBe(text);
  });

  it('gives the unit\u2019s line its present flag and the names of the members present', () => {
    const minutes = withCommitteeAttendance(
      {
        attendance: [
          { unitId: panel.id, present: false, names: [], members: marks(2, 7) },
          { unitId: 'social-child-welfare', present: true, names: ['科長'] },
        ],
        summary: '',
        resolutions: [],
        actionItems: [],
      },
      (id) => config.units.find((u) => u.id === id),
    );
    expect(minutes.attendance[0]).toMatchObject({ present: true, names: [panel.contacts[0]!.name, panel.contacts[1]!.name] });
    expect(minutes.attendance[1]).toEqual({ unitId: 'social-child-welfare', present: true, names: ['科長'] });
  });
});

describe('the due date offered for outcome follow-up forms', () => {
  const panelMeetings = [
    { slotKey: '2026-03', date: '2026-03-12', status: 'scheduled' as const },
    { slotKey: '2026-05-14', date: '2026-05-14', status: 'cancelled' as const },
    { slotKey: '2026-07', date: '2026-07-09', status: 'scheduled' as const },
    { slotKey: '2026-11', date: '2026-11-12', status: 'scheduled' as const },
  ];

  it('is the day before the next panel that will meet', () => {
    expect(followUpDueDefault(panelMeetings[0]!, panelMeetings)).toBe('2026-07-08');
    expect(followUpDueDefault(panelMeetings[2]!, panelMeetings)).toBe('2026-11-11');
  });

  it('is left to the chair when no next panel is planned yet', () => {
    expect(followUpDueDefault(panelMeetings[3]!, panelMeetings)).toBeUndefined();
  });
});
