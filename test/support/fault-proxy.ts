// An unreliable SES in front of the SES emulator: answers a share of SendRawEmail requests the way
// SES does when it is throttling (400 Throttling) or failing (500, 503), and can forward a message
// and then fail the answer: SES accepted and will deliver it, but the client sees an error (a 500
// that SES's docs call retryable, which may legitimately cause a second copy), no answer at all
// until it gives up, or a cut connection (both: outcome unknown to the client). Every decision is
// recorded per message (by its Message-ID header) so a test can tell them apart.
// Loopback only, bounded in body size, time and memory. Other requests (GET /store) pass through.
import { randomUUID } from 'node:crypto';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

export type InjectedFault = 'throttled' | 'internal-error' | 'unavailable';

export type ProxyOutcome =
  /** Forwarded untouched: the emulator's answer went back to the client. */
  | 'forwarded'
  | InjectedFault
  /** Always-rejected recipient: 400 MessageRejected, not forwarded. */
  | 'rejected'
  /** Forwarded and accepted upstream (the message is sent), then answered with 500. */
  | 'accepted-then-failed'
  /** Forwarded and accepted upstream, then never answered: the client's deadline ends the call. */
  | 'accepted-then-silent'
  /** Forwarded and accepted upstream, then the connection is cut without an answer. */
  | 'accepted-then-dropped';

export type ProxyRecord = {
  /** The Message-ID header of the raw message (stable per outbox item), without angle brackets. */
  messageId: string;
  recipient: string;
  outcome: ProxyOutcome;
  /** The emulator's MessageId when the message reached it. */
  sesMessageId?: string;
};

export type FaultProxyOptions = {
  /** The SES emulator, on loopback. */
  upstream: string;
  /** Share (0–1) of SendRawEmail requests answered with a fault before forwarding. */
  failBeforeShare?: number;
  /** Which faults failBeforeShare picks from, evenly. */
  faults?: readonly InjectedFault[];
  /** Share (0–1) of SendRawEmail requests forwarded and then answered with 500. */
  failAfterShare?: number;
  /** Recipients always answered with 400 MessageRejected. */
  rejectRecipients?: readonly string[];
  /** Recipients always answered with 503 Service Unavailable. */
  unavailableRecipients?: readonly string[];
  /** Recipients whose messages are forwarded (so sent) and then never answered. */
  silentRecipients?: readonly string[];
  /** Recipients whose messages are forwarded (so sent) and then have their connection cut. */
  droppedRecipients?: readonly string[];
  /** At most this many random faults per message, so a bounded retry budget always gets it through. */
  maxRandomFaultsPerMessage?: number;
  /** Seeds the choice of which requests fail, for reproducible runs. */
  seed?: number;
};

export type FaultProxy = {
  endpoint: string;
  records(): readonly ProxyRecord[];
  stop(): Promise<void>;
};

const maxBodyBytes = 10 * 1024 * 1024; // SES's own limit for a raw message
const maxRecords = 100_000;
// Generous: on a loaded machine the emulator can be slow to answer, and a proxy that gave up would
// turn an accepted message into an error and make the dispatcher send it again.
const upstreamTimeoutMillis = 120_000;
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

const sesError = (type: 'Sender' | 'Receiver', code: string, message: string) =>
  `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;

const errorAnswers: Record<InjectedFault | 'rejected' | 'accepted-then-failed', { status: number; body: () => string }> = {
  throttled: { status: 400, body: () => sesError('Sender', 'Throttling', 'Maximum sending rate exceeded.') },
  'internal-error': {
    status: 500,
    body: () =>
      sesError('Receiver', 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.'),
  },
  unavailable: { status: 503, body: () => sesError('Receiver', 'ServiceUnavailable', 'Service is unavailable. Try again later.') },
  rejected: { status: 400, body: () => sesError('Sender', 'MessageRejected', 'Email address is not verified.') },
  'accepted-then-failed': {
    status: 500,
    body: () =>
      sesError('Receiver', 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.'),
  },
};

/** Small seeded PRNG (mulberry32): the same seed gives the same sequence of decisions. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = new URL(options.upstream);
  if (upstream.protocol !== 'http:' || !loopbackHosts.has(upstream.hostname))
    throw new Error(`the fault proxy only fronts a loopback http service, not ${upstream.origin}`);
  const failBefore = options.failBeforeShare ?? 0;
  const failAfter = options.failAfterShare ?? 0;
  if (failBefore < 0 || failAfter < 0 || failBefore + failAfter > 1) throw new Error('fault shares must be between 0 and 1 together');
  const faults = options.faults?.length ? options.faults : (['throttled', 'internal-error', 'unavailable'] as const);
  const reject = new Set((options.rejectRecipients ?? []).map((r) => r.toLowerCase()));
  const unavailable = new Set((options.unavailableRecipients ?? []).map((r) => r.toLowerCase()));
  const silent = new Set((options.silentRecipients ?? []).map((r) => r.toLowerCase()));
  const dropped = new Set((options.droppedRecipients ?? []).map((r) => r.toLowerCase()));
  const maxRandomFaults = options.maxRandomFaultsPerMessage ?? Number.POSITIVE_INFINITY;
  const random = seededRandom(options.seed ?? 1);
  const records: ProxyRecord[] = [];
  const randomFaults = new Map<string, number>();
  const record = (entry: ProxyRecord) => {
    if (records.length < maxRecords) records.push(entry);
  };

  const decide = (messageId: string, recipient: string): ProxyOutcome => {
    if (reject.has(recipient)) return 'rejected';
    if (unavailable.has(recipient)) return 'unavailable';
    if (silent.has(recipient)) return 'accepted-then-silent';
    if (dropped.has(recipient)) return 'accepted-then-dropped';
    const draw = random();
    const pick = faults[Math.floor(random() * faults.length)]!;
    if ((randomFaults.get(messageId) ?? 0) >= maxRandomFaults) return 'forwarded';
    const outcome: ProxyOutcome = draw < failBefore ? pick : draw < failBefore + failAfter ? 'accepted-then-failed' : 'forwarded';
    if (outcome !== 'forwarded') randomFaults.set(messageId, (randomFaults.get(messageId) ?? 0) + 1);
    return outcome;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    if (!body) {
      answer(res, 413, 'text/plain', 'request body too large');
      return;
    }
    const form = req.method === 'POST' ? new URLSearchParams(body.toString('utf8')) : undefined;
    if (form?.get('Action') !== 'SendRawEmail') {
      const passed = await forward(upstream, req, body);
      answer(res, passed.status, passed.headers['content-type'], passed.body);
      return;
    }
    const recipient = (form.get('Destinations.member.1') ?? '').toLowerCase();
    const messageId = messageIdHeader(form.get('RawMessage.Data') ?? '');
    const outcome = decide(messageId, recipient);
    if (outcome === 'forwarded' || outcome.startsWith('accepted-then-')) {
      const passed = await forward(upstream, req, body);
      const sesMessageId = /<MessageId>([^<]+)<\/MessageId>/.exec(passed.body.toString('utf8'))?.[1];
      const accepted = passed.status === 200 && sesMessageId !== undefined;
      record({ messageId, recipient, outcome: accepted ? outcome : 'forwarded', ...(sesMessageId ? { sesMessageId } : {}) });
      if (accepted && outcome === 'accepted-then-failed') answer(res, 500, 'text/xml', errorAnswers[outcome].body());
      // Silent: the answer is held back until the client gives up and closes the connection.
      else if (accepted && outcome === 'accepted-then-silent') return;
      else if (accepted && outcome === 'accepted-then-dropped') req.socket.destroy();
      else answer(res, passed.status, passed.headers['content-type'], passed.body);
      return;
    }
    const fault = outcome as Exclude<ProxyOutcome, 'forwarded' | `accepted-then-${string}`>;
    record({ messageId, recipient, outcome: fault });
    answer(res, errorAnswers[fault].status, 'text/xml', errorAnswers[fault].body());
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // The client went away (a killed dispatcher) or the emulator did: nothing to answer.
      if (!res.headersSent) answer(res, 502, 'text/plain', 'fault proxy: upstream failed');
      else res.destroy();
    });
  });
  server.requestTimeout = 300_000;
  server.headersTimeout = 120_000;
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    records: () => records,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The Message-ID header from the base64 raw message, read from its first few kilobytes. */
function messageIdHeader(base64: string): string {
  const head = Buffer.from(base64.slice(0, 21_848), 'base64').toString('latin1');
  return /^Message-ID:\s*<([^>\r\n]+)>/im.exec(head)?.[1] ?? 'unknown';
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function answer(res: ServerResponse, status: number, contentType: string | undefined, body: string | Buffer): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { 'content-type': contentType ?? 'text/plain', 'content-length': String(bytes.length) });
  res.end(bytes);
}

type Passed = { status: number; headers: IncomingHttpHeaders; body: Buffer };

function forward(upstream: URL, req: IncomingMessage, body: Buffer): Promise<Passed> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: upstream.hostname.replace(/^\[|\]$/g, ''),
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host, 'content-length': String(body.length) },
        timeout: upstreamTimeoutMillis,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBodyBytes) response.destroy(new Error('upstream answer too large'));
          else chunks.push(chunk);
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('upstream timed out')));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
