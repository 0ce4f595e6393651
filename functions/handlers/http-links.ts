// API Gateway's $default route: what people open from their mail without an account (RSVP, the
// 開會通知單 link) and the front door. The chairs' minutes pages (http-chair-minutes.ts) and the
// calendar feeds (http-feeds.ts) have routes and functions of their own. Imports the links audience
// only: no minutes pages, no console pages, no OpenID client, no secretariat use cases.
import { serveAudiences } from '../http/audience-app.ts';
import { linksAudience } from '../http/links-audience.ts';
import { linkSigningKey } from '../adapters/secrets/link-signing-key.ts';
import { documentRendererFromEnv } from '../adapters/lambda/document-function.ts';
import { httpHandler } from './http-lambda.ts';
import { servedCounties, tableConnection } from './runtime.ts';

// The 開會通知單 link's PDF comes from the document function (DOCUMENT_FUNCTION_NAME), invoked
// synchronously: this bundle never holds pdf-lib, fontkit or the fonts.
const renderDocument = documentRendererFromEnv();
const now = () => new Date();
const signingKey = await linkSigningKey();

export const handler = httpHandler(
  serveAudiences({ connection: tableConnection(), counties: servedCounties() }, [
    // The stack always deploys the console (http-console.ts) beside this function: the front door leads there.
    linksAudience({ now, signingKey, consoleHome: true, consoleElsewhere: true, ...(renderDocument ? { renderDocument } : {}) }),
  ]),
);
