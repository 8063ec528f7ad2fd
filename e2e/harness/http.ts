// Plain HTTP from the test process (the host) to pods, ClusterIPs and NodePorts: one GET on a
// fresh connection each time, so a Service's proxy picks an endpoint for every request.
import { get } from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
}

export function httpGet(host: string, port: number, path = '/', timeoutMs = 5000): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = get({ host, port, path, agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      // A response cut short (the timeout below destroys it) fails here, not on the request.
      res.on('error', reject);
      res.on('aborted', () => reject(new Error(`GET http://${host}:${port}${path}: response aborted`)));
    });
    req.on('timeout', () => req.destroy(new Error(`GET http://${host}:${port}${path} timed out`)));
    req.on('error', reject);
  });
}

/** The trimmed body of a GET. */
export async function httpText(host: string, port: number, path = '/'): Promise<string> {
  return (await httpGet(host, port, path)).body.trim();
}
