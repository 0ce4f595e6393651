// One county's deployment settings: where the stack goes and who hears about it. They come from CDK
// context (defaults in cdk.json, `-c safetynet:<field>=…` on the command line) or from a typed JSON
// file named by `-c safetynet:deploymentFile=…`, and are validated before any construct exists, so
// a typo fails `cdk synth` with the field's name instead of a half-built stack failing in AWS.
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import * as z from 'zod';
import type { CountyConfig } from '../functions/core/series/county-config.ts';

export const contextPrefix = 'safetynet:';
/** A JSON file holding the same fields; its values win over context, because naming a file is explicit. */
export const deploymentFileContextKey = `${contextPrefix}deploymentFile`;

const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a DNS domain name such as "safetynet.example.gov.tw"',
  );

export const deploymentSettingsSchema = z.strictObject({
  /** Omitted: the account of the credentials `cdk deploy` runs with. Set it to refuse deploying anywhere else. */
  account: z
    .string()
    .regex(/^\d{12}$/, 'must be the 12-digit AWS account id')
    .optional(),
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region name such as "ap-northeast-1"'),
  /** The domain SES sends from (verified with DKIM); the secretariat mailbox must be in it. */
  sendingDomain: hostname,
  /** From, ORGANIZER and where calendar replies arrive; must equal the county file's secretariat.mailbox. */
  secretariatMailbox: z.email('must be an e-mail address').toLowerCase(),
  /** Who is told when an alarm fires: the county IT office's on-call address. */
  alarmEmail: z.email('must be an e-mail address'),
  /** The county's meeting configuration, relative to the project root (where cdk.json is). */
  countyConfigFile: z.string().trim().min(1, 'must name the county configuration file, e.g. "functions/config/counties/<county>.json"'),
  /** SES messages per second the dispatcher may send: 1 in the SES sandbox, the account's quota after. */
  sesMaxSendRate: z.coerce.number().positive().max(500).default(1),
});

export type DeploymentSettings = z.infer<typeof deploymentSettingsSchema>;

export class DeploymentConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Deployment settings (${source}) are not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DeploymentConfigError';
  }
}

type ContextReader = { tryGetContext(key: string): unknown };

/** Reads and validates the settings; `projectRoot` anchors the relative file paths. */
export function readDeploymentSettings(context: ContextReader, projectRoot: string): DeploymentSettings {
  const fields = Object.keys(deploymentSettingsSchema.shape);
  const fromContext: Record<string, unknown> = {};
  for (const field of fields) {
    const value: unknown = context.tryGetContext(`${contextPrefix}${field}`);
    if (value !== undefined) fromContext[field] = value;
  }
  const file: unknown = context.tryGetContext(deploymentFileContextKey);
  const fromFile = typeof file === 'string' && file !== '' ? readDeploymentFile(resolve(projectRoot, file)) : {};
  const source = typeof file === 'string' && file !== '' ? `${file} over CDK context` : 'CDK context';

  const input: Record<string, unknown> = { ...fromContext, ...fromFile };
  const result = deploymentSettingsSchema.safeParse(input);
  if (!result.success) {
    throw new DeploymentConfigError(
      source,
      result.error.issues.map((issue) => {
        const field = issue.path.map(String).join('.');
        if (field === '') return issue.message;
        // Name the field as it is written on the command line, so the fix can be copied.
        if (input[field] === undefined)
          return `${contextPrefix}${field}: missing; set it in cdk.json, with -c ${contextPrefix}${field}=…, or in the deployment file`;
        return `${contextPrefix}${field}: ${issue.message} (got ${JSON.stringify(input[field])})`;
      }),
    );
  }
  const settings = result.data;
  const mailboxDomain = settings.secretariatMailbox.split('@')[1] ?? '';
  if (mailboxDomain !== settings.sendingDomain && !mailboxDomain.endsWith(`.${settings.sendingDomain}`)) {
    throw new DeploymentConfigError(source, [
      `${contextPrefix}secretariatMailbox: ${settings.secretariatMailbox} is not in the sending domain ${settings.sendingDomain}; SES would refuse to send from it`,
    ]);
  }
  return settings;
}

/** The county config file as an absolute path, for loading it and for copying it beside each bundle. */
export function countyConfigPath(settings: DeploymentSettings, projectRoot: string): string {
  return isAbsolute(settings.countyConfigFile) ? settings.countyConfigFile : resolve(projectRoot, settings.countyConfigFile);
}

/**
 * The functions send as the county file's secretariat mailbox, but IAM lets them send only as the
 * deployment's: if the two differ, every invitation fails in AWS. Caught here instead.
 */
export function assertSameSecretariatMailbox(settings: DeploymentSettings, county: CountyConfig): void {
  if (county.secretariat.mailbox.toLowerCase() !== settings.secretariatMailbox) {
    throw new DeploymentConfigError(settings.countyConfigFile, [
      `${contextPrefix}secretariatMailbox is ${settings.secretariatMailbox} but the county file's secretariat.mailbox is ${county.secretariat.mailbox}; make them the same`,
    ]);
  }
}

/** Domains reserved for examples (RFC 2606): fine for synth and tests, useless for a deployment. */
export function isPlaceholderDomain(domain: string): boolean {
  return /(^|\.)example\.(org|com|net)$/.test(domain) || /\.(example|test|invalid|localhost)$/.test(domain);
}

function readDeploymentFile(file: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DeploymentConfigError(file, [`cannot read the deployment file: ${(error as Error).message}`]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DeploymentConfigError(file, ['the deployment file must hold one JSON object of settings']);
  }
  // "$schema" is an editor hint, as in the county files.
  const { $schema: _schema, ...settings } = raw as Record<string, unknown>;
  return settings;
}
