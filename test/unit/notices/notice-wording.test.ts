// What each notice tells the person, rule by rule (issue 10, "notices that say what happened"):
// the first message is an invitation whatever the SEQUENCE; an update says what changed and why;
// a removed contact is never told the meeting is cancelled; reminders and deadlines name real
// dates; the formal text has ROC dates only; the English date always has its month.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderChairChangeDigest, renderNotice, type NoticeContext } from '../../../functions/core/invitations/render-notice.ts';
import type { NoticeKind } from '../../../functions/core/notices/notice.ts';
import type { Occurrence } from '../../../functions/core/planning/occurrence.ts';
import { answerLinks, contextFor, county, march, minutesLink, squadLeader, toldOf } from './notice-fixtures.ts';

const zhPart = (text: string) => text.slice(0, text.indexOf('----- English -----'));
const enPart = (text: string) => text.slice(text.indexOf('----- English -----'));
const render = (kind: NoticeKind, occurrence: Occurrence, fields: Partial<NoticeContext> = {}) =>
  renderNotice(kind, contextFor(occurrence, fields));

describe('the first message is an invitation', () => {
  it('even at SEQUENCE 3, when nothing was sent to this person before', () => {
    const late = { ...march, sequence: 3, date: '2026-03-26' };
    const notice = render('invitation', late, { links: answerLinks(late) });
    expect(notice.subject).toBe('【開會通知】 115年3月26日（星期四）下午2時 強化兒少保護跨網絡合作會議');
    expect(notice.text).toContain('敬邀 貴單位派員出席下列會議。');
    expect(notice.text).not.toMatch(/異動|replaces/);
  });

  it('and a repeated invitation with nothing changed since is still one, not an update', () => {
    const notice = render('invitation', { ...march, sequence: 1 }, { told: toldOf(march) });
    expect(notice.subject).toMatch(/^【開會通知】/);
  });
});

describe('an update names what changed, old → new, and the reason', () => {
  it('the chair, with both units named', () => {
    const told = toldOf({ ...march, chairUnitId: 'health-bureau' });
    const notice = render('invitation', { ...march, sequence: 1 }, { told, changeReason: '科長出差' });
    expect(notice.subject).toMatch(/^【會議異動】/);
    expect(zhPart(notice.text)).toContain('主持單位：原 衛生局 心理健康科 → 新 警察局 婦幼警察隊');
    expect(zhPart(notice.text)).toContain('異動原因：科長出差');
    expect(zhPart(notice.text)).not.toContain('日期時間：');
    expect(enPart(notice.text)).toContain('Chair: was Public Health Bureau, Mental Health Section; now Police Bureau');
  });

  it('the hour, in the ROC form with the end time, and no reason line when none was typed', () => {
    const told = toldOf({ ...march, start: '09:30', durationMinutes: 150 });
    const notice = render('invitation', { ...march, sequence: 1 }, { told });
    expect(zhPart(notice.text)).toContain(
      '日期時間：原 115年3月25日（星期三）上午9時30分至中午12時 → 新 115年3月25日（星期三）下午2時至4時',
    );
    expect(notice.text).not.toContain('異動原因');
    expect(enPart(notice.text)).toContain('was Wednesday 25 March 2026, 09:30–12:00; now Wednesday 25 March 2026, 14:00–16:00');
  });

  it('a meeting held after all, after a cancellation the person was sent, is 【會議恢復】', () => {
    const told = toldOf({ ...march, sequence: 1, status: 'cancelled' });
    const notice = render('invitation', { ...march, sequence: 2, date: '2026-03-27' }, { told, changeReason: '颱風過境，改期召開' });
    expect(notice.subject).toMatch(/^【會議恢復】 115年3月27日（星期五）/);
    expect(zhPart(notice.text)).toContain('現恢復召開');
    expect(zhPart(notice.text)).toContain('日期時間：原 115年3月25日（星期三）下午2時至4時 → 新 115年3月27日（星期五）下午2時至4時');
    expect(zhPart(notice.text)).toContain('恢復原因：颱風過境，改期召開');
    expect(notice.calendar!.content).toMatch(/^STATUS:CONFIRMED\r?$/m);
  });

  it("the reason is the secretariat's text, escaped in HTML", () => {
    const told = toldOf({ ...march, venueId: 'puzi-center' });
    const notice = render('invitation', { ...march, sequence: 1 }, { told, changeReason: '<b>場地</b> & 冷氣故障' });
    expect(notice.html).toContain('異動原因：&#60;b&#62;場地&#60;/b&#62; &#38; 冷氣故障');
    expect(notice.html).not.toContain('<b>');
  });
});

describe('cancellation and uninvitation', () => {
  it('a cancelled meeting: 【會議取消】 with STATUS:CANCELLED, the reason only when given', () => {
    const notice = render('cancellation', { ...march, sequence: 1, status: 'cancelled' });
    expect(notice.subject).toMatch(/^【會議取消】/);
    expect(notice.text).not.toContain('取消原因');
    expect(notice.calendar!.content).toMatch(/^STATUS:CANCELLED\r?$/m);
  });

  it("a cancellation that overtook a move names the day the person holds, with the meeting's own UID and SEQUENCE", () => {
    const movedThenCancelled = { ...march, sequence: 2, status: 'cancelled' as const, date: '2026-03-26', venueId: 'puzi-center' };
    const notice = render('cancellation', movedThenCancelled, { told: toldOf(march), changeReason: '颱風停止上班' });
    expect(notice.subject).toBe('【會議取消】 115年3月25日（星期三）下午2時 強化兒少保護跨網絡合作會議');
    expect(notice.text).toContain('地點：日安民雄社會福利服務中心');
    expect(notice.text).not.toMatch(/3月26日|朴子/);
    expect(notice.calendar!.content).toMatch(/^DTSTART;TZID=Asia\/Taipei:20260325T140000\r?$/m);
    expect(notice.calendar!.content).toMatch(/^SEQUENCE:2\r?$/m);
  });

  it('a removed contact is told the meeting goes on without them, never that it is cancelled', () => {
    const notice = render('cancellation', { ...march, sequence: 1 }, { variant: 'removed', changeReason: '颱風' });
    expect(notice.subject).toMatch(/^【邀請異動】/);
    expect(notice.text).toContain('您已不在本次會議邀請名單，本會議照常舉行，請自行事曆中移除。');
    expect(notice.text).not.toMatch(/會議取消|取消原因|is cancelled/);
    expect(notice.calendar!.content).not.toMatch(/^STATUS:/m);
    expect(notice.calendar!.content.match(/^ATTENDEE/gm)).toHaveLength(1);
  });
});

describe('reminders and deadlines name real dates', () => {
  it('a reminder names the day and hour of the meeting as it is now, never "N日後"', () => {
    for (const variant of ['7', '1']) {
      const notice = render('reminder', { ...march, sequence: 1, date: '2026-03-26', start: '09:30' }, { variant });
      expect(notice.text).toContain('提醒您，下列會議將於115年3月26日（星期四）上午9時30分召開。');
      expect(notice.text).toContain('Reminder: the meeting below is on Thursday 26 March 2026, 09:30 (Asia/Taipei).');
      expect(notice.text).not.toMatch(/日後|day\(s\)/);
    }
  });

  it('minutes-due, minutes-overdue and chair-duty state the deadline as an ROC date', () => {
    for (const kind of ['minutes-due', 'minutes-overdue', 'chair-duty'] as const) {
      const notice = render(kind, march, { deadline: '2026-04-08', links: { minutes: minutesLink('chair') } });
      expect(zhPart(notice.text), kind).toContain('繳交期限：115年4月8日（星期三）');
      expect(enPart(notice.text), kind).toContain('Deadline: Wednesday 8 April 2026');
    }
  });

  it('without a deadline they state none and promise none', () => {
    for (const kind of ['minutes-due', 'chair-duty'] as const) {
      const notice = render(kind, march);
      expect(notice.text, kind).not.toMatch(/繳交期限|於期限內|Deadline|by the deadline/);
    }
  });
});

describe('the contact line', () => {
  it('every notice, and the chair digest, names the 承辦人 and a telephone number', () => {
    const kinds: NoticeKind[] = [
      'invitation',
      'cancellation',
      'reminder',
      'chair-duty',
      'minutes-due',
      'minutes-overdue',
      'minutes-distributed',
    ];
    const texts = kinds.map((kind) => render(kind, march).text);
    texts.push(renderChairChangeDigest({ county, recipient: squadLeader, day: '2026-03-04', entries: [] }).text);
    for (const text of texts) {
      expect(text).toContain('承辦人：林承辦，電話：(05)362-0900 分機 5123');
      expect(text).toContain('Contact: 林承辦, tel. (05)362-0900 分機 5123');
    }
  });

  it('a county that has not set one keeps its secretariat line only', () => {
    const { contact: _unset, ...secretariat } = county.secretariat;
    const notice = render('invitation', march, { county: { ...county, secretariat } });
    expect(notice.text).toContain('承辦單位：嘉義縣政府社會局 社會安全網幕僚（safetynet@example.org）');
    expect(notice.text).not.toMatch(/承辦人：|Contact:/);
  });
});

describe('dates', () => {
  it('the zh-TW part has ROC dates only, the carried action items included', () => {
    const openActionItems = [{ description: '提供轉介流程', ownerUnitId: 'health-bureau', dueDate: '2027-01-05' }];
    for (const kind of ['invitation', 'reminder'] as const) {
      const notice = render(kind, march, { openActionItems, series: { ...contextFor(march).series, discussesCases: false } });
      expect(zhPart(notice.text)).toContain('衛生局 心理健康科，期限 116年1月5日（星期二）：提供轉介流程');
      expect(zhPart(notice.text)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(enPart(notice.text)).toContain('due Tuesday 5 January 2027');
    }
  });

  it('the English date has its month, in every month of the year', () => {
    const months = [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ];
    months.forEach((month, index) => {
      const date = `2026-${String(index + 1).padStart(2, '0')}-15`;
      const notice = render('invitation', { ...march, date });
      expect(notice.text).toMatch(new RegExp(`When: \\w+day 15 ${month} 2026, 14:00–16:00 \\(Asia/Taipei\\)`));
    });
  });

  it('no notice code formats a date through ICU (toLocaleString differs between Node builds)', () => {
    const root = join(import.meta.dirname, '../../../functions/core');
    for (const dir of ['invitations', 'notices']) {
      for (const file of readdirSync(join(root, dir))) {
        expect(readFileSync(join(root, dir, file), 'utf8'), `${dir}/${file}`).not.toMatch(/toLocale(Date|Time)?String/);
      }
    }
  });
});
