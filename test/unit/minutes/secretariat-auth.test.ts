// Secretariat sign-in: a bearer JWT verified against a JWKS, the same code for Cognito and for the
// local signer. Tokens here come from the local signer, its JWKS served over real HTTP. Cognito's
// token shapes are in test/unit/access/secretariat-token.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { sign } from 'hono/jwt';
import { webcrypto } from 'node:crypto';
import { secretariatAuth, type SecretariatVariables } from '../../../functions/http/secretariat-auth.ts';
import { gatewayClaimsFromEnv } from '../../../functions/http/secretariat-gateway-claims.ts';
import {
  localSecretariatAudience,
  localSecretariatIssuer,
  localSecretariatKey,
  startLocalSecretariatSigner,
  type LocalSecretariatSigner,
} from '../../../lib/local-stack/local-secretariat-signer.ts';

let signer: LocalSecretariatSigner;
beforeAll(async () => {
  signer = await startLocalSecretariatSigner();
});
afterAll(async () => {
  await signer.stop();
});

const group = 'secretariat-chiayi-county';

function appWith(options = { ...signer.authOptions, requiredGroup: group }) {
  const app = new Hono<{ Variables: SecretariatVariables }>();
  app.use('/secretariat/*', secretariatAuth(options));
  app.get('/secretariat/whoami', (c) => c.json(c.get('secretariat')));
  return app;
}
const call = (token: string | undefined, app = appWith()) =>
  app.request('/secretariat/whoami', { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

/** A token signed by another key pair, under our issuer: what an attacker could make. */
async function foreignToken(claims: Record<string, unknown>, kid?: string) {
  const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const jwk = await webcrypto.subtle.exportKey('jwk', pair.privateKey);
  return sign(claims, { ...jwk, alg: 'ES256', kid: kid ?? 'someone-else' }, 'ES256');
}
const now = () => Math.floor(Date.now() / 1000);
const goodClaims = () => ({
  iss: localSecretariatIssuer,
  client_id: localSecretariatAudience,
  token_use: 'access',
  sub: 'officer-1',
  'cognito:groups': [group],
  iat: now(),
  exp: now() + 600,
});

describe('secretariat sign-in', () => {
  it('lets in a token from the local signer, verified against the JWKS it serves over HTTP', async () => {
    const response = await call(await signer.mint({ subject: 'officer-1', groups: [group] }));
    expect(response.status).toBe(200);
    const identity = (await response.json()) as { subject: string; via: string };
    expect(identity.subject).toBe('officer-1');
    expect(identity.via).toMatch(/^jwt:[A-Za-z0-9_-]{16}$/);
  });

  it('serves a JWKS with the public key only', async () => {
    const jwks = (await (await fetch(signer.jwksUrl)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('refuses a request without a token, with a Bearer challenge', async () => {
    const response = await call(undefined);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it.each([
    ['garbage', () => Promise.resolve('not.a.jwt')],
    ['signed by another key under our key id', async () => foreignToken(goodClaims(), (signer.jwks.keys[0] as { kid: string }).kid)],
    ['signed by an unknown key', async () => foreignToken(goodClaims())],
    ['with HS256, using the public key as the secret', async () => sign(goodClaims(), JSON.stringify(signer.jwks.keys[0]), 'HS256')],
    [
      'with alg none',
      () =>
        Promise.resolve(
          `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(goodClaims())).toString('base64url')}.`,
        ),
    ],
    ['expired', async () => signer.mint({ lifetimeSeconds: -10, groups: [group] })],
    ['without an expiry', async () => signer.mint({ withoutExpiry: true, groups: [group] })],
  ])('refuses a token %s', async (_label, make) => {
    expect((await call(await make())).status).toBe(401);
  });

  it('refuses a token for another issuer or another application', async () => {
    const otherIssuer = appWith({
      ...signer.authOptions,
      requiredGroup: group,
      issuer: 'https://cognito-idp.ap-northeast-1.amazonaws.com/other',
    });
    expect((await call(await signer.mint({ groups: [group] }), otherIssuer)).status).toBe(401);
    const otherAudience = appWith({ ...signer.authOptions, requiredGroup: group, audience: 'another-client' });
    expect((await call(await signer.mint({ groups: [group] }), otherAudience)).status).toBe(401);
  });

  it('requires the county group: without it, or with another county\u2019s, the answer is 403', async () => {
    expect((await call(await signer.mint())).status).toBe(403);
    expect((await call(await signer.mint({ groups: ['secretariat-tainan-city'] }))).status).toBe(403);
    expect((await call(await signer.mint({ groups: ['secretariat'] }))).status).toBe(403);
    expect((await call(await signer.mint({ groups: [group] }))).status).toBe(200);
  });

  it('cannot be set up without a group, so no route forgets it', () => {
    expect(() => secretariatAuth(signer.authOptions)).toThrow(/requiredGroup/);
  });

  it('answers 503, not 200, when the keys cannot be fetched', async () => {
    const unreachable = appWith({ ...signer.authOptions, requiredGroup: group, jwksUrl: 'http://127.0.0.1:9/.well-known/jwks.json' });
    expect((await call(await signer.mint({ groups: [group] }), unreachable)).status).toBe(503);
  });

  it('keeps the key in a file so a CLI started later mints tokens the server accepts', async () => {
    const { mkdtemp, rm, stat } = await import('node:fs/promises');
    const dir = await mkdtemp('/tmp/secretariat-key-');
    try {
      const served = await startLocalSecretariatSigner({ keyFile: `${dir}/key.json` });
      const cli = await localSecretariatKey(`${dir}/key.json`);
      expect((await call(await cli.mint({ groups: [group] }), appWith({ ...served.authOptions, requiredGroup: group }))).status).toBe(200);
      expect((await stat(`${dir}/key.json`)).mode & 0o077).toBe(0);
      await served.stop();
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('is configured in AWS from the environment, and refuses to start without an issuer', () => {
    // The API functions check the gateway's claims against these; no JWKS is fetched there.
    expect(() => gatewayClaimsFromEnv({})).toThrow(/never served without sign-in/);
    expect(
      gatewayClaimsFromEnv({
        SECRETARIAT_JWT_ISSUER: 'https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_abc',
        SECRETARIAT_JWT_AUDIENCE: 'client',
      }),
    ).toEqual({ issuer: 'https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_abc', audience: 'client' });
  });
});
