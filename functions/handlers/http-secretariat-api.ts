// API Gateway's /c/{county}/secretariat/… routes, behind its Cognito JWT authorizer: the
// secretariat's JSON API for scripts. The app verifies the JWT itself too (the CDK sets the issuer
// and client; the group is each county's `secretariat-<county>`), so a route added without the
// gateway's authorizer is still not open. Imports the API audience only: no console pages.
import { serveAudiences } from '../http/audience-app.ts';
import { secretariatApiAudience } from '../http/secretariat-api-audience.ts';
import { secretariatAuthFromEnv } from '../http/secretariat-auth.ts';
import { linkSigningKey } from '../adapters/secrets/link-signing-key.ts';
import { documentRendererFromEnv } from '../adapters/lambda/document-function.ts';
import { httpHandler } from './http-lambda.ts';
import { servedCounties, tableConnection } from './runtime.ts';

// Document downloads are rendered by the document function (DOCUMENT_FUNCTION_NAME), invoked synchronously.
const renderDocument = documentRendererFromEnv();

export const handler = httpHandler(
  serveAudiences({ connection: tableConnection(), counties: servedCounties() }, [
    secretariatApiAudience({
      now: () => new Date(),
      signingKey: await linkSigningKey(),
      secretariatAuth: secretariatAuthFromEnv(),
      ...(process.env.PUBLIC_BASE_URL ? { publicBaseUrl: process.env.PUBLIC_BASE_URL } : {}),
      ...(renderDocument ? { renderDocument } : {}),
    }),
  ]),
);
