// Shared bench plumbing: start the real API server bundle on a free port with a temp data dir,
// percentiles, and a tiny keep-alive HTTP client.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const APISERVER = join(ROOT, 'packages/apiserver/dist/kctl-apiserver.mjs');
export const KCTL_BIN = join(ROOT, 'packages/cli/bin/kctl.mjs');

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export async function startApiServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'kctl-bench-'));
  const port = await freePort();
  const child = spawn(process.execPath, [APISERVER, '--data-dir', dataDir, '--port', String(port), '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 500; i++) {
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 20));
  }
  const kubeconfig = join(dataDir, 'kubeconfig');
  writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters:\n- name: b\n  cluster:\n    server: ${base}\n    insecure-skip-tls-verify: true\nusers:\n- name: b\n  user: {}\ncontexts:\n- name: b\n  context:\n    cluster: b\n    user: b\n    namespace: default\ncurrent-context: b\n`);
  return {
    base,
    port,
    dataDir,
    kubeconfig,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export function request(base, method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const req = http.request(`${base}${path}`, { method, agent, headers: { ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}), ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export function podManifest(name) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'bench', tier: 'web' } },
    spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'], ports: [{ containerPort: 8080 }] }] },
  };
}

export const ms = (n) => Math.round(n * 100) / 100;

/**
 * Opens a watch (`url` already has ?watch=true) and calls onEvent(event, receivedAt) for each
 * NDJSON line; receivedAt is taken when the chunk arrived, before parsing. Returns the request
 * (destroy it to stop) and calls onEnd when the server ends the stream.
 */
export function watchEvents(url, { agent = new http.Agent(), onEvent, onEnd = () => {}, onError = () => {} }) {
  const req = http.get(url, { agent }, (res) => {
    let buf = '';
    res.on('data', (chunk) => {
      const receivedAt = performance.now();
      buf += chunk.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        onEvent(JSON.parse(line), receivedAt);
      }
    });
    res.on('end', onEnd);
  });
  req.on('error', onError);
  return req;
}
