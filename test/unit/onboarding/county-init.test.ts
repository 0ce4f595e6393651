// county init: the new county's file is valid for zod and for the committed JSON Schema, has the
// three mission series with the conventions of the Chiayi file, marks every placeholder, and is
// never written over an existing file or under an id that cannot be one.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCountyConfigFile, loadCountyConfigFile } from '../../../functions/adapters/config/county-config-file.ts';
import { Temporal } from '../../../functions/core/calendar/local-date.ts';
import { findPlaceholders } from '../../../functions/core/series/placeholders.ts';
import { initCounty } from '../../../functions/use-cases/onboarding/init-county.ts';
import { OnboardingError } from '../../../functions/use-cases/onboarding/onboarding-error.ts';
import { projectRoot } from '../../../bin/generate-county-schema.ts';
import { countyConfigSchemaFile } from '../../../functions/core/series/county-config-json-schema.ts';

const scratch = mkdtempSync(join(tmpdir(), 'safetynet-county-init-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
/** A folder of its own for each test: county files are refused over existing ones. */
const folder = (name: string) => mkdtempSync(join(scratch, `${name}-`));
const today = Temporal.PlainDate.from('2026-11-30');
const chiayi = loadCountyConfigFile(defaultCountyConfigFile);
const missionSeries = ['child-protection-case-conference', 'placement-review-panel', 'social-labour-employment-coordination'];

describe('county init', () => {
  it('writes a valid file for 臺南市 with the three mission series and the seed conventions', async () => {
    const directory = folder('tainan');
    const { file, config } = await initCounty({ directory, id: 'tainan-city', name: '臺南市', today });
    expect(file).toBe(join(directory, 'tainan-city.json'));
    // Valid as any county file is: read back through the same loader the product uses.
    const loaded = loadCountyConfigFile(file);
    expect(loaded).toEqual(config);
    expect(loaded.county).toEqual({ id: 'tainan-city', name: { zh: '臺南市' } });
    expect(loaded.series.map((s) => s.id)).toEqual(missionSeries);
    for (const series of loaded.series) {
      const seed = chiayi.series.find((s) => s.id === series.id)!;
      expect(series.start, series.id).toBe('14:00');
      expect(series.leadTimes, series.id).toEqual(seed.leadTimes);
      expect(series.holidayPolicy, series.id).toBe(seed.holidayPolicy);
      expect(series.cadence, series.id).toEqual(seed.cadence);
      expect(series.activeMonths, series.id).toEqual(seed.activeMonths);
      expect(series.name.zh, series.id).toBe(seed.name.zh);
      expect(series.chair.kind, series.id).toBe(seed.chair.kind);
      expect(series.minutesForm, series.id).toBe(seed.minutesForm);
      expect(series.placeholders, series.id).toContain('start');
    }
    const [conference, panel, labour] = loaded.series;
    expect(conference!.invitedUnitIds).toHaveLength(6);
    // Live from the first day of the month after next (2027-01-01), so the first invitations give
    // people time; the rotation starts at the first meeting month from then (January has none).
    for (const series of loaded.series) expect(series.startsOn, series.id).toBe('2027-01-01');
    expect(conference!.chair).toMatchObject({ kind: 'rotating', anchorSlot: '2027-02' });
    expect(loaded.units.find((u) => u.id === 'placement-panel')!.contacts).toHaveLength(9);
    expect(panel!.allowAdHocSessions).toBe(true);
    expect(labour!.chair).toMatchObject({ kind: 'fixed', unitId: 'county-secretary-general', title: '秘書長' });
    // Formatted as the project formats JSON, and pointing at the committed schema.
    const text = readFileSync(file, 'utf8');
    expect((JSON.parse(text) as { $schema: string }).$schema).toBe('../county-config.schema.json');
  });

  it('is valid for the committed JSON Schema, which an editor uses', async () => {
    const { file } = await initCounty({ directory: folder('schema'), id: 'tainan-city', name: '臺南市', today });
    const schema = JSON.parse(readFileSync(join(projectRoot, countyConfigSchemaFile), 'utf8')) as object;
    const validate = new Ajv({ strict: true, allErrors: true, formats: { email: true, uri: true, date: true } }).compile(schema);
    expect(validate(JSON.parse(readFileSync(file, 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('marks every value it cannot know as a placeholder', async () => {
    const { config, placeholders } = await initCounty({ directory: folder('marks'), id: 'tainan-city', name: '臺南市', today });
    expect(placeholders).toEqual(findPlaceholders(config));
    const paths = new Set(placeholders.map((p) => p.path));
    config.units.forEach((unit, i) => {
      expect(paths, unit.id).toContain(`units[${i}].name.zh`);
      unit.contacts.forEach((contact, j) => {
        for (const field of ['name', 'email', 'placeholder']) expect(paths, contact.id).toContain(`units[${i}].contacts[${j}].${field}`);
      });
    });
    expect(paths).toContain('secretariat.mailbox');
    expect(paths).toContain('secretariat.contact.name');
    expect(paths).toContain('secretariat.contact.phone');
    expect(paths).toContain('venues[0].placeholder');
    config.series.forEach((_, i) => expect(paths).toContain(`series[${i}].placeholders`));
  });

  it('anchors the rotation at the first meeting month from go-live, skipping January', async () => {
    const dir = folder('anchor');
    const { config } = await initCounty({ directory: dir, id: 'a', name: '甲縣', today: Temporal.PlainDate.from('2026-12-15') });
    expect(config.series[0]!.chair).toMatchObject({ anchorSlot: '2027-02' });
  });

  it('refuses to write over an existing file, naming the file and the argument', async () => {
    const directory = folder('exists');
    writeFileSync(join(directory, 'tainan-city.json'), '{"mine": true}\n');
    const attempt = initCounty({ directory, id: 'tainan-city', name: '臺南市', today });
    await expect(attempt).rejects.toThrow(OnboardingError);
    await expect(attempt).rejects.toThrow(/tainan-city\.json 已經存在，不會覆寫.*<縣市代號>/);
    expect(readFileSync(join(directory, 'tainan-city.json'), 'utf8')).toBe('{"mine": true}\n');
  });

  it.each(['Tainan', 'tainan_city', '../chiayi-county', '-tainan', '臺南市', ''])(
    'refuses the id %j, naming the argument, and writes nothing',
    async (id) => {
      const directory = folder('bad-id');
      const attempt = initCounty({ directory, id, name: '臺南市', today });
      await expect(attempt).rejects.toMatchObject({ name: 'OnboardingError', argument: '<縣市代號>' });
      await expect(attempt).rejects.toThrow('<縣市代號>');
      expect(readdirSync(directory)).toEqual([]);
    },
  );

  it.each(['', '   ', '臺南\n市'])('refuses the name %j, naming --name', async (name) => {
    const directory = folder('bad-name');
    await expect(initCounty({ directory, id: 'tainan-city', name, today })).rejects.toMatchObject({ argument: '--name' });
    expect(readdirSync(directory)).toEqual([]);
  });
});
