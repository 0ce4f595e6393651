// `npm start`: the whole product on this machine. DynamoDB Local (kept in .data/), the SES
// emulator, the HTTP pages, and the schedules ticking on a local clock.
// `npm start -- --once [--now 2026-03-09T09:00+08:00]`: one cron cycle, a summary, exit 0.
import { parseArgs } from 'node:util';
import { JavaMissingError } from '../lib/local-stack/dynamodb-local.ts';
import { startEmbeddedStack } from '../lib/local-stack/embedded-stack.ts';
import { formatCycleSummary, runCronCycle } from '../lib/local-stack/cron-cycle.ts';
import { startLocalServer } from '../lib/local-stack/local-server.ts';
import { localLinkKey } from '../lib/local-stack/local-link-key.ts';
import { startLocalSecretariatSigner } from '../lib/local-stack/local-secretariat-signer.ts';
import { join } from 'node:path';
import { resetRuntime, countyConfig, logger } from '../functions/handlers/runtime.ts';
import { Temporal } from '../functions/core/calendar/local-date.ts';

const { values } = parseArgs({
  options: {
    once: { type: 'boolean', default: false },
    now: { type: 'string' },
    port: { type: 'string' },
    'data-dir': { type: 'string', default: '.data' },
    'tick-seconds': { type: 'string', default: '60' },
  },
});

function startingNow(): Date {
  if (!values.now) return new Date();
  try {
    return new Date(Temporal.Instant.from(values.now).epochMilliseconds);
  } catch {
    console.error(`--now: "${values.now}" is not an ISO time with an offset, e.g. 2026-03-09T09:00+08:00`);
    process.exit(2);
  }
}

const startedAt = Date.now();
const clockStart = startingNow();
/** The local clock: starts at --now (or the real time) and runs in real time from there. */
const localNow = () => new Date(clockStart.getTime() + (Date.now() - startedAt));

// The handlers' JSON logs are for CloudWatch; here the person wants the summary.
if (!process.env.POWERTOOLS_LOG_LEVEL) logger.setLogLevel('WARN');
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
let stack;
try {
  stack = await startEmbeddedStack({
    dataDir: values['data-dir'],
    dynamoDbEndpoint: process.env.DYNAMODB_ENDPOINT,
    sesEndpoint: process.env.SES_ENDPOINT,
  });
} catch (error) {
  if (error instanceof JavaMissingError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const port = values.port ? Number(values.port) : 3000;
// Links in e-mails point at the local server; its key is kept with the data so they keep working.
Object.assign(process.env, stack.env, {
  LINK_SIGNING_KEY: localLinkKey(values['data-dir']),
  PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`,
});
resetRuntime();
const config = countyConfig();

if (values.once) {
  try {
    console.log(formatCycleSummary(config, await runCronCycle(clockStart), clockStart));
  } finally {
    await stack.stop();
  }
} else {
  // The secretariat signs in with a JWT checked against a JWKS, as with Cognito in AWS: never "no auth locally".
  const signer = await startLocalSecretariatSigner({ keyFile: join(values['data-dir'], 'secretariat-signing-key.json') });
  const server = await startLocalServer({
    port,
    now: localNow,
    signingKey: Buffer.from(process.env.LINK_SIGNING_KEY!, 'hex'),
    secretariatAuth: signer.authOptions,
  });
  if (port === 0) process.env.PUBLIC_BASE_URL = server.url;
  console.log(`safetynet-meetings is running (${config.county.name.zh})`);
  console.log(`  Upcoming meetings:  ${server.url}/`);
  console.log(`  Mail viewer (SES):  ${stack.sesEndpoint}/`);
  console.log(`  DynamoDB Local:     ${stack.dynamoDbEndpoint} (data in ${values['data-dir']}/)`);
  console.log(`  Secretariat JWKS:   ${signer.jwksUrl} (a sign-in token: npm run cli -- token)`);
  console.log('Press Ctrl-C to stop.');

  let running = Promise.resolve();
  const tick = () => {
    running = running
      .then(async () => {
        const now = localNow();
        console.log(formatCycleSummary(config, await runCronCycle(now), now));
      })
      .catch((error: unknown) => console.error('cron cycle failed:', error));
  };
  tick();
  const timer = setInterval(tick, Number(values['tick-seconds']) * 1000);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    await running;
    await server.stop();
    await signer.stop();
    await stack.stop();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown());
}
