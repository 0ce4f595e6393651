// What every handler shares, created once per Lambda container (cold start) and reused.
import { loadCounties, type Counties } from '../adapters/config/county-registry.ts';
import { forCounty, tableConnectionFromEnv, type MeetingTable, type TableConnection } from '../adapters/dynamodb/meeting-table.ts';
import { JsonLogger } from '../adapters/log/json-logger.ts';
import { sesMailerFromEnv, type RawMailer } from '../adapters/ses/ses-mailer.ts';
import { forgetLinkSigningKey } from '../adapters/secrets/link-signing-key.ts';

/** Structured JSON logs. Never log an e-mail address, a name or minutes text: ids and counts only. */
export const logger = new JsonLogger({ serviceName: 'safetynet-meetings' });

let counties: Counties | undefined;
let connection: TableConnection | undefined;
let mailer: RawMailer | undefined;

/** Every county this deployment serves (COUNTY_CONFIG_DIR), validated at cold start. */
export function servedCounties(): Counties {
  return (counties ??= loadCounties());
}

export function tableConnection(): TableConnection {
  return (connection ??= tableConnectionFromEnv());
}

/** The table as one county sees it: every key built through it starts with that county. */
export function countyTable(countyId: string): MeetingTable {
  if (!servedCounties().get(countyId)) throw new Error(`unknown county "${countyId}"`);
  return forCounty(tableConnection(), countyId);
}

export function rawMailer(): RawMailer {
  return (mailer ??= sesMailerFromEnv());
}

/** Local runs point the same handlers at other endpoints or files: forget what was cached. */
export function resetRuntime(): void {
  counties = undefined;
  connection = undefined;
  mailer = undefined;
  forgetLinkSigningKey();
}
