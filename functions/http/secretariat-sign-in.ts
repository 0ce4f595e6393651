// Who is calling the secretariat's JSON API, asked the same way whichever way the answer is found:
//   - locally (app.ts, `npm start`, the tests): the bearer token verified with jose against the
//     issuer's keys (secretariat-auth.ts, secretariat-token.ts);
//   - in AWS: the claims API Gateway's JWT authorizer has already verified
//     (secretariat-gateway-claims.ts), so the API functions bundle no JWT library.
// The route modules only put `signedIn(...)` in front of their paths; they never know which. This
// module imports no JWT library: the API functions' bundles start here.
import type { Context, MiddlewareHandler } from 'hono';
import type { SecretariatIdentity, TokenVerdict } from './secretariat-token.ts';

export type { SecretariatIdentity, TokenVerdict } from './secretariat-token.ts';

export type SecretariatVariables = { secretariat: SecretariatIdentity };

export type AuthLogger = { warn(message: string, attributes: Record<string, unknown>): void };

/** Is this request from the county's secretariat? One county's group is already fixed in it. */
export type SecretariatCheck = (c: Context) => Promise<TokenVerdict>;

/**
 * The check for one county's group (`secretariat-<county>`): each county's mount asks for its own,
 * so a secretariat of one county never reaches another's data.
 */
export type SecretariatSignIn = (requiredGroup: string) => SecretariatCheck;

/** The middleware in front of every secretariat route. */
export type SignedIn = MiddlewareHandler<{ Variables: SecretariatVariables }>;

/** Lets through a request the check accepts; refuses the rest with 401, 403 or 503, zh-TW first. */
export function signedIn(check: SecretariatCheck, logger?: AuthLogger): SignedIn {
  return async (c, next) => {
    const verdict = await check(c);
    if (!verdict.ok) {
      switch (verdict.outcome) {
        case 'unavailable':
          logger?.warn('secretariat sign-in keys unavailable', { reason: verdict.reason });
          return c.json(
            {
              error: 'sign-in-unavailable',
              message: '登入服務的金鑰暫時無法取得，請稍後再試（the sign-in keys cannot be fetched just now）',
            },
            503,
          );
        case 'forbidden':
          return c.json({ error: 'forbidden', message: '此帳號不是本縣市的幕僚（secretariat）群組成員' }, 403);
        case 'invalid':
          return challenge(c, verdict.reason);
      }
    }
    c.set('secretariat', verdict.identity);
    await next();
  };
}

/** The bearer token a request carries, or undefined: only the compact JWT form is taken. */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization') ?? '';
  return /^Bearer ([A-Za-z0-9_=-]+\.[A-Za-z0-9_=-]+\.[A-Za-z0-9_=-]*)$/.exec(header.trim())?.[1];
}

/** The reason a request without a token is refused, the same in both homes. */
export const noTokenReason = 'sign in as the secretariat: Authorization: Bearer <token>';

/** What the person running a script reads for each reason a token is refused. */
const refusals: Record<string, string> = {
  [noTokenReason]: '請以本縣市幕僚帳號登入，並以 Authorization: Bearer <權杖> 傳送',
  'the token is not valid or has expired': '權杖無效或已過期，請重新登入取得',
  'the token has no expiry': '權杖沒有到期時間（exp），不予接受',
  'the token was issued for another application': '權杖不是發給本系統的，請以本系統的登入取得',
  'not a sign-in token': '這不是登入權杖（須為 access 或 id token）',
  'the token names no subject': '權杖沒有載明使用者（sub）',
};

function challenge(c: Context, reason: string) {
  const error = reason === noTokenReason ? 'invalid_request' : 'invalid_token';
  // The header is ASCII by definition; the body is what a person reads, zh-TW first.
  c.header('WWW-Authenticate', `Bearer realm="secretariat", error="${error}", error_description="${reason.replace(/["\\]/g, '')}"`);
  return c.json({ error: 'unauthorized', message: `${refusals[reason] ?? '權杖無效，請重新登入取得'}（${reason}）` }, 401);
}
