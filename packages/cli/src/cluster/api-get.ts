// One GET to the API server for the supervisor's readiness checks. Plain node:http rather than
// fetch: it is already loaded, and `up --detach` polls every few milliseconds while racing for a
// sub-second start. Resolves undefined on any connection error or timeout.
import { get } from 'node:http';

export interface ApiAnswer {
  status: number;
  body: string;
}

export function apiGet(server: string, path: string, timeoutMs: number): Promise<ApiAnswer | undefined> {
  return new Promise((resolve) => {
    const request = get(`${server}${path}`, { agent: false, timeout: timeoutMs, headers: { accept: 'application/json' } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('error', () => resolve(undefined));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}
