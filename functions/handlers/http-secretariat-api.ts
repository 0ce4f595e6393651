// API Gateway's /c/{county}/secretariat/… routes (all but the minutes API's, which are
// http-secretariat-minutes-api.ts's), behind its Cognito JWT authorizer: the secretariat's JSON API
// for the county's schedule. The token is not verified again: the claims the authorizer verified
// are read from the event (secretariat-gateway-claims.ts), a request without them is refused, and
// the county's group `secretariat-<county>` is required of them, so a route added without the
// authorizer is still not open. Imports this part of the API only: no minutes, no documents, no JWT library.
import { serveAudiences } from '../http/audience-app.ts';
import { secretariatTasksApiAudience } from '../http/secretariat-tasks-api-audience.ts';
import { gatewayClaimsFromEnv, gatewayClaimsSignIn } from '../http/secretariat-gateway-claims.ts';
import { linkSigningKey } from '../adapters/secrets/link-signing-key.ts';
import { httpHandler } from './http-lambda.ts';
import { logger, servedCounties, tableConnection } from './runtime.ts';

export const handler = httpHandler(
  serveAudiences({ connection: tableConnection(), counties: servedCounties() }, [
    secretariatTasksApiAudience({
      now: () => new Date(),
      signingKey: await linkSigningKey(),
      signIn: gatewayClaimsSignIn({ ...gatewayClaimsFromEnv(), logger }),
      ...(process.env.PUBLIC_BASE_URL ? { publicBaseUrl: process.env.PUBLIC_BASE_URL } : {}),
    }),
  ]),
);
