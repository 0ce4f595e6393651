// What the three HTTP functions share (http-links.ts, http-secretariat-api.ts, http-console.ts):
// each builds its app once per container, during Lambda's init phase, so the county files are
// validated and the link-signing key read from Secrets Manager before the first request rather than
// during someone's click; API Gateway's HTTP API events reach it through hono/aws-lambda.
import type { Context } from 'aws-lambda';
import type { Hono } from 'hono';
import { handle, type APIGatewayProxyResult, type LambdaEvent } from 'hono/aws-lambda';
import { logger } from './runtime.ts';

export type HttpHandler = (event: LambdaEvent, context: Context) => Promise<APIGatewayProxyResult>;

export function httpHandler(app: Hono): HttpHandler {
  const serve = handle(app);
  return async (event, context) => {
    logger.addContext(context);
    return serve(event, context);
  };
}
