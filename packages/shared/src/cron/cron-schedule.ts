// Parses CronJob schedules the way Kubernetes does (robfig/cron v3 ParseStandard): five fields
// (minute hour day-of-month month day-of-week) or a descriptor (@hourly, @every 5m...), with
// robfig's error texts, which Kubernetes returns verbatim as `spec.schedule: Invalid value`.

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIELD_BOUNDS: readonly Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: Object.fromEntries(MONTH_NAMES.map((n, i) => [n, i + 1])) },
  { min: 0, max: 6, names: Object.fromEntries(DAY_NAMES.map((n, i) => [n, i])) },
];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** A parsed schedule: the allowed values of each field, or a fixed interval for `@every`. */
export type CronSchedule =
  | {
      kind: 'fields';
      minutes: Set<number>;
      hours: Set<number>;
      daysOfMonth: Set<number>;
      months: Set<number>;
      daysOfWeek: Set<number>;
      /** robfig's star bit: a day field given as `*` or `?` (without a step) defers to the other day field */
      daysOfMonthStar: boolean;
      daysOfWeekStar: boolean;
    }
  | { kind: 'every'; intervalSeconds: number };

export type CronParseResult = { ok: true; schedule: CronSchedule } | { ok: false; error: string };

export function parseCronSchedule(spec: string): CronParseResult {
  try {
    return { ok: true, schedule: parse(spec) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

function parse(spec: string): CronSchedule {
  if (spec.length === 0) throw new Error('empty spec string');
  let rest = spec;
  if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
    const space = rest.indexOf(' ');
    rest = space < 0 ? '' : rest.slice(space + 1).trim();
  }
  if (rest.startsWith('@')) return parseDescriptor(rest);
  const fields = rest.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = fields.map((field, i) => parseField(field, FIELD_BOUNDS[i] as Bounds));
  return {
    kind: 'fields',
    minutes: minutes!,
    hours: hours!,
    daysOfMonth: daysOfMonth!,
    months: months!,
    daysOfWeek: daysOfWeek!,
    daysOfMonthStar: isStar(fields[2] ?? ''),
    daysOfWeekStar: isStar(fields[4] ?? ''),
  };
}

/** robfig sets the star bit for `*` or `?`, and clears it again for a step above 1. */
function isStar(field: string): boolean {
  return field.split(',').some((expr) => {
    const [range, step] = expr.split('/');
    return (range === '*' || range === '?') && (step === undefined || Number(step) <= 1);
  });
}

function parseDescriptor(descriptor: string): CronSchedule {
  const fixed = DESCRIPTORS[descriptor];
  if (fixed) return parse(fixed);
  if (descriptor.startsWith('@every ')) {
    const text = descriptor.slice('@every '.length);
    const seconds = parseGoDuration(text);
    if (seconds === undefined) throw new Error(`failed to parse duration ${descriptor}: time: invalid duration ${JSON.stringify(text)}`);
    return { kind: 'every', intervalSeconds: Math.max(1, Math.floor(seconds)) };
  }
  throw new Error(`unrecognized descriptor: ${descriptor}`);
}

/** Go's time.ParseDuration subset: "1h30m", "90s", "1.5h". */
function parseGoDuration(text: string): number | undefined {
  const unitSeconds: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  const parts = [...text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  return parts.reduce((sum, [, value, unit]) => sum + Number(value) * (unitSeconds[unit ?? 's'] ?? 0), 0);
}

function parseField(field: string, bounds: Bounds): Set<number> {
  const values = new Set<number>();
  for (const expr of field.split(',')) {
    for (const value of parseRange(expr, bounds)) values.add(value);
  }
  return values;
}

function parseRange(expr: string, bounds: Bounds): number[] {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = bounds.min;
    end = bounds.max;
  } else {
    start = parseIntOrName(lowAndHigh[0] ?? '', bounds.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1] ?? '', bounds.names);
    else throw new Error(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1] ?? '');
    // "N/step" means "N-max/step".
    if (lowAndHigh.length === 1) end = bounds.max;
  } else if (rangeAndStep.length > 2) {
    throw new Error(`too many slashes: ${expr}`);
  }
  if (start < bounds.min) throw new Error(`beginning of range (${start}) below minimum (${bounds.min}): ${expr}`);
  if (end > bounds.max) throw new Error(`end of range (${end}) above maximum (${bounds.max}): ${expr}`);
  if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new Error(`step of range should be a positive number: ${expr}`);
  const values: number[] = [];
  for (let v = start; v <= end; v += step) values.push(v);
  return values;
}

function parseIntOrName(expr: string, names: Record<string, number> | undefined): number {
  const named = names?.[expr.toLowerCase()];
  return named ?? mustParseInt(expr);
}

function mustParseInt(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new Error(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const num = Number.parseInt(expr, 10);
  if (num < 0) throw new Error(`negative number (${num}) not allowed: ${expr}`);
  return num;
}
