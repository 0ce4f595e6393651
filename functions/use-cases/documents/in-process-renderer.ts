// The document renderer as `npm start` and the tests reach it: the same renderDocument the document
// Lambda runs, called in this process. It is loaded on the first download, so the local server
// starts without reading 17.7 MB of fonts. Never import this from a handler: the HTTP function
// would then bundle the document libraries (test/infra/document-function.test.ts).
import type { Counties } from '../../adapters/config/county-registry.ts';
import type { TableConnection } from '../../adapters/dynamodb/meeting-table.ts';
import type { DocumentRenderer } from './document-request.ts';

export function inProcessDocumentRenderer(deps: {
  connection: TableConnection;
  counties: Counties;
  fontDirectory?: string;
}): DocumentRenderer {
  return async (request) => {
    const { renderDocument } = await import('./render-document.ts');
    // Through JSON, as the Lambda's event and answer are: what works here works there.
    const result = await renderDocument(deps, JSON.parse(JSON.stringify(request)) as typeof request);
    return JSON.parse(JSON.stringify(result)) as typeof result;
  };
}
