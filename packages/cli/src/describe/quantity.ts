// Just enough of apimachinery's resource.Quantity for describe: parse, add, compare and print
// in canonical form (Quantity.String), e.g. "0.5" → "500m", "2048Mi" → "2Gi", 100m+250m → "350m".
// Values are kept exactly as BigInt nano-units so sums never drift.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** value × 10^9 */
  nanos: bigint;
  format: QuantityFormat;
}

const NANO = 1_000_000_000n;
const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIX_BY_EXPONENT = new Map(Object.entries(DECIMAL).map(([suffix, exp]) => [exp, suffix]));
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

export const ZERO_QUANTITY: Quantity = { nanos: 0n, format: 'DecimalSI' };

function pow10(exp: number): bigint {
  return 10n ** BigInt(exp);
}

/** Parses "100m", "1.5Gi", "2e3", 4; undefined for anything malformed. */
export function parseQuantity(input: string | number | undefined | null): Quantity | undefined {
  if (input === undefined || input === null) return undefined;
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/.exec(String(input).trim());
  if (!match || (match[2] === '' && !match[3])) return undefined;
  const [, sign = '', whole = '', fraction = '', exponentPart, suffix = ''] = match;
  let nanos = BigInt(whole || '0') * NANO + BigInt((fraction + '0'.repeat(9)).slice(0, 9) || '0');
  let format: QuantityFormat = 'DecimalSI';
  if (exponentPart) {
    format = 'DecimalExponent';
    const exp = Number(exponentPart.slice(1));
    nanos = exp >= 0 ? nanos * pow10(exp) : nanos / pow10(-exp);
  } else if (suffix in BINARY) {
    format = 'BinarySI';
    nanos *= 1024n ** BigInt(BINARY[suffix] ?? 0);
  } else {
    const exp = DECIMAL[suffix] ?? 0;
    nanos = exp >= 0 ? nanos * pow10(exp) : nanos / pow10(-exp);
  }
  return { nanos: sign === '-' ? -nanos : nanos, format };
}

/** Quantity.Add: the sum keeps the left operand's format. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.format };
}

export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

function ceilDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n > 0n ? q + 1n : q;
}

/** Quantity.Value(): rounded up to a whole unit. */
export function quantityValue(q: Quantity): number {
  return Number(ceilDiv(q.nanos, NANO));
}

/** Quantity.MilliValue(): rounded up to a whole milli-unit. */
export function quantityMilliValue(q: Quantity): number {
  return Number(ceilDiv(q.nanos, 1_000_000n));
}

/** Quantity.String(): canonical form. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const negative = q.nanos < 0n;
  const abs = negative ? -q.nanos : q.nanos;
  const sign = negative ? '-' : '';
  // Small or fractional binary quantities print as decimal, so nothing is rounded away.
  if (q.format === 'BinarySI' && abs >= 1024n * NANO && abs % NANO === 0n) {
    let value = abs / NANO;
    let power = 0;
    while (value % 1024n === 0n && power < BINARY_SUFFIXES.length - 1) {
      value /= 1024n;
      power++;
    }
    return `${sign}${value}${BINARY_SUFFIXES[power]}`;
  }
  // Largest multiple-of-3 exponent that keeps the number whole (nano is the floor).
  let exponent = -9;
  let value = abs;
  while (exponent < 18 && value % 1000n === 0n) {
    value /= 1000n;
    exponent += 3;
  }
  const suffix = q.format === 'DecimalExponent' ? (exponent === 0 ? '' : `e${exponent}`) : (DECIMAL_SUFFIX_BY_EXPONENT.get(exponent) ?? '');
  return `${sign}${value}${suffix}`;
}

/** Canonical form of a raw API value; unparsable text is shown as it is. */
export function canonicalQuantity(raw: string | number | undefined | null): string {
  const q = parseQuantity(raw);
  return q ? formatQuantity(q) : String(raw ?? '');
}
