// The parts of a 會議紀錄 in the order an office files them, numbered 壹、貳、參 … with items 一、二、
// inside, as blocks any renderer can lay out. Empty parts say 無 instead of disappearing: a reader
// must see that there was no 臨時動議, not wonder whether it was left out.
import { attendanceHeading, type MinutesDocument } from './minutes-document.ts';
import { chineseNumber } from './meeting-particulars.ts';
import type { TableColumn } from './pdf-flow.ts';

export type MinutesBlock =
  /** 壹、時間：115年3月25日… — a part whose content fits after its label. */
  | { kind: 'field'; label: string; value: string }
  /** 拾、報告事項： — a part whose items follow. */
  | { kind: 'heading'; label: string }
  /** An item under a part: `一、` then its text, or `決議：` under a 案由. */
  | { kind: 'item'; prefix: string; text: string; level: 1 | 2 }
  | { kind: 'table'; columns: TableColumn[]; rows: string[][] };

const formalNumerals = ['', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖', '拾'];

/** 1 → 壹, 11 → 拾壹, 20 → 貳拾: the numbering of a document's main parts. */
export function formalNumber(n: number): string {
  if (n <= 10) return formalNumerals[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : formalNumerals[tens]!}拾${formalNumerals[n % 10]!}`;
}

export const actionItemColumns: TableColumn[] = [
  { header: '項次', width: 0.8, align: 'center' },
  { header: '追蹤事項', width: 3.7 },
  { header: '主責單位', width: 2.6 },
  { header: '完成期限', width: 1.8, align: 'center' },
  { header: '辦理情形', width: 1.4, align: 'center' },
];

export function minutesSections(document: MinutesDocument): MinutesBlock[] {
  const blocks: MinutesBlock[] = [];
  let part = 0;
  const label = (text: string) => `${formalNumber(++part)}、${text}`;
  const items = (texts: readonly string[]) =>
    texts.forEach((text, i) => blocks.push({ kind: 'item', prefix: `${chineseNumber(i + 1)}、`, text, level: 1 }));

  blocks.push({ kind: 'field', label: label('會議名稱'), value: document.meetingName });
  blocks.push({ kind: 'field', label: label('時間'), value: document.time });
  blocks.push({ kind: 'field', label: label('地點'), value: document.venue });
  blocks.push({ kind: 'field', label: label('主持人'), value: document.chair });
  blocks.push({ kind: 'field', label: label('紀錄'), value: document.recorder });

  for (const group of document.attendance) {
    if (group.lines.length === 0) {
      blocks.push({ kind: 'field', label: label(group.label), value: '無' });
      continue;
    }
    blocks.push({ kind: 'heading', label: label(attendanceHeading(group)) });
    for (const line of group.lines) {
      blocks.push({ kind: 'item', prefix: line.names.length ? `${line.unit}：` : line.unit, text: line.names.join('、'), level: 1 });
    }
  }

  if (document.reports.length === 0) blocks.push({ kind: 'field', label: label('報告事項'), value: '無' });
  else {
    blocks.push({ kind: 'heading', label: label('報告事項') });
    items(document.reports);
  }

  if (document.discussions.length === 0) blocks.push({ kind: 'field', label: label('討論事項'), value: '無' });
  else {
    blocks.push({ kind: 'heading', label: label('討論事項') });
    document.discussions.forEach((item, i) => {
      blocks.push({ kind: 'item', prefix: `案由${chineseNumber(i + 1)}：`, text: item.subject || `第${chineseNumber(i + 1)}案`, level: 1 });
      blocks.push({ kind: 'item', prefix: '決議：', text: item.resolution, level: 2 });
    });
  }

  if (document.placementReview) {
    blocks.push({ kind: 'heading', label: label('依安置類型審查') });
    blocks.push({ kind: 'item', prefix: '一、', text: `提案：${document.placementReview.proposals.join('；') || '無'}`, level: 1 });
    blocks.push({
      kind: 'item',
      prefix: '二、',
      text: `成效追蹤表：${document.placementReview.followUpForms.join('；') || '無'}`,
      level: 1,
    });
  }

  if (document.motions.length === 0) blocks.push({ kind: 'field', label: label('臨時動議'), value: '無' });
  else {
    blocks.push({ kind: 'heading', label: label('臨時動議') });
    document.motions.forEach((item, i) => {
      blocks.push({ kind: 'item', prefix: `案由${chineseNumber(i + 1)}：`, text: item.subject, level: 1 });
      blocks.push({ kind: 'item', prefix: '決議：', text: item.resolution, level: 2 });
    });
  }

  if (document.actionItems.length === 0) blocks.push({ kind: 'field', label: label('追蹤事項'), value: '無' });
  else {
    blocks.push({ kind: 'heading', label: label('追蹤事項') });
    blocks.push({
      kind: 'table',
      columns: actionItemColumns,
      rows: document.actionItems.map((item, i) => [String(i + 1), item.description, item.owner, item.due, item.status]),
    });
  }

  blocks.push({ kind: 'field', label: label('散會時間'), value: document.adjournedAt });
  return blocks;
}
