// County files for a national deployment, generated from the Chiayi file: 22 counties and cities,
// each with its own id, names and mail domain (the worst case: one SES identity each) and six
// series, with every placeholder filled in so the placeholder gate lets them through.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../lib/safetynet-app.ts';

export const taiwanCounties = [
  ['taipei-city', '臺北市', 'Taipei City'],
  ['new-taipei-city', '新北市', 'New Taipei City'],
  ['taoyuan-city', '桃園市', 'Taoyuan City'],
  ['taichung-city', '臺中市', 'Taichung City'],
  ['tainan-city', '臺南市', 'Tainan City'],
  ['kaohsiung-city', '高雄市', 'Kaohsiung City'],
  ['keelung-city', '基隆市', 'Keelung City'],
  ['hsinchu-city', '新竹市', 'Hsinchu City'],
  ['chiayi-city', '嘉義市', 'Chiayi City'],
  ['hsinchu-county', '新竹縣', 'Hsinchu County'],
  ['miaoli-county', '苗栗縣', 'Miaoli County'],
  ['changhua-county', '彰化縣', 'Changhua County'],
  ['nantou-county', '南投縣', 'Nantou County'],
  ['yunlin-county', '雲林縣', 'Yunlin County'],
  ['chiayi-county', '嘉義縣', 'Chiayi County'],
  ['pingtung-county', '屏東縣', 'Pingtung County'],
  ['yilan-county', '宜蘭縣', 'Yilan County'],
  ['hualien-county', '花蓮縣', 'Hualien County'],
  ['taitung-county', '臺東縣', 'Taitung County'],
  ['penghu-county', '澎湖縣', 'Penghu County'],
  ['kinmen-county', '金門縣', 'Kinmen County'],
  ['lienchiang-county', '連江縣', 'Lienchiang County'],
] as const;

export const chiayiCountyFile = join(projectRoot, 'functions/config/counties/chiayi-county.json');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type CountyJson = {
  county: { id: string; name: { zh: string; en?: string } };
  secretariat: { mailbox: string };
  units: { id: string; contacts: { name: string; email: string }[] }[];
  series: SeriesJson[];
};
type SeriesJson = { id: string; name: { zh: string; en?: string }; cadence: Json; activeMonths?: number[] } & Record<string, Json>;

/** The sixth series: a quarterly county-level network meeting, from January (planned Dec, Mar, Jun, Sep). */
export const sixthSeriesId = 'county-network-meeting';

/** The mail domain each generated county sends from. */
export const mailDomainOf = (countyId: string) => `safetynet.${countyId}.gov.tw`;

/** Chiayi's file, rewritten for another county: its id and names, its mail domain, nothing left to fill in. */
export function countyFromChiayi(id: string, zh: string, en: string): CountyJson {
  const chiayi = JSON.parse(readFileSync(chiayiCountyFile, 'utf8')) as Json;
  const domain = mailDomainOf(id);
  const fill = (value: Json): Json => {
    if (typeof value === 'string')
      return value
        .replace(/（待填）/g, '')
        .replace(/example\.org/g, domain)
        .replace(/嘉義縣/g, zh)
        .replace(/Chiayi County/g, en)
        .trim();
    if (Array.isArray(value)) return value.map(fill);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => {
        if (key === 'placeholder') return [key, false];
        if (key === 'placeholders') return [key, []];
        return [key, fill(child)];
      }),
    );
  };
  const county = fill(chiayi) as unknown as CountyJson;
  county.county = { id, name: { zh, en } };
  const model = county.series.find((s) => s.id === 'community-mental-health-case-conference')!;
  county.series.push({
    ...model,
    id: sixthSeriesId,
    name: { zh: '府級社會安全網網絡會議', en: 'County-level safety-net network meeting' },
    cadence: { kind: 'every-n-months', intervalMonths: 3, firstMonth: 1, nth: 1, weekday: 2 },
  });
  return county;
}

export type GeneratedCounties = { dir: string; counties: CountyJson[]; remove: () => void };

/** Writes one `<id>.json` per county into a fresh folder (never into functions/config/counties). */
export function writeGeneratedCounties(count: number = taiwanCounties.length): GeneratedCounties {
  const dir = mkdtempSync(join(tmpdir(), 'safetynet-counties-'));
  const counties = taiwanCounties.slice(0, count).map(([id, zh, en]) => countyFromChiayi(id, zh, en));
  for (const county of counties) writeFileSync(join(dir, `${county.county.id}.json`), `${JSON.stringify(county, null, 2)}\n`);
  return { dir, counties, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
