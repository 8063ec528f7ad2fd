// apimachinery's resource.Quantity: parse, compare, add and print in canonical form
// (Quantity.String: "0.5" → "500m", "2048Mi" → "2Gi", "1.5Gi" → "1536Mi"). Amounts are kept
// exactly as BigInt nano-units, the finest scale Kubernetes keeps, so sums never drift.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** value × 10^9 */
  readonly nanos: bigint;
  /** How the quantity was written, which decides how it prints. */
  readonly format: QuantityFormat;
}

export const ZERO_QUANTITY: Quantity = { nanos: 0n, format: 'DecimalSI' };

const NANO = 1_000_000_000n;
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
const BINARY_POWER: Readonly<Record<string, number>> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_EXPONENT: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIX_BY_EXPONENT = new Map(Object.entries(DECIMAL_EXPONENT).map(([suffix, exp]) => [exp, suffix]));
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

// ParseQuantity caps magnitudes at the largest int64 number of whole units.
const MAX_NANOS = (2n ** 63n - 1n) * NANO;
const MAX_NANOS_DIGITS = MAX_NANOS.toString().length;

/** numerator × 10^exponent, rounded up (away from zero) to a whole nano and capped like Go. */
function scaleToNanos(numerator: bigint, exponent: number): bigint {
  if (numerator === 0n) return 0n;
  const digits = numerator.toString().length;
  // Decide the extremes from digit counts, so "1e999999999" cannot build a gigantic power of ten.
  if (digits + exponent > MAX_NANOS_DIGITS) return MAX_NANOS;
  if (-exponent >= digits) return 1n;
  let nanos: bigint;
  if (exponent >= 0) {
    nanos = numerator * 10n ** BigInt(exponent);
  } else {
    const divisor = 10n ** BigInt(-exponent);
    nanos = (numerator + divisor - 1n) / divisor;
  }
  return nanos > MAX_NANOS ? MAX_NANOS : nanos;
}

/**
 * Parses "100m", "1.5Gi", "2e3" or 4 as a Quantity field decodes from JSON (surrounding space is
 * trimmed); undefined when resource.ParseQuantity would reject it. Precision finer than a nano
 * rounds up, as Kubernetes rounds so that a tiny request still asks for something.
 */
export function parseQuantity(input: string | number | undefined | null): Quantity | undefined {
  if (input === undefined || input === null) return undefined;
  const match = QUANTITY.exec(String(input).trim());
  if (!match) return undefined;
  const [, sign = '', number = '', suffix = ''] = match;
  const [whole = '', fraction = ''] = number.split('.');
  let numerator = BigInt(`${whole}${fraction}` || '0');
  let exponent = 9 - fraction.length; // to nanos, minus the digits after the point
  let format: QuantityFormat = 'DecimalSI';
  const binaryPower = BINARY_POWER[suffix];
  if (binaryPower !== undefined) {
    format = 'BinarySI';
    numerator *= 1024n ** BigInt(binaryPower);
  } else if (/^[eE][+-]?\d/.test(suffix)) {
    // An exponent, not the exa suffix "E".
    format = 'DecimalExponent';
    exponent += Number(suffix.slice(1));
  } else {
    exponent += DECIMAL_EXPONENT[suffix] ?? 0;
  }
  const nanos = scaleToNanos(numerator, exponent);
  return { nanos: sign === '-' ? -nanos : nanos, format };
}

/** Quantity.Add: the sum keeps the left operand's format. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.format };
}

/** Quantity.Cmp: -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

// Go's Value()/MilliValue() round the scaled amount up.
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
