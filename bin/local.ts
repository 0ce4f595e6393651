// `npm start`: the whole product on this machine. DynamoDB Local (kept in .data/), the SES
// emulator, the HTTP pages, and the schedules ticking on a local clock. It takes the data folder
// and publishes its endpoints in the folder's lock, so CLI commands and `--once` use it instead of
// starting a DynamoDB Local of their own.
// `npm start -- --once [--now 2026-03-09T09:00+08:00]`: one cron cycle, a summary, exit 0; on the
// running stack if there is one, on a stack of its own otherwise.
//
// Arguments are checked before anything is loaded or started; the rest is imported after.
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const usage = `用法：npm start [-- 選項]

  （不加選項）            啟動本機環境：DynamoDB Local（資料在 .data/）、SES 模擬器與網頁，依本機時鐘執行排程
  --once                只跑一次完整排程（規劃各系列、排入到期通知、寄出）並印出摘要；有執行中的 npm start 就用它
  --now <ISO 時間>       本機時鐘的起點，例如 2026-03-09T09:00+08:00（預設：現在）
  --port <埠號>          網頁的埠號（預設 3000；0 = 任一空閒埠）
  --county <縣市代碼>    只排程這個縣市（預設：functions/config/counties/ 中的每個縣市）
  --data-dir <資料夾>    本機資料夾（預設 .data）
  --tick-seconds <秒>    排程的間隔秒數（預設 60）
  --help                顯示本說明，不啟動任何服務

環境變數：
  DYNAMODB_ENDPOINT     使用這個已在執行的 DynamoDB（不自行啟動）
  TABLE_NAME            其中的資料表（預設 safetynet-meetings；沒有就建立）；須與 DYNAMODB_ENDPOINT 一起設定
  SES_ENDPOINT          使用這個已在執行的 SES 模擬器
`;

class UsageError extends Error {}

function readArguments() {
  try {
    return parseArgs({
      options: {
        once: { type: 'boolean', default: false },
        now: { type: 'string' },
        port: { type: 'string' },
        county: { type: 'string' },
        'data-dir': { type: 'string', default: '.data' },
        'tick-seconds': { type: 'string', default: '60' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`npm start 不認得選項 ${option}（npm start -- --help 列出選項）`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`選項 ${option} 後面要接一個值`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(`npm start 不接受參數：${message.split("'")[1] ?? ''}`);
    throw error;
  }
}

function checkedArguments() {
  const values = readArguments();
  if (values.port !== undefined && !(/^\d{1,5}$/.test(values.port) && Number(values.port) <= 65535))
    throw new UsageError(`--port：「${values.port}」不是埠號（0 到 65535）`);
  if (!/^\d+(\.\d+)?$/.test(values['tick-seconds']) || Number(values['tick-seconds']) <= 0)
    throw new UsageError(`--tick-seconds：「${values['tick-seconds']}」不是正數秒數`);
  return values;
}

/** A usage error ends the run with its zh-TW message and exit code 2, before anything starts. */
function orExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

const values = orExit(checkedArguments);
if (values.help) {
  console.log(usage);
  process.exit(0);
}

/**
 * The table named by TABLE_NAME, on the engine DYNAMODB_ENDPOINT names (created there if missing,
 * as the CLI does). Without an endpoint the CLI takes TABLE_NAME for a table in AWS; npm start only
 * runs locally, so it refuses rather than plan and send from a table the CLI would not read.
 */
function tableNameFromEnvironment(): string | undefined {
  const tableName = process.env.TABLE_NAME;
  if (tableName === undefined || tableName === '') return undefined;
  if (!process.env.DYNAMODB_ENDPOINT)
    throw new UsageError(
      `環境變數 TABLE_NAME（${tableName}）要與 DYNAMODB_ENDPOINT 一起設定：npm start 只使用本機的 DynamoDB，不連線 AWS 的資料表。請一併設定 DYNAMODB_ENDPOINT，或取消 TABLE_NAME（unset TABLE_NAME）`,
    );
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(tableName))
    throw new UsageError(`環境變數 TABLE_NAME：「${tableName}」不是 DynamoDB 資料表名稱（3 到 255 個英數字、底線、句點或連字號）`);
  return tableName;
}

const tableName = orExit(tableNameFromEnvironment);

const { Temporal } = await import('../functions/core/calendar/local-date.ts');
function startingNow(): Date {
  if (!values.now) return new Date();
  try {
    return new Date(Temporal.Instant.from(values.now).epochMilliseconds);
  } catch {
    console.error(`--now：「${values.now}」不是含時區的 ISO 時間，例如 2026-03-09T09:00+08:00`);
    process.exit(2);
  }
}
const startedAt = Date.now();
const clockStart = startingNow();
/** The local clock: starts at --now (or the real time) and runs in real time from there. */
const localNow = () => new Date(clockStart.getTime() + (Date.now() - startedAt));

const [
  { JavaMissingError },
  { startEmbeddedStack },
  { DataFolderBusyError },
  { findOrClaimLocalStack, npmStartCommand },
  { formatCycleSummary, runCronCycle },
  { startLocalServer },
  { localLinkKey },
  { startLocalSecretariatSigner },
  { resetRuntime, servedCounties, logger },
] = await Promise.all([
  import('../lib/local-stack/dynamodb-local.ts'),
  import('../lib/local-stack/embedded-stack.ts'),
  import('../lib/local-stack/data-folder-lock.ts'),
  import('../lib/local-stack/running-stack.ts'),
  import('../lib/local-stack/cron-cycle.ts'),
  import('../lib/local-stack/local-server.ts'),
  import('../lib/local-stack/local-link-key.ts'),
  import('../lib/local-stack/local-secretariat-signer.ts'),
  import('../functions/handlers/runtime.ts'),
]);

/** What the cycle or the server runs against, and how to let go of it. */
type Stack = { env: Record<string, string>; publicBaseUrl?: string; stop: () => Promise<void> };

// The handlers' JSON logs are for CloudWatch; here the person wants the summary.
if (!process.env.POWERTOOLS_LOG_LEVEL) logger.setLogLevel('WARN');
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const dataDir = values['data-dir'];
// Every county file is validated before anything starts; --county must name one of them.
try {
  const counties = servedCounties();
  if (values.county && !counties.get(values.county)) {
    console.error(`--county：找不到縣市「${values.county}」；可用：${counties.ids.join('、')}`);
    process.exit(2);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}

/** --once: the running `npm start` on this folder if there is one; a stack of its own if not. */
async function stackForOnce(): Promise<Stack> {
  if (!process.env.DYNAMODB_ENDPOINT) {
    const access = await findOrClaimLocalStack(dataDir, `${npmStartCommand} -- --once`, {
      onWaiting: (owner) => console.error(`npm start 正在啟動（程序 ${owner.pid}），等它就緒後使用它…`),
    });
    if (access.kind === 'running') {
      const { dynamoDbEndpoint, sesEndpoint, tableName, httpBaseUrl } = access.stack;
      return {
        env: {
          TABLE_NAME: tableName,
          DYNAMODB_ENDPOINT: dynamoDbEndpoint,
          SES_ENDPOINT: process.env.SES_ENDPOINT ?? sesEndpoint,
          AWS_REGION: 'ap-northeast-1',
        },
        ...(httpBaseUrl ? { publicBaseUrl: httpBaseUrl } : {}),
        stop: () => Promise.resolve(),
      };
    }
    return startEmbeddedStack({ dataDir, claim: access.claim, sesEndpoint: process.env.SES_ENDPOINT });
  }
  return startEmbeddedStack({ dataDir, dynamoDbEndpoint: process.env.DYNAMODB_ENDPOINT, tableName, sesEndpoint: process.env.SES_ENDPOINT });
}

async function startOrExplain<T>(start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    // One line that says what to do, not a stack trace.
    if (error instanceof JavaMissingError || error instanceof DataFolderBusyError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const port = values.port ? Number(values.port) : 3000;

if (values.once) {
  const stack = await startOrExplain(stackForOnce);
  // Links in e-mails point at the local server; its key is kept with the data so they keep working.
  Object.assign(process.env, stack.env, {
    LINK_SIGNING_KEY: localLinkKey(dataDir),
    PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? stack.publicBaseUrl ?? `http://127.0.0.1:${port}`,
  });
  resetRuntime();
  try {
    console.log(formatCycleSummary(servedCounties(), await runCronCycle(clockStart, values.county), clockStart));
  } catch (error) {
    // A --now earlier than the last planning run is refused before anything is written: the
    // officer needs its zh-TW sentence, not a stack trace.
    if ((error as Error).name !== 'PlanningClockError') throw error;
    console.error((error as Error).message);
    process.exitCode = 1;
  } finally {
    await stack.stop();
  }
} else {
  const stack = await startOrExplain(() =>
    startEmbeddedStack({
      dataDir,
      command: npmStartCommand,
      dynamoDbEndpoint: process.env.DYNAMODB_ENDPOINT,
      tableName,
      sesEndpoint: process.env.SES_ENDPOINT,
    }),
  );
  if (stack.claim?.replacedStaleLock)
    console.error(`（上次的本機環境沒有正常結束：${stack.claim.replacedStaleLock}；已接手資料夾 ${dataDir}）`);
  Object.assign(process.env, stack.env, {
    LINK_SIGNING_KEY: localLinkKey(dataDir),
    PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`,
  });
  resetRuntime();
  const counties = servedCounties();

  let started;
  try {
    // Scripts sign in with a JWT checked against a JWKS, as with Cognito in AWS: never "no auth locally".
    const signer = await startLocalSecretariatSigner({ keyFile: join(dataDir, 'secretariat-signing-key.json') });
    // People sign in to the console through a real OpenID provider, as through Cognito's managed login.
    // Loaded only here, once the folder is ours: oidc-provider warns at import that Node 20 is not
    // an LTS it lists (it runs on 20.20), and a refused or --once start should say nothing of it.
    const { startLocalSignInProvider } = await import('../lib/local-stack/local-sign-in-provider.ts');
    const signIn = await startLocalSignInProvider({
      counties: counties.all().map((c) => ({ id: c.county.id, name: c.county.name.zh })),
      accountsFile: join(dataDir, 'secretariat-accounts.json'),
    }).catch(async (error: unknown) => {
      await signer.stop();
      throw error;
    });
    const server = await startLocalServer({
      port,
      now: localNow,
      signingKey: Buffer.from(process.env.LINK_SIGNING_KEY!, 'hex'),
      secretariatAuth: signer.authOptions,
      consoleSignIn: signIn.consoleSignIn,
    }).catch(async (error: unknown) => {
      await signIn.stop();
      await signer.stop();
      throw error;
    });
    await signIn.serveConsole(server.url);
    started = { signer, signIn, server };
  } catch (error) {
    await stack.stop();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`埠 ${port} 已被其他程式使用；請用 --port 指定其他埠（0 = 任一空閒埠）`);
      process.exit(1);
    }
    throw error;
  }
  const { signer, signIn, server } = started;
  if (port === 0) process.env.PUBLIC_BASE_URL = server.url;
  // From here on, CLI commands and --once on this folder use this stack.
  stack.claim?.publish({
    dynamoDbEndpoint: stack.dynamoDbEndpoint,
    sesEndpoint: stack.sesEndpoint,
    tableName: stack.tableName,
    httpBaseUrl: process.env.PUBLIC_BASE_URL,
  });
  const scheduled = values.county ? [counties.get(values.county)!] : counties.all();
  console.log(`safetynet-meetings 本機環境已啟動（排程縣市：${scheduled.map((c) => c.county.name.zh).join('、')}）`);
  console.log('幕僚工作台（瀏覽器開啟，以下列帳號密碼登入）：');
  for (const c of counties.all()) {
    const account = signIn.accounts.find((a) => a.countyId === c.county.id)!;
    console.log(`  ${c.county.name.zh}（${c.county.id}）`);
    console.log(`    工作台網址：${server.url}/c/${c.county.id}/console/`);
    console.log(`    帳號／密碼：${account.username} / ${account.password}`);
  }
  console.log(`  郵件檢視（SES）：    ${stack.sesEndpoint}/`);
  console.log(`  DynamoDB Local：    ${stack.dynamoDbEndpoint}（資料在 ${dataDir}/）`);
  console.log(`  本機登入服務（OpenID）：${signIn.issuer}（帳號密碼存於 ${join(dataDir, 'secretariat-accounts.json')}）`);
  console.log(`  API 登入權杖（程式用）：npm run cli -- token（JWKS：${signer.jwksUrl}）`);
  if (stack.claim) console.log(`  指令直接使用本環境：  npm run cli -- <指令>（位址記在 ${stack.claim.lockFile}）`);
  console.log('按 Ctrl-C 停止。(Press Ctrl-C to stop.)');

  let running = Promise.resolve();
  const tick = () => {
    running = running
      .then(async () => {
        const now = localNow();
        console.log(formatCycleSummary(counties, await runCronCycle(now, values.county), now));
      })
      .catch((error: unknown) => console.error('排程執行失敗：', error));
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
    await signIn.stop();
    await signer.stop();
    await stack.stop(); // removes the lock once the engine has stopped
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown());
}
