import { serve } from '@hono/node-server';
import { createApp } from '../../functions/http/app.ts';
import type { SecretariatAuthOptions } from '../../functions/http/secretariat-auth.ts';
import type { ConsoleSignInOptions } from '../../functions/http/console/sign-in-client.ts';
import { servedCounties, tableConnection } from '../../functions/handlers/runtime.ts';
import { inProcessDocumentRenderer } from '../../functions/use-cases/documents/in-process-renderer.ts';

export type LocalServer = { url: string; stop(): Promise<void> };

export function startLocalServer(options: {
  port: number;
  now: () => Date;
  signingKey: Uint8Array;
  secretariatAuth: SecretariatAuthOptions;
  /** The local OpenID provider the console signs in with (local-sign-in-provider.ts). */
  consoleSignIn?: ConsoleSignInOptions;
}): Promise<LocalServer> {
  const app = createApp({
    connection: tableConnection(),
    counties: servedCounties(),
    now: options.now,
    signingKey: options.signingKey,
    secretariatAuth: options.secretariatAuth,
    ...(options.consoleSignIn ? { consoleSignIn: options.consoleSignIn } : {}),
    // In AWS the HTTP function invokes the document Lambda; here the same renderer runs in-process.
    renderDocument: inProcessDocumentRenderer({ connection: tableConnection(), counties: servedCounties() }),
  });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: '127.0.0.1' }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        stop: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
