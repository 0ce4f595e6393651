// The SES emulator (aws-ses-v2-local) accepts SendRawEmail exactly as SES does and keeps every
// message for GET /store, so tests read back the real bytes we sent rather than an in-process copy.
// It runs inside this process: closing its HTTP server is all the clean-up it needs.
import type { Server } from 'node:http';
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
  const port = await freePort();
  const server = await startServerFunction()({ host: '127.0.0.1', port });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
