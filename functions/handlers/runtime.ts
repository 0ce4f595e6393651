// What every handler shares, created once per Lambda container (cold start) and reused.
import { Logger } from '@aws-lambda-powertools/logger';
import type { CountyConfig } from '../core/series/county-config.ts';
import { loadCountyConfigFile } from '../adapters/config/county-config-file.ts';
import { forCounty, tableConnectionFromEnv, type MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { sesMailerFromEnv, type RawMailer } from '../adapters/ses/ses-mailer.ts';
import { forgetLinkSigningKey } from '../adapters/secrets/link-signing-key.ts';

/** Structured JSON logs. Never log an e-mail address, a name or minutes text: ids and counts only. */
export const logger = new Logger({ serviceName: 'safetynet-meetings' });

let config: CountyConfig | undefined;
let table: MeetingTable | undefined;
let mailer: RawMailer | undefined;

export function countyConfig(): CountyConfig {
  return (config ??= loadCountyConfigFile());
}

/** The table as the configured county sees it: every key this handler builds starts with its county. */
export function meetingTable(): MeetingTable {
  return (table ??= forCounty(tableConnectionFromEnv(), countyConfig().county.id));
}

export function rawMailer(): RawMailer {
  return (mailer ??= sesMailerFromEnv());
}

/** Local runs point the same handlers at other endpoints or files: forget what was cached. */
export function resetRuntime(): void {
  config = undefined;
  table = undefined;
  mailer = undefined;
  forgetLinkSigningKey();
}
