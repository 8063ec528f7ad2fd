// The kubelet's /containerLogs query (the same names as PodLogOptions): parsed and checked once.
export interface LogQuery {
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  /** lines older than this (ms since the epoch) are skipped */
  sinceTime?: number;
  limitBytes?: number;
}

export class LogQueryError extends Error {}

function flag(params: URLSearchParams, name: string): boolean {
  const value = params.get(name);
  return value === 'true' || value === '1';
}

function nonNegativeInt(params: URLSearchParams, name: string, min: number): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new LogQueryError(`${name}: invalid value ${JSON.stringify(raw)}`);
  if (value < min) throw new LogQueryError(`${name}: Invalid value: ${value}: must be greater than ${min === 0 ? 'or equal to 0' : min - 1}`);
  return value;
}

export function parseLogQuery(params: URLSearchParams, now: () => number = Date.now): LogQuery {
  const tailLines = nonNegativeInt(params, 'tailLines', 0);
  const sinceSeconds = nonNegativeInt(params, 'sinceSeconds', 1);
  const limitBytes = nonNegativeInt(params, 'limitBytes', 1);
  const sinceTimeRaw = params.get('sinceTime');
  if (sinceSeconds !== undefined && sinceTimeRaw) throw new LogQueryError('at most one of sinceTime or sinceSeconds may be specified');
  let sinceTime: number | undefined;
  if (sinceTimeRaw) {
    sinceTime = Date.parse(sinceTimeRaw);
    if (Number.isNaN(sinceTime)) throw new LogQueryError(`sinceTime: invalid value ${JSON.stringify(sinceTimeRaw)}`);
  } else if (sinceSeconds !== undefined) {
    sinceTime = now() - sinceSeconds * 1000;
  }
  return {
    follow: flag(params, 'follow'),
    previous: flag(params, 'previous'),
    timestamps: flag(params, 'timestamps'),
    ...(tailLines !== undefined ? { tailLines } : {}),
    ...(sinceTime !== undefined ? { sinceTime } : {}),
    ...(limitBytes !== undefined ? { limitBytes } : {}),
  };
}
