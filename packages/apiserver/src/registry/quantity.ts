// resource.Quantity parsing, exact to the nano unit (BigInt), enough to compare and add CPU and
// memory amounts for QoS classification. "500m", "1.5Gi", "2e3" and "128974848" are all accepted.
// TODO: belongs in @kctl/shared meta/quantity.ts once it exists (the scheduler needs it too).

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const BINARY_SHIFT: Record<string, bigint> = { Ki: 10n, Mi: 20n, Gi: 30n, Ti: 40n, Pi: 50n, Ei: 60n };
const DECIMAL_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** The amount in nano units (rounded up, as Kubernetes rounds), or undefined when unparseable. */
export function parseQuantityNanos(text: string | number): bigint | undefined {
  const match = QUANTITY.exec(String(text).trim());
  if (!match) return undefined;
  const [, sign = '', number = '0', suffix = ''] = match;
  const [whole = '', fraction = ''] = number.split('.');
  let numerator = BigInt(`${whole}${fraction}` || '0');
  let exponent = 9 - fraction.length; // to nanos, minus the digits after the point
  if (suffix in BINARY_SHIFT) numerator <<= BINARY_SHIFT[suffix] ?? 0n;
  else if (suffix in DECIMAL_EXPONENT) exponent += DECIMAL_EXPONENT[suffix] ?? 0;
  else if (suffix) exponent += Number(suffix.slice(1));
  let nanos: bigint;
  if (exponent >= 0) {
    nanos = numerator * 10n ** BigInt(exponent);
  } else {
    const divisor = 10n ** BigInt(-exponent);
    nanos = (numerator + divisor - 1n) / divisor;
  }
  return sign === '-' ? -nanos : nanos;
}
