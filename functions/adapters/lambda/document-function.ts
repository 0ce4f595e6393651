// The document renderer as the HTTP function reaches it in AWS: a synchronous Lambda invocation of
// the document function (its name in DOCUMENT_FUNCTION_NAME). The SDK client comes with the
// nodejs22.x runtime and is left out of the bundle, so reaching the renderer costs the HTTP bundle
// almost nothing, where rendering in it would add pdf-lib, fontkit, exceljs and 17.7 MB of fonts.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { DocumentRenderer, DocumentResult } from '../../use-cases/documents/document-request.ts';

let client: LambdaClient | undefined;

export function lambdaDocumentRenderer(functionName: string, lambda?: LambdaClient): DocumentRenderer {
  return async (request) => {
    // The client is made at the first document, not when the HTTP functions build their apps at
    // import: a Lambda client was a few milliseconds of every cold import (issue 13 §5).
    const response = await (lambda ?? (client ??= new LambdaClient({}))).send(
      new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: Buffer.from(JSON.stringify(request)) }),
    );
    // An unhandled error in the renderer: its message may quote data, so only its kind goes on.
    if (response.FunctionError || !response.Payload)
      throw new Error(`the document function failed (${response.FunctionError ?? 'no payload'})`);
    return JSON.parse(Buffer.from(response.Payload).toString('utf8')) as DocumentResult;
  };
}

/** The renderer the HTTP handler uses, if the deployment has a document function. */
export function documentRendererFromEnv(env: NodeJS.ProcessEnv = process.env): DocumentRenderer | undefined {
  return env.DOCUMENT_FUNCTION_NAME ? lambdaDocumentRenderer(env.DOCUMENT_FUNCTION_NAME) : undefined;
}
