// Hono with its TrieRouter alone, instead of the default SmartRouter that bundles RegExpRouter and
// TrieRouter and picks one at the first request: 2.8 KB of router instead of 6.2 KB in every HTTP
// function (issue 13, lean Lambdas). TrieRouter is the router SmartRouter falls back to for any
// pattern RegExpRouter cannot take, so it matches every route Hono accepts, in registration order.
//
// serveAudiences (audience-app.ts) builds its apps with it, and route() copies every sub-app's
// routes into that app, so its router is the one that matches each request, in `npm start`, the
// tests and Lambda alike. The Lambda bundles resolve the bare 'hono' import to this module as well
// (lib/bundling/handler-build.ts), so the routes' own `new Hono()` carry no other router there.
//
// A sub-app's router never matches once the app is mounted: route() copies its routes into the
// mounting app, whose router matches them. Yet each group of routes' `new Hono()` built a trie, as
// did every app it was mounted through on its way to the serving app, so a route went into up to
// four tries at each cold start (issue 13, cold import). So a trie here is built by the router's
// first match: an app that is only mounted never builds one, and one asked directly (a test's
// sub-app.request()) builds it then, with the routes in the order they came. serveAudiences gives
// the serving app a TrieRouter that inserts each route as it comes, so that work stays in the init.
import { HonoBase } from 'hono/hono-base';
import { TrieRouter } from 'hono/router/trie-router';
import type { Env, Schema } from 'hono';
import type { Router } from 'hono/router';
import type { BlankEnv, BlankSchema } from 'hono/types';
import type { HonoOptions } from 'hono/hono-base';

/** TrieRouter, its trie built by the first match from the routes added before it (and as they come after). */
export function trieRouterOnFirstMatch<T>(): Router<T> {
  const trie = new TrieRouter<T>();
  let added: [method: string, path: string, handler: T][] | undefined = [];
  return {
    name: trie.name,
    add: (method, path, handler) => (added ? void added.push([method, path, handler]) : trie.add(method, path, handler)),
    match(method, path) {
      for (const route of added ?? []) trie.add(...route);
      added = undefined;
      return trie.match(method, path);
    },
  };
}

export class Hono<E extends Env = BlankEnv, S extends Schema = BlankSchema, BasePath extends string = '/'> extends HonoBase<
  E,
  S,
  BasePath
> {
  constructor(options: HonoOptions<E> = {}) {
    super(options);
    this.router = options.router ?? trieRouterOnFirstMatch();
  }
}
