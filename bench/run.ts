// `npm run bench`: every benchmark, each printing its own report. Numbers, not pass/fail.
import { formatReport as bundleReport, main as bundles } from './bundles.ts';
import { formatReport as dispatchReport, main as dispatch } from './dispatch.ts';
import { formatReport as planningReport, main as planning } from './planning.ts';
import { formatReport as nationalReport, main as national } from './national-scale.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
console.log('== Lambda bundles: size and cold import ==');
console.log(bundleReport(await bundles()));
console.log('\n== P1, P2 Planning: reads and writes of a steady-state pass; a first plan against a raw BatchWriteItem ==');
console.log(planningReport(await planning()));
console.log('\n== P3 Outbox dispatch: throughput against the SES rate, DynamoDB requests per message (queueing write included) ==');
console.log(dispatchReport(await dispatch()));
console.log(
  '\n== N1, N2 全國規模 National scale: 22 縣市 × 6 系列 in one table; a first plan against a raw BatchWriteItem, a steady-state rerun ==',
);
console.log(nationalReport(await national()));
