// API Gateway's /c/{county}/secretariat/ routes for minutes and documents (minutes, minutes-status,
// action-items, overdue, documents, contacts/{contactId}/revoke-links), behind its Cognito JWT
// authorizer. Checks callers by the authorizer's claims as http-secretariat-api.ts says (no JWT
// library). Imports its part of the API only: no scheduling tasks, no planner.
import { serveAudiences } from '../http/audience-app.ts';
import { secretariatMinutesApiAudience } from '../http/secretariat-minutes-api-audience.ts';
import { gatewayClaimsFromEnv, gatewayClaimsSignIn } from '../http/secretariat-gateway-claims.ts';
import { linkSigningKey } from '../adapters/secrets/link-signing-key.ts';
import { documentRendererFromEnv } from '../adapters/lambda/document-function.ts';
import { httpHandler } from './http-lambda.ts';
import { logger, servedCounties, tableConnection } from './runtime.ts';

// Document downloads are rendered by the document function (DOCUMENT_FUNCTION_NAME), invoked synchronously.
const renderDocument = documentRendererFromEnv();

export const handler = httpHandler(
  serveAudiences({ connection: tableConnection(), counties: servedCounties() }, [
    secretariatMinutesApiAudience({
      now: () => new Date(),
      signingKey: await linkSigningKey(),
      signIn: gatewayClaimsSignIn({ ...gatewayClaimsFromEnv(), logger }),
      ...(process.env.PUBLIC_BASE_URL ? { publicBaseUrl: process.env.PUBLIC_BASE_URL } : {}),
      ...(renderDocument ? { renderDocument } : {}),
    }),
  ]),
);
