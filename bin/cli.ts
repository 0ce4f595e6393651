// The secretariat's command line: `npm run cli -- <command> [options]`. Every change goes through
// the same use cases as the API, is validated before anything is written, and re-plans the series
// at once so the invitees' notices are queued in the same step.
//
// The officer types a command between phone calls, so it has to answer at once: the arguments are
// checked against the table of commands below before anything is loaded or started (--help and a
// mistake cost a fraction of a second), the rest is imported only then, and the table is the one
// `npm start` is running (lib/local-stack/open-table.ts) rather than a DynamoDB Local of its own.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Temporal } from '../functions/core/calendar/local-date.ts';
import type { PlanFormat } from '../functions/core/annual-plan/plan-formats.ts';
import type { TaskContext } from '../functions/use-cases/secretariat/tasks.ts';
import type { SecretariatAction } from '../functions/core/audit/secretariat-action.ts';
import type { OpenTable } from '../lib/local-stack/open-table.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const options = {
  series: { type: 'string' },
  year: { type: 'string' },
  format: { type: 'string', default: 'table' },
  occurrence: { type: 'string' },
  to: { type: 'string' },
  start: { type: 'string' },
  reason: { type: 'string', default: '' },
  force: { type: 'boolean', default: false },
  venue: { type: 'string' },
  unit: { type: 'string' },
  contact: { type: 'string' },
  name: { type: 'string' },
  email: { type: 'string' },
  title: { type: 'string' },
  with: { type: 'string' },
  date: { type: 'string' },
  preview: { type: 'string', default: '8' },
  now: { type: 'string' },
  county: { type: 'string' },
  as: { type: 'string' },
  'data-dir': { type: 'string', default: '.data' },
  help: { type: 'boolean', default: false },
  retry: { type: 'boolean', default: false },
  overdue: { type: 'boolean', default: false },
  strict: { type: 'boolean', default: false },
  'schedules-disabled': { type: 'boolean', default: false },
  'schedule-group': { type: 'string' },
} as const;

type Flag = keyof typeof options;

/** What a person may type after each command; checked before anything starts. */
type CommandSpec = {
  synopsis: string;
  summary: string;
  required?: Flag[];
  optional?: Flag[];
  /** One positional argument: a file, or what `what` names. */
  file?: { required: boolean; example: string; what?: string };
};

const commands: Record<string, CommandSpec> = {
  schedule: {
    synopsis: '--series <系列代號> --year <西元年> [--format table|csv|json|ics]',
    summary: '一個系列的年度會議計畫（csv 可用 Excel 開啟，ics 可匯入行事曆）',
    required: ['series', 'year'],
    optional: ['format'],
  },
  move: {
    synopsis: '--series <系列代號> --occurrence <日期|月份> --to <yyyy-mm-dd> [--start HH:MM] --reason <原因> [--force]',
    summary: '會議改期，並通知每位與會者（改到放假日需加 --force）',
    required: ['series', 'occurrence', 'to', 'reason'],
    optional: ['start', 'force'],
  },
  cancel: {
    synopsis: '--series <系列代號> --occurrence <日期|月份> --reason <原因>',
    summary: '停開一場會議（如颱風），一步完成並通知每位與會者',
    required: ['series', 'occurrence', 'reason'],
  },
  reinstate: {
    synopsis: '--series <系列代號> --occurrence <日期|月份> --reason <原因>',
    summary: '恢復幕僚停開的會議，並再次通知每位與會者',
    required: ['series', 'occurrence', 'reason'],
  },
  venue: {
    synopsis: '--series <系列代號> --occurrence <日期|月份> --venue <場地代號> --reason <原因>',
    summary: '更換一場會議的場地',
    required: ['series', 'occurrence', 'venue', 'reason'],
  },
  'swap-chairs': {
    synopsis: '--series <系列代號> --occurrence <日期|月份> --with <日期|月份> --reason <原因>',
    summary: '兩場會議互換主持單位',
    required: ['series', 'occurrence', 'with', 'reason'],
  },
  'acting-chair': {
    synopsis: '--series <系列代號> --occurrence <日期|月份> --unit <單位代號> --reason <原因>',
    summary: '指定一場會議由另一個受邀單位代理主持（輪值順序不變）；指定輪到的單位即取消代理',
    required: ['series', 'occurrence', 'unit', 'reason'],
  },
  'add-session': {
    synopsis: '--series <系列代號> --date <yyyy-mm-dd> [--start HH:MM] --reason <原因> [--force]',
    summary: '加開一場臨時會議',
    required: ['series', 'date', 'reason'],
    optional: ['start', 'force'],
  },
  chairs: {
    synopsis: '--series <系列代號> [--preview <場數>]',
    summary: '接下來各場的主持單位，及各單位每年主持次數',
    required: ['series'],
    optional: ['preview'],
  },
  'contact add': {
    synopsis: '--unit <單位代號> --contact <新聯絡人代號> --name <姓名> --email <電子郵件> [--title <職稱>] --reason <原因>',
    summary: '新增聯絡人，並寄給他往後會議的邀請',
    required: ['unit', 'contact', 'name', 'email', 'reason'],
    optional: ['title'],
  },
  'contact remove': {
    synopsis: '--unit <單位代號> --contact <聯絡人代號> --reason <原因>',
    summary: '移除聯絡人，並寄給他取消通知',
    required: ['unit', 'contact', 'reason'],
  },
  'contact readd': {
    synopsis: '--unit <單位代號> --contact <聯絡人代號> --reason <原因>',
    summary: '恢復先前移除的聯絡人（原代號、姓名與電子郵件）',
    required: ['unit', 'contact', 'reason'],
  },
  'chair-link issue': {
    synopsis: '--series <系列代號> --occurrence <日期|月份> [--contact <聯絡人代號>] --reason <原因>',
    summary: '發給主持單位聯絡人填寫會議紀錄的連結（預設為主持單位的第一位聯絡人）；連結只顯示這一次',
    required: ['series', 'occurrence', 'reason'],
    optional: ['contact'],
  },
  'chair-link revoke': {
    synopsis: '--series <系列代號> --occurrence <日期|月份> --contact <聯絡人代號> --reason <原因>',
    summary: '停用該聯絡人持有的所有會議紀錄連結（如信件誤轉寄）',
    required: ['series', 'occurrence', 'contact', 'reason'],
  },
  'feed issue': {
    synopsis: '--unit <單位代號>',
    summary: '發給單位可訂閱的行事曆網址（已有則換發，舊網址即失效）；網址只顯示這一次',
    required: ['unit'],
  },
  'feed revoke': {
    synopsis: '--unit <單位代號>',
    summary: '停用單位的行事曆訂閱網址',
    required: ['unit'],
  },
  'minutes-status': {
    synopsis: '[--series <系列代號>]',
    summary: '每場已開會議的紀錄狀態與期限',
    optional: ['series'],
  },
  'action-items': { synopsis: '[--overdue]', summary: '各系列未結（加 --overdue：逾期）的待辦事項', optional: ['overdue'] },
  overdue: { synopsis: '', summary: '逾期的會議紀錄、待辦事項與成效追蹤表' },
  'minutes approve': {
    synopsis: '--series <系列代號> --occurrence <日期|月份> --reason <原因>',
    summary: '核定主持人送出的會議紀錄',
    required: ['series', 'occurrence', 'reason'],
  },
  'minutes return': {
    synopsis: '--series <系列代號> --occurrence <日期|月份> --reason <要修正的地方>',
    summary: '退回會議紀錄給主持人修正',
    required: ['series', 'occurrence', 'reason'],
  },
  'minutes distribute': {
    synopsis: '--series <系列代號> --occurrence <日期|月份> --reason <原因>',
    summary: '分送已核定的會議紀錄：寄給每位受邀者閱讀連結（不含紀錄內容）',
    required: ['series', 'occurrence', 'reason'],
  },
  outbox: {
    synopsis: '[--retry --reason <原因>]',
    summary: '寄送失敗或結果不明的通知（哪場會議、寄給誰、為什麼）；--retry 重新寄送所有寄送失敗的通知',
    optional: ['retry', 'reason'],
  },
  'outbox retry': {
    synopsis: '<通知代號> --reason <原因> [--force]',
    summary: '重新寄送一則通知；結果不明的通知可能已寄達，向收件人確認沒有收到後加 --force',
    required: ['reason'],
    optional: ['force'],
    file: {
      required: true,
      example: 'npm run cli -- outbox retry <通知代號> --reason "已更正信箱"',
      what: '<通知代號>（npm run cli -- outbox 列出）',
    },
  },
  closure: {
    synopsis: '--date <yyyy-mm-dd> --reason <原因>',
    summary: '停止上班（如颱風停止上班）：當天的會議重新安排並通知',
    required: ['date', 'reason'],
  },
  'closure remove': {
    synopsis: '--date <yyyy-mm-dd> --reason <原因>',
    summary: '移除停止上班（宣布撤回或輸入錯誤，包括無效的日期）：當天的會議回到原來的日期並通知',
    required: ['date', 'reason'],
  },
  'import-calendar': {
    synopsis: '<檔案.csv|檔案.json> --reason <原因>',
    summary: '匯入新年度的行政機關辦公日曆表（Big5 或含 BOM 的 UTF-8），並重新安排每個系列的會議',
    required: ['reason'],
    file: {
      required: true,
      example: 'npm run cli -- import-calendar 116年中華民國政府行政機關辦公日曆表.csv --reason "116 年辦公日曆公告"',
    },
  },
  reply: {
    synopsis: '<檔案.eml>',
    summary: '匯入以郵件收到的行事曆回覆（如 SES 轉交的原始郵件）；不是行事曆回覆的一般郵件，轉寄到縣市設定的轉寄信箱',
    file: { required: true, example: 'npm run cli -- reply answer.eml' },
  },
  token: { synopsis: '', summary: '本機 API 的幕僚登入權杖' },
  'validate-config': {
    synopsis: '[檔案] [--strict]',
    summary:
      '檢查縣市設定檔，並列出每個尚待填寫的預留值（（待填）、example.org、"placeholder": true、系列的 placeholders）；' +
      '預設有預留值仍以 0 結束，因為設定中的縣市本來就有；加 --strict 則有預留值時以 1 結束，供上線前或 CI 檢查',
    optional: ['strict'],
    file: { required: false, example: 'npm run cli -- validate-config functions/config/counties/chiayi-county.json' },
  },
  'county init': {
    synopsis: '<縣市代號> --name <縣市名稱>',
    summary: '建立新縣市的設定檔（三個任務會議系列，預留值皆已標記），例如 county init tainan-city --name 臺南市',
    required: ['name'],
    file: { required: true, example: 'npm run cli -- county init tainan-city --name 臺南市', what: '<縣市代號>' },
  },
  'migrate-to-counties': {
    synopsis: '--county <縣市代號> [--schedule-group <排程群組>] [--schedules-disabled]',
    summary:
      '把單一縣市版本寫的資料表搬到以縣市開頭的鍵（C#<縣市>#…），逐筆比對後才刪舊鍵，可重複執行；' +
      '排程啟用中（AWS）或 npm start 執行中則拒絕；只以 DYNAMODB_ENDPOINT 指定資料庫時，需加 --schedules-disabled 確認沒有排程',
    required: ['county'],
    optional: ['schedule-group', 'schedules-disabled'],
  },
};

/** Accepted by every command. */
const everyCommand: Flag[] = ['county', 'now', 'as', 'data-dir', 'help'];

const placeholder: Partial<Record<Flag, string>> = {
  series: '<系列代號>',
  year: '<西元年>',
  occurrence: '<日期|月份>',
  to: '<yyyy-mm-dd>',
  reason: '<原因>',
  venue: '<場地代號>',
  with: '<日期|月份>',
  date: '<yyyy-mm-dd>',
  unit: '<單位代號>',
  contact: '<聯絡人代號>',
  name: '<姓名>',
  email: '<電子郵件>',
};

function commandUsage(name: string): string {
  const spec = commands[name]!;
  return `  ${name} ${spec.synopsis}`.trimEnd() + `\n      ${spec.summary}`;
}

const usage = `用法：npm run cli -- <指令> [選項]

${Object.keys(commands).map(commandUsage).join('\n')}

每個指令都可加：
  --county <縣市代碼>  要操作的縣市（functions/config/counties/<縣市代碼>.json）；只有一個縣市時可省略
  --now <ISO 時間>     當作現在是這個時間，例如 2026-03-09T09:00+08:00（預設：現在）
  --as <姓名>          記錄操作者（預設：$USER）
  --data-dir <資料夾>  本機資料夾（預設：.data）；設定 DYNAMODB_ENDPOINT 或 TABLE_NAME 則改用其他資料庫
  --help              顯示說明，不啟動任何服務

會議的場次以日期（2026-03-25）或月份（2026-03）指定。
先在另一個視窗執行 npm start，指令會使用它的資料庫，約一秒完成；沒有 npm start 時，每個指令自行啟動資料庫，約需 20 秒。
`;

/** A mistake in what was typed: one zh-TW line, exit 2, nothing started. */
class UsageError extends Error {}

function readArguments() {
  try {
    return parseArgs({ allowPositionals: true, tokens: true, options });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`不認得選項 ${option}（npm run cli -- --help 列出指令與選項）`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`選項 ${option} 後面要接一個值`);
    throw error;
  }
}

const isCalendarDate = (text: string) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};
const isOccurrenceName = (text: string) => isCalendarDate(text) || /^\d{4}-(0[1-9]|1[0-2])$/.test(text);

/** The shape of each value, where a mistake can be seen without reading any data. */
const valueChecks: Partial<Record<Flag, [check: (text: string) => boolean, expected: string]>> = {
  year: [(t) => /^\d{4}$/.test(t), '四位數的西元年，例如 2026'],
  format: [(t) => ['table', 'csv', 'json', 'ics'].includes(t), 'table、csv、json 或 ics'],
  preview: [(t) => /^[1-9]\d{0,2}$/.test(t), '1 到 999 之間的場數'],
  to: [isCalendarDate, '日期 YYYY-MM-DD，例如 2026-03-26'],
  date: [isCalendarDate, '日期 YYYY-MM-DD，例如 2026-08-05'],
  occurrence: [isOccurrenceName, '日期（2026-03-25）或月份（2026-03）'],
  with: [isOccurrenceName, '日期（2026-04-22）或月份（2026-04）'],
  start: [(t) => /^([01]\d|2[0-3]):[0-5]\d$/.test(t), '時間 HH:MM（24 小時制），例如 14:00'],
};

function checkedArguments() {
  const { values, positionals, tokens } = readArguments();
  const typed = new Set(tokens.filter((t) => t.kind === 'option').map((t) => t.name));
  const [first, ...afterFirst] = positionals;
  if (!first) return { values, positionals, name: undefined };
  let name = first;
  let rest = afterFirst;
  if (first === 'contact') {
    const [action, ...more] = afterFirst;
    if (action !== 'add' && action !== 'remove' && action !== 'readd')
      throw new UsageError('contact 後面要接 add、remove 或 readd，例如 npm run cli -- contact add --unit …');
    name = `contact ${action}`;
    rest = more;
  }
  if (first === 'chair-link') {
    const [action, ...more] = afterFirst;
    if (action !== 'issue' && action !== 'revoke')
      throw new UsageError('chair-link 後面要接 issue 或 revoke，例如 npm run cli -- chair-link issue --series …');
    name = `chair-link ${action}`;
    rest = more;
  }
  if (first === 'minutes') {
    const [action, ...more] = afterFirst;
    if (action !== 'approve' && action !== 'return' && action !== 'distribute')
      throw new UsageError('minutes 後面要接 approve、return 或 distribute，例如 npm run cli -- minutes approve --series …');
    name = `minutes ${action}`;
    rest = more;
  }
  if (first === 'outbox' && afterFirst[0] === 'retry') {
    name = 'outbox retry';
    rest = afterFirst.slice(1);
  }
  if (first === 'feed') {
    const [action, ...more] = afterFirst;
    if (action !== 'issue' && action !== 'revoke')
      throw new UsageError('feed 後面要接 issue 或 revoke，例如 npm run cli -- feed issue --unit …');
    name = `feed ${action}`;
    rest = more;
  }
  if (first === 'closure' && afterFirst[0] === 'remove') {
    name = 'closure remove';
    rest = afterFirst.slice(1);
  }
  if (first === 'county') {
    const [action, ...more] = afterFirst;
    if (action !== 'init') throw new UsageError('county 後面要接 init，例如 npm run cli -- county init tainan-city --name 臺南市');
    name = 'county init';
    rest = more;
  }
  const spec = commands[name];
  if (!spec) throw new UsageError(`不認得指令「${first}」；可用的指令：${Object.keys(commands).join('、')}（npm run cli -- --help）`);
  if (values.help) return { values, positionals, name };

  const accepted = new Set<Flag>([...everyCommand, ...(spec.required ?? []), ...(spec.optional ?? [])]);
  for (const flag of typed) if (!accepted.has(flag)) throw new UsageError(`${name} 不使用 --${flag}（npm run cli -- ${name} --help）`);
  for (const flag of spec.required ?? []) {
    const value = values[flag];
    if (typeof value !== 'string' || value.trim() === '')
      throw new UsageError(`${name} 需要 --${flag} ${placeholder[flag] ?? ''}`.trimEnd() + `（npm run cli -- ${name} --help）`);
  }
  for (const [flag, [check, expected]] of Object.entries(valueChecks) as Array<[Flag, [(t: string) => boolean, string]]>) {
    const value = values[flag];
    // A closure stored with a date that does not exist (2026-02-30) must still be nameable, to remove it.
    if (name === 'closure remove' && flag === 'date') continue;
    if (typed.has(flag) && typeof value === 'string' && !check(value)) throw new UsageError(`--${flag}：「${value}」不對，應為${expected}`);
  }
  if (spec.file?.required && rest.length === 0)
    throw new UsageError(`${name} 需要${spec.file.what ?? '一個檔案'}，例如 ${spec.file.example}`);
  const extra = rest.slice(spec.file ? 1 : 0);
  if (extra.length > 0) throw new UsageError(`${name} 用不到這些參數：${extra.join(' ')}`);
  return { values, positionals, name };
}

let parsed: ReturnType<typeof checkedArguments>;
try {
  parsed = checkedArguments();
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const { values, positionals } = parsed;
const [command, ...rest] = positionals;

function required(name: keyof typeof values): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`${command} 需要 --${name}`);
  return value;
}

function year(): number {
  const text = required('year');
  if (!/^\d{4}$/.test(text)) throw new UsageError(`--year：「${text}」不是四位數的西元年`);
  return Number(text);
}

async function main(): Promise<number> {
  if (values.help) {
    console.log(parsed.name ? `用法：npm run cli -- ${commandUsage(parsed.name).trimStart()}` : usage);
    return 0;
  }
  if (!parsed.name) {
    console.error(usage);
    return 2;
  }
  if (parsed.name === 'county init' || parsed.name === 'migrate-to-counties') {
    const counties = await import('./county-commands.ts');
    if (parsed.name === 'county init') {
      const { Temporal } = await import('../functions/core/calendar/local-date.ts');
      return counties.countyInit(rest[1]!, required('name'), values.now ? Temporal.Instant.from(values.now) : Temporal.Now.instant());
    }
    return counties.migrateToCountiesCommand({
      county: required('county'),
      dataDir: values['data-dir'],
      schedulesDisabled: values['schedules-disabled'],
      ...(values['schedule-group'] ? { scheduleGroup: values['schedule-group'] } : {}),
    });
  }
  // Only now, with the arguments known to be complete, is the rest loaded.
  const [
    { countyConfigFile },
    { loadCounties },
    { Temporal },
    { readOfficeCalendar },
    { listOccurrences },
    { listOverrides },
    { annualPlan },
    { formatPlan },
    { findSeries },
    { SecretariatInputError },
    { chairReport, chairReportLines },
    tasks,
    { parseCalendarUpload },
    { listNoticeProblems },
    { describeAction },
    { minutesStateNames },
    { countyBaseUrl, countySigningKey },
    { localLinkKey },
    { listActionItems, minutesStatus, overdueReport },
    { openTable },
    { feedReplyFile },
    { localSecretariatKey },
  ] = await Promise.all([
    import('../functions/adapters/config/county-config-file.ts'),
    import('../functions/adapters/config/county-registry.ts'),
    import('../functions/core/calendar/local-date.ts'),
    import('../functions/adapters/dynamodb/calendar-store.ts'),
    import('../functions/adapters/dynamodb/occurrence-store.ts'),
    import('../functions/adapters/dynamodb/override-store.ts'),
    import('../functions/core/annual-plan/annual-plan.ts'),
    import('../functions/core/annual-plan/plan-formats.ts'),
    import('../functions/use-cases/secretariat/request-checks.ts'),
    import('../functions/use-cases/secretariat/secretariat-input-error.ts'),
    import('../functions/use-cases/secretariat/chair-report.ts'),
    import('../functions/use-cases/secretariat/tasks.ts'),
    import('../functions/use-cases/secretariat/import-office-calendar.ts'),
    import('../functions/use-cases/secretariat/failed-notices.ts'),
    import('../functions/use-cases/secretariat/describe-change.ts'),
    import('../functions/core/minutes/minutes-lifecycle.ts'),
    import('../functions/core/access/signed-token.ts'),
    import('../lib/local-stack/local-link-key.ts'),
    import('../functions/use-cases/minutes/minutes-views.ts'),
    import('../lib/local-stack/open-table.ts'),
    import('../functions/use-cases/feed-reply-file.ts'),
    import('../lib/local-stack/local-secretariat-signer.ts'),
  ]);

  function nowInstant(): Temporal.Instant {
    if (!values.now) return Temporal.Now.instant();
    try {
      return Temporal.Instant.from(values.now);
    } catch {
      throw new UsageError(`--now：「${values.now}」不是含時區的 ISO 時間，例如 2026-03-09T09:00+08:00`);
    }
  }

  if (command === 'validate-config') {
    const { validateConfig } = await import('./county-commands.ts');
    return validateConfig(rest[0] ?? countyConfigFile(), values.strict);
  }
  // Every other command acts on one county, and says which.
  const counties = loadCounties();
  const config = values.county ? counties.get(values.county) : counties.ids.length === 1 ? counties.all()[0] : undefined;
  if (!config)
    throw new UsageError(
      values.county
        ? `--county：找不到縣市「${values.county}」；可用：${counties.ids.join('、')}`
        : `有多個縣市，請用 --county 指定：${counties.ids.join('、')}`,
    );
  console.error(`（縣市：${config.county.name.zh} ${config.county.id}）`);
  if (command === 'token') {
    const key = await localSecretariatKey(join(values['data-dir'], 'secretariat-signing-key.json'));
    const groups = [`secretariat-${config.county.id}`];
    console.log(await key.mint({ subject: values.as ?? process.env.USER ?? 'local-secretariat', groups }));
    return 0;
  }
  const now = nowInstant();
  const actor = { id: values.as ?? process.env.USER ?? 'secretariat-cli', via: 'cli' };

  // Validate what can be validated before touching any data: the calendar file is read and checked whole.
  const upload =
    parsed.name === 'import-calendar'
      ? { fileName: basename(rest[0]!), bytes: new Uint8Array(readFileSync(rest[0]!)), reason: required('reason') }
      : undefined;
  if (upload) parseCalendarUpload({ ...upload, now });
  if (values.series) findSeries(config, values.series);

  let open: OpenTable | undefined;
  try {
    open = await openTable(values['data-dir'], config.county.id, {
      command: `npm run cli -- ${parsed.name}`,
      onStartingOwnEngine: () =>
        console.error('（沒有執行中的 npm start：這個指令自己啟動資料庫，約需 20 秒；先在另一個視窗執行 npm start，指令約一秒完成）'),
      onWaitingForStart: (pid) => console.error(`（npm start 正在啟動（程序 ${pid}），等它就緒後使用它…）`),
    });
    const { table } = open;
    const { calendar, skippedClosures } = await readOfficeCalendar(table);
    for (const skipped of skippedClosures)
      console.error(
        `（已略過無效的停止上班紀錄「${skipped.date}」；移除：npm run cli -- closure remove --date ${skipped.date} --reason <原因>）`,
      );
    // Every change goes through the secretariat's use cases, as the console and the API do; the
    // command line only parses and prints.
    const ctx: TaskContext = {
      table,
      config,
      actor,
      now,
      links: {
        // The key npm start signs links with, so a link issued here opens on its pages.
        signingKey: countySigningKey(Buffer.from(localLinkKey(values['data-dir']), 'hex'), config.county.id),
        baseUrl: countyBaseUrl(process.env.PUBLIC_BASE_URL ?? 'http://127.0.0.1:3000', config.county.id),
      },
    };
    const printAction = (action: SecretariatAction | undefined) => {
      if (action) console.log(describeAction(config, action).join('\n'));
      console.log('通知已排入，下次寄送時發出（npm start 或雲端排程）。');
    };
    const meeting = () => ({ seriesId: required('series'), occurrence: required('occurrence'), reason: required('reason') });

    switch (parsed.name) {
      case 'schedule': {
        const format = values.format as PlanFormat;
        if (!['table', 'csv', 'json', 'ics'].includes(format))
          throw new SecretariatInputError(`--format 只能是 table、csv、json 或 ics，不是「${format}」`);
        const series = findSeries(config, required('series'));
        const [stored, overrides] = await Promise.all([listOccurrences(table, series.id), listOverrides(table, series.id)]);
        process.stdout.write(formatPlan(format, config, series, year(), annualPlan(series, calendar, overrides, stored, year(), now)));
        return 0;
      }
      case 'move':
        printAction(
          (
            await tasks.moveMeeting(ctx, {
              ...meeting(),
              date: required('to'),
              ...(values.start ? { start: values.start } : {}),
              force: values.force,
            })
          ).action,
        );
        return 0;
      case 'cancel':
        printAction((await tasks.cancelMeeting(ctx, meeting())).action);
        return 0;
      case 'reinstate':
        printAction((await tasks.reinstateMeeting(ctx, meeting())).action);
        return 0;
      case 'venue':
        printAction((await tasks.changeMeetingVenue(ctx, { ...meeting(), venueId: required('venue') })).action);
        return 0;
      case 'swap-chairs':
        printAction((await tasks.swapMeetingChairs(ctx, { ...meeting(), other: required('with') })).action);
        return 0;
      case 'acting-chair':
        printAction((await tasks.appointActingChair(ctx, { ...meeting(), unitId: required('unit') })).action);
        return 0;
      case 'add-session':
        printAction(
          (
            await tasks.addAdHocSession(ctx, {
              seriesId: required('series'),
              date: required('date'),
              reason: required('reason'),
              ...(values.start ? { start: values.start } : {}),
              force: values.force,
            })
          ).action,
        );
        return 0;
      case 'chairs': {
        const report = await chairReport(table, config, calendar, { seriesId: required('series'), count: Number(values.preview), now });
        console.log(chairReportLines(config, report).join('\n'));
        return 0;
      }
      case 'contact add':
        printAction(
          (
            await tasks.addContact(ctx, {
              unitId: required('unit'),
              contact: {
                id: required('contact'),
                name: required('name'),
                email: required('email'),
                ...(values.title ? { title: values.title } : {}),
              },
              reason: required('reason'),
            })
          ).action,
        );
        return 0;
      case 'contact remove':
      case 'contact readd': {
        const edit = { unitId: required('unit'), contactId: required('contact'), reason: required('reason') };
        printAction((parsed.name === 'contact remove' ? await tasks.removeContact(ctx, edit) : await tasks.readdContact(ctx, edit)).action);
        return 0;
      }
      case 'chair-link issue': {
        const issued = await tasks.issueChairMinutesLink(ctx, { ...meeting(), ...(values.contact ? { contactId: values.contact } : {}) });
        console.log(`${issued.contactName}（${issued.contactId}）填寫會議紀錄的連結，${issued.expiresAt.slice(0, 10)} 前有效：`);
        console.log(issued.url);
        console.error('（連結只顯示這一次，請直接交給主持人；外流時以 chair-link revoke 停用）');
        return 0;
      }
      case 'chair-link revoke': {
        const revoked = await tasks.revokeChairMinutesLink(ctx, { ...meeting(), contactId: required('contact') });
        console.log(`已停用 ${revoked.contactName}（${revoked.contactId}）持有的所有會議紀錄連結；需要時以 chair-link issue 發給新的連結`);
        return 0;
      }
      case 'minutes approve':
      case 'minutes return':
      case 'minutes distribute': {
        const decide =
          parsed.name === 'minutes approve'
            ? tasks.approveMinutes
            : parsed.name === 'minutes return'
              ? tasks.returnMinutes
              : tasks.distributeMinutesToInvitees;
        const result = await decide(ctx, meeting());
        console.log(describeAction(config, result.action).join('\n'));
        console.log(`會議紀錄目前為「${minutesStateNames[result.state]}」（第 ${result.version} 版）`);
        return 0;
      }
      case 'feed issue':
      case 'feed revoke': {
        const feeds = await import('../functions/use-cases/feeds/unit-feed-secrets.ts');
        const request = {
          unitId: required('unit'),
          actor: { kind: 'secretariat' as const, subject: actor.id, via: 'cli' },
          now: new Date(now.epochMilliseconds),
        };
        if (parsed.name === 'feed issue') {
          // The address people open: the deployment's (PUBLIC_BASE_URL), or npm start's default.
          const issued = await feeds.issueUnitFeed(
            { table, config },
            { ...request, publicBaseUrl: process.env.PUBLIC_BASE_URL ?? 'http://127.0.0.1:3000' },
          );
          console.log(`${issued.unitName} 的行事曆訂閱網址${issued.rotated ? '（已換發，舊網址已失效）' : ''}：`);
          console.log(issued.url);
          console.error('（網址只顯示這一次，請直接交給該單位；遺失或外流時重新發給即可）');
        } else {
          const revoked = await feeds.revokeUnitFeed({ table, config }, request);
          console.log(
            revoked.revoked ? `已停用 ${revoked.unitName} 的行事曆訂閱網址` : `${revoked.unitName} 沒有有效的行事曆訂閱網址，未變更`,
          );
        }
        return 0;
      }
      case 'reply': {
        const file = rest[0];
        if (!file) throw new SecretariatInputError('reply 需要一個檔案，例如 npm run cli -- reply answer.eml');
        // Plain mail is forwarded through the SES beside the table (npm start's emulator, or SES).
        const { replyForwardMailer, describeForward } = await import('../lib/local-stack/reply-forward.ts');
        const mailer = await replyForwardMailer(values['data-dir'], open.source);
        const result = await feedReplyFile(
          { table, config, now: () => new Date(now.epochMilliseconds), ...(mailer ? { mailer } : {}) },
          file,
        );
        // The outcome carries ids and a reason, never an address.
        console.log(JSON.stringify(result));
        const forwardLine = describeForward(result, config, mailer);
        if (forwardLine) console.error(forwardLine);
        return 0;
      }
      case 'minutes-status':
      case 'action-items':
      case 'overdue': {
        // Read through the same use cases as the API, as the secretariat, and audited the same way.
        const context = { table, config, now: () => new Date(now.epochMilliseconds) };
        const secretariat = { kind: 'secretariat' as const, subject: actor.id, via: 'cli' };
        const unit = (id: string) => config.units.find((u) => u.id === id)?.name.zh ?? id;
        const seriesName = (id: string) => config.series.find((s) => s.id === id)?.name.zh ?? id;
        if (command === 'minutes-status') {
          for (const row of await minutesStatus(context, values.series ? { seriesId: values.series } : {})) {
            console.log(
              `${row.date}  ${seriesName(row.seriesId)}  主持 ${unit(row.chairUnitId)}  ${minutesStateNames[row.state]}  期限 ${row.dueDate}${row.overdue ? '  逾期' : ''}`,
            );
          }
        } else if (command === 'action-items') {
          for (const item of await listActionItems(context, secretariat, values.overdue ? 'overdue' : 'open')) {
            console.log(
              `${item.dueDate}  ${unit(item.ownerUnitId)}  ${seriesName(item.seriesId)} ${item.meetingDate}  ${item.description}`,
            );
          }
        } else {
          const report = await overdueReport(context, secretariat);
          console.log(
            `逾期會議紀錄 ${report.minutes.length}，逾期待辦事項 ${report.actionItems.length}，逾期成效追蹤表 ${report.followUpForms.length}`,
          );
          for (const row of report.minutes)
            console.log(`  紀錄  ${row.date} ${seriesName(row.seriesId)}  主持 ${unit(row.chairUnitId)}  期限 ${row.dueDate}`);
          for (const item of report.actionItems) console.log(`  待辦  ${item.dueDate} ${unit(item.ownerUnitId)}  ${item.description}`);
          for (const form of report.followUpForms)
            console.log(
              `  追蹤表  ${form.dueDate} ${seriesName(form.seriesId)} ${form.meetingDate}  ${form.placementType} ${form.formsOwed} 份`,
            );
        }
        return 0;
      }
      case 'outbox': {
        const problems = await listNoticeProblems(table, config);
        if (problems.length === 0) console.log('沒有寄送失敗或結果不明的通知。');
        for (const problem of problems) console.log(`${problem.summary}（已試 ${problem.attempts} 次）\n  通知代號：${problem.id}`);
        if (values.retry && problems.length > 0) {
          const { retried, skipped } = await tasks.retryAllFailedNotices(ctx, { reason: required('reason') });
          console.log(`已重新排入寄送 ${retried.length} 則，下次寄送時發出`);
          for (const skip of skipped) console.log(`  未重寄：${skip.message}`);
        }
        return 0;
      }
      case 'outbox retry': {
        const result = await tasks.retryFailedNotice(ctx, {
          noticeId: rest[1]!,
          reason: required('reason'),
          confirmNotReceived: values.force,
        });
        printAction(result.action);
        return 0;
      }
      case 'closure':
      case 'closure remove': {
        const request = { date: required('date'), reason: required('reason') };
        if (parsed.name === 'closure remove') {
          const { action } = await tasks.removeOfficeClosure(ctx, request);
          console.log(`已移除 ${request.date} 的停止上班`);
          printAction(action);
        } else {
          const { closure, action } = await tasks.declareOfficeClosure(ctx, request);
          console.log(`已宣布 ${closure.date} 停止上班（${closure.reason}）${action ? '' : '；先前已宣布，未重複記錄'}`);
          printAction(action);
        }
        return 0;
      }
      case 'import-calendar': {
        const { year: imported, replaced, action } = await tasks.importCalendarFile(ctx, upload!);
        console.log(
          `已匯入 ${imported.year} 年辦公日曆（${imported.source}）${replaced ? '，取代先前的版本' : ''}：平日放假 ${Object.keys(imported.daysOff).length} 天，補行上班 ${Object.keys(imported.workdays).length} 天`,
        );
        printAction(action);
        return 0;
      }
      default:
        console.error(`不認得指令「${command}」\n\n${usage}`);
        return 2;
    }
  } finally {
    await open?.close();
  }
}

/** Errors that are the person's to fix: their message is the whole answer. */
async function explained(error: unknown): Promise<{ message: string; exitCode: number } | undefined> {
  if (error instanceof UsageError) return { message: error.message, exitCode: 2 };
  const [{ SecretariatInputError }, { CountyConfigError }, { OfficeCalendarImportError }, { DataFolderBusyError }, { JavaMissingError }] =
    await Promise.all([
      import('../functions/use-cases/secretariat/secretariat-input-error.ts'),
      import('../functions/core/series/county-config.ts'),
      import('../functions/core/calendar/office-calendar-import.ts'),
      import('../lib/local-stack/data-folder-lock.ts'),
      import('../lib/local-stack/dynamodb-local.ts'),
    ]);
  // The use cases name the request's fields; on the command line the confirmation is --force.
  if (
    error instanceof SecretariatInputError &&
    (error.code === 'day-off-needs-confirmation' || error.code === 'unknown-outcome-needs-confirmation')
  )
    return { message: `${error.message}（指令加 --force）`, exitCode: 2 };
  if (error instanceof SecretariatInputError || error instanceof CountyConfigError || error instanceof OfficeCalendarImportError)
    return { message: error.message, exitCode: 2 };
  if (error instanceof DataFolderBusyError || error instanceof JavaMissingError) return { message: error.message, exitCode: 1 };
  return undefined;
}

try {
  process.exitCode = await main();
} catch (error) {
  const known = await explained(error);
  if (!known) throw error;
  console.error(known.message);
  process.exitCode = known.exitCode;
}
