// A real dispatcher process, started (and killed) by the delivery tests: it runs the production
// dispatchOutbox against DYNAMODB_ENDPOINT / SES_ENDPOINT / TABLE_NAME in a loop until nothing due
// is pending, and prints one line per send so the parent can kill it between any two steps.
//
// Lines (ids only, never an address):
//   START <pid>                      modules loaded, about to dispatch
//   SENDING <message-id-header> <fingerprint>   about to call SendRawEmail with these bytes
//                                    (fingerprint: sha256 of the raw message, 16 hex digits; MIME
//                                    boundaries differ per rendering, so it names this one attempt)
//   SENT <message-id-header> <ses-message-id>   SES accepted it (the outbox is not yet updated)
//   DONE sent=<n> superseded=<n> retry=<n> failed=<n> unknown=<n>
//
// Tunables (env): SES_MAX_SEND_RATE, DISPATCH_CONCURRENCY, DISPATCH_LEASE_SECONDS,
// DISPATCH_SEND_TIMEOUT_MILLIS (the SES call's deadline; the lease must be ten times it),
// DISPATCH_MAX_ATTEMPTS, DISPATCH_BACKOFF_BASE_MILLIS, DISPATCH_BACKOFF_CAP_MILLIS, and
// DISPATCH_WAIT_FOR_SIGNAL=1 to print READY and wait for SIGUSR2 before starting (so two processes
// can be released at the same moment).
import { createHash } from 'node:crypto';
import { loadCountyConfigFile } from '../../../functions/adapters/config/county-config-file.ts';
import { forCounty, tableConnectionFromEnv } from '../../../functions/adapters/dynamodb/meeting-table.ts';
import { hasPending } from '../../../functions/adapters/dynamodb/outbox-store.ts';
import { defaultSendTimeoutMillis, sesMailerFromEnv, type RawMailer } from '../../../functions/adapters/ses/ses-mailer.ts';
import { defaultDispatchOptions, dispatchOutbox, type DispatchResult } from '../../../functions/use-cases/dispatch-outbox.ts';

const numberFromEnv = (name: string, fallback: number): number => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
  return parsed;
};

for (const name of ['DYNAMODB_ENDPOINT', 'SES_ENDPOINT', 'TABLE_NAME']) {
  if (!process.env[name]) throw new Error(`${name} is not set`);
}

const config = loadCountyConfigFile();
const table = forCounty(tableConnectionFromEnv(), config.county.id);
const ses = sesMailerFromEnv(process.env, { timeoutMillis: numberFromEnv('DISPATCH_SEND_TIMEOUT_MILLIS', defaultSendTimeoutMillis) });

/** The Message-ID header our composer set (stable per outbox item), read from the raw bytes. */
function messageIdHeader(raw: Uint8Array): string {
  const head = Buffer.from(raw.subarray(0, Math.min(raw.length, 16_384))).toString('latin1');
  return /^Message-ID:\s*<([^>\r\n]+)>/im.exec(head)?.[1] ?? 'unknown';
}

const mailer: RawMailer = {
  timeoutMillis: ses.timeoutMillis,
  async sendRaw(raw, source, destination) {
    const id = messageIdHeader(raw);
    console.log(`SENDING ${id} ${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`);
    const sesMessageId = await ses.sendRaw(raw, source, destination);
    console.log(`SENT ${id} ${sesMessageId}`);
    return sesMessageId;
  },
};

const options = {
  ...defaultDispatchOptions,
  maxPerSecond: numberFromEnv('SES_MAX_SEND_RATE', defaultDispatchOptions.maxPerSecond),
  ...(process.env.DISPATCH_CONCURRENCY ? { concurrency: numberFromEnv('DISPATCH_CONCURRENCY', 1) } : {}),
  leaseSeconds: numberFromEnv('DISPATCH_LEASE_SECONDS', defaultDispatchOptions.leaseSeconds),
  maxAttempts: numberFromEnv('DISPATCH_MAX_ATTEMPTS', defaultDispatchOptions.maxAttempts),
  backoffBaseMillis: numberFromEnv('DISPATCH_BACKOFF_BASE_MILLIS', defaultDispatchOptions.backoffBaseMillis),
  backoffCapMillis: numberFromEnv('DISPATCH_BACKOFF_CAP_MILLIS', defaultDispatchOptions.backoffCapMillis),
  shouldStop: () => false,
  links: () => ({}),
  now: () => new Date(),
};

if (process.env.DISPATCH_WAIT_FOR_SIGNAL === '1') {
  // A signal listener alone does not keep Node's event loop alive: a timer does, until released.
  const keepAlive = setInterval(() => undefined, 60_000);
  const released = new Promise<void>((resolve) => process.once('SIGUSR2', () => resolve()));
  console.log(`READY ${process.pid}`);
  await released;
  clearInterval(keepAlive);
}
console.log(`START ${process.pid}`);

const totals: Record<DispatchResult['outcome'], number> = { sent: 0, superseded: 0, retry: 0, failed: 0, unknown: 0 };
// Items leased by a dispatcher that died, or waiting out a backoff, are still pending: wait for
// them rather than stop, so "DONE" means the outbox holds nothing due.
for (;;) {
  const results = await dispatchOutbox(table, mailer, config, options);
  for (const result of results) totals[result.outcome] += 1;
  if (!(await hasPending(table))) break;
  if (results.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
}
table.client.destroy();
console.log(
  `DONE sent=${totals.sent} superseded=${totals.superseded} retry=${totals.retry} failed=${totals.failed} unknown=${totals.unknown}`,
);
// The SES client keeps idle keep-alive sockets; the work is done, so do not wait for them.
process.exit(0);
