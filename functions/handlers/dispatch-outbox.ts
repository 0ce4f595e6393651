// Every few minutes: send what the outbox holds, within the SES rate, until the Lambda's time is
// nearly up. Whatever is left is picked up by the next run. One schedule serves every county: their
// outboxes are gone through in turn, so together they never exceed the account's SES rate.
import type { Context } from 'aws-lambda';
import { defaultDispatchOptions, dispatchOutbox, type DispatchResult } from '../use-cases/dispatch-outbox.ts';
import type { CountyConfig } from '../core/series/county-config.ts';
import { countyTable, logger, rawMailer, servedCounties } from './runtime.ts';
import { linkSigningKey } from '../adapters/secrets/link-signing-key.ts';
import { noticeLinker } from '../use-cases/notice-links.ts';

export type DispatchOutboxEvent = {
  /** One county's outbox; omitted means every county served. */
  countyId?: string;
  /** ISO instant; Scheduler fills it from <aws.scheduler.scheduled-time>, a local run from --now. */
  scheduledTime?: string;
};

const safetyMarginMillis = 15_000;

export async function handler(event: DispatchOutboxEvent, context: Context): Promise<DispatchResult[]> {
  logger.addContext(context);
  const counties = event.countyId ? [servedCounties().get(event.countyId)] : servedCounties().all();
  if (counties[0] === undefined) throw new Error(`unknown county "${event.countyId}"`);
  const maxPerSecond = Number(process.env.SES_MAX_SEND_RATE ?? defaultDispatchOptions.maxPerSecond);
  // What is due is decided on the schedule's clock, as planning is: it starts at the scheduled
  // time and runs in real time from there. In AWS that is the real clock give or take the
  // invocation's delay; a local `--once --now` sends what was due at that moment. Leases never use
  // it: they are on the real clock, in the outbox store.
  const invokedAt = Date.now();
  const scheduled = event.scheduledTime === undefined ? invokedAt : Date.parse(event.scheduledTime);
  if (Number.isNaN(scheduled)) throw new Error(`scheduledTime "${event.scheduledTime}" is not an ISO instant`);
  const now = () => new Date(scheduled + (Date.now() - invokedAt));
  const baseUrl = process.env.PUBLIC_BASE_URL?.replace(/\/$/, '');
  const results: DispatchResult[] = [];
  for (const config of counties as CountyConfig[]) {
    const table = countyTable(config.county.id);
    // Without a public address there is nowhere for a link to point: notices go out without links.
    const links = baseUrl ? await noticeLinker(table, await linkSigningKey(), baseUrl, now) : () => ({});
    const dispatched = await dispatchOutbox(table, rawMailer(), config, {
      ...defaultDispatchOptions,
      maxPerSecond,
      shouldStop: () => context.getRemainingTimeInMillis() < safetyMarginMillis,
      links,
      now,
    });
    const count = (outcome: DispatchResult['outcome']) => dispatched.filter((r) => r.outcome === outcome).length;
    logger.info('dispatched outbox', {
      countyId: config.county.id,
      sent: count('sent'),
      superseded: count('superseded'),
      retry: count('retry'),
      failed: count('failed'),
      unknown: count('unknown'),
    });
    results.push(...dispatched);
  }
  return results;
}
