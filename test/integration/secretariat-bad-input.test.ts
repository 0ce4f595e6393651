// Bad input to the secretariat's tasks, against DynamoDB Local: each is refused with a code, the
// field at fault and a zh-TW message without CLI flags, and the whole table is exactly as it was
// (a scan before and after). The console shows the message next to the field; the API answers it.
import { beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { caseConference, config, officeCalendar, taipeiMorning } from '../support/planning-fixtures.ts';
import { calendarCsv } from '../support/office-calendar-csv.ts';
import { tableItems } from '../support/table-items.ts';
import { planSeriesOccurrences } from '../../functions/use-cases/plan-series-occurrences.ts';
import * as tasks from '../../functions/use-cases/secretariat/tasks.ts';
import { noticeRef } from '../../functions/use-cases/secretariat/failed-notices.ts';
import { listOutbox } from '../../functions/adapters/dynamodb/outbox-store.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { testOccurrence } from '../support/test-occurrence.ts';
import type { Temporal } from '../../functions/core/calendar/local-date.ts';

const stack = useEmbeddedStack();
const now = taipeiMorning('2026-03-09');
const ctx = (at: Temporal.Instant = now): tasks.TaskContext => ({
  table: stack().table,
  config,
  actor: { id: 'officer-lin', via: 'test' },
  now: at,
  links: { signingKey: new Uint8Array(32).fill(7), baseUrl: 'http://127.0.0.1:3000/c/chiayi-county' },
});
const march = { seriesId: caseConference.id, occurrence: '2026-03' };

/** Refused as described, in zh-TW without a command-line flag, and nothing in the table changed. */
async function refused(attempt: () => Promise<unknown>, expected: { code: string; field: string; message: RegExp }) {
  const before = await tableItems(stack().table);
  const error = await attempt().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ name: 'SecretariatInputError', code: expected.code, field: expected.field });
  const message = (error as Error).message;
  expect(message).toMatch(expected.message);
  expect(message).toMatch(/[\u4e00-\u9fff]/);
  expect(message).not.toMatch(/--[a-z]/);
  expect(await tableItems(stack().table)).toEqual(before);
}

beforeAll(async () => {
  await planSeriesOccurrences(stack().table, config, caseConference, officeCalendar, now);
});

describe('a date', () => {
  it('refuses 2026-02-30 for a move, a session and a closure', async () => {
    const message = /2026-02-30」不是實際存在的日期/;
    await refused(() => tasks.moveMeeting(ctx(), { ...march, date: '2026-02-30', reason: '會議室衝突' }), {
      code: 'not-a-date',
      field: 'date',
      message,
    });
    await refused(() => tasks.addAdHocSession(ctx(), { seriesId: 'placement-review-panel', date: '2026-02-30', reason: '個案需求' }), {
      code: 'not-a-date',
      field: 'date',
      message,
    });
    await refused(() => tasks.declareOfficeClosure(ctx(), { date: '2026-02-30', reason: '颱風停止上班' }), {
      code: 'not-a-date',
      field: 'date',
      message,
    });
    await refused(() => tasks.previewMoveMeeting(ctx(), { ...march, date: '2026-02-30', reason: '會議室衝突' }), {
      code: 'not-a-date',
      field: 'date',
      message,
    });
  });

  it('refuses a day off without confirmation, and takes it with one', async () => {
    // Saturday 28 March 2026.
    await refused(() => tasks.moveMeeting(ctx(), { ...march, date: '2026-03-28', reason: '會議室衝突' }), {
      code: 'day-off-needs-confirmation',
      field: 'date',
      message: /^2026-03-28 是放假日.*請確認後再送出/,
    });
    // Friday 3 April 2026: a weekday off (補假) in the office calendar.
    await refused(() => tasks.addAdHocSession(ctx(), { seriesId: 'placement-review-panel', date: '2026-04-03', reason: '個案需求' }), {
      code: 'day-off-needs-confirmation',
      field: 'date',
      message: /^2026-04-03 是放假日（補假）/,
    });
    const forced = await tasks.previewMoveMeeting(ctx(), { ...march, date: '2026-03-28', force: true, reason: '會議室衝突' });
    expect(forced.meetings[0]!.after.date).toBe('2026-03-28');
  });
});

describe('a meeting that has taken place', () => {
  const after = taipeiMorning('2026-03-30');
  it.each([
    ['a move', () => tasks.moveMeeting(ctx(after), { ...march, date: '2026-04-01', reason: '補開' })],
    ['a cancellation', () => tasks.cancelMeeting(ctx(after), { ...march, reason: '颱風' })],
    ['a venue', () => tasks.changeMeetingVenue(ctx(after), { ...march, venueId: 'budai-center', reason: '場地' })],
    ['an acting chair', () => tasks.appointActingChair(ctx(after), { ...march, unitId: 'mental-health-center', reason: '代理' })],
    ['a swap', () => tasks.swapMeetingChairs(ctx(after), { ...march, other: '2026-05', reason: '出差' })],
  ])('refuses %s, naming the meeting', async (_what, attempt) => {
    await refused(attempt, { code: 'meeting-taken-place', field: 'occurrence', message: /2026-03-25 的會議已經開過，不能再修改/ });
  });
});

describe('a meeting the series no longer gives', () => {
  // A January case conference stored before the series was set to meet February to December: the
  // next planning run cancels it whatever is decided, so a change that keeps it is refused in words.
  const january = { seriesId: caseConference.id, occurrence: '2027-01' };
  beforeAll(async () => {
    await createOccurrence(stack().table, testOccurrence({ seriesId: caseConference.id, slotKey: '2027-01', date: '2027-01-27' }));
  });
  const message =
    /^強化兒少保護跨網絡合作會議 116年1月27日（星期三） 的會議已不在會議系列的設定中（目前設定為每年2月至12月開會），下次排程時即會取消，不能.+；如仍要開這場會議，請洽系統管理人員修改會議系列的設定$/;
  it.each([
    ['a move preview', () => tasks.previewMoveMeeting(ctx(), { ...january, date: '2027-01-28', reason: '會議室衝突' }), 'occurrence'],
    ['a move', () => tasks.moveMeeting(ctx(), { ...january, date: '2027-01-28', reason: '會議室衝突' }), 'occurrence'],
    ['a venue', () => tasks.changeMeetingVenue(ctx(), { ...january, venueId: 'budai-center', reason: '場地' }), 'occurrence'],
    [
      'an acting chair',
      () => tasks.appointActingChair(ctx(), { ...january, unitId: 'mental-health-center', reason: '代理' }),
      'occurrence',
    ],
    ['a swap', () => tasks.swapMeetingChairs(ctx(), { ...january, other: '2026-04', reason: '出差' }), 'occurrence'],
    ['a swap with it', () => tasks.swapMeetingChairs(ctx(), { ...march, other: '2027-01', reason: '出差' }), 'other'],
  ])('refuses %s, saying why and what to do instead', async (_what, attempt, field) => {
    await refused(attempt, { code: 'not-in-series', field, message });
  });

  it('still moves a meeting the series gives', async () => {
    const preview = await tasks.previewMoveMeeting(ctx(), { ...march, date: '2026-03-26', reason: '會議室衝突' });
    expect(preview.meetings.map((m) => [m.slotKey, m.before?.date, m.after.date])).toEqual([['2026-03', '2026-03-25', '2026-03-26']]);
  });
});

describe('an empty reason', () => {
  const blank = '   ';
  it.each([
    ['move', () => tasks.moveMeeting(ctx(), { ...march, date: '2026-03-26', reason: blank })],
    ['cancel', () => tasks.cancelMeeting(ctx(), { ...march, reason: blank })],
    ['reinstate', () => tasks.reinstateMeeting(ctx(), { ...march, reason: blank })],
    ['venue', () => tasks.changeMeetingVenue(ctx(), { ...march, venueId: 'budai-center', reason: blank })],
    ['swap chairs', () => tasks.swapMeetingChairs(ctx(), { ...march, other: '2026-04', reason: blank })],
    ['acting chair', () => tasks.appointActingChair(ctx(), { ...march, unitId: 'mental-health-center', reason: blank })],
    ['ad-hoc session', () => tasks.addAdHocSession(ctx(), { seriesId: 'placement-review-panel', date: '2026-05-14', reason: blank })],
    ['closure removal', () => tasks.removeOfficeClosure(ctx(), { date: '2026-03-25', reason: blank })],
    [
      'calendar import',
      () => tasks.importCalendarFile(ctx(), { fileName: '116年辦公日曆表.csv', bytes: calendarCsv(2027), reason: blank }),
    ],
    [
      'contact add',
      () =>
        tasks.addContact(ctx(), {
          unitId: 'police-women-children',
          contact: { id: 'police-wc-deputy', name: '副隊長', email: 'deputy@example.org' },
          reason: blank,
        }),
    ],
    [
      'contact removal',
      () => tasks.removeContact(ctx(), { unitId: 'social-child-protection', contactId: 'social-cp-officer', reason: blank }),
    ],
    [
      'contact re-addition',
      () => tasks.readdContact(ctx(), { unitId: 'social-child-protection', contactId: 'social-cp-officer', reason: blank }),
    ],
    ['notice resend', () => tasks.retryFailedNotice(ctx(), { noticeId: 'x', reason: blank })],
    ['chair link', () => tasks.issueChairMinutesLink(ctx(), { ...march, reason: blank })],
    ['chair link revocation', () => tasks.revokeChairMinutesLink(ctx(), { ...march, contactId: 'social-cp-chief', reason: blank })],
    ['minutes approval', () => tasks.approveMinutes(ctx(), { ...march, reason: blank })],
    ['minutes return', () => tasks.returnMinutes(ctx(), { ...march, reason: blank })],
    ['minutes distribution', () => tasks.distributeMinutesToInvitees(ctx(), { ...march, reason: blank })],
    ['a move preview', () => tasks.previewMoveMeeting(ctx(), { ...march, date: '2026-03-26', reason: blank })],
  ])('refuses a %s without a reason, naming the field reason', async (_task, attempt) => {
    await refused(attempt, { code: 'reason-required', field: 'reason', message: /^請填寫原因/ });
  });

  it('refuses a closure without a reason, naming the field reason', async () => {
    await refused(() => tasks.declareOfficeClosure(ctx(), { date: '2026-08-05', reason: '' }), {
      code: 'reason-required',
      field: 'reason',
      message: /請填寫停止上班的原因/,
    });
  });
});

describe('an unknown contact', () => {
  it('refuses to remove or re-add a contact the unit does not have, listing those it has', async () => {
    await refused(() => tasks.removeContact(ctx(), { unitId: 'social-child-protection', contactId: 'no-such-person', reason: '調職' }), {
      code: 'unknown-contact',
      field: 'contactId',
      message: /社會局 兒少保護科沒有聯絡人「no-such-person」；目前的聯絡人：social-cp-chief、social-cp-officer/,
    });
    await refused(() => tasks.readdContact(ctx(), { unitId: 'social-child-protection', contactId: 'no-such-person', reason: '回任' }), {
      code: 'unknown-contact',
      field: 'contactId',
      message: /沒有移除過聯絡人「no-such-person」/,
    });
  });

  it('refuses a chair link for someone outside the chair unit', async () => {
    await refused(() => tasks.revokeChairMinutesLink(ctx(), { ...march, contactId: 'no-such-person', reason: '外流' }), {
      code: 'unknown-contact',
      field: 'contactId',
      message: /「no-such-person」不是 2026-03-25 會議主持單位/,
    });
  });

  it('refuses to resend a notice that is not one of the failed ones', async () => {
    const [sent] = await listOutbox(stack().table, caseConference.id, '2026-03');
    await refused(() => tasks.retryFailedNotice(ctx(), { noticeId: noticeRef(sent!), reason: '重寄' }), {
      code: 'notice-not-failed',
      field: 'noticeId',
      message: /這則通知已在寄送佇列中/,
    });
    await refused(() => tasks.retryFailedNotice(ctx(), { noticeId: 'not-an-id', reason: '重寄' }), {
      code: 'no-such-notice',
      field: 'noticeId',
      message: /找不到這則通知/,
    });
  });
});

describe('a malformed calendar CSV', () => {
  const upload = (text: string, fileName = '116年中華民國政府行政機關辦公日曆表.csv') => ({
    fileName,
    bytes: new TextEncoder().encode(text),
    reason: '116 年辦公日曆公告',
  });
  it.each([
    [
      'a day that does not exist',
      '\uFEFF西元日期,星期,是否放假,備註\r\n20270101,五,2,開國紀念日\r\n20270132,六,2,\r\n',
      /第 3 行：「20270132」不是實際存在的日期/,
    ],
    ['another header', '日期,星期,放假\r\n20270101,五,2\r\n', /第 1 行：第一行應為標題「西元日期,星期,是否放假,備註」/],
    [
      'a wrong weekday',
      '\uFEFF西元日期,星期,是否放假,備註\r\n20270101,六,2,開國紀念日\r\n',
      /第 2 行：20270101 是星期五，這一行卻寫「六」/,
    ],
    ['a day missing', '\uFEFF西元日期,星期,是否放假,備註\r\n20270101,五,2,開國紀念日\r\n20270103,日,2,\r\n', /缺少 20270102/],
  ])('refuses %s, naming the line, and imports nothing', async (_what, text, message) => {
    await refused(() => tasks.importCalendarFile(ctx(), upload(text)), { code: 'invalid-calendar-file', field: 'file', message });
  });

  it('refuses a whole year that is already past', async () => {
    await refused(() => tasks.importCalendarFile(ctx(), { ...upload(''), bytes: calendarCsv(2025) }), {
      code: 'calendar-year-past',
      field: 'file',
      message: /是 2025 年的辦公日曆，已經過去/,
    });
  });
});
