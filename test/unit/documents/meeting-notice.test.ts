// The 開會通知單 as an officer receives it: read back by poppler (PDF) and by jszip + saxes (ODT).
import { describe, expect, it } from 'vitest';
import { loadDocumentFonts } from '../../../functions/documents/document-fonts.ts';
import { meetingNoticeDocument } from '../../../functions/documents/meeting-notice-document.ts';
import { renderMeetingNoticeOdt } from '../../../functions/documents/meeting-notice-odt.ts';
import { renderMeetingNoticePdf } from '../../../functions/documents/meeting-notice-pdf.ts';
import { marchMeeting, notice, noticeInput } from '../../support/documents/document-fixtures.ts';
import { readOdt } from '../../support/documents/odt-reader.ts';
import {
  compact,
  inkIn,
  pdfInfo,
  pdfText,
  pdfWords,
  positionsInOrder,
  renderPage,
  wordsWithoutInk,
} from '../../support/documents/poppler.ts';

const fonts = loadDocumentFonts();

/** Every field of the form, in the form's order, as the text layer must give it (spaces removed). */
const formInOrder = [
  '檔號：',
  '保存年限：',
  '嘉義縣政府開會通知單',
  '地址：612401嘉義縣太保市祥和一路東段1號',
  '承辦人：林志堃',
  '受文者：如出席者及列席者',
  '發文日期：中華民國115年3月4日',
  '發文字號：府社保字第1150012345號',
  '速別：普通件',
  '密等及解密條件或保密期限：普通',
  '附件：無',
  '開會事由：召開本縣115年度第二次強化兒少保護跨網絡合作會議',
  '開會時間：115年3月25日（星期三）下午2時',
  '開會地點：日安民雄社會福利服務中心（嘉義縣民雄鄉江厝店29之4號）',
  '主持人：警察局婦幼警察隊隊長',
  '聯絡人及電話：林志堃(05)362-0900分機5123',
  '出席者：社會局兒少保護科、警察局婦幼警察隊、衛生局心理健康科、教育處學生事務及特殊教育科、社區心理衛生中心、民間兒少福利團體（待填）',
  '列席者：社會局兒少福利科',
  '副本：本府社會局（社會安全網幕僚）',
  '備註：一、請準時出席；如不克出席，請指派業務相關人員代理出席。',
  '二、會議議程：（一）上次會議決議及待辦事項追蹤',
  '三、本會議討論個案',
];

const found = (text: string, needles: readonly string[]) => {
  const at = positionsInOrder(text, needles);
  return Object.fromEntries(needles.map((needle, i) => [needle, at[i]! >= 0]));
};
const allFound = (needles: readonly string[]) => Object.fromEntries(needles.map((n) => [n, true]));

describe('開會通知單 PDF', () => {
  it('gives every field of the form in Chinese, in the form’s order, on one A4 page under 200 KB', async () => {
    const { pdf, missingCharacters } = await renderMeetingNoticePdf(notice(), fonts);
    expect(missingCharacters).toEqual([]);
    expect(found(compact(await pdfText(pdf)), formInOrder)).toEqual(allFound(formInOrder));
    const info = await pdfInfo(pdf);
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(pdf.byteLength).toBeLessThanOrEqual(200 * 1024);
  });

  it('shows ink in the box of every label and value', async () => {
    const { pdf } = await renderMeetingNoticePdf(notice(), fonts);
    expect(await wordsWithoutInk(pdf, 1)).toEqual([]);
    const image = await renderPage(pdf, 1);
    const words = await pdfWords(pdf);
    for (const label of [
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
      '備註',
    ]) {
      const word = words.find((w) => w.text.startsWith(`${label}：`));
      expect(word, label).toBeDefined();
      expect(inkIn(image, word!), label).toBeGreaterThan(10 * [...word!.text].length);
    }
    // The title sits at the top, centred: its box is about as far from the left edge as from the right.
    const title = words.filter((w) => w.text === '嘉義縣政府' || w.text === '開會通知單');
    expect(title).toHaveLength(2);
    const [left, right] = [title[0]!.xMin, 595.28 - title[1]!.xMax];
    expect(Math.abs(left - right)).toBeLessThan(30);
    expect(title[0]!.yMin).toBeLessThan(words.find((w) => w.text.startsWith('受文者'))!.yMin);
  });

  it('marks a correction 更正 and says which notice it corrects and what changed', async () => {
    const moved = { ...marchMeeting, date: '2026-03-26', venueId: 'puzi-center', sequence: 1 };
    const document = meetingNoticeDocument(
      noticeInput({
        occurrence: moved,
        issuedOn: '2026-03-10',
        documentNumber: '府社保字第1150012400號',
        revision: {
          kind: 'correction',
          supersedes: { issuedOn: '2026-03-04', documentNumber: '府社保字第1150012345號' },
          previous: marchMeeting,
        },
      }),
    );
    const text = compact(await pdfText((await renderMeetingNoticePdf(document, fonts)).pdf));
    const expected = [
      '嘉義縣政府開會通知單（更正）',
      '發文字號：府社保字第1150012400號',
      '開會時間：115年3月26日（星期四）下午2時',
      '開會地點：日安朴子社會福利服務中心',
      '本件更正本府115年3月4日府社保字第1150012345號開會通知單：開會時間由115年3月25日（星期三）下午2時改為115年3月26日（星期四）下午2時；開會地點由日安民雄社會福利服務中心',
    ];
    expect(found(text, expected)).toEqual(allFound(expected));
  });

  it('marks a cancellation 取消 with its reason', async () => {
    const document = meetingNoticeDocument(
      noticeInput({
        issuedOn: '2026-03-24',
        documentNumber: '府社保字第1150012500號',
        revision: {
          kind: 'cancellation',
          supersedes: { issuedOn: '2026-03-04', documentNumber: '府社保字第1150012345號' },
          reason: '颱風停止上班',
        },
      }),
    );
    const text = compact(await pdfText((await renderMeetingNoticePdf(document, fonts)).pdf));
    const expected = [
      '嘉義縣政府開會通知單（取消）',
      '開會事由：取消召開本縣115年度第二次強化兒少保護跨網絡合作會議',
      '開會時間：原訂115年3月25日（星期三）下午2時（取消）',
      '備註：本件取消本府115年3月4日府社保字第1150012345號開會通知單所訂會議，原因：颱風停止上班。',
    ];
    expect(found(text, expected)).toEqual(allFound(expected));
    expect(text).not.toContain('會議議程');
  });

  it('renders the same notice to the same bytes', async () => {
    const [a, b] = await Promise.all([renderMeetingNoticePdf(notice(), fonts), renderMeetingNoticePdf(notice(), fonts)]);
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
  });
});

describe('開會通知單 ODT', () => {
  it('is an OpenDocument package whose paragraphs give the form in order', async () => {
    const odt = renderMeetingNoticeOdt(notice());
    const read = await readOdt(odt);
    expect(read.mimetypeFirstAndStored).toBe(true);
    expect(read.entries).toEqual(['mimetype', 'META-INF/manifest.xml', 'content.xml', 'styles.xml', 'meta.xml']);
    expect(read.xml['META-INF/manifest.xml']).toContain('manifest:full-path="content.xml"');
    expect(read.xml['meta.xml']).toContain('<dc:language>zh-TW</dc:language>');
    // The footer numbers pages as the PDF does.
    expect(read.xml['styles.xml']).toContain('<text:page-count>');
    expect(found(compact(read.paragraphs.join('')), formInOrder)).toEqual(allFound(formInOrder));
  });

  it('packages the same notice to the same bytes', () => {
    expect(Buffer.from(renderMeetingNoticeOdt(notice())).equals(Buffer.from(renderMeetingNoticeOdt(notice())))).toBe(true);
  });
});
