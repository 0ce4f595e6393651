// Reads the content lines of an iCalendar object (RFC 5545 §3.1) into components, properties and
// parameters: enough for the REPLY a calendar client sends back (imip-reply.ts), nothing more.
//
// Hand-written instead of ical.js because the reply Lambda needs only this layer of it: ical.js is
// 76 KB minified (its time zones, recurrence expansion and value types come along), this is about
// 2 KB. ical.js stays in the project as the oracle: test/unit/rsvp/icalendar-reader.test.ts checks
// that imip-reply.ts reads the same answer from a corpus of real clients' replies and from generated
// ones as the ical.js path did, and the planner still uses it for RRULE cadences.
//
// Where RFC 5545 leaves room, this reads as ical.js does, so the two agree:
// - lines end in CRLF or LF; a line starting with a space or tab continues the one before (one
//   character of it removed); empty lines are skipped; the last line is trimmed;
// - names are case-insensitive (kept lower case); BEGIN/END need not name the same component;
// - a parameter value is quoted ("…", may hold : ; ,) or runs to the next ; or :, and RFC 6868's
//   ^n ^' ^^ are decoded in it. Several quoted values ("a","b") keep the first: nothing read here
//   takes a list (DELEGATED-TO and MEMBER are not read);
// - a parameter that appears twice keeps its last value.
// Deliberately not done: value types (DATE-TIME, INTEGER…) beyond the TEXT unescaping the caller
// asks for, time zones, recurrence, property groups (vCard), and writing iCalendar back out.
// Anything it cannot read throws CalendarSyntaxError; the caller turns that into a refusal.

export type CalendarProperty = {
  /** Lower case. */
  name: string;
  /** Parameter name (lower case) → value, quotes removed, RFC 6868 decoded, TEXT escapes kept. */
  params: ReadonlyMap<string, string>;
  /** As written after the colon: TEXT escapes kept (see unescapeText). */
  value: string;
};

export type CalendarComponent = {
  /** Lower case: `vcalendar`, `vevent`, … */
  name: string;
  properties: CalendarProperty[];
  components: CalendarComponent[];
};

export class CalendarSyntaxError extends Error {
  override name = 'CalendarSyntaxError';
}

/** The top-level components (a REPLY has one, a VCALENDAR). Throws CalendarSyntaxError. */
export function readCalendar(text: string): CalendarComponent[] {
  const roots: CalendarComponent[] = [];
  const open: CalendarComponent[] = [];
  for (const line of contentLines(text)) {
    const property = contentLine(line);
    const current = open[open.length - 1];
    if (property.name === 'begin' && !property.hasParams) {
      const component: CalendarComponent = { name: property.value.toLowerCase(), properties: [], components: [] };
      (current ? current.components : roots).push(component);
      open.push(component);
    } else if (property.name === 'end' && !property.hasParams) {
      if (!current) throw new CalendarSyntaxError('END outside any component');
      open.pop();
    } else {
      if (!current) throw new CalendarSyntaxError('a property outside any component');
      current.properties.push({ name: property.name, params: property.params, value: property.value });
    }
  }
  if (open.length > 0) throw new CalendarSyntaxError('a component began but did not end');
  return roots;
}

/** TEXT value escapes (RFC 5545 §3.3.11): `\\` `\;` `\,` `\n` `\N`; any other backslash stays. */
export function unescapeText(value: string): string {
  if (!value.includes('\\')) return value;
  return value.replace(/\\[\\;,nN]/g, (escape) => (escape === '\\n' || escape === '\\N' ? '\n' : escape[1]!));
}

/** Unfolded lines (RFC 5545 §3.1), read as ical.js reads them (see the top of this file). */
function contentLines(text: string): string[] {
  // A byte order mark is not content; TextDecoder drops it when it decodes, a string may keep it.
  const body = text.replace(/^\uFEFF/, '');
  const start = body.search(/[^ \t]/);
  if (start < 0) return [];
  const physical = body.slice(start).split('\n');
  const lines: string[] = [];
  let line = '';
  physical.forEach((raw, index) => {
    // Only a CR right before the LF ends a line; the last line has no LF.
    const physicalLine = index < physical.length - 1 && raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (physicalLine.startsWith(' ') || physicalLine.startsWith('\t')) {
      line += physicalLine.slice(1);
    } else {
      if (line) lines.push(line);
      line = physicalLine;
    }
  });
  line = line.trim();
  if (line) lines.push(line);
  return lines;
}

type ContentLine = { name: string; params: Map<string, string>; hasParams: boolean; value: string };

/** `NAME;PARAM=value;PARAM="quoted:value":value` */
function contentLine(line: string): ContentLine {
  const colon = line.indexOf(':');
  const semicolon = line.indexOf(';');
  if (colon < 0 && semicolon < 0) throw new CalendarSyntaxError('a line without ":"');
  if (semicolon < 0 || (colon >= 0 && colon < semicolon)) {
    return { name: line.slice(0, colon).toLowerCase(), params: new Map(), hasParams: false, value: line.slice(colon + 1) };
  }
  const params = new Map<string, string>();
  let at = semicolon;
  while (line[at] === ';') {
    const equals = line.indexOf('=', at + 1);
    if (equals < 0) throw new CalendarSyntaxError('a parameter without "="');
    const name = line.slice(at + 1, equals).toLowerCase();
    if (!name || /[:;"]/.test(name)) throw new CalendarSyntaxError('a parameter without a name');
    const { value, end } = paramValue(line, equals + 1);
    params.set(name, value);
    at = end;
  }
  if (line[at] !== ':') throw new CalendarSyntaxError('a parameter without a value');
  return { name: line.slice(0, semicolon).toLowerCase(), params, hasParams: true, value: line.slice(at + 1) };
}

/** One parameter's value from `start`: the first of its comma-separated values. */
function paramValue(line: string, start: number): { value: string; end: number } {
  let first: string | undefined;
  let at = start;
  for (;;) {
    let piece: string;
    if (line[at] === '"') {
      const close = line.indexOf('"', at + 1);
      if (close < 0) throw new CalendarSyntaxError('a quoted parameter value without its closing quote');
      piece = line.slice(at + 1, close);
      at = close + 1;
    } else {
      // Unquoted: up to the next ; or :, commas included (ical.js keeps CN=Doe\, John whole).
      const match = /[;:"]/.exec(line.slice(at));
      const end = match ? at + match.index : line.length;
      piece = line.slice(at, end);
      at = end;
    }
    first ??= piece;
    if (line[at] === ',' && line[at + 1] === '"') {
      at += 1;
      continue;
    }
    break;
  }
  return { value: decodeCaret(first), end: at };
}

/** RFC 6868: ^n is a line break, ^' a double quote, ^^ a caret. */
function decodeCaret(value: string): string {
  return value.replace(/\^['n^]/g, (escape) => (escape === '^n' ? '\n' : escape === "^'" ? '"' : '^'));
}
