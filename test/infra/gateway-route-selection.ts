// API Gateway's HTTP API route selection, written out for the tests: given the route keys a template
// holds ("ANY /c/{county}/console/{proxy+}", "GET /c/{county}/feeds/{proxy+}", "$default"), which one
// a request reaches. What the gateway documents: the most specific route wins, segment by segment
// from the left; a literal segment beats a {variable}, a {variable} beats a greedy {proxy+}; a route
// naming the method beats ANY on the same path; $default takes what nothing else matches.
//
// A greedy variable needs at least one character here. Whether the gateway lets it match the empty
// remainder of ".../console/" is not documented; the console's home is served either way
// (test/integration/console-home-route.test.ts tries both), so the stricter reading is used.

type Segment = { kind: 'literal'; text: string } | { kind: 'variable' } | { kind: 'greedy' };
type Route = { key: string; method: string; segments: Segment[] };

const rank = { literal: 0, variable: 1, greedy: 2 } as const;

function parse(key: string): Route {
  const [method, path] = key.split(' ') as [string, string];
  const segments = path
    .split('/')
    .slice(1)
    .map((text): Segment =>
      /^\{.+\+\}$/.test(text) ? { kind: 'greedy' } : /^\{.+\}$/.test(text) ? { kind: 'variable' } : { kind: 'literal', text },
    );
  return { key, method, segments };
}

function matches(route: Route, method: string, parts: readonly string[]): boolean {
  if (route.method !== 'ANY' && route.method !== method) return false;
  for (const [i, segment] of route.segments.entries()) {
    if (segment.kind === 'greedy') return parts.slice(i).join('/').length > 0;
    const part = parts[i];
    if (part === undefined) return false;
    if (segment.kind === 'literal' && segment.text !== part) return false;
    if (segment.kind === 'variable' && part === '') return false;
  }
  return parts.length === route.segments.length;
}

/** Negative when a is the more specific route. */
function compare(a: Route, b: Route): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const x = a.segments[i];
    const y = b.segments[i];
    if (!x || !y) break;
    if (rank[x.kind] !== rank[y.kind]) return rank[x.kind] - rank[y.kind];
  }
  if (a.segments.length !== b.segments.length) return b.segments.length - a.segments.length;
  return (a.method === 'ANY' ? 1 : 0) - (b.method === 'ANY' ? 1 : 0);
}

/** The route key a request reaches among `routeKeys`: the most specific match, or "$default". */
export function selectRoute(routeKeys: readonly string[], method: string, path: string): string {
  const parts = path.split('/').slice(1).map(decodeURIComponent);
  const candidates = routeKeys
    .filter((key) => key !== '$default')
    .map(parse)
    .filter((route) => matches(route, method, parts))
    .sort(compare);
  const [best, next] = candidates;
  if (best && next && compare(best, next) === 0) throw new Error(`${method} ${path}: ${best.key} and ${next.key} are equally specific`);
  return best?.key ?? '$default';
}
