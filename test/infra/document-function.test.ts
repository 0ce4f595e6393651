// Documents are rendered in a Lambda of their own: pdf-lib, fontkit and exceljs (about 2.4 MB
// bundled) and the fonts (17.7 MB) must stay out of every other function, the HTTP function above
// all, whose cold start is the wait of the person who clicked a link. These tests read the bundles
// the stack deploys, as `cdk synth` builds them: each source map lists every module bundled.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { describe, expect, it, onTestFinished } from 'vitest';
import { projectRoot } from '../../lib/safetynet-app.ts';
import type { MeetingFunction } from '../../lib/constructs/meeting-function.ts';
import { documentFontsSource } from '../../lib/constructs/document-function.ts';
import { httpFunctionTable } from '../../lib/constructs/http-functions.ts';
import { resourceById, resourcesOfType, synthesizeCounty } from './synthesize-county.ts';

const { app, stack, template } = synthesizeCounty();
const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);
const json = (value: unknown) => JSON.stringify(value);

const documentLibraries = ['pdf-lib', '@pdf-lib', 'fontkit', 'exceljs', 'fflate'];

function bundleDir(meetingFunction: MeetingFunction): string {
  const asset = meetingFunction.function.node.findChild('Code') as s3assets.Asset;
  return join(app.outdir, asset.assetPath);
}

/** The node_modules packages a bundle holds, from its source map's list of sources. */
function bundledPackages(meetingFunction: MeetingFunction): Set<string> {
  const map = JSON.parse(readFileSync(join(bundleDir(meetingFunction), 'index.mjs.map'), 'utf8')) as { sources: string[] };
  const packages = map.sources.flatMap((source) => {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
    return match ? [match[1]!] : [];
  });
  return new Set(packages);
}

const holdsDocumentLibraries = (packages: Set<string>) =>
  [...packages].filter((name) => documentLibraries.some((library) => name === library || name.startsWith(`${library}/`)));

function properties(meetingFunction: MeetingFunction) {
  return resourceById(template, logicalIdOf(meetingFunction.function)).Properties as {
    MemorySize: number;
    Timeout: number;
    Environment: { Variables: Record<string, unknown> };
  };
}

type Statement = { Action: string | string[]; Resource: unknown };
function statementsOf(meetingFunction: MeetingFunction): Statement[] {
  const roleId = logicalIdOf(meetingFunction.role);
  return Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
    .filter((policy) => json(policy.Properties?.Roles).includes(`"${roleId}"`))
    .flatMap((policy) => (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
}
const actionsOf = (s: Statement) => (typeof s.Action === 'string' ? [s.Action] : s.Action);

/** The HTTP functions whose row of the table says they serve documents; every other function renders none. */
const httpFunctions = httpFunctionTable.filter((spec) => spec.documentRenderer).map((spec) => stack.httpFunctions[spec.handler]!);
const allHttpFunctions = Object.values(stack.httpFunctions);

describe('the document function', () => {
  it('is the only bundle with pdf-lib, fontkit and exceljs: the scan sees them there', () => {
    expect(holdsDocumentLibraries(bundledPackages(stack.renderDocuments)).sort()).toEqual(
      expect.arrayContaining(['exceljs', 'fontkit', 'pdf-lib']),
    );
    for (const other of [...allHttpFunctions, stack.planMeetings, stack.dispatchOutbox]) {
      expect(bundledPackages(other).size).toBeGreaterThan(0);
      expect(holdsDocumentLibraries(bundledPackages(other))).toEqual([]);
    }
  });

  it('keeps the HTTP bundles small and free of fonts; the fonts lie beside the document bundle alone', () => {
    for (const http of allHttpFunctions) {
      const httpDir = bundleDir(http);
      expect(readdirSync(httpDir).filter((name) => !['index.mjs', 'index.mjs.map', 'counties'].includes(name))).toEqual([]);
      // The AWS SDK is bundled in (about 430 KB, for a faster cold import); the document libraries
      // would add about 2.3 MB more. bench/bundles.ts reports the function's own code.
      expect(statSync(join(httpDir, 'index.mjs')).size).toBeLessThan(1.5 * 1024 * 1024);
    }

    const fontsDir = join(bundleDir(stack.renderDocuments), 'fonts');
    const committed = readdirSync(documentFontsSource).sort();
    expect(readdirSync(fontsDir).sort()).toEqual(committed);
    for (const name of committed.filter((n) => n.endsWith('.ttf')))
      expect(statSync(join(fontsDir, name)).size, name).toBe(statSync(join(documentFontsSource, name)).size);
    expect(properties(stack.renderDocuments).Environment.Variables.DOCUMENT_FONT_DIR).toBe('/var/task/fonts');
  });

  it('may only read the table: no write action at all', () => {
    const dynamo = statementsOf(stack.renderDocuments)
      .flatMap(actionsOf)
      .filter((a) => a.startsWith('dynamodb:'));
    expect(dynamo.sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query']);
    expect(properties(stack.renderDocuments).Environment.Variables.TABLE_NAME).toEqual({ Ref: logicalIdOf(stack.meetingTable.table) });
  });

  it('is invoked by the HTTP functions that serve documents alone, never through the API', () => {
    const documentFunctionId = logicalIdOf(stack.renderDocuments.function);
    expect(httpFunctions).toEqual(expect.arrayContaining([stack.httpLinks, stack.httpConsole]));
    for (const http of httpFunctions) {
      const invoke = statementsOf(http).filter((s) => actionsOf(s).includes('lambda:InvokeFunction'));
      expect(invoke.map((s) => s.Resource)).toEqual([{ 'Fn::GetAtt': [documentFunctionId, 'Arn'] }]);
      expect(properties(http).Environment.Variables.DOCUMENT_FUNCTION_NAME).toEqual({ Ref: documentFunctionId });
    }
    const others = [
      stack.planMeetings,
      stack.dispatchOutbox,
      stack.renderDocuments,
      ...allHttpFunctions.filter((f) => !httpFunctions.includes(f)),
    ];
    for (const other of others) {
      expect(statementsOf(other).flatMap(actionsOf)).not.toContain('lambda:InvokeFunction');
      expect(properties(other).Environment.Variables).not.toHaveProperty('DOCUMENT_FUNCTION_NAME');
    }
    // No API Gateway permission on it: no route reaches it.
    const permissions = Object.values(resourcesOfType(template, 'AWS::Lambda::Permission')).filter((p) =>
      json(p.Properties?.FunctionName).includes(documentFunctionId),
    );
    expect(permissions).toEqual([]);
  });

  it('loads on its own, as Lambda loads it, and answers a request in the JSON the HTTP function reads', async () => {
    const dir = bundleDir(stack.renderDocuments);
    // The nodejs22.x runtime provides the AWS SDK the bundle leaves out; here the project's copy
    // does, found from a folder inside the project, as bench/bundles.ts loads the bundles.
    const runDir = mkdtempSync(join(projectRoot, 'node_modules', '.cache', 'document-bundle-'));
    copyFileSync(join(dir, 'index.mjs'), join(runDir, 'index.mjs'));
    onTestFinished(() => rmSync(runDir, { recursive: true, force: true }));
    const request = { county: 'no-such-county', document: 'annual-plan', format: 'csv', year: 2026, at: '2026-03-09T01:00:00Z' };
    const script = `const { handler } = await import(${json(pathToFileURL(join(runDir, 'index.mjs')).href)});
      console.log(JSON.stringify(await handler(${json(request)}, { functionName: 'render-documents', awsRequestId: 'test' })));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: runDir,
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'ap-northeast-1',
        TABLE_NAME: 'document-test',
        COUNTY_CONFIG_DIR: join(dir, 'counties'),
        DOCUMENT_FONT_DIR: join(dir, 'fonts'),
        POWERTOOLS_LOG_LEVEL: 'ERROR',
      },
    });
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toMatchObject({ ok: false, status: 404, code: 'unknown-county' });
  });

  it('answers inside the HTTP functions’ wait, which fits the HTTP API’s 30 s limit', () => {
    const documents = properties(stack.renderDocuments);
    for (const fn of httpFunctions) {
      const http = properties(fn);
      expect(documents.Timeout).toBeLessThan(http.Timeout);
      expect(http.Timeout).toBeLessThan(30);
    }
    expect(documents.MemorySize).toBeGreaterThanOrEqual(1024);
  });
});
