// Issue 13, lean Lambdas: what the handlers' bundles leave out, built as the synth builds them
// (lib/bundling/handler-build.ts with the constants meetingCode defines), the SDK external so only
// the functions' own code is measured. bench/bundles.ts reports the sizes and cold imports (P4);
// this fails when a change brings a library back into a function that does not need it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { httpHandlerNames } from '../../lib/constructs/http-functions.ts';
import { bundleConstants } from '../../lib/constructs/meeting-function.ts';
import { cachedBuildHandler } from '../support/bundle-cache.ts';
import { chiayiCountyFile } from './generated-counties.ts';

const outDir = mkdtempSync(join(tmpdir(), 'lean-bundles-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const chiayi = loadCountyConfigFile(chiayiCountyFile);
const withRRuleSeries = {
  ...chiayi,
  series: [
    ...chiayi.series,
    {
      ...chiayi.series[0]!,
      id: 'rrule-series',
      cadence: { kind: 'rrule' as const, rrule: 'FREQ=MONTHLY;BYDAY=3TH', dtstart: '2026-01-01' },
    },
  ],
};

type Built = { bytes: number; has: (fragment: string) => boolean; files: (fragment: string) => string[] };

async function build(handler: string, define: Record<string, string>): Promise<Built> {
  const entry = fileURLToPath(new URL(`../../functions/handlers/${handler}.ts`, import.meta.url));
  const outfile = join(outDir, `${handler}-${Math.random().toString(36).slice(2)}`, 'index.mjs');
  // Through the suite's bundle cache: built from the current sources, once per change of them.
  const metafile = await cachedBuildHandler({ entry, outfile, define, external: ['@aws-sdk/*'], sourcemap: false });
  // What reached the output: the metafile's inputs also list modules read and then shaken out.
  const inputs = Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  );
  return {
    bytes: statSync(outfile).size,
    has: (fragment: string) => inputs.some((path) => path.includes(fragment)),
    files: (fragment: string) => inputs.filter((path) => path.includes(fragment)),
  };
}

// Several tests ask about the same handler: each is bundled once per file (its bundle is only read).
const built = new Map<string, Promise<Built>>();
function bundle(handler: string, counties = [chiayi]): Promise<Built> {
  const define = bundleConstants(counties);
  const key = `${handler} ${JSON.stringify(define)}`;
  let bundled = built.get(key);
  if (!bundled) built.set(key, (bundled = build(handler, define)));
  return bundled;
}

const classicZod = 'node_modules/zod/v4/classic/';
const icalJs = 'node_modules/ical.js/';
const zoneLibrary = 'node_modules/timezones-ical-library/';
const nodemailer = 'node_modules/nodemailer/';

describe('the Lambda bundles', () => {
  it('none carries Powertools (the handlers log through functions/adapters/log/json-logger.ts)', async () => {
    // Every Lambda entry (a module that exports `handler`), so a function added later is held to it too.
    const folder = fileURLToPath(new URL('../../functions/handlers/', import.meta.url));
    const handlers = readdirSync(folder)
      .filter((file) => file.endsWith('.ts') && /export (const|async function) handler\b/.test(readFileSync(join(folder, file), 'utf8')))
      .map((file) => file.slice(0, -'.ts'.length));
    expect(handlers).toEqual(expect.arrayContaining(['plan-meetings', 'dispatch-outbox', 'ses-reply', 'render-documents']));
    for (const handler of handlers) {
      const built = await bundle(handler);
      expect(built.has('functions/adapters/log/json-logger.ts'), handler).toBe(true);
      expect(built.has('node_modules/@aws-lambda-powertools/'), handler).toBe(false);
      expect(built.has('node_modules/@aws/lambda-invoke-store/'), handler).toBe(false);
    }
  });

  it('none carries temporal-polyfill (dates go through functions/core/calendar/taipei-temporal.ts)', async () => {
    const folder = fileURLToPath(new URL('../../functions/handlers/', import.meta.url));
    const handlers = readdirSync(folder)
      .filter((file) => file.endsWith('.ts') && /export (const|async function) handler\b/.test(readFileSync(join(folder, file), 'utf8')))
      .map((file) => file.slice(0, -'.ts'.length));
    for (const handler of handlers) {
      const built = await bundle(handler);
      for (const library of ['node_modules/temporal-polyfill/', 'node_modules/temporal-utils/', 'node_modules/temporal-spec/'])
        expect(built.has(library), `${handler}: ${library}`).toBe(false);
    }
    expect((await bundle('plan-meetings')).has('functions/core/calendar/taipei-temporal.ts')).toBe(true);
  });

  it('none carries classic zod; where requests are still checked with a schema it is zod/mini', async () => {
    // Classic zod was 97 KB of the HTTP function; the schemas are zod/mini (functions/core/schema/safe-parse.ts).
    const folder = fileURLToPath(new URL('../../functions/handlers/', import.meta.url));
    const handlers = readdirSync(folder)
      .filter((file) => file.endsWith('.ts') && /export (const|async function) handler\b/.test(readFileSync(join(folder, file), 'utf8')))
      .map((file) => file.slice(0, -'.ts'.length));
    for (const handler of handlers)
      expect((await bundle(handler)).files('node_modules/zod/'), handler).not.toContainEqual(expect.stringContaining(classicZod));
    for (const handler of httpHandlerNames) {
      const http = await bundle(handler);
      // A new contact is checked with contact-schema.ts; the county files were checked at synth.
      expect(http.has('functions/core/series/county-config.ts'), handler).toBe(false);
    }
    // Link tokens are read without a schema (token-signing.ts): what people open from mail carries no zod.
    for (const handler of ['http-links', 'http-feeds', 'http-chair-minutes'])
      expect((await bundle(handler)).has('node_modules/zod/'), handler).toBe(false);
  });

  it('plan-meetings carries neither zod nor ical.js and stays within 150 KB of its own code', async () => {
    const plan = await bundle('plan-meetings');
    expect(plan.has('node_modules/zod/')).toBe(false);
    expect(plan.has(icalJs)).toBe(false);
    expect(plan.bytes).toBeLessThanOrEqual(150 * 1024);
  });

  it('plan-meetings carries ical.js once a deployed series has an RRULE cadence', async () => {
    expect((await bundle('plan-meetings', [withRRuleSeries])).has(icalJs)).toBe(true);
  });

  it('dispatch-outbox carries no zod, no ical.js, no zone library and no Nodemailer, within 150 KB of its own code', async () => {
    const dispatch = await bundle('dispatch-outbox');
    expect(dispatch.has(classicZod)).toBe(false);
    expect(dispatch.has(icalJs)).toBe(false);
    expect(dispatch.has(zoneLibrary)).toBe(false);
    // Notices are written by mime-writer.ts; links are signed without a schema (token-signing.ts).
    expect(dispatch.has(nodemailer)).toBe(false);
    expect(dispatch.has('functions/adapters/ses/mime-writer.ts')).toBe(true);
    expect(dispatch.has('node_modules/zod/')).toBe(false);
    expect(dispatch.bytes).toBeLessThanOrEqual(150 * 1024);
  });

  it('ses-reply carries no Nodemailer: forwards are written by mime-writer.ts', async () => {
    const reply = await bundle('ses-reply');
    expect(reply.has(nodemailer)).toBe(false);
    expect(reply.has('functions/adapters/ses/mime-writer.ts')).toBe(true);
  });

  // One function per row of the HTTP table (lib/constructs/http-functions.ts): each entry imports
  // only its part's module, so each bundle holds only what its callers reach. Every row must say here
  // what its bundle carries and what it must not.
  const consolePages = 'functions/http/console/';
  const openIdClient = ['node_modules/openid-client/', 'node_modules/oauth4webapi/'];
  const tokenLibraries = [...openIdClient, 'node_modules/jose/'];
  const page = (name: string) => `functions/http/console/${name}.ts`;
  const http = (name: string) => `functions/http/${name}.ts`;
  const secretariatRoutes = ['secretariat-routes', 'minutes-routes', 'document-routes', 'secretariat-reply-routes'].map(http);
  const linkPages = ['rsvp-routes', 'minutes-link-routes', 'minutes-pages', 'minutes-form-script', 'notice-document-routes'].map(http);
  const contents: Record<string, { carries: string[]; not: string[] }> = {
    'http-links': {
      carries: [http('rsvp-routes'), http('notice-document-routes')],
      // The chair's minutes pages are the chair-minutes function's, the feeds (and their iCalendar writer) the feeds function's.
      not: [
        consolePages,
        ...tokenLibraries,
        ...secretariatRoutes,
        'node_modules/zod/',
        'node_modules/ical-generator/',
        ...['minutes-link-routes', 'minutes-pages', 'minutes-form-script', 'minutes-http'].map(http),
        'functions/use-cases/minutes/',
      ],
    },
    'http-chair-minutes': {
      carries: ['minutes-link-routes', 'minutes-pages', 'minutes-form-script'].map(http),
      not: [
        consolePages,
        ...tokenLibraries,
        ...secretariatRoutes,
        http('rsvp-routes'),
        http('notice-document-routes'),
        'functions/use-cases/documents/',
      ],
    },
    'http-feeds': {
      carries: ['node_modules/ical-generator/'],
      not: [consolePages, ...tokenLibraries, ...secretariatRoutes, ...linkPages, 'node_modules/zod/'],
    },
    'http-secretariat-api': {
      carries: [http('secretariat-meeting-routes')],
      // It reads the claims the gateway's authorizer verified: no JWT library. Its parts have the rest.
      not: [
        consolePages,
        ...tokenLibraries,
        ...linkPages,
        ...[
          'minutes-routes',
          'document-routes',
          'secretariat-meeting-minutes-routes',
          'secretariat-calendar-routes',
          'secretariat-record-routes',
        ].map(http),
        'functions/use-cases/documents/',
      ],
    },
    'http-secretariat-calendar-api': {
      carries: [http('secretariat-calendar-routes'), http('secretariat-roster-routes')],
      not: [
        consolePages,
        ...tokenLibraries,
        ...linkPages,
        ...['minutes-routes', 'document-routes', 'secretariat-meeting-routes', 'secretariat-record-routes'].map(http),
        'functions/use-cases/documents/',
      ],
    },
    'http-secretariat-records-api': {
      carries: [http('secretariat-record-routes'), http('secretariat-reply-routes'), http('feed-routes')],
      not: [
        consolePages,
        ...tokenLibraries,
        ...linkPages,
        ...['minutes-routes', 'document-routes', 'secretariat-meeting-routes', 'secretariat-calendar-routes'].map(http),
        'functions/core/planning/',
      ],
    },
    'http-secretariat-minutes-api': {
      carries: [http('minutes-routes'), http('document-routes'), http('secretariat-meeting-minutes-routes')],
      not: [
        consolePages,
        ...tokenLibraries,
        ...linkPages,
        ...['secretariat-meeting-routes', 'secretariat-calendar-routes', 'secretariat-record-routes'].map(http),
        'functions/core/planning/',
      ],
    },
    'http-console': {
      carries: [page('home-page'), page('meeting-page')],
      // Page functions keep no OpenID client and no JWT library: the session is server-side.
      not: [
        ...tokenLibraries,
        ...secretariatRoutes,
        ...linkPages,
        http('feed-routes'),
        page('sign-in-routes'),
        ...[
          'minutes-list-page',
          'contacts-page',
          'follow-up-page',
          'held-replies-page',
          'failed-notices-page',
          'audit-page',
          'office-calendar-page',
        ].map(page),
      ],
    },
    'http-console-sign-in': {
      carries: [...tokenLibraries, page('sign-in-routes')],
      not: [
        ...secretariatRoutes,
        ...linkPages,
        'functions/use-cases/secretariat/',
        'functions/core/planning/',
        page('meeting-actions'),
        page('action-form'),
        ...['home-page', 'meeting-page', 'plan-page', 'minutes-list-page', 'contacts-page', 'audit-page', 'office-calendar-page'].map(page),
      ],
    },
    'http-console-meeting-actions': {
      carries: [page('meeting-actions')],
      not: [
        ...tokenLibraries,
        ...secretariatRoutes,
        ...linkPages,
        page('sign-in-routes'),
        ...['home-page', 'plan-page', 'minutes-list-page', 'contacts-page'].map(page),
        // A meeting page's downloads are the pages function's.
        'functions/use-cases/documents/',
      ],
    },
    'http-console-minutes': {
      carries: [page('minutes-list-page'), page('audit-page')],
      not: [
        ...tokenLibraries,
        ...secretariatRoutes,
        ...linkPages,
        page('sign-in-routes'),
        ...['home-page', 'meeting-actions', 'plan-page', 'contacts-page', 'office-calendar-page'].map(page),
        'functions/use-cases/documents/',
      ],
    },
    'http-console-contacts': {
      carries: [page('contacts-page')],
      not: [
        ...tokenLibraries,
        ...secretariatRoutes,
        ...linkPages,
        page('sign-in-routes'),
        ...['home-page', 'meeting-page', 'meeting-actions', 'minutes-list-page', 'audit-page', 'office-calendar-page'].map(page),
        'functions/use-cases/documents/',
      ],
    },
    'http-console-records': {
      carries: [page('office-calendar-page')],
      not: [
        ...tokenLibraries,
        ...secretariatRoutes,
        ...linkPages,
        'node_modules/zod/',
        page('sign-in-routes'),
        ...['home-page', 'meeting-page', 'meeting-actions', 'minutes-list-page', 'contacts-page', 'audit-page'].map(page),
        'functions/use-cases/documents/',
      ],
    },
  };

  it('every function of the HTTP table says here what it carries and what it must not', () => {
    expect(Object.keys(contents).sort()).toEqual([...httpHandlerNames].sort());
  });

  it.each(httpHandlerNames)('%s carries its own part and none of the others, no ical.js and no zone library', async (handler) => {
    const built = await bundle(handler);
    const { carries, not } = contents[handler] ?? { carries: [], not: [] };
    for (const path of carries) expect(built.has(path), `${handler} carries ${path}`).toBe(true);
    for (const path of [...not, icalJs, zoneLibrary]) expect(built.has(path), `${handler} must not carry ${path}`).toBe(false);
  });

  it('ses-reply reads mail with postal-mime and our iCalendar reader: no mailparser, libmime, iconv-lite, he or ical.js', async () => {
    const reply = await bundle('ses-reply');
    const replaced = ['node_modules/mailparser/', 'node_modules/libmime/', 'node_modules/iconv-lite/', 'node_modules/he/', icalJs];
    for (const library of replaced) expect(reply.has(library), library).toBe(false);
    // postal-mime's HTML entity table is shimmed at bundling (lib/bundling/postal-mime-html-entities.ts).
    expect(reply.has('node_modules/postal-mime/dist/esm/html-entities.js')).toBe(false);
    expect(reply.has('functions/core/rsvp/icalendar-reader.ts')).toBe(true);
    expect(reply.bytes).toBeLessThanOrEqual(150 * 1024);
  });

  // Issue 13's goal: each function's own code (the SDK left out, minified, no source map) within
  // 150 KB; the document renderer is exempt (pdf-lib, fontkit and exceljs are what it is for). A
  // function that meets the goal is held to it; one that does not yet is held to what it weighs
  // now, so it can only shrink, and joins the others when it gets there. bench/bundles.ts (P4)
  // prints the sizes.
  const ownCodeGoal = 150 * 1024;
  const exempt = ['render-documents'];
  /**
   * KB each still weighs over the goal, with the margin of one small change. Empty since 2026-11-30:
   * bench/bundles.ts measured every function within 150 KB (the heaviest, http-console-contacts, 149.5).
   */
  const notYetWithinGoal: Record<string, number> = {};

  it('every function but the document renderer is within 150 KB of its own code, or no heavier than it is', async () => {
    const folder = fileURLToPath(new URL('../../functions/handlers/', import.meta.url));
    const handlers = readdirSync(folder)
      .filter((file) => file.endsWith('.ts') && /export (const|async function) handler\b/.test(readFileSync(join(folder, file), 'utf8')))
      .map((file) => file.slice(0, -'.ts'.length))
      .filter((handler) => !exempt.includes(handler));
    // The stack deploys every function of the HTTP table: each has its entry here.
    expect(handlers).toEqual(expect.arrayContaining([...httpHandlerNames, 'plan-meetings', 'dispatch-outbox', 'ses-reply']));
    for (const handler of handlers) {
      const { bytes } = await bundle(handler);
      const ceiling = notYetWithinGoal[handler];
      if (ceiling === undefined) expect(bytes, `${handler}: ${(bytes / 1024).toFixed(1)} KB`).toBeLessThanOrEqual(ownCodeGoal);
      else expect(bytes, `${handler}: ${(bytes / 1024).toFixed(1)} KB, not yet within the goal`).toBeLessThanOrEqual(ceiling * 1024);
    }
  });
});
