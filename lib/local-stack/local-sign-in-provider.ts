// The secretariat's sign-in on this machine: a real OpenID provider (the npm package
// `oidc-provider`), standing in for Cognito's managed login, so the console signs in locally through
// exactly the code it uses in AWS (functions/http/console/): the authorization-code flow with
// PKCE, an ID token with `cognito:groups`, the same token checks.
//
// It seeds one secretariat account per county, `<county>-secretariat`, in the group
// `secretariat-<county>`, with a generated password kept in the data folder (mode 0600) and printed
// by `npm start`. The package's development login pages accept any name and password; they are
// switched off, and our own login page checks the password. Consent is skipped: the console is
// the provider's only client and asks for nothing beyond the sign-in.
//
// It listens before it knows the console's address (the console's port may be chosen by the
// kernel), answering 503 until serveConsole() registers the console's callback addresses.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { errors, type Adapter, type AdapterPayload, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { ConsoleSignInOptions } from '../../functions/http/console/sign-in-client.ts';

export const localConsoleClientId = 'safetynet-meetings-local-console';

export type LocalSecretariatAccount = {
  countyId: string;
  /** `<county>-secretariat`. */
  username: string;
  password: string;
  /** The ID token's `sub`, as Cognito's is a UUID. */
  subject: string;
  /** Shown as who is signed in. */
  name: string;
  /** Groups in `cognito:groups`: `secretariat-<county>`. */
  groups: string[];
};

export type LocalSignInProvider = {
  issuer: string;
  jwksUrl: string;
  accounts: readonly LocalSecretariatAccount[];
  /** What createApp's consoleSignIn needs. */
  consoleSignIn: ConsoleSignInOptions;
  /** Registers the console at `consoleOrigin` (http://127.0.0.1:<port>) and starts answering. */
  serveConsole(consoleOrigin: string): Promise<void>;
  stop(): Promise<void>;
};

export type LocalSignInOptions = {
  counties: ReadonlyArray<{ id: string; name: string }>;
  /** Where the accounts are kept; in memory only when unset (tests). */
  accountsFile?: string;
  /** Extra accounts, for tests: e.g. one without the secretariat group. */
  extraAccounts?: Array<Omit<LocalSecretariatAccount, 'subject'> & { subject?: string }>;
  port?: number;
};

export async function startLocalSignInProvider(options: LocalSignInOptions): Promise<LocalSignInProvider> {
  const accounts = [
    ...(await seededAccounts(options.counties, options.accountsFile)),
    ...(options.extraAccounts ?? []).map((a) => ({ ...a, subject: a.subject ?? randomUUID() })),
  ];
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server: Server = createServer((req, res) => {
    if (!handle) return void res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('登入服務啟動中');
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the sign-in provider has no port');
  const issuer = `http://127.0.0.1:${address.port}`;
  const jwksUrl = `${issuer}/jwks`;

  return {
    issuer,
    jwksUrl,
    accounts,
    consoleSignIn: { issuer, clientId: localConsoleClientId, jwksUrl },
    async serveConsole(consoleOrigin) {
      const provider = await createProvider(issuer, consoleOrigin, options.counties, accounts);
      const callback = provider.callback();
      handle = (req, res) => {
        if ((req.url ?? '').startsWith('/interaction/')) {
          loginInteraction(provider, accounts, consoleOrigin, req, res).catch((error: unknown) => {
            // A login page opened again after its sign-in ended or expired (a bookmark, the back
            // button, a restart of npm start): the browser no longer has the interaction's cookie.
            // Nothing is wrong; the officer only has to start signing in again from the console.
            if (error instanceof errors.SessionNotFound) {
              if (!res.headersSent) res.writeHead(400, expiredHeaders).end(expiredSignInPage(consoleOrigin, options.counties));
              else res.end();
              return;
            }
            console.error('本機登入服務錯誤：', error);
            if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
            res.end('本機登入服務發生錯誤');
          });
          return;
        }
        void callback(req, res);
      };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function createProvider(
  issuer: string,
  consoleOrigin: string,
  counties: LocalSignInOptions['counties'],
  accounts: readonly LocalSecretariatAccount[],
): Promise<Provider> {
  // The console may be opened as 127.0.0.1 or as localhost: both are registered.
  const origins = [consoleOrigin, consoleOrigin.replace('://127.0.0.1:', '://localhost:')];
  const consolePaths = counties.map((c) => `/c/${c.id}/console`);
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: `local-${randomUUID()}` };
  const byId = new Map(accounts.map((a) => [a.subject, a]));

  const configuration: Configuration = {
    // Sign-ins last as long as npm start: kept in memory on purpose (a restart asks for the password again).
    adapter: memoryAdapter(),
    clients: [
      {
        client_id: localConsoleClientId,
        client_name: '社會安全網會議幕僚工作台（本機）',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: origins.flatMap((o) => consolePaths.map((p) => `${o}${p}/callback`)),
        post_logout_redirect_uris: origins.flatMap((o) => consolePaths.map((p) => `${o}${p}/signed-out`)),
      },
    ],
    // Public client: PKCE is its proof, as with Cognito's app client without a secret.
    pkce: { required: () => true },
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // Cognito puts the groups in the ID token whatever the scope; so does this provider.
    claims: {
      openid: ['sub', 'cognito:groups', 'cognito:username'],
      profile: ['name', 'preferred_username'],
    },
    conformIdTokenClaims: false,
    findAccount(_ctx, sub) {
      const account = byId.get(sub);
      if (!account) return Promise.resolve(undefined);
      return Promise.resolve({
        accountId: sub,
        claims: () => ({
          sub,
          'cognito:groups': account.groups,
          'cognito:username': account.username,
          name: account.name,
          preferred_username: account.username,
        }),
      });
    },
    // The console is this provider's own client: no consent page.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // Cognito's /logout ends the sign-in at once; so does this page, which sends its own form
        // (a button is there when scripts are off).
        logoutSource(ctx, form) {
          ctx.type = 'html';
          ctx.body = page(
            '登出本機登入服務',
            `${form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>')}
            <p>正在登出…</p>
            <p><button type="submit" form="op.logoutForm">登出</button></p>
            <script>document.getElementById('op.logoutForm').submit()</script>`,
          );
        },
        postLogoutSuccessSource(ctx) {
          ctx.type = 'html';
          ctx.body = page('已登出', '<p>您已登出本機登入服務。</p>');
        },
      },
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Grant: 12 * 3600,
      Session: 12 * 3600,
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page('登入服務錯誤', `<p>${escape(String(out.error))}：${escape(String(out.error_description ?? ''))}</p>`);
    },
  };
  return new Provider(issuer, configuration);
}

/** Our own login page: the password is checked here; a wrong one is refused (the package's development pages accept anything). */
async function loginInteraction(
  provider: Provider,
  accounts: readonly LocalSecretariatAccount[],
  consoleOrigin: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const action = `/interaction/${details.uid}`;
  // After the form is posted the browser is redirected back to the console (another port).
  const consoleOrigins = `${consoleOrigin} ${consoleOrigin.replace('://127.0.0.1:', '://localhost:')}`;
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${consoleOrigins}; frame-ancestors 'none'; base-uri 'none'`,
  };
  if (details.prompt.name !== 'login') {
    // Consent is granted by loadExistingGrant; anything else is not for this provider.
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'unsupported prompt' });
    return;
  }
  if (req.method === 'GET') {
    res.writeHead(200, headers).end(loginPage(action));
    return;
  }
  if (req.method !== 'POST') return void res.writeHead(405).end();
  const form = new URLSearchParams(await body(req));
  const username = (form.get('username') ?? '').trim();
  const password = form.get('password') ?? '';
  const account = accounts.find((a) => a.username === username);
  // Compared as digests of equal length, so the time taken says nothing about the password.
  const matches = account !== undefined && timingSafeEqual(digest(password), digest(account.password));
  if (!account || !matches) {
    res.writeHead(401, headers).end(loginPage(action, username, '帳號或密碼不正確，請再試一次。'));
    return;
  }
  await provider.interactionFinished(req, res, { login: { accountId: account.subject } }, { mergeWithLastSubmission: false });
}

const digest = (text: string) => createHash('sha256').update(text).digest();

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 10_000) req.destroy(new Error('login form too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function loginPage(action: string, username = '', problem?: string): string {
  return page(
    '幕僚登入（本機）',
    `<p>這是本機開發環境的登入頁，帳號與密碼在 <code>npm start</code> 啟動時印出。</p>
    ${problem ? `<p class="problem" role="alert" id="problem">${escape(problem)}</p>` : ''}
    <form method="post" action="${escape(action)}">
      <p><label for="username">帳號</label><br />
        <input id="username" name="username" autocomplete="username" required value="${escape(username)}"
          ${problem ? 'aria-describedby="problem" aria-invalid="true"' : 'autofocus'} /></p>
      <p><label for="password">密碼</label><br />
        <input id="password" name="password" type="password" autocomplete="current-password" required
          ${problem ? 'aria-describedby="problem" aria-invalid="true" autofocus' : ''} /></p>
      <p><button type="submit">登入</button></p>
    </form>`,
  );
}

const expiredHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
};

/** The login page of a sign-in that has ended: in words, with the way back to each county's console sign-in. */
export function expiredSignInPage(consoleOrigin: string, counties: LocalSignInOptions['counties']): string {
  const links = counties
    .map((c) => `<li><a href="${escape(`${consoleOrigin}/c/${c.id}/console/sign-in`)}">${escape(c.name)}幕僚工作台：重新登入</a></li>`)
    .join('');
  return page(
    '這個登入頁已失效',
    `<p>這個登入頁面已經逾時或已使用過（例如從書籤或瀏覽紀錄開啟），所以無法在這裡登入。沒有任何資料因此變更。</p>
    <p>請從幕僚工作台重新開始登入：</p>
    <ul>${links}</ul>`,
  );
}

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="zh-Hant-TW"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escape(title)}</title>
<style>
  body { font-family: system-ui, 'Noto Sans TC', 'Noto Sans CJK TC', sans-serif; color: #1b1b1b; max-width: 26rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6; }
  h1 { font-size: 1.4rem; }
  input { font: inherit; width: 100%; padding: 0.4rem; border: 2px solid #505a5f; border-radius: 4px; }
  input:focus-visible, button:focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }
  button { font: inherit; color: #fff; background: #0b4f8a; border: 0; border-radius: 4px; padding: 0.5rem 1.5rem; min-height: 2.75rem; cursor: pointer; }
  .problem { color: #b3261e; font-weight: 700; border-left: 5px solid #b3261e; padding-left: 0.6rem; }
  code { background: #f3f2f1; padding: 0 0.25rem; }
</style></head>
<body><main><h1>${escape(title)}</h1>${content}</main></body></html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

type StoredAccounts = { accounts: LocalSecretariatAccount[] };

/** One account per county, kept across restarts; a county added later gets its own on the next start. */
async function seededAccounts(counties: LocalSignInOptions['counties'], file?: string): Promise<LocalSecretariatAccount[]> {
  const stored = file ? await readAccounts(file) : undefined;
  const accounts = counties.map(
    (county) =>
      stored?.accounts.find((a) => a.countyId === county.id) ?? {
        countyId: county.id,
        username: `${county.id}-secretariat`,
        password: generatedPassword(),
        subject: randomUUID(),
        name: `${county.name}幕僚（本機）`,
        groups: [`secretariat-${county.id}`],
      },
  );
  const kept = [...(stored?.accounts ?? []).filter((a) => !accounts.includes(a)), ...accounts];
  if (file && (!stored || kept.length !== stored.accounts.length)) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ accounts: kept } satisfies StoredAccounts, null, 2), { mode: 0o600 });
  }
  return accounts;
}

async function readAccounts(file: string): Promise<StoredAccounts | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as StoredAccounts;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Four groups of four letters and digits, none that look alike (no 0/o, 1/l/i): easy to type from the terminal. */
function generatedPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

/**
 * The provider's sessions, codes and grants, in this process's memory, expiring as the provider
 * asks. The package has one too, but warns that it is for quick starts; this one is ours, on
 * purpose: local sign-ins need not survive a restart.
 */
function memoryAdapter(): (name: string) => Adapter {
  const items = new Map<string, { payload: AdapterPayload; expiresAt?: number }>();
  const byUid = new Map<string, string>();
  const byUserCode = new Map<string, string>();
  const byGrant = new Map<string, Set<string>>();
  const live = (key: string | undefined) => {
    const item = key === undefined ? undefined : items.get(key);
    if (!item) return undefined;
    if (item.expiresAt !== undefined && item.expiresAt <= Date.now()) {
      items.delete(key!);
      return undefined;
    }
    return item.payload;
  };
  return (name) => {
    const key = (id: string) => `${name}:${id}`;
    return {
      upsert(id, payload, expiresIn) {
        items.set(key(id), { payload, ...(expiresIn ? { expiresAt: Date.now() + expiresIn * 1000 } : {}) });
        if (payload.uid) byUid.set(payload.uid, key(id));
        if (payload.userCode) byUserCode.set(payload.userCode, key(id));
        if (payload.grantId) byGrant.set(payload.grantId, (byGrant.get(payload.grantId) ?? new Set()).add(key(id)));
        return Promise.resolve();
      },
      find: (id) => Promise.resolve(live(key(id))),
      findByUid: (uid) => Promise.resolve(live(byUid.get(uid))),
      findByUserCode: (userCode) => Promise.resolve(live(byUserCode.get(userCode))),
      consume(id) {
        const payload = live(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
        return Promise.resolve();
      },
      destroy(id) {
        items.delete(key(id));
        return Promise.resolve();
      },
      revokeByGrantId(grantId) {
        for (const k of byGrant.get(grantId) ?? []) items.delete(k);
        byGrant.delete(grantId);
        return Promise.resolve();
      },
    };
  };
}
