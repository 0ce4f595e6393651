// Why the chair's form was refused, in the chair's words: each problem becomes a zh-TW sentence
// placed next to the field it is about, and a line in the summary at the top that names the field
// as the page labels it ("待辦事項2 完成期限"), never as the data calls it
// ("actionItems.1.dueDate") and never with a unit id. The paths come from the schema (zod) and from
// the rules (minutes-rules.ts); both are about the minutes as the form was parsed, whose rows are
// the rows the page shows again.
import type { CountyView } from '../series/county-view.ts';
import type { SeriesDefinition } from '../series/county-config.ts';
import type { MinutesContent } from './minutes-schema.ts';
import { minutesLimits } from './minutes-schema.ts';
import type { MinutesProblem } from './minutes-rules.ts';
import { isCommittee } from './committee-attendance.ts';
import { placementTypeNames, placementTypes, type PlacementType } from './placement-type.ts';

/** A schema problem as zod reports it (the fields this needs). */
export type SchemaIssue = {
  path: readonly PropertyKey[];
  code: string;
  message: string;
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  expected?: string;
};

export type FieldProblem = {
  /** The form field's name (`actionItems.1.dueDate`), or a group (`attendance.2`), or '' for the whole form. */
  field: string;
  /** The field as the page labels it. */
  label: string;
  zh: string;
};

/** The element id a field (or group) has on the page, for the summary's links and aria-describedby. */
export function fieldId(field: string): string {
  return `f-${field.replace(/[^A-Za-z0-9-]+/g, '-')}`;
}

type Located = { path: readonly PropertyKey[]; zh: string; unitId?: string };

export function formProblems(input: {
  minutes: MinutesContent;
  series: SeriesDefinition;
  view: CountyView;
  issues?: readonly SchemaIssue[];
  rules?: readonly MinutesProblem[];
  /** Problems with no field (the version the form was based on, a field the page does not have). */
  general?: readonly string[];
}): FieldProblem[] {
  const located: Located[] = [
    ...(input.issues ?? []).map((issue) => ({ path: issue.path, zh: zhForIssue(issue) })),
    ...(input.rules ?? []).map((p) => ({
      path: p.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      zh: p.zh,
      ...(p.unitId ? { unitId: p.unitId } : {}),
    })),
  ];
  const found = located.map((problem) => ({ ...placeOf(problem, input), zh: problem.zh }));
  for (const zh of input.general ?? []) found.push({ field: '', label: '表單', zh });
  // One sentence per field: the same rule can be reported by the schema and the rules.
  const seen = new Set<string>();
  return found.filter((p) => {
    const key = `${p.field}|${p.zh}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function placeOf(
  problem: Located,
  input: { minutes: MinutesContent; series: SeriesDefinition; view: CountyView },
): { field: string; label: string } {
  const { minutes, series, view } = input;
  const [head, second, third] = problem.path;
  const index = typeof second === 'number' ? second : undefined;
  if (head === 'attendance') {
    const unitId = problem.unitId ?? (index !== undefined ? minutes.attendance[index]?.unitId : undefined);
    const row = unitId ? series.invitedUnitIds.indexOf(unitId) : -1;
    if (!unitId || row < 0) return { field: '', label: '出席情形' };
    const unitName = view.unitName(unitId);
    if (third === 'names') return { field: `attendance.${row}.names`, label: `${unitName} 出席人員` };
    if (third === 'members' || isCommittee(view.unit(unitId)))
      return { field: `attendance.${row}.members`, label: `${unitName} 委員出席情形` };
    return { field: `attendance.${row}`, label: `${unitName} 出席情形` };
  }
  if (head === 'summary') return { field: 'summary', label: '會議摘要' };
  if (head === 'resolutions' && index !== undefined) return { field: `resolutions.${index}`, label: `決議${index + 1}` };
  if (head === 'resolutions') return { field: '', label: '決議事項' };
  if (head === 'actionItems' && index !== undefined) {
    const part = typeof third === 'string' ? third : 'description';
    const names: Record<string, string> = { description: '內容', ownerUnitId: '負責單位', dueDate: '完成期限', status: '狀態' };
    return { field: `actionItems.${index}.${part}`, label: `待辦事項${index + 1} ${names[part] ?? ''}`.trim() };
  }
  if (head === 'actionItems') return { field: '', label: '待辦事項' };
  if (head === 'placementReview') {
    const [, list, position, part] = problem.path;
    const entries = list === 'proposals' ? minutes.placementReview?.proposals : minutes.placementReview?.followUpForms;
    const type = typeof position === 'number' ? entries?.[position]?.placementType : undefined;
    if (list === 'proposals' && isPlacementType(type))
      return { field: `proposals.${type}.caseCount`, label: `${placementTypeNames[type].zh} 提案件數` };
    if (list === 'followUpForms' && isPlacementType(type)) {
      const names: Record<string, string> = { formsOwed: '應繳份數', dueDate: '繳交期限', status: '狀態', ownerUnitId: '應繳單位' };
      const field = typeof part === 'string' && part in names ? part : 'formsOwed';
      return { field: `followUp.${type}.${field}`, label: `${placementTypeNames[type].zh} 成效追蹤表${names[field]}` };
    }
    return { field: 'placementReview', label: '各安置類型提案與成效追蹤表' };
  }
  return { field: '', label: '表單' };
}

function isPlacementType(value: unknown): value is PlacementType {
  return typeof value === 'string' && (placementTypes as readonly string[]).includes(value);
}

/** A schema problem in zh-TW, by the kind of field and the rule it broke; never echoing the input. */
export function zhForIssue(issue: SchemaIssue): string {
  const last = [...issue.path].reverse().find((part) => typeof part === 'string');
  const limit = Number(issue.maximum ?? 0);
  if (last === 'dueDate') {
    if (issue.message.includes('exists on the calendar')) return '這一天不存在，請重新選擇日期。';
    return '請選擇日期（年-月-日），例如 2026-04-15。';
  }
  if (last === 'ownerUnitId' || last === 'unitId') return '請選擇單位。';
  if (last === 'contactId') return '委員名單已更新，請重新整理頁面後再填。';
  if (last === 'caseCount' || last === 'formsOwed') {
    const max = last === 'caseCount' ? minutesLimits.caseCount : minutesLimits.formsOwed;
    return `請填寫 0 到 ${max} 的整數。`;
  }
  if (last === 'present') return '請勾選出席或缺席。';
  if (issue.code === 'too_big' && issue.origin === 'string') {
    const what = last === 'names' ? '每位出席人員的姓名' : '此欄';
    return `${what}最多 ${limit} 個字，請精簡。`;
  }
  if (issue.code === 'too_big' && issue.origin === 'array') {
    const what = last === 'names' ? '出席人員' : last === 'resolutions' ? '決議' : last === 'actionItems' ? '待辦事項' : '資料';
    return `${what}最多 ${limit} 筆。`;
  }
  if (issue.message.includes('control characters')) return '含有無法顯示的控制字元，請刪除後再儲存。';
  if (issue.message.includes('one line')) return '請寫在同一行，不要換行。';
  if (issue.message.includes('must not be empty') || issue.code === 'too_small') return '此欄不可空白。';
  if (issue.message.includes('one entry per placement type')) return '每種安置類型只能填一筆。';
  if (issue.code === 'unrecognized_keys') return '表單含有本頁沒有的欄位，請重新整理頁面後再填。';
  return '此欄格式不正確，請檢查後再儲存。';
}
