// Tokens shaped as Cognito issues them (RS256, its issuer URL, `cognito:groups`, an ID token with
// `aud` and an access token with `client_id`), checked by the same verifier as the local signer's
// and the local OpenID provider's. Cognito's keys are served from a loopback JWKS, as Cognito serves
// them from /.well-known/jwks.json.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretariatTokenVerifier, type SecretariatAuthOptions } from '../../../functions/http/secretariat-token.ts';

const issuer = 'https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_Ab12Cd34E';
const clientId = '5r2example0client0id0abcd';
const group = 'secretariat-chiayi-county';

let server: Server;
let options: SecretariatAuthOptions;
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
const kid = 'cognito-key-1';

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' };
  server = createServer((request, response) => {
    if (request.url !== '/.well-known/jwks.json') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  options = { issuer, audience: clientId, jwksUrl, requiredGroup: group };
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const now = () => Math.floor(Date.now() / 1000);

/** Cognito's ID token: `aud` is the app client, `token_use` is "id". */
function idTokenClaims(): JWTPayload {
  return {
    sub: randomUUID(),
    'cognito:groups': [group],
    email_verified: true,
    iss: issuer,
    'cognito:username': 'officer@chiayi.example.gov.tw',
    origin_jti: randomUUID(),
    aud: clientId,
    event_id: randomUUID(),
    token_use: 'id',
    auth_time: now() - 5,
    exp: now() + 3600,
    iat: now() - 5,
    jti: randomUUID(),
    email: 'officer@chiayi.example.gov.tw',
  };
}

/** Cognito's access token: no `aud`; `client_id` names the app client, `token_use` is "access". */
function accessTokenClaims(): JWTPayload {
  return {
    sub: randomUUID(),
    'cognito:groups': [group],
    iss: issuer,
    client_id: clientId,
    origin_jti: randomUUID(),
    event_id: randomUUID(),
    token_use: 'access',
    scope: 'openid email',
    auth_time: now() - 5,
    exp: now() + 3600,
    iat: now() - 5,
    jti: randomUUID(),
    username: 'officer@chiayi.example.gov.tw',
  };
}

const signed = (claims: JWTPayload) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
const without = (claims: JWTPayload, name: string) => Object.fromEntries(Object.entries(claims).filter(([key]) => key !== name));

describe('a Cognito-shaped token', () => {
  it.each([
    ['ID token', idTokenClaims],
    ['access token', accessTokenClaims],
  ])('is accepted as an %s of the county group, and names its subject', async (_label, claims) => {
    const made = claims();
    const verdict = await secretariatTokenVerifier(options)(await signed(made));
    expect(verdict).toMatchObject({ ok: true, identity: { subject: made.sub } });
  });

  it.each([
    ['ID token', idTokenClaims],
    ['access token', accessTokenClaims],
  ])('is refused as an %s without `exp`, which jose alone would accept', async (_label, claims) => {
    const verdict = await secretariatTokenVerifier(options)(await signed(without(claims(), 'exp')));
    expect(verdict).toEqual({ ok: false, outcome: 'invalid', reason: 'the token has no expiry' });
  });

  it.each([
    ['ID token', idTokenClaims],
    ['access token', accessTokenClaims],
  ])('is refused as an %s without the county group (403, not 401)', async (_label, claims) => {
    const verify = secretariatTokenVerifier(options);
    expect(await verify(await signed(without(claims(), 'cognito:groups')))).toMatchObject({ ok: false, outcome: 'forbidden' });
    expect(await verify(await signed({ ...claims(), 'cognito:groups': ['secretariat-tainan-city'] }))).toMatchObject({
      ok: false,
      outcome: 'forbidden',
    });
    // A group claim that is not a list is not a list of groups.
    expect(await verify(await signed({ ...claims(), 'cognito:groups': group }))).toMatchObject({ ok: false, outcome: 'forbidden' });
  });

  it('is refused when the verifier has no group to require, however the token looks', async () => {
    const { requiredGroup: _none, ...noGroup } = options;
    expect(await secretariatTokenVerifier(noGroup)(await signed(idTokenClaims()))).toMatchObject({ ok: false, outcome: 'forbidden' });
  });

  it.each([
    ['of another app client', () => ({ ...idTokenClaims(), aud: 'another-client' })],
    ['of another user pool', () => ({ ...idTokenClaims(), iss: 'https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_Other' })],
    ['that expired', () => ({ ...idTokenClaims(), exp: now() - 60 })],
    [
      'of another use (a refresh token is not a JWT, but any other token_use is refused)',
      () => ({ ...idTokenClaims(), token_use: 'refresh' }),
    ],
    ['without a subject', () => without(idTokenClaims(), 'sub')],
  ])('is refused when it is one %s', async (_label, claims) => {
    expect(await secretariatTokenVerifier(options)(await signed(claims()))).toMatchObject({ ok: false, outcome: 'invalid' });
  });
});
