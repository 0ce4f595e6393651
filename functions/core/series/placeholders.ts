// What in a county configuration is still a stand-in: the seed fills what it does not know with
// （待填） names, example.org addresses and `placeholder` flags, so the file is valid and runs
// locally, yet invitations built from it would go to nobody. `validate-config` lists these, and
// `cdk synth` refuses to deploy them unless told to (safetynet:allowPlaceholders).
import type { CountyConfig } from './county-config.ts';

export type Placeholder = {
  /** Where in the file, as the configuration errors name it: `units[0].contacts[1].email`. */
  path: string;
  /** The value found there, as text. */
  value: string;
  /** Why it counts as a placeholder, in zh-TW for the person who fills it in. */
  reason: string;
  /** Which of the seed's marks it is, for a short label (validate-config); absent for other sources. */
  kind?: PlaceholderKind;
};

export type PlaceholderKind = 'unfilled-text' | 'example-domain' | 'placeholder-flag' | 'series-fields';

/** The short zh-TW label of each kind, as validate-config prints it after the value. */
export const placeholderLabels: Readonly<Record<PlaceholderKind, string>> = {
  'unfilled-text': '尚未填寫',
  'example-domain': '範例網域',
  'placeholder-flag': '標記為預留值',
  'series-fields': '待確認欄位',
};

/** The fields a series can list in `placeholders`, in the words of the secretariat. */
const seriesFieldNames: Readonly<Record<string, string>> = {
  start: '開會時間',
  venue: '場地',
  invitedUnits: '受邀單位',
  chair: '主持單位',
  cadence: '開會頻率與日期',
  activeMonths: '開會月份',
};

/** The seed's mark for text nobody has supplied yet; the ASCII-bracket form counts too. */
const unfilled = /[（(]\s*待填\s*[）)]/;

/** Domains reserved for examples and tests (RFC 2606, RFC 6761): mail to them is never delivered. */
export function isExampleDomain(domain: string): boolean {
  const host = domain.trim().toLowerCase().replace(/\.$/, '');
  return /(^|\.)example\.(org|com|net)$/.test(host) || /(^|\.)(example|test|invalid|localhost)$/.test(host);
}

/** Hosts named in a text: the domain of every e-mail address and the host of every URL. */
function hostsIn(text: string): string[] {
  const hosts: string[] = [];
  for (const match of text.matchAll(/[^\s@<>"'()（）]+@([a-z0-9.-]+)/gi)) hosts.push(match[1]!);
  for (const match of text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/(?:[^\s/@]*@)?([a-z0-9.-]+)/gi)) hosts.push(match[1]!);
  return hosts;
}

/** Every placeholder in the configuration, in file order; an empty list means ready to deploy. */
export function findPlaceholders(config: CountyConfig): Placeholder[] {
  const found: Placeholder[] = [];
  const visit = (value: unknown, path: readonly (string | number)[]): void => {
    if (typeof value === 'string') {
      if (unfilled.test(value))
        found.push({ path: formatPath(path), value, reason: '內容含「（待填）」，尚未填寫', kind: 'unfilled-text' });
      const example = hostsIn(value).find(isExampleDomain);
      if (example)
        found.push({
          path: formatPath(path),
          value,
          reason: `${example} 是保留給範例的網域，不是真實的信箱或網址`,
          kind: 'example-domain',
        });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, index]));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      // An editor hint to the schema file, never sent anywhere.
      if (path.length === 0 && key === '$schema') continue;
      if (key === 'placeholder' && child === true) {
        found.push({
          path: formatPath([...path, key]),
          value: 'true',
          reason: '標記為預留值（"placeholder": true），尚待確認',
          kind: 'placeholder-flag',
        });
        continue;
      }
      if (key === 'placeholders' && Array.isArray(child) && child.length > 0) {
        found.push({
          path: formatPath([...path, key]),
          value: child.join(', '),
          reason: `系列尚有待確認的欄位：${child.map((field: unknown) => `${seriesFieldNames[String(field)] ?? String(field)}（${String(field)}）`).join('、')}`,
          kind: 'series-fields',
        });
        continue;
      }
      visit(child, [...path, key]);
    }
  };
  visit(config, []);
  return found;
}

/** The path the way county-config.ts names fields in its errors: `series[2].chair.roster[0]`. */
function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(top level)';
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}
