// API Gateway's /c/{county}/feeds/… routes: calendar clients reading a unit's feed. Imports the
// feeds audience only; its role may only read the table.
import { serveAudiences } from '../http/audience-app.ts';
import { feedsAudience } from '../http/feeds-audience.ts';
import { httpHandler } from './http-lambda.ts';
import { servedCounties, tableConnection } from './runtime.ts';

export const handler = httpHandler(
  serveAudiences({ connection: tableConnection(), counties: servedCounties() }, [feedsAudience({ now: () => new Date() })]),
);
