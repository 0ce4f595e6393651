// The document renderer's Lambda: the only function whose bundle holds pdf-lib, fontkit and
// exceljs, with the committed fonts (functions/documents/fonts/, 17.7 MB) copied beside it. It
// has no route of its own: the HTTP function decides, issues and audits every download and then
// invokes this one synchronously (AWS SDK Invoke) for the bytes. That keeps authorization, the
// 發文字號 counter and the audit records in one place, the same code locally and in AWS, and gives
// this function read access to the table and nothing else. (A second HTTP API route integrated
// with it would have had to carry sign-in, tenancy checks, the counter and the audit itself.)
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { MeetingFunction } from './meeting-function.ts';

/** The committed fonts, read by functions/documents/document-fonts.ts. */
export const documentFontsSource = fileURLToPath(new URL('../../functions/documents/fonts', import.meta.url));
/** Their folder beside the bundle, and where the handler finds it in Lambda (DOCUMENT_FONT_DIR). */
export const bundledFontsFolder = 'fonts';
export const bundledFontsDir = `/var/task/${bundledFontsFolder}`;

export type DocumentFunctionProps = {
  /** functions/handlers/render-documents.ts (absolute path). */
  entry: string;
  countyConfigFiles: readonly string[];
  table: dynamodb.ITableV2;
  logRetention: logs.RetentionDays;
};

export class DocumentFunction extends Construct {
  readonly renderer: MeetingFunction;

  constructor(scope: Construct, id: string, props: DocumentFunctionProps) {
    super(scope, id);
    this.renderer = new MeetingFunction(this, 'Renderer', {
      entry: props.entry,
      description: 'Renders 開會通知單, 簽到表, minutes and the annual plan (PDF, ODT, XLSX, CSV) for the HTTP function',
      countyConfigFiles: props.countyConfigFiles,
      besideBundle: [{ source: documentFontsSource, folder: bundledFontsFolder }],
      // Parsing a 10 MB CJK font and subsetting it is CPU work: more memory is more CPU, and a cold
      // start inside the HTTP function's wait.
      memorySize: 1024,
      timeout: Duration.seconds(25),
      logRetention: props.logRetention,
      environment: { DOCUMENT_FONT_DIR: bundledFontsDir },
    });
    this.renderer.bindTable({ table: props.table, accessMode: 'read' });
  }

  /** Lets `caller` invoke the renderer, and tells it the renderer's name (DOCUMENT_FUNCTION_NAME). */
  grantRender(caller: MeetingFunction): void {
    // The unqualified function only, written out: grantInvoke() would add the :* of every version.
    caller.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.renderer.function.functionArn] }),
    );
    caller.addEnvironment('DOCUMENT_FUNCTION_NAME', this.renderer.function.functionName);
  }
}
