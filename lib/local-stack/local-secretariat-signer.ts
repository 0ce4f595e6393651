// The secretariat's sign-in on this machine. In AWS a Cognito user pool signs the secretariat's
// tokens and publishes its public keys (JWKS); here `npm start` creates an ES256 key pair, serves
// its public half as a JWKS over HTTP, and mints tokens for the CLI and tests. The API verifies
// them with the very code that verifies Cognito's (functions/http/secretariat-auth.ts).
//
// The private key is kept in the data folder (mode 0600) so a CLI started later can mint tokens
// the running server accepts; without a key file it lives only in memory.
import { createServer, type Server } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomUUID, webcrypto } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import type { SecretariatAuthOptions } from '../../functions/http/secretariat-auth.ts';

export const localSecretariatIssuer = 'urn:safetynet-meetings:local-secretariat';
export const localSecretariatAudience = 'safetynet-meetings-local';

type StoredKey = { kid: string; privateJwk: webcrypto.JsonWebKey; publicJwk: webcrypto.JsonWebKey };

export type MintOptions = {
  /** The person, as audit records name them (default "local-secretariat"). */
  subject?: string;
  lifetimeSeconds?: number;
  groups?: string[];
  /** A token that never expires: only for tests proving that such a token is refused. */
  withoutExpiry?: true;
};

export type LocalSecretariatKey = {
  jwks: { keys: webcrypto.JsonWebKey[] };
  /** A bearer token for /secretariat/*. */
  mint(options?: MintOptions): Promise<string>;
};

export type LocalSecretariatSigner = LocalSecretariatKey & {
  /** http://127.0.0.1:<port>/.well-known/jwks.json */
  jwksUrl: string;
  /** What createApp's secretariatAuth needs. */
  authOptions: SecretariatAuthOptions;
  stop(): Promise<void>;
};

/** Loads the key from `keyFile`, or creates it (and saves it there when a file is named). */
export async function localSecretariatKey(keyFile?: string): Promise<LocalSecretariatKey> {
  const stored = (keyFile ? await readKey(keyFile) : undefined) ?? (await createKey(keyFile));
  return {
    jwks: { keys: [stored.publicJwk] },
    async mint(options: MintOptions = {}) {
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        client_id: localSecretariatAudience,
        token_use: 'access',
        jti: randomUUID(),
        ...(options.groups ? { 'cognito:groups': options.groups } : {}),
      };
      const token = new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: stored.kid, typ: 'JWT' })
        .setIssuer(localSecretariatIssuer)
        .setSubject(options.subject ?? 'local-secretariat')
        .setIssuedAt(now);
      if (!options.withoutExpiry) token.setExpirationTime(now + (options.lifetimeSeconds ?? 8 * 3600));
      return token.sign(await importJWK({ ...stored.privateJwk, alg: 'ES256' }, 'ES256'));
    },
  };
}

/** The key, and its JWKS served on 127.0.0.1 (port 0: any free port). */
export async function startLocalSecretariatSigner(options: { keyFile?: string; port?: number } = {}): Promise<LocalSecretariatSigner> {
  const key = await localSecretariatKey(options.keyFile);
  const body = JSON.stringify(key.jwks);
  const server: Server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/.well-known/jwks.json') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=300' });
      response.end(body);
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the JWKS server has no port');
  const jwksUrl = `http://127.0.0.1:${address.port}/.well-known/jwks.json`;
  return {
    ...key,
    jwksUrl,
    authOptions: { issuer: localSecretariatIssuer, audience: localSecretariatAudience, jwksUrl },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readKey(file: string): Promise<StoredKey | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as StoredKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function createKey(file?: string): Promise<StoredKey> {
  const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const kid = `local-${randomUUID()}`;
  const privateJwk = await webcrypto.subtle.exportKey('jwk', pair.privateKey);
  const { kty, crv, x, y } = await webcrypto.subtle.exportKey('jwk', pair.publicKey);
  const stored: StoredKey = { kid, privateJwk, publicJwk: { kty, crv, x, y, kid, alg: 'ES256', use: 'sig' } as webcrypto.JsonWebKey };
  if (file) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(stored), { mode: 0o600 });
  }
  return stored;
}
