// Sends raw MIME through SES SendRawEmail: the simple SendEmail API cannot set the
// text/calendar part's method= parameter, without which Outlook will not show RSVP buttons.
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';

export type RawMailer = { sendRaw(raw: Uint8Array, source: string, destination: string): Promise<string> };

export function sesMailerFromEnv(env: NodeJS.ProcessEnv = process.env): RawMailer {
  const endpoint = env.SES_ENDPOINT;
  const client = new SESClient({
    region: env.AWS_REGION ?? 'ap-northeast-1',
    // The dispatcher does its own retries with backoff and keeps count of attempts in the outbox.
    maxAttempts: 1,
    // Well inside the outbox lease (120 s), so a hung send cannot outlive the claim on its item.
    requestHandler: { requestTimeout: 30_000, connectionTimeout: 5_000 },
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const configurationSet = env.SES_CONFIGURATION_SET;
  return {
    async sendRaw(raw, source, destination) {
      const result = await client.send(
        new SendRawEmailCommand({
          RawMessage: { Data: raw },
          Source: source,
          Destinations: [destination],
          ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
        }),
      );
      if (!result.MessageId) throw new Error('SES answered without a MessageId');
      return result.MessageId;
    },
  };
}

/** Throttling and 5xx answers are worth another try; a 4xx about the message is not. */
export function isRetryableSendError(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown; code?: string } | null;
  if (!e) return false;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) return status === 429 || status >= 500 || e.name === 'Throttling' || e.name === 'ThrottlingException';
  // No HTTP answer at all (connection refused or reset): the service was not reached.
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(e.code ?? '') || e.name === 'TimeoutError';
}
