// The HTTP functions' schemas moved from classic zod to zod/mini (issue 13: 97 KB → 18 KB of the
// bundle). Both are built on zod's core, so a faithful port answers every input exactly as before:
// the same data, the same issues with the same codes, paths and messages (the chair's form, the
// API's problems and the office-calendar import errors are made from them). The outcomes below were
// recorded with classic zod just before the port (at d2d5ff6, by running this corpus and hashing each
// group's outcomes as below); a group that differs prints what the schema answers now.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpus, corpusSchemas } from './schema-corpus.ts';

const recorded = JSON.parse(readFileSync(new URL('./classic-zod-outcomes.json', import.meta.url), 'utf8')) as Record<string, string>;

describe('zod/mini schemas answer as classic zod did', () => {
  const groups = corpus();

  it('covers every group recorded with classic zod, and no other', () => {
    expect(groups.map((g) => g.group).sort()).toEqual(Object.keys(recorded).sort());
  });

  it.each(groups.map((g) => [g.group, g] as const))('%s', (_name, { group, schema, inputs }) => {
    const outcomes = JSON.stringify(inputs.map((input) => corpusSchemas[schema]!.parse(input)));
    const hash = createHash('sha256').update(outcomes).digest('hex').slice(0, 16);
    if (hash !== recorded[group]) expect(JSON.parse(outcomes)).toBe(`the outcomes recorded for ${group}`);
    expect(hash).toBe(recorded[group]);
  });
});
