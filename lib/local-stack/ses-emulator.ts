// The SES emulator (aws-ses-v2-local) accepts SendRawEmail exactly as SES does and keeps every
// message for GET /store. Its store keeps only a parsed copy, which loses what calendar clients
// care about most (the part tree, the text/calendar method= parameter), so a thin front records
// the raw bytes of each SendRawEmail by the MessageId the emulator returns and adds them to
// GET /store as `raw` (base64). Tests read back the very bytes SES received.
// Everything runs inside this process: closing the two HTTP servers is all the clean-up it needs.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import * as sesLocal from 'aws-ses-v2-local';
import { freePort } from './free-port.ts';

export type SesEmulator = { endpoint: string; stop: () => Promise<void> };

type StartServer = (config?: { host?: string; port?: number }) => Promise<Server>;

function startServerFunction(): StartServer {
  // A CommonJS module with __esModule: Node hands ESM the exports object, bundlers its default.
  const moduleExports = sesLocal as unknown as { default: StartServer | { default: StartServer } };
  const candidate = moduleExports.default;
  return typeof candidate === 'function' ? candidate : candidate.default;
}

export async function startSesEmulator(): Promise<SesEmulator> {
  const upstreamPort = await freePort();
  const upstream = await startServerFunction()({ host: '127.0.0.1', port: upstreamPort });
  const rawByMessageId = new Map<string, string>();
  const front = createServer((req, res) => {
    // A client that hangs up mid-request (a killed dispatcher) must not crash the process.
    relay(req, res, upstreamPort, rawByMessageId).catch(() => res.destroy());
  });
  const port = await new Promise<number>((resolve) =>
    front.listen(0, '127.0.0.1', () => resolve((front.address() as { port: number }).port)),
  );
  const close = (server: Server) =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await close(front);
      await close(upstream);
    },
  };
}

async function relay(req: IncomingMessage, res: ServerResponse, upstreamPort: number, rawByMessageId: Map<string, string>): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const upstreamResponse = await forward(req, body, upstreamPort);
  let responseBody = upstreamResponse.body;

  const form = req.method === 'POST' ? new URLSearchParams(body.toString('utf8')) : undefined;
  if (form?.get('Action') === 'SendRawEmail' && upstreamResponse.status === 200) {
    const messageId = /<MessageId>([^<]+)<\/MessageId>/.exec(responseBody.toString('utf8'))?.[1];
    const raw = form.get('RawMessage.Data');
    if (messageId && raw) rawByMessageId.set(messageId, raw);
  }
  if (req.method === 'GET' && req.url?.startsWith('/store') && upstreamResponse.status === 200) {
    const store = JSON.parse(responseBody.toString('utf8')) as { emails: Array<{ messageId: string; raw?: string }> };
    for (const email of store.emails) email.raw = rawByMessageId.get(email.messageId);
    responseBody = Buffer.from(JSON.stringify(store));
  }
  if (req.method === 'POST' && req.url === '/clear-store') rawByMessageId.clear();
  const { 'transfer-encoding': _chunked, ...headers } = upstreamResponse.headers;
  headers['content-length'] = String(responseBody.length);
  res.writeHead(upstreamResponse.status, headers);
  res.end(responseBody);
}

function forward(
  req: IncomingMessage,
  body: Buffer,
  port: number,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const upstream = request(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: `127.0.0.1:${port}`, 'content-length': String(body.length) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}
