// Hono with its TrieRouter alone, instead of the default SmartRouter that bundles RegExpRouter and
// TrieRouter and picks one at the first request: 2.8 KB of router instead of 6.2 KB in every HTTP
// function (issue 13, lean Lambdas). TrieRouter is the router SmartRouter falls back to for any
// pattern RegExpRouter cannot take, so it matches every route Hono accepts, in registration order.
//
// serveAudiences (audience-app.ts) builds its apps with it, and route() copies every sub-app's
// routes into that app, so its router is the one that matches each request, in `npm start`, the
// tests and Lambda alike. The Lambda bundles resolve the bare 'hono' import to this module as well
// (lib/bundling/handler-build.ts), so the routes' own `new Hono()` carry no other router there.
import { HonoBase } from 'hono/hono-base';
import { TrieRouter } from 'hono/router/trie-router';
import type { Env, Schema } from 'hono';
import type { BlankEnv, BlankSchema } from 'hono/types';
import type { HonoOptions } from 'hono/hono-base';

export class Hono<E extends Env = BlankEnv, S extends Schema = BlankSchema, BasePath extends string = '/'> extends HonoBase<
  E,
  S,
  BasePath
> {
  constructor(options: HonoOptions<E> = {}) {
    super(options);
    this.router = options.router ?? new TrieRouter();
  }
}
