// The HTTP app on a free local port, as `npm start` serves it, for tests that talk to it over real
// HTTP. One copy of the listen-and-find-the-port dance that the test files each wrote out.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

export type ServedApp = {
  /** http://127.0.0.1:<port> */
  origin: string;
  close: () => Promise<void>;
};

export async function serveApp(app: { fetch: (request: Request) => Response | Promise<Response> }): Promise<ServedApp> {
  let server: ReturnType<typeof serve> | undefined;
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  const served = server!;
  return {
    origin: `http://127.0.0.1:${(served.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => served.close(() => resolve())),
  };
}
