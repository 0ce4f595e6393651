// What `npm run cli -- reply <file.eml>` needs to forward plain mail: a mailer for the SES the
// table belongs with (the emulator of the `npm start` on the data folder, SES_ENDPOINT, or SES itself
// beside a deployed table), and one zh-TW line saying what became of the message.
import { sesMailerFromEnv, type RawMailer } from '../../functions/adapters/ses/ses-mailer.ts';
import type { CountyConfig } from '../../functions/core/series/county-config.ts';
import type { ForwardOutcome } from '../../functions/use-cases/forward-plain-mail.ts';
import type { RawReplyResult } from '../../functions/use-cases/record-raw-reply.ts';
import { inspectDataFolder } from './data-folder-lock.ts';
import type { OpenTable } from './open-table.ts';

/** Undefined when the table is a DynamoDB Local of the command's own: no SES runs beside it. */
export async function replyForwardMailer(dataDir: string, source: OpenTable['source'], env = process.env): Promise<RawMailer | undefined> {
  if (env.SES_ENDPOINT) return sesMailerFromEnv(env);
  if (source === 'running-stack') {
    const verdict = await inspectDataFolder(dataDir);
    return verdict.state === 'running' && verdict.record.stack
      ? sesMailerFromEnv({ ...env, SES_ENDPOINT: verdict.record.stack.sesEndpoint })
      : undefined;
  }
  // A deployed table (TABLE_NAME without an endpoint): the forward goes through SES, as in AWS.
  if (source === 'environment' && !env.DYNAMODB_ENDPOINT) return sesMailerFromEnv(env);
  return undefined;
}

const refusals: Record<Extract<ForwardOutcome, { forward: 'not-forwarded' }>['reason'], string> = {
  'spam-verdict-missing': 'SES 沒有寫入垃圾郵件檢查結果',
  'spam-verdict-not-pass': 'SES 判定為垃圾郵件',
  'virus-verdict-missing': 'SES 沒有寫入病毒檢查結果',
  'virus-verdict-not-pass': 'SES 判定含有病毒',
  'dmarc-failed': '寄件網域的 DMARC 驗證失敗，寄件人可能是冒名',
  'auto-submitted': '這是自動產生的郵件（Auto-Submitted）',
  'auto-response-suppress': '這是 Exchange 的自動回覆',
  'bulk-precedence': '這是大量寄送或郵件清單的郵件',
  'out-of-office-subject': '這是自動回覆（不在辦公室）',
  'delivery-report': '這是退信或回條',
  'from-own-mailbox': '寄件人就是幕僚信箱本身',
  'from-forward-address': '寄件人就是轉寄信箱，轉回去會形成循環',
  'no-sender': '郵件沒有唯一的寄件人，無法回信',
  'no-forward-address': '縣市設定沒有 secretariat.forwardTo（轉寄信箱）',
  'forward-address-is-inbox': '轉寄信箱與幕僚信箱相同，會無限循環',
  'refused-by-ses': 'SES 拒收這封轉寄信',
  'unreadable-headers': '讀不懂郵件的標頭',
};

/** One line for the person at the terminal (stderr); undefined when the message was a calendar reply. */
export function describeForward(result: RawReplyResult, config: CountyConfig, mailer: RawMailer | undefined): string | undefined {
  if (!('rejected' in result)) return undefined;
  if (!result.forward) {
    return mailer || result.rejected !== 'no-calendar-part'
      ? undefined
      : '（這不是行事曆回覆；沒有執行中的 npm start，無法轉寄。先在另一個視窗執行 npm start 再匯入一次）';
  }
  const { forward } = result;
  if (forward.forward === 'forwarded')
    return `（這不是行事曆回覆，已轉寄到 ${config.secretariat.forwardTo ?? ''}${forward.attached ? '，原信附在轉寄信中' : '；原信太大，未附上'}）`;
  if (forward.forward === 'already-handled') return '（這封信先前已轉寄過，這次沒有再寄）';
  return `（這不是行事曆回覆，沒有轉寄：${refusals[forward.reason]}）`;
}
