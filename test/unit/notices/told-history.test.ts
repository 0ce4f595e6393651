// What a person's next calendar message of a meeting may be, from what was sent to them: the
// meeting of Wednesday 2026-03-25, moved to Tuesday 3/24 (SEQUENCE 1) and then to Thursday 3/19 (2).
import { describe, expect, it } from 'vitest';
import { calendarDecision, comesAfter, wireSequenceOf, type SentCalendarNotice } from '../../../functions/core/notices/told-history.ts';
import { testOccurrence } from '../../support/test-occurrence.ts';

const meeting = (sequence: number, date: string) =>
  testOccurrence({ seriesId: 'child-protection-case-conference', slotKey: '2026-03', date, sequence });
const now = meeting(2, '2026-03-19');
const request = (sequence: number, variant = 'request') => ({ kind: 'invitation' as const, variant, sequence });
const uninvitation = (sequence: number, variant = 'removed') => ({ kind: 'cancellation' as const, variant, sequence });
const sent = (
  notice: Pick<SentCalendarNotice, 'kind' | 'variant' | 'sequence'>,
  date: string,
  wire = notice.sequence,
): SentCalendarNotice => ({
  ...notice,
  told: { ...meeting(wire, date), sequence: wire },
});

describe('a calendar message to one person', () => {
  it('is an invitation when nothing was sent to them, whatever the SEQUENCE', () => {
    expect(calendarDecision(request(2), now, [])).toEqual({ send: true, sequence: 2 });
  });

  it('is an update against what they were last told', () => {
    const decision = calendarDecision(request(2), now, [sent(request(1), '2026-03-24')]);
    expect(decision).toMatchObject({ send: true, sequence: 2, told: { sequence: 1, date: '2026-03-24' } });
  });

  it('is never an older SEQUENCE after a newer one', () => {
    expect(calendarDecision(request(1), meeting(1, '2026-03-24'), [sent(request(2), '2026-03-19')])).toMatchObject({ send: false });
    // Nor an update queued before their removal, once the uninvitation went out.
    expect(calendarDecision(request(2), now, [sent(request(1), '2026-03-24'), sent(uninvitation(2), '2026-03-19', 3)])).toMatchObject({
      send: false,
    });
  });

  it('uninvites above what they hold, naming the meeting as they hold it', () => {
    const decision = calendarDecision(uninvitation(2), now, [sent(request(1), '2026-03-24')]);
    expect(decision).toMatchObject({ send: true, sequence: 3, told: { date: '2026-03-24' } });
  });

  it('sends no uninvitation to someone who never received the meeting', () => {
    expect(calendarDecision(uninvitation(2), now, [])).toMatchObject({ send: false });
  });

  it('re-invites a re-added person above their CANCEL, as a first invitation, and keeps them above', () => {
    const history = [sent(request(1), '2026-03-24'), sent(uninvitation(2), '2026-03-19', 3)];
    const back = calendarDecision(request(2, 'readd-1'), now, history);
    expect(back).toEqual({ send: true, sequence: 4 });
    // The meeting then moves to SEQUENCE 3: they hold 4, so they are sent 5.
    const later = calendarDecision(request(3), meeting(3, '2026-03-20'), [...history, sent(request(2, 'readd-1'), '2026-03-19', 4)]);
    expect(later).toMatchObject({ send: true, sequence: 5, told: { sequence: 4, date: '2026-03-19' } });
  });

  it('reads items sent before snapshots were kept as an update at the SEQUENCE they carried', () => {
    const old: SentCalendarNotice = request(1);
    const decision = calendarDecision(request(2), now, [old]);
    expect(decision).toMatchObject({ send: true, sequence: 2, told: { sequence: 1, date: '2026-03-19' } });
    expect(wireSequenceOf(uninvitation(1))).toBe(2);
  });

  it('orders a re-invitation after the CANCEL of the same revision', () => {
    expect(comesAfter(request(2, 'readd-1'), uninvitation(2))).toBe(true);
    expect(comesAfter(uninvitation(2, 'removed-2'), request(2, 'readd-1'))).toBe(true);
    expect(comesAfter(request(2), uninvitation(2))).toBe(false);
  });
});
