// Ports a cluster listens on. A free port is chosen once per data dir and kept in
// run/ports.json: kubeconfigs (and, later, Node endpoints) embed it, so a restarted component
// and a later `up` must come back on the same one.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

export const LOOPBACK = '127.0.0.1';

export type KeptPorts = Record<string, number>;

export function readKeptPorts(portsFile: string): KeptPorts {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(portsFile, 'utf8'));
  } catch {
    return {};
  }
  const kept: KeptPorts = {};
  if (parsed && typeof parsed === 'object') {
    for (const [key, value] of Object.entries(parsed)) {
      if (isValidPort(value) && value > 0) kept[key] = value;
    }
  }
  return kept;
}

export function writeKeptPorts(portsFile: string, ports: KeptPorts): void {
  writeFileSync(portsFile, JSON.stringify(ports, null, 2) + '\n');
}

export function isValidPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65535;
}

/** Tries to listen on host:port; port 0 lets the OS choose. Resolves the bound port or undefined. */
function tryListen(port: number, host: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(undefined));
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const bound = address && typeof address === 'object' ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}

export async function pickFreePort(host = LOOPBACK): Promise<number> {
  const port = await tryListen(0, host);
  if (port === undefined) throw new Error(`could not find a free port on ${host}`);
  return port;
}

/**
 * A free port that no other component has kept: a kept port may be free only because its
 * component has not bound it yet (the detached parent picks the API port before the
 * supervisor picks the kubelets'), and two components must never share one.
 */
async function pickPortNotKept(kept: KeptPorts): Promise<number> {
  const taken = new Set(Object.values(kept));
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await pickFreePort();
    if (!taken.has(port)) return port;
  }
  throw new Error(`could not find a free port on ${LOOPBACK} that no other component keeps`);
}

export async function isPortFree(port: number, host = LOOPBACK): Promise<boolean> {
  return (await tryListen(port, host)) !== undefined;
}

/**
 * The port `key` listens on for this `up`: an explicit non-zero port; otherwise the kept one;
 * otherwise (or for an explicit 0) a fresh free port. The result is kept in `portsFile`.
 * Checking that it is free here turns a bind failure into one clear error instead of a
 * component crash-looping on EADDRINUSE.
 */
export async function resolvePort(portsFile: string, key: string, requested: number | undefined): Promise<number> {
  const kept = readKeptPorts(portsFile);
  const wanted = requested === 0 ? undefined : (requested ?? kept[key]);
  let port: number;
  if (wanted === undefined) {
    port = await pickPortNotKept(kept);
  } else if (await isPortFree(wanted)) {
    port = wanted;
  } else {
    const origin = requested === undefined ? ` (kept in ${portsFile})` : '';
    throw new Error(
      `port ${wanted}${origin} for ${key} is already in use; stop whatever holds it ` +
        `(an earlier cluster? try "kctl cluster down") or pass --port`,
    );
  }
  if (kept[key] !== port) writeKeptPorts(portsFile, { ...kept, [key]: port });
  return port;
}
