// Planning twice equals planning once, whatever the day, the horizon and the overrides.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planSeries } from '../../../functions/core/planning/plan-series.ts';
import type { OccurrenceOverride } from '../../../functions/core/planning/override.ts';
import { Temporal } from '../../../functions/core/calendar/local-date.ts';
import { meetingTime } from '../../../functions/core/invitations/meeting-time.ts';
import { applyChanges, config, officeCalendar, testUid } from '../../support/planning-fixtures.ts';

const anyDay = fc.integer({ min: 0, max: 365 * 9 }).map((offset) => Temporal.PlainDate.from('2017-01-01').add({ days: offset }));

describe('planning is idempotent', () => {
  it('a second run over what the first stored changes nothing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...config.series),
        anyDay,
        fc.integer({ min: 1, max: 24 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 11 }), fc.constantFrom('cancel', 'move', 'venue')), { maxLength: 4 }),
        (series, day, horizonMonths, edits) => {
          const now = Temporal.Instant.from(`${day.toString()}T09:00+08:00`);
          const first = planSeries({ series, calendar: officeCalendar, overrides: [], stored: [], now, horizonMonths, newUid: testUid });
          let stored = applyChanges([], first);
          // People then change some of the planned meetings.
          const upcoming = stored.filter((o) => o.date >= day.toString());
          const overrides = edits.flatMap(([index, kind]): OccurrenceOverride[] => {
            const target = upcoming[index % Math.max(1, upcoming.length)];
            if (!target) return [];
            const base = { seriesId: series.id, slotKey: target.slotKey, reason: 'test', updatedBy: 't', updatedAt: now.toString() };
            if (kind === 'cancel') return [{ ...base, cancelled: true }];
            if (kind === 'move') return [{ ...base, date: Temporal.PlainDate.from(target.date).add({ days: 1 }).toString() }];
            return [{ ...base, venueId: 'budai-center' }];
          });
          const unique = [...new Map(overrides.map((o) => [o.slotKey, o])).values()];
          stored = applyChanges(
            stored,
            planSeries({ series, calendar: officeCalendar, overrides: unique, stored, now, horizonMonths, newUid: testUid }),
          );
          const again = planSeries({ series, calendar: officeCalendar, overrides: unique, stored, now, horizonMonths, newUid: testUid });
          expect(again.changes).toEqual([]);
          expect(again.chairChanges).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never gives two occurrences one slot, and never plans onto a day off without flagging it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...config.series), anyDay, (series, day) => {
        const now = Temporal.Instant.from(`${day.toString()}T09:00+08:00`);
        const created = planSeries({
          series,
          calendar: officeCalendar,
          overrides: [],
          stored: [],
          now,
          horizonMonths: 18,
          newUid: testUid,
        }).changes.flatMap((c) => (c.kind === 'create' ? [c.occurrence] : []));
        expect(new Set(created.map((o) => o.slotKey)).size).toBe(created.length);
        for (const o of created) {
          const date = Temporal.PlainDate.from(o.date);
          if (!officeCalendar.isWorkingDay(date)) expect(o.needsDecision).toBe(true);
          expect(o.provisional).toBe(officeCalendar.isProvisional(date));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a later run, with any horizon, never creates a meeting before its moment, never touches a started one, and cancels none', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...config.series),
        anyDay,
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 400 * 24 }),
        (series, day, firstHorizon, laterHorizon, hoursLater) => {
          const first = Temporal.Instant.from(`${day.toString()}T09:00+08:00`);
          const stored = applyChanges(
            [],
            planSeries({
              series,
              calendar: officeCalendar,
              overrides: [],
              stored: [],
              now: first,
              horizonMonths: firstHorizon,
              newUid: testUid,
            }),
          );
          const later = first.add({ hours: hoursLater });
          const again = planSeries({
            series,
            calendar: officeCalendar,
            overrides: [],
            stored,
            now: later,
            horizonMonths: laterHorizon,
            newUid: testUid,
          });
          const started = (o: Parameters<typeof meetingTime>[0]) => Temporal.Instant.compare(meetingTime(o).start.toInstant(), later) <= 0;
          for (const change of again.changes) {
            if (change.kind === 'create') expect(started(change.occurrence)).toBe(false);
            else {
              expect(started(change.before)).toBe(false);
              expect(change.after.status).toBe('scheduled');
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
