import type { Occurrence } from '../../functions/core/planning/occurrence.ts';

/** An occurrence as the planner would store it: a 14:00–16:00 meeting at 民雄, sequence 0. */
export function testOccurrence(fields: Pick<Occurrence, 'seriesId' | 'slotKey' | 'date'> & Partial<Occurrence>): Occurrence {
  return {
    uid: `${fields.seriesId}-${fields.slotKey}@test`,
    sequence: 0,
    status: 'scheduled',
    start: '14:00',
    durationMinutes: 120,
    venueId: 'minxiong-center',
    chairUnitId: 'social-child-protection',
    provisional: false,
    needsDecision: false,
    adHoc: false,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...fields,
  };
}
