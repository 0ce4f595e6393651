// Sends raw MIME through SES SendRawEmail: the simple SendEmail API cannot set the
// text/calendar part's method= parameter, without which Outlook will not show RSVP buttons.
//
// SES has no idempotency key: a request that went out and got no answer may or may not have been
// sent. So every send has a hard deadline (the outbox lease is sized from it), and a failure is
// classified by what is known about the message: SES answered (retry or reject), SES was never
// reached (retry), or the request went out and the answer never came (unknown: not resent blindly).
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';

export type RawMailer = {
  sendRaw(raw: Uint8Array, source: string, destination: string): Promise<string>;
  /** sendRaw settles within this many milliseconds, answered or not. */
  readonly timeoutMillis: number;
};

/** SES answers SendRawEmail in well under a second; ten seconds without an answer is an outage. */
export const defaultSendTimeoutMillis = 10_000;

/**
 * Idle keep-alive connections are closed before a server would close them. A request written to
 * a connection the server is closing fails with ECONNRESET, which looks exactly like a send whose
 * outcome is unknown; closing ours first keeps that from happening on every quiet spell.
 */
const idleSocketMillis = 4_000;

export type SesMailerOptions = { timeoutMillis?: number };

export function sesMailerFromEnv(env: NodeJS.ProcessEnv = process.env, options: SesMailerOptions = {}): RawMailer {
  const timeoutMillis = options.timeoutMillis ?? defaultSendTimeoutMillis;
  if (!(timeoutMillis > 0)) throw new Error(`the SES send timeout must be positive, got ${timeoutMillis}`);
  const endpoint = env.SES_ENDPOINT;
  // Options, not agents: the SDK makes the agents (keep-alive, 50 sockets) with these added.
  const agentOptions = { timeout: idleSocketMillis };
  const client = new SESClient({
    region: env.AWS_REGION ?? 'ap-northeast-1',
    // The dispatcher does its own retries with backoff and keeps count of attempts in the outbox.
    maxAttempts: 1,
    requestHandler: {
      // Without throwOnRequestTimeout the SDK only logs a warning when requestTimeout passes.
      requestTimeout: timeoutMillis,
      throwOnRequestTimeout: true,
      connectionTimeout: Math.min(5_000, timeoutMillis),
      httpAgent: agentOptions,
      httpsAgent: agentOptions,
    },
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const configurationSet = env.SES_CONFIGURATION_SET;
  return {
    timeoutMillis,
    async sendRaw(raw, source, destination) {
      const result = await client.send(
        new SendRawEmailCommand({
          RawMessage: { Data: raw },
          Source: source,
          Destinations: [destination],
          ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
        }),
        // The deadline the lease is sized from, whatever the SDK's own timers do: it covers waiting
        // for a socket, connecting, writing and reading the answer.
        { abortSignal: AbortSignal.timeout(timeoutMillis) },
      );
      if (!result.MessageId) throw new Error('SES answered without a MessageId');
      return result.MessageId;
    },
  };
}

/**
 * What a failed send means for the message:
 * - `retry`: not sent (SES throttled or failed with 5xx, or was never reached); worth another try.
 * - `rejected`: SES refused the message (4xx); trying again would get the same answer.
 * - `unknown`: the request went out and no answer came (timed out, connection dropped); SES may
 *   have accepted it. Sending it again could send it twice, so a person decides.
 */
export type SendFailure = 'retry' | 'rejected' | 'unknown';

/** Failures before a connection existed: nothing of the request reached SES. */
const unreachedCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function sendFailure(error: unknown): SendFailure {
  const e = error as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } } | null;
  const status = e?.$metadata?.httpStatusCode;
  if (status !== undefined) {
    const throttled = status === 429 || e?.name === 'Throttling' || e?.name === 'ThrottlingException';
    return throttled || status >= 500 ? 'retry' : 'rejected';
  }
  if (unreachedCodes.has(e?.code ?? '')) return 'retry';
  // The SDK's connection timeout: no socket was ever connected, so no byte of the request left.
  if (e?.name === 'TimeoutError' && /did not establish a connection/.test(e.message ?? '')) return 'retry';
  // Anything else without an answer (request timeout, reset, hang-up, our own deadline): unknown.
  return 'unknown';
}
