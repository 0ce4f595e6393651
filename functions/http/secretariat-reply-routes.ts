// The secretariat's list of calendar replies that count as nobody's answer: someone outside the
// invited units answering a forwarded invitation, or a delegate of another unit. They are kept
// (held-reply-store.ts) so the secretariat can add the person to a unit or tell them, instead of
// the answer vanishing. JSON, behind the secretariat's sign-in like the rest of /secretariat/*.
import { Hono } from 'hono';
import type { CountyConfig } from '../core/series/county-config.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { listHeldReplies } from '../adapters/dynamodb/held-reply-store.ts';
import type { AuthLogger, SecretariatVariables, SignedIn } from './secretariat-sign-in.ts';

export type SecretariatReplyRouteDependencies = {
  table: MeetingTable;
  config: CountyConfig;
  /** The county's sign-in check (`secretariat-<county>`). */
  signedIn: SignedIn;
  logger?: AuthLogger & { info(message: string, attributes: Record<string, unknown>): void };
};

const reasonNames = {
  'not-invited': '回覆者不在受邀單位的聯絡人名單（可能是轉寄的邀請）',
  'delegate-not-in-unit': '代為回覆者（SENT-BY）不是受邀者同單位的聯絡人',
} as const;

export function secretariatReplyRoutes(deps: SecretariatReplyRouteDependencies): Hono<{ Variables: SecretariatVariables }> {
  const app = new Hono<{ Variables: SecretariatVariables }>();
  app.get('/secretariat/held-replies', deps.signedIn, async (c) => {
    const replies = await listHeldReplies(deps.table);
    // Counts only: the list holds addresses.
    deps.logger?.info('held replies listed', { count: replies.length });
    c.header('Cache-Control', 'no-store');
    return c.json({
      heldReplies: replies.map((reply) => ({
        ...reply,
        seriesName: deps.config.series.find((s) => s.id === reply.seriesId)?.name.zh ?? reply.seriesId,
        reasonText: reasonNames[reply.reason],
      })),
    });
  });
  return app;
}
