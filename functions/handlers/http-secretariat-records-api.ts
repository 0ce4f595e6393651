// API Gateway's /c/{county}/secretariat/notices…, audit, follow-up, held-replies and feeds… routes,
// behind its Cognito JWT authorizer: what the secretariat keeps an eye on, none of it re-planning a
// meeting (no planner here). Checks callers by the authorizer's claims as http-secretariat-api.ts
// says. Imports its part of the API only.
import { serveAudiences } from '../http/audience-app.ts';
import { secretariatRecordsApiAudience } from '../http/secretariat-records-api-audience.ts';
import { gatewayClaimsFromEnv, gatewayClaimsSignIn } from '../http/secretariat-gateway-claims.ts';
import { linkSigningKey } from '../adapters/secrets/link-signing-key.ts';
import { httpHandler } from './http-lambda.ts';
import { logger, servedCounties, tableConnection } from './runtime.ts';

export const handler = httpHandler(
  serveAudiences({ connection: tableConnection(), counties: servedCounties() }, [
    secretariatRecordsApiAudience({
      now: () => new Date(),
      signingKey: await linkSigningKey(),
      signIn: gatewayClaimsSignIn({ ...gatewayClaimsFromEnv(), logger }),
      ...(process.env.PUBLIC_BASE_URL ? { publicBaseUrl: process.env.PUBLIC_BASE_URL } : {}),
    }),
  ]),
);
