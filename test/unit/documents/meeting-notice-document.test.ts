// What the 開會通知單 says, from the configuration and the occurrence alone.
import { describe, expect, it } from 'vitest';
import { formatDocumentNumber } from '../../../functions/documents/document-number.ts';
import { meetingNoticeDocument, noticeFields, noticeTitle } from '../../../functions/documents/meeting-notice-document.ts';
import { chineseNumber } from '../../../functions/documents/meeting-particulars.ts';
import { testOccurrence } from '../../support/test-occurrence.ts';
import { caseConference, config, marchMeeting, noticeInput } from '../../support/documents/document-fixtures.ts';

const series = (id: string) => config.series.find((s) => s.id === id)!;

describe('formatDocumentNumber', () => {
  it.each([
    ['府社保字第{rocYear}{seq:7}號', 115, 12345, '府社保字第1150012345號'],
    ['府社保字第{rocYear}{seq:7}號', 116, 1, '府社保字第1160000001號'],
    ['嘉社安字第{seq}號', 115, 42, '嘉社安字第42號'],
  ])('%s, year %i, serial %i → %s', (pattern, rocYear, sequence, expected) => {
    expect(formatDocumentNumber(pattern, { rocYear, sequence })).toBe(expected);
  });

  it('refuses a pattern without a serial, a serial that does not fit and a serial that is not positive', () => {
    expect(() => formatDocumentNumber('府社保字第{rocYear}號', { rocYear: 115, sequence: 1 })).toThrow(/流水號/);
    expect(() => formatDocumentNumber('第{seq:3}號', { rocYear: 115, sequence: 1000 })).toThrow(/超過 3 位數/);
    expect(() => formatDocumentNumber('第{seq}號', { rocYear: 115, sequence: 0 })).toThrow(/正整數/);
  });
});

describe('chineseNumber', () => {
  it.each([
    [1, '一'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [34, '三十四'],
  ])('%i → %s', (n, text) => expect(chineseNumber(n)).toBe(text));
});

describe('meetingNoticeDocument', () => {
  it('writes the meeting in the form’s words: ROC time, venue with address, the chair unit’s head', () => {
    const notice = meetingNoticeDocument(noticeInput());
    expect(notice).toMatchObject({
      recipient: '如出席者及列席者',
      subject: '召開本縣115年度第二次強化兒少保護跨網絡合作會議',
      time: '115年3月25日（星期三）下午2時',
      venue: '日安民雄社會福利服務中心（嘉義縣民雄鄉江厝店29之4號）',
      chair: '警察局 婦幼警察隊 隊長',
      speed: '普通件',
      classification: '普通',
      attachments: '無',
      observers: ['社會局 兒少福利科'],
    });
    expect(notice.attendees).toHaveLength(caseConference.invitedUnitIds.length);
    expect(noticeFields(notice).map((f) => f.label)).toEqual([
      '受文者',
      '發文日期',
      '發文字號',
      '速別',
      '密等及解密條件或保密期限',
      '附件',
      '開會事由',
      '開會時間',
      '開會地點',
      '主持人',
      '聯絡人及電話',
      '出席者',
      '列席者',
      '副本',
    ]);
  });

  it('names a fixed chair by the title the configuration gives, and an online venue by its link', () => {
    const coordination = series('social-labour-employment-coordination');
    const notice = meetingNoticeDocument(
      noticeInput({
        series: coordination,
        occurrence: testOccurrence({
          seriesId: coordination.id,
          slotKey: '2026-06',
          date: '2026-06-17',
          start: '10:00',
          chairUnitId: 'county-secretary-general',
        }),
        observerUnitIds: [],
      }),
    );
    expect(notice.chair).toBe('嘉義縣政府 秘書長室 秘書長');
    expect(notice.time).toBe('115年6月17日（星期三）上午10時');
    expect(notice.recipient).toBe('如出席者');
    // Not a case conference: no confidentiality remark.
    expect(notice.remarks.join()).not.toContain('個案');

    const supervision = series('juvenile-committee-external-supervision');
    const online = meetingNoticeDocument(
      noticeInput({
        series: supervision,
        occurrence: testOccurrence({
          seriesId: supervision.id,
          slotKey: '2026-04',
          date: '2026-04-15',
          venueId: 'online',
          chairUnitId: 'juvenile-counselling-committee',
        }),
      }),
    );
    expect(online.venue).toBe('視訊會議（https://meet.example.org/chiayi-safetynet）');
  });

  it('says a provisional date is provisional and an ad-hoc session is 臨時', () => {
    const notice = meetingNoticeDocument(
      noticeInput({ occurrence: { ...marchMeeting, date: '2027-03-24', provisional: true, adHoc: true }, meetingNumber: undefined }),
    );
    expect(notice.subject).toBe('召開本縣116年度臨時強化兒少保護跨網絡合作會議');
    expect(notice.remarks.some((r) => r.startsWith('會議日期暫定'))).toBe(true);
  });

  it('titles a correction 更正 and a cancellation 取消, and refuses to reuse the earlier 發文字號', () => {
    const supersedes = { issuedOn: '2026-03-04', documentNumber: '府社保字第1150012345號' };
    const correction = meetingNoticeDocument(
      noticeInput({
        occurrence: { ...marchMeeting, chairUnitId: 'health-bureau' },
        documentNumber: '府社保字第1150012400號',
        revision: { kind: 'correction', supersedes, previous: marchMeeting },
      }),
    );
    expect(noticeTitle(correction)).toBe('嘉義縣政府　開會通知單（更正）');
    expect(correction.remarks[0]).toBe(
      '本件更正本府115年3月4日府社保字第1150012345號開會通知單：主持人由警察局 婦幼警察隊 隊長改為衛生局 心理健康科 科長，其餘不變。',
    );

    const cancellation = meetingNoticeDocument(
      noticeInput({ documentNumber: '府社保字第1150012500號', revision: { kind: 'cancellation', supersedes, reason: '颱風停止上班' } }),
    );
    expect(noticeTitle(cancellation)).toBe('嘉義縣政府　開會通知單（取消）');
    expect(cancellation.time).toBe('原訂115年3月25日（星期三）下午2時（取消）');

    expect(() =>
      meetingNoticeDocument(
        noticeInput({ documentNumber: supersedes.documentNumber, revision: { kind: 'cancellation', supersedes, reason: '颱風' } }),
      ),
    ).toThrow(/新的發文字號/);
  });

  it('cites the earlier notice as the issuing office names itself', () => {
    const supersedes = { issuedOn: '2026-03-04', documentNumber: '嘉社保字第1150000001號' };
    const notice = meetingNoticeDocument(
      noticeInput({
        issuer: { name: '嘉義縣政府社會局' },
        documentNumber: '嘉社保字第1150000002號',
        revision: { kind: 'cancellation', supersedes, reason: '颱風停止上班' },
      }),
    );
    expect(notice.remarks[0]).toMatch(/^本件取消本局115年3月4日/);
  });
});
