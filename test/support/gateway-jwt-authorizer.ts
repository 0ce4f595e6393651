// API Gateway's JWT authorizer (HTTP API), as a test stands it in front of the secretariat API
// functions, which no longer verify the token themselves (functions/http/secretariat-gateway-claims.ts).
// It does what the gateway documents: the token from `Authorization: Bearer …` is verified against
// the issuer's JWKS (signature, `iss`, `exp`, `nbf`), its `aud`, or `client_id` when there is no
// `aud`, must be the app client; a failure is the gateway's own 401 {"message":"Unauthorized"} with a
// www-authenticate header, and the function is never called. A pass hands the claims over as payload
// 2.0 does: every value a string, an array as "[a b]".
import { createRemoteJWKSet, jwtVerify } from 'jose';

export type GatewayAuthorizerOptions = { issuer: string; audience: string; jwksUrl: string };

export type GatewayVerdict = { ok: true; claims: Record<string, string> } | { ok: false; response: Response };

export function gatewayJwtAuthorizer(options: GatewayAuthorizerOptions): (authorization: string | undefined) => Promise<GatewayVerdict> {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl));
  const refuse = (description: string): GatewayVerdict => ({
    ok: false,
    response: new Response('{"message":"Unauthorized"}', {
      status: 401,
      headers: {
        'content-type': 'application/json',
        'www-authenticate': `Bearer scope="" error="invalid_token" error_description="${description}"`,
      },
    }),
  });
  return async (authorization) => {
    const token = /^Bearer (\S+)$/.exec(authorization?.trim() ?? '')?.[1];
    if (!token) return refuse('the token is missing');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer: options.issuer, requiredClaims: ['exp'] }));
    } catch {
      return refuse('the token is not valid');
    }
    const audiences = payload.aud !== undefined ? [payload.aud].flat() : [payload.client_id];
    if (!audiences.includes(options.audience)) return refuse('the token does not have a valid audience');
    const claims = Object.fromEntries(
      Object.entries(payload).map(([name, value]) => [name, Array.isArray(value) ? `[${value.join(' ')}]` : String(value)]),
    );
    return { ok: true, claims };
  };
}
