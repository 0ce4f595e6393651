// A deployment's settings: where the stack goes, which counties it serves, which SES receipt rule
// set it joins, and who hears about alarms. They come from CDK context (defaults in cdk.json,
// `-c safetynet:<field>=…` on the command line) or from a typed JSON file named by
// `-c safetynet:deploymentFile=…`, and are validated before any construct exists, so a typo fails
// `cdk synth` with the field's name instead of a half-built stack failing in AWS.
//
// Everything about a county (its series, mailbox, secretariat) lives in its own file under
// countyConfigDir; the settings only say which of those files this deployment serves.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod';

export const contextPrefix = 'safetynet:';
/** A JSON file holding the same fields; its values win over context, because naming a file is explicit. */
export const deploymentFileContextKey = `${contextPrefix}deploymentFile`;
/** Where the county files are, relative to the project root, unless countyConfigDir says otherwise. */
export const defaultCountyConfigDir = 'functions/config/counties';

/** Settings of the single-county version, and what replaced each: named so an old cdk.json is easy to fix. */
const retiredSettings: Record<string, string> = {
  countyConfigFile: '已改為 safetynet:counties（縣市代碼清單，或 "all"）',
  sendingDomain: '寄件網域改由各縣市設定檔的 secretariat.mailbox 決定',
  secretariatMailbox: '寄件信箱改由各縣市設定檔的 secretariat.mailbox 決定',
};

const countyId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, '縣市代碼須為小寫英文字母、數字與連字號，例如 "chiayi-county"');

/** Context from the command line is text: "true"/"false" are read as the booleans they spell. */
const flag = z.preprocess(
  (value) => (value === 'true' ? true : value === 'false' ? false : value),
  z.boolean({ error: '須為 true 或 false' }),
);

/** "all", a list in cdk.json, or "a,b" from `-c safetynet:counties=a,b`. */
const countySelection = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    const text = value.trim();
    if (text === 'all') return 'all';
    return text
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
  },
  z.union(
    [
      z.literal('all'),
      z
        .array(countyId)
        .min(1, '至少要列出一個縣市，或寫 "all"')
        .refine((ids) => new Set(ids).size === ids.length, '同一個縣市列了兩次'),
    ],
    { error: '須為 "all" 或縣市代碼清單，例如 ["chiayi-county", "tainan-city"]' },
  ),
);

export const deploymentSettingsSchema = z.strictObject({
  /** Omitted: the account of the credentials `cdk deploy` runs with. Set it to refuse deploying anywhere else. */
  account: z
    .string()
    .regex(/^\d{12}$/, '須為 12 位數字的 AWS 帳號')
    .optional(),
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, '須為 AWS 區域名稱，例如 "ap-northeast-1"'),
  /**
   * The CloudFormation stack's name. It stays the same when counties are added, so adding one
   * updates the stack instead of creating another.
   */
  stackName: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, '須以英文字母開頭，只含英文字母、數字與連字號，最多 128 字')
    .default('SafetynetMeetings'),
  /** The counties this deployment serves: their ids (each a file <id>.json), or "all" files in countyConfigDir. */
  counties: countySelection,
  /** The folder of county files, relative to the project root (where cdk.json is). */
  countyConfigDir: z.string().trim().min(1).default(defaultCountyConfigDir),
  /**
   * The SES receipt rule set the reply rules join. Only one rule set is active per account and
   * region, so two deployments there must share one: the first creates it, the others import it.
   */
  receiptRuleSetName: z
    .string()
    .regex(
      /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62}[A-Za-z0-9])?$/,
      '須為 SES 規則集名稱：英文字母、數字、底線與連字號，頭尾為字母或數字，最多 64 字',
    ),
  /** true: the rule set already exists (made by another stack or by hand); add rules to it, never create or delete it. */
  receiptRuleSetImport: flag.default(false),
  /** Who is told when an alarm fires: the IT office's on-call address. */
  alarmEmail: z.email('須為電子郵件地址'),
  /** SES messages per second the dispatcher may send: 1 in the SES sandbox, the account's quota after. */
  sesMaxSendRate: z.coerce.number('須為數字').positive('須大於 0').max(500, '不可超過 500').default(1),
  /** Synthesize even though county files still hold placeholders: for tests and trials, never for the counties' use. */
  allowPlaceholders: flag.default(false),
  /**
   * The prefix of the secretariat's sign-in page, https://<prefix>.auth.<region>.amazoncognito.com
   * (Cognito managed login). Unique in the region across all AWS accounts. Omitted: the stack's
   * name in lower case and the account id, e.g. "safetynetmeetings-123456789012".
   */
  loginDomainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, '須為 1 到 63 個小寫英文字母、數字與連字號，頭尾為字母或數字')
    .refine((prefix) => !/aws|amazon|cognito/.test(prefix), 'Cognito 不接受含 aws、amazon 或 cognito 的前綴')
    .optional(),
  /**
   * Where people reach the app (a custom domain in front of the API, for instance). Links in mail
   * and the console's sign-in callbacks derive from it. Omitted: the HTTP API's own URL.
   */
  publicBaseUrl: z
    .url({ protocol: /^https$/, error: '須為 https:// 開頭的網址，例如 "https://safetynet.example.gov.tw/"' })
    .refine((url) => {
      const parsed = new URL(url);
      return parsed.search === '' && parsed.hash === '' && parsed.username === '' && parsed.password === '';
    }, '網址不可含查詢字串（?）、錨點（#）或帳號密碼')
    .transform((url) => (url.endsWith('/') ? url : `${url}/`))
    .optional(),
});

export type DeploymentSettings = z.infer<typeof deploymentSettingsSchema>;

export class DeploymentConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`部署設定（${source}）有誤：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DeploymentConfigError';
  }
}

type ContextReader = { tryGetContext(key: string): unknown };

/** Reads and validates the settings; `projectRoot` anchors the relative file paths. */
export function readDeploymentSettings(context: ContextReader, projectRoot: string): DeploymentSettings {
  const fields = [...Object.keys(deploymentSettingsSchema.shape), ...Object.keys(retiredSettings)];
  const fromContext: Record<string, unknown> = {};
  for (const field of fields) {
    const value: unknown = context.tryGetContext(`${contextPrefix}${field}`);
    if (value !== undefined) fromContext[field] = value;
  }
  const file: unknown = context.tryGetContext(deploymentFileContextKey);
  const fromFile = typeof file === 'string' && file !== '' ? readDeploymentFile(resolve(projectRoot, file)) : {};
  const source = typeof file === 'string' && file !== '' ? `${file}，其次 CDK context` : 'CDK context';

  const { retired, input } = withoutRetiredSettings({ ...fromContext, ...fromFile });
  const result = deploymentSettingsSchema.safeParse(input);
  const problems = [...retired, ...(result.success ? [] : result.error.issues.map((issue) => describeIssue(issue, input)))];
  if (problems.length > 0 || !result.success) throw new DeploymentConfigError(source, problems);
  return result.data;
}

function withoutRetiredSettings(settings: Record<string, unknown>): { retired: string[]; input: Record<string, unknown> } {
  const input = { ...settings };
  const retired: string[] = [];
  for (const [field, replacement] of Object.entries(retiredSettings)) {
    if (input[field] === undefined) continue;
    retired.push(`${contextPrefix}${field}: 已不再使用；${replacement}。請從 cdk.json 或部署檔移除`);
    delete input[field];
  }
  return { retired, input };
}

function describeIssue(issue: z.core.$ZodIssue, input: Record<string, unknown>): string {
  if (issue.code === 'unrecognized_keys')
    return `不認得的設定：${issue.keys.map((key) => `${contextPrefix}${key}`).join('、')}（請檢查拼字）`;
  const field = String(issue.path[0] ?? '');
  if (field === '') return issue.message;
  // Name the field as it is written on the command line, so the fix can be copied.
  if (input[field] === undefined)
    return `${contextPrefix}${field}: 未設定；請寫在 cdk.json、以 -c ${contextPrefix}${field}=… 指定，或寫在部署檔中`;
  return `${contextPrefix}${field}: ${issue.message}（目前是 ${JSON.stringify(input[field])}）`;
}

function readDeploymentFile(file: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DeploymentConfigError(file, [`無法讀取部署檔：${(error as Error).message}`]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DeploymentConfigError(file, ['部署檔須為一個 JSON 物件，內含各項設定']);
  }
  // "$schema" is an editor hint, as in the county files.
  const { $schema: _schema, ...settings } = raw as Record<string, unknown>;
  return settings;
}
