// The committed JSON Schema is what the zod schema generates today, and an independent validator
// (ajv) reading it accepts the shipped example and refuses what zod refuses field by field.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { countyConfigSchemaFile, regenerateCountySchemaCommand } from '../../../functions/core/series/county-config-json-schema.ts';
import { countyConfigSchemaText, projectRoot } from '../../../bin/generate-county-schema.ts';

const schemaPath = join(projectRoot, countyConfigSchemaFile);
const examplePath = join(projectRoot, 'functions/config/counties/chiayi-county.json');
const committed = readFileSync(schemaPath, 'utf8');
const example = JSON.parse(readFileSync(examplePath, 'utf8')) as Record<string, unknown>;

function validator() {
  // strict: a keyword ajv does not know is an error, so an editor is not silently told less than
  // the file says. Formats are checked by the patterns zod writes beside them.
  const ajv = new Ajv({ strict: true, allErrors: true, formats: { email: true, uri: true, date: true } });
  return ajv.compile(JSON.parse(committed) as object);
}

describe('county configuration JSON Schema', () => {
  it('is committed as the zod schema generates it', async () => {
    const fresh = await countyConfigSchemaText();
    expect(committed === fresh, `${countyConfigSchemaFile} 與 zod 結構不一致：請執行 ${regenerateCountySchemaCommand} 並提交`).toBe(true);
  });

  it('is where the example file says it is', () => {
    expect(example.$schema).toBe('../county-config.schema.json');
    expect(resolve(dirname(examplePath), example.$schema as string)).toBe(schemaPath);
  });

  it('accepts the shipped example', () => {
    const validate = validator();
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses a misspelt field, a bad time and an unknown cadence, naming where', () => {
    const validate = validator();
    const copy = structuredClone(example) as { series: Array<Record<string, unknown>>; units: Array<Record<string, unknown>> };
    copy.series[0]!.start = '2pm';
    copy.series[1]!.cadence = { kind: 'fortnightly' };
    copy.units[0]!.contact = [];
    expect(validate(copy)).toBe(false);
    const paths = new Set(validate.errors!.map((e) => e.instancePath));
    expect(paths).toContain('/series/0/start');
    expect(paths).toContain('/series/1/cadence/kind');
    expect(validate.errors!.some((e) => e.instancePath === '/units/0' && e.params.additionalProperty === 'contact')).toBe(true);
  });
});
