// API Gateway's /c/{county}/secretariat/… routes that no other API function has (meetings/…,
// series/…; and the unscoped /secretariat/…, which serve nothing), behind its Cognito JWT
// authorizer. The secretariat API functions (this one, http-secretariat-calendar-api.ts,
// http-secretariat-records-api.ts, http-secretariat-minutes-api.ts) do not verify the token again:
// they read the claims the authorizer verified from the event (secretariat-gateway-claims.ts),
// refuse a request without them, and require the county's group `secretariat-<county>` of them, so
// a route added without the authorizer is still not open. Imports its part of the API only: no JWT library.
import { serveAudiences } from '../http/audience-app.ts';
import { secretariatMeetingsApiAudience } from '../http/secretariat-meetings-api-audience.ts';
import { gatewayClaimsFromEnv, gatewayClaimsSignIn } from '../http/secretariat-gateway-claims.ts';
import { linkSigningKey } from '../adapters/secrets/link-signing-key.ts';
import { httpHandler } from './http-lambda.ts';
import { logger, servedCounties, tableConnection } from './runtime.ts';

export const handler = httpHandler(
  serveAudiences({ connection: tableConnection(), counties: servedCounties() }, [
    secretariatMeetingsApiAudience({
      now: () => new Date(),
      signingKey: await linkSigningKey(),
      signIn: gatewayClaimsSignIn({ ...gatewayClaimsFromEnv(), logger }),
      ...(process.env.PUBLIC_BASE_URL ? { publicBaseUrl: process.env.PUBLIC_BASE_URL } : {}),
    }),
  ]),
);
