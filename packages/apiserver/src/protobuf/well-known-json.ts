// The apimachinery types whose JSON form is not their protobuf structure: Go gives each its
// own MarshalJSON. Input: the message decoded by its proto field names (and its byte length,
// since an empty Time message is Go's zero time).

type Decoded = Record<string, unknown>;

function rfc3339(seconds: number, fractionDigits: number, nanos: number): string {
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  if (!fractionDigits) return `${base}Z`;
  return `${base}.${String(Math.floor(nanos / 10 ** (9 - fractionDigits))).padStart(fractionDigits, '0')}Z`;
}

/** Go's time.Duration.String(): "1h2m3s", "1.5s", "300ms", "0s". */
export function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  let n = Math.abs(ns);
  if (n < 1e9) {
    const [unit, scale] = n < 1e3 ? ['ns', 1] : n < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
    return `${sign}${trimFraction(n / scale)}${unit}`;
  }
  const h = Math.floor(n / 3600e9);
  n -= h * 3600e9;
  const m = Math.floor(n / 60e9);
  n -= m * 60e9;
  const s = `${trimFraction(n / 1e9)}s`;
  return `${sign}${h ? `${h}h${m}m` : m ? `${m}m` : ''}${s}`;
}

function trimFraction(x: number): string {
  return x.toFixed(9).replace(/\.?0+$/, '');
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

function parseRaw(raw: unknown, what: string): unknown {
  if (!Buffer.isBuffer(raw) || raw.length === 0) return null;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new Error(`${what} does not hold JSON`);
  }
}

export const WELL_KNOWN_JSON: Readonly<Record<string, (m: Decoded, byteLength: number) => unknown>> = {
  // Go drops the nanoseconds of a Time read from protobuf; an empty message is the zero time (null).
  'k8s.io.apimachinery.pkg.apis.meta.v1.Time': (m, len) => (len === 0 ? null : rfc3339(num(m['seconds']), 0, 0)),
  'k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime': (m, len) => (len === 0 ? null : rfc3339(num(m['seconds']), 6, num(m['nanos']))),
  'k8s.io.apimachinery.pkg.apis.meta.v1.Duration': (m) => goDuration(num(m['duration'])),
  'k8s.io.apimachinery.pkg.api.resource.Quantity': (m) => (typeof m['string'] === 'string' && m['string'] ? m['string'] : '0'),
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': (m) => (m['type'] === 1 ? (m['strVal'] ?? '') : num(m['intVal'])),
  'k8s.io.apimachinery.pkg.runtime.RawExtension': (m) => parseRaw(m['raw'], 'a RawExtension'),
  'k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1': (m) => parseRaw(m['Raw'], 'a FieldsV1'),
};
