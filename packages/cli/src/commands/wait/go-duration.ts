// Go's time.ParseDuration, which kubectl's --timeout flag uses: "30s", "1m30s", "1.5h", "-1s", "0".

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds, possibly negative; throws with Go's wording on bad input. */
export function parseGoDuration(text: string): number {
  const invalid = () => new Error(`time: invalid duration ${JSON.stringify(text)}`);
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest.startsWith('-')) sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw invalid();
  let total = 0;
  while (rest !== '') {
    const match = /^(\d*(?:\.\d*)?)([^\d.]+)/.exec(rest);
    if (!match || match[1] === '' || match[1] === '.') throw invalid();
    const unit = UNIT_MS[match[2] ?? ''];
    if (unit === undefined) throw new Error(`time: unknown unit ${JSON.stringify(match[2])} in duration ${JSON.stringify(text)}`);
    total += Number(match[1]) * unit;
    rest = rest.slice(match[0].length);
  }
  return sign * total;
}
