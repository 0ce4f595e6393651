// A Lambda bundle resolves the bare 'hono' import to Hono with TrieRouter alone
// (functions/http/trie-router-hono.ts, lib/bundling/handler-build.ts). The routes of the shapes the
// functions use must answer in the bundle exactly as with Hono's default router, the oracle here.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHandler } from '../../../lib/bundling/handler-build.ts';
import { routeShapes } from './fixtures/route-shapes.ts';

type Shapes = { routeShapes: typeof routeShapes };
let bundled: Shapes;
let bundledInputs: string[];

beforeAll(async () => {
  const outfile = join(mkdtempSync(join(tmpdir(), 'trie-router-')), 'index.mjs');
  const metafile = await buildHandler({
    entry: fileURLToPath(new URL('./fixtures/route-shapes.ts', import.meta.url)),
    outfile,
    define: {},
    sourcemap: false,
  });
  bundledInputs = Object.keys(Object.values(metafile.outputs)[0]!.inputs);
  bundled = (await import(pathToFileURL(outfile).href)) as Shapes;
}, 120_000);

describe('Hono with TrieRouter alone, as the Lambda bundles have it', () => {
  it('is what a bundle holds: no RegExpRouter, no SmartRouter', () => {
    expect(bundledInputs.some((path) => path.includes('hono/dist/router/trie-router/'))).toBe(true);
    expect(bundledInputs.filter((path) => /hono\/dist\/router\/(reg-exp|smart|pattern|linear)-router\//.test(path))).toEqual([]);
  });

  it.each([
    ['GET', '/'],
    ['GET', '/c/chiayi-county'],
    ['GET', '/c/chiayi-county/'],
    ['GET', '/c/chiayi-county/console'],
    ['GET', '/c/chiayi-county/console/'],
    ['GET', '/c/chiayi-county/console//'],
    ['GET', '/c/yunlin-county/console/meetings/child-protection-case-conference/2026-03'],
    ['GET', '/c/chiayi-county/console/meetings/child-protection-case-conference'],
    ['POST', '/c/chiayi-county/console/meetings/s/2026-03/move'],
    ['GET', '/c/chiayi-county/console/meetings/s/2026-03/move'],
    ['GET', '/c/chiayi-county/rsvp/eyJwdXJwb3NlIjoicnN2cCJ9.c2ln'],
    ['GET', '/c/chiayi-county/rsvp/no-dot'],
    ['GET', '/c/chiayi-county/assets/minutes-form.js'],
    ['GET', '/c/chiayi-county/assets/other.js'],
    ['GET', '/c/chiayi-county/minutes'],
    ['GET', '/c/chiayi-county/minutes/'],
    ['PUT', '/c/chiayi-county/minutes/abc/def'],
    ['GET', '/c/chiayi-county/feeds/police/abc.ics'],
    ['GET', '/c/chiayi-county/feeds/police'],
    ['GET', '/c/taipei-city/console/'],
    ['GET', '/console/anything/here'],
    ['GET', '/console'],
    ['HEAD', '/c/chiayi-county/console/'],
    ['GET', '/c/chiayi-county/%E6%9C%83%E8%AD%B0'],
  ])('answers %s %s as Hono’s default router does', async (method, path) => {
    const [theirs, ours] = [routeShapes(), bundled.routeShapes()];
    const [expected, actual] = await Promise.all([theirs.request(path, { method }), ours.request(path, { method })]);
    expect({ status: actual.status, body: await actual.text(), headers: [...actual.headers] }).toEqual({
      status: expected.status,
      body: await expected.text(),
      headers: [...expected.headers],
    });
  });
});
