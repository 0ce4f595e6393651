// Why the chair's form was refused, in the chair's words: each problem becomes a zh-TW sentence
// placed next to the field it is about, and a line in the summary at the top that names the field
// as the page labels it ("待辦事項2 完成期限"), never as the data calls it
// ("actionItems.1.dueDate") and never with a unit id. The paths come from the schema (zod) and from
// the rules (minutes-rules.ts); both are about the minutes as the form was parsed, whose rows are
// the rows the page shows again.
import type { CountyView } from '../series/county-view.ts';
import type { SeriesDefinition } from '../series/county-config.ts';
import type { MinutesContent } from './minutes-schema.ts';
import { minutesLimits } from './minutes-limits.ts';
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
  /** For unrecognized_keys: the keys that are not in the schema. */
  keys?: readonly string[];
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

// ---- The JSON API's wording ------------------------------------------------------------------
// The chair's JSON API (and the secretariat's, which shares minutes-http.ts) names each problem by
// the request's own path, which its caller sends and can find, after a zh-TW label a person can read
// (會議摘要（minutes.summary）：此欄最多 4000 個字，請精簡。). Labels need no county view: a row is
// named by its number, as the caller sent it, not by a unit's name.

/** One problem as a line of the JSON API's `problems`: label, the path in the request, the zh-TW sentence. */
export function problemLine(path: string, zh: string): string {
  if (!path) return zh;
  const label = requestFieldLabel(path);
  return label ? `${label}（${path}）：${zh}` : `${path}：${zh}`;
}

/** Schema problems of a request body as problemLine lines. The body's own paths: `minutes.summary`, `expectedVersion`. */
export function schemaProblemLines(issues: readonly SchemaIssue[], body: unknown): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue.keys ?? []).map((key) => (path ? `${path}.${key}` : key));
      return `不認得的欄位：${keys.join('、')}（請依會議紀錄格式，勿加入其他欄位）`;
    }
    if (!path) return '內容須為 JSON 物件：{"expectedVersion": 版本, "minutes": 會議紀錄}';
    const given = issue.path.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key], body);
    return problemLine(path, given === undefined ? '此欄必填。' : apiZhForIssue(issue));
  });
}

/** zhForIssue, where the form's wording ("請選擇", "重新整理頁面") does not fit a request. */
function apiZhForIssue(issue: SchemaIssue): string {
  const last = [...issue.path].reverse().find((part) => typeof part === 'string');
  if (last === 'expectedVersion' || last === 'index')
    return `須為 0 以上的整數${issue.maximum !== undefined ? `，最大 ${String(issue.maximum)}` : ''}。`;
  if (last === 'ownerUnitId' || last === 'unitId') return '須為本縣市設定中的單位代號。';
  if (last === 'contactId') return '須為本小組委員的聯絡人代號。';
  if (last === 'placementType') return `須為安置類型代號之一：${placementTypes.join('、')}。`;
  if (last === 'status') return '狀態代號不正確。';
  if (last === 'present') return '須為 true（出席）或 false（缺席）。';
  if (issue.code === 'invalid_type') return `型別不符（須為${typeNames[issue.expected ?? ''] ?? issue.expected ?? '正確型別'}）。`;
  return zhForIssue(issue).replace('，請檢查後再儲存。', '。');
}

const typeNames: Record<string, string> = { string: '文字', number: '數字', boolean: 'true 或 false', array: '陣列', object: '物件' };

/** A request path (`minutes.actionItems.1.dueDate`) as the form would label it (待辦事項2 完成期限). */
export function requestFieldLabel(path: string): string | undefined {
  const parts = path.split('.');
  if (parts[0] === 'minutes') parts.shift();
  const [head, second, third, fourth] = parts;
  const row = second !== undefined && /^\d+$/.test(second) ? Number(second) + 1 : undefined;
  const parted = (base: string, part: string | undefined, names: Record<string, string>) =>
    part && names[part] ? `${base} ${names[part]}` : base;
  switch (head) {
    case 'expectedVersion':
      return '版本';
    case 'summary':
      return '會議摘要';
    case 'resolutions':
      return row ? `決議${row}` : '決議事項';
    case 'attendance':
      return row
        ? parted(`出席情形第 ${row} 筆`, third, { unitId: '單位', present: '出席與否', names: '出席人員', members: '委員出席情形' })
        : '出席情形';
    case 'actionItems':
      return row
        ? parted(`待辦事項${row}`, third, { description: '內容', ownerUnitId: '負責單位', dueDate: '完成期限', status: '狀態' })
        : '待辦事項';
    case 'followUpForms':
      return '成效追蹤表';
    case 'placementReview': {
      const index = third !== undefined && /^\d+$/.test(third) ? Number(third) + 1 : undefined;
      if (second === 'proposals')
        return index ? parted(`提案第 ${index} 筆`, fourth, { placementType: '安置類型', caseCount: '提案件數' }) : '各安置類型提案';
      if (second === 'followUpForms')
        return index
          ? parted(`成效追蹤表第 ${index} 筆`, fourth, {
              placementType: '安置類型',
              ownerUnitId: '應繳單位',
              formsOwed: '應繳份數',
              dueDate: '繳交期限',
              status: '狀態',
            })
          : '成效追蹤表';
      return '各安置類型提案與成效追蹤表';
    }
    default:
      return undefined;
  }
}
