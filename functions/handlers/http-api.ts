// API Gateway HTTP API → the one Hono app that `npm start` also serves locally. The app is built
// once per container, during Lambda's init phase: the county file is validated and the link-signing
// key read from Secrets Manager before the first request rather than during someone's click.
// The secretariat's sign-in is verified here as well as at the gateway (the CDK sets the issuer and
// client; the group is each county's `secretariat-<county>`).
import type { Context } from 'aws-lambda';
import { handle, type APIGatewayProxyResult, type LambdaEvent } from 'hono/aws-lambda';
import { createApp } from '../http/app.ts';
import { secretariatAuthFromEnv } from '../http/secretariat-auth.ts';
import { consoleSignInFromEnv } from '../http/console/sign-in-client.ts';
import { logger, servedCounties, tableConnection } from './runtime.ts';
import { linkSigningKey } from '../adapters/secrets/link-signing-key.ts';
import { documentRendererFromEnv } from '../adapters/lambda/document-function.ts';

// Documents are rendered by the document function (DOCUMENT_FUNCTION_NAME), invoked synchronously:
// this bundle never holds pdf-lib, fontkit, exceljs or the fonts.
const renderDocument = documentRendererFromEnv();

// The console signs in through Cognito's managed login (SECRETARIAT_LOGIN_URL), with the API's pool and client.
const consoleSignIn = consoleSignInFromEnv();

const serve = handle(
  createApp({
    connection: tableConnection(),
    counties: servedCounties(),
    now: () => new Date(),
    signingKey: await linkSigningKey(),
    secretariatAuth: secretariatAuthFromEnv(),
    ...(consoleSignIn ? { consoleSignIn } : {}),
    ...(process.env.PUBLIC_BASE_URL ? { publicBaseUrl: process.env.PUBLIC_BASE_URL } : {}),
    ...(renderDocument ? { renderDocument } : {}),
  }),
);

export async function handler(event: LambdaEvent, context: Context): Promise<APIGatewayProxyResult> {
  logger.addContext(context);
  return serve(event, context);
}
