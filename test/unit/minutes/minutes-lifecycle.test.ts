import { describe, expect, it } from 'vitest';
import {
  chairMayEdit,
  mayRead,
  transition,
  type MinutesEvent,
  type MinutesState,
  type MinutesWriter,
} from '../../../functions/core/minutes/minutes-lifecycle.ts';

type Row = [MinutesState | undefined, MinutesEvent, MinutesWriter, MinutesState | 'refused'];

describe('the minutes lifecycle: draft → submitted → approved → distributed', () => {
  it.each<Row>([
    [undefined, 'save', 'chair', 'draft'],
    ['draft', 'save', 'chair', 'draft'],
    ['draft', 'submit', 'chair', 'submitted'],
    ['submitted', 'save', 'chair', 'refused'],
    ['submitted', 'save', 'secretariat', 'submitted'],
    ['submitted', 'approve', 'chair', 'refused'],
    ['submitted', 'approve', 'secretariat', 'approved'],
    ['submitted', 'return', 'secretariat', 'draft'],
    ['submitted', 'return', 'chair', 'refused'],
    ['draft', 'approve', 'secretariat', 'refused'],
    [undefined, 'submit', 'chair', 'refused'],
    ['approved', 'distribute', 'secretariat', 'distributed'],
    ['submitted', 'distribute', 'secretariat', 'refused'],
    ['approved', 'save', 'chair', 'refused'],
    ['approved', 'save', 'secretariat', 'refused'],
    ['distributed', 'save', 'chair', 'refused'],
    ['distributed', 'distribute', 'secretariat', 'refused'],
    ['approved', 'follow-up', 'secretariat', 'approved'],
    ['distributed', 'follow-up', 'secretariat', 'distributed'],
    ['distributed', 'follow-up', 'chair', 'refused'],
    ['draft', 'follow-up', 'secretariat', 'refused'],
  ])('%s + %s by %s → %s', (from, event, by, expected) => {
    const result = transition(from, event, by);
    expect(result.ok ? result.state : 'refused').toBe(expected);
  });

  it('lets invited contacts read distributed minutes only; chair and secretariat read any', () => {
    for (const state of [undefined, 'draft', 'submitted', 'approved'] as const) expect(mayRead(state, 'invitee')).toBe(false);
    expect(mayRead('distributed', 'invitee')).toBe(true);
    for (const state of [undefined, 'draft', 'submitted', 'approved', 'distributed'] as const) {
      expect(mayRead(state, 'chair')).toBe(true);
      expect(mayRead(state, 'secretariat')).toBe(true);
    }
  });

  it('shows the chair the form until the minutes are submitted', () => {
    expect([undefined, 'draft', 'submitted', 'approved', 'distributed'].map((s) => chairMayEdit(s as MinutesState | undefined))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
