// What a person may add to an answer on the link's page, and how a refusal reads.
import { describe, expect, it } from 'vitest';
import { checkRsvpDetails } from '../../../functions/core/rsvp/rsvp-details.ts';

describe('who attends for the unit, and a note', () => {
  it('keeps what was typed, trimmed, and leaves empty fields out', () => {
    expect(checkRsvpDetails('accept', { attendeeName: '  婦幼隊 副隊長 林小姐 ', note: ' 會晚到 30 分鐘\r\n請留停車位 ' })).toEqual({
      ok: true,
      details: { attendeeName: '婦幼隊 副隊長 林小姐', note: '會晚到 30 分鐘\n請留停車位' },
    });
    expect(checkRsvpDetails('decline', { attendeeName: '', note: '' })).toEqual({ ok: true, details: {} });
    expect(checkRsvpDetails('accept', {})).toEqual({ ok: true, details: {} });
  });

  it.each<[string, Parameters<typeof checkRsvpDetails>, 'attendeeName' | 'note', RegExp]>([
    ['a name over 40 characters', ['accept', { attendeeName: '王'.repeat(41) }], 'attendeeName', /最多 40 個字，目前 41 個字/],
    ['a name over two lines', ['accept', { attendeeName: '王大明\n李小華' }], 'attendeeName', /同一行/],
    ['a stand-in named with a decline', ['decline', { attendeeName: '陳科員' }], 'attendeeName', /不克出席.*請按「出席」/],
    ['a note over 200 characters', ['accept', { note: '很'.repeat(201) }], 'note', /最多 200 個字，目前 201 個字/],
    ['a note with a control character', ['accept', { note: '備註\u0007' }], 'note', /控制字元/],
  ])('refuses %s, in zh-TW for that field', (_label, [answer, typed], field, message) => {
    const checked = checkRsvpDetails(answer, typed);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.problems[field]?.zh).toMatch(message);
    expect(!checked.ok && Object.keys(checked.problems)).toEqual([field]);
  });

  it('counts characters, not UTF-16 units: 40 CJK Extension B characters are fine', () => {
    expect(checkRsvpDetails('accept', { attendeeName: '𠀀'.repeat(40) }).ok).toBe(true);
  });
});
