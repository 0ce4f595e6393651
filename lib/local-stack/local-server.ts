import { serve } from '@hono/node-server';
import { createApp } from '../../functions/http/app.ts';
import type { SecretariatAuthOptions } from '../../functions/http/secretariat-auth.ts';
import { servedCounties, tableConnection } from '../../functions/handlers/runtime.ts';

export type LocalServer = { url: string; stop(): Promise<void> };

export function startLocalServer(options: {
  port: number;
  now: () => Date;
  signingKey: Uint8Array;
  secretariatAuth: SecretariatAuthOptions;
}): Promise<LocalServer> {
  const app = createApp({
    connection: tableConnection(),
    counties: servedCounties(),
    now: options.now,
    signingKey: options.signingKey,
    secretariatAuth: options.secretariatAuth,
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
