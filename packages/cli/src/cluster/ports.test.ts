import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPortFree, pickFreePort, readKeptPorts, resolvePort } from './ports.js';

let dir: string;
let portsFile: string;
const servers: Server[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kctl-ports-'));
  portsFile = join(dir, 'ports.json');
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
});

/** Occupies a loopback port for the rest of the test. */
async function occupyPort(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return address.port;
}

describe('port selection', () => {
  it('picks a port that is free', async () => {
    const port = await pickFreePort();
    expect(port).toBeGreaterThan(0);
    expect(await isPortFree(port)).toBe(true);
  });

  it('sees an occupied port as taken', async () => {
    expect(await isPortFree(await occupyPort())).toBe(false);
  });

  it('picks a free port once and reuses it on the next up', async () => {
    const first = await resolvePort(portsFile, 'apiserver', undefined);
    expect(JSON.parse(readFileSync(portsFile, 'utf8'))).toEqual({ apiserver: first });
    expect(await resolvePort(portsFile, 'apiserver', undefined)).toBe(first);
  });

  it('keeps an explicit port, and other components\' ports beside it', async () => {
    writeFileSync(portsFile, JSON.stringify({ kubelet: 10250 }));
    const explicit = await pickFreePort();
    expect(await resolvePort(portsFile, 'apiserver', explicit)).toBe(explicit);
    expect(readKeptPorts(portsFile)).toEqual({ kubelet: 10250, apiserver: explicit });
    expect(await resolvePort(portsFile, 'apiserver', undefined)).toBe(explicit);
  });

  it('refuses a kept port that something else now holds, naming where it was kept', async () => {
    const busy = await occupyPort();
    writeFileSync(portsFile, JSON.stringify({ apiserver: busy }));
    await expect(resolvePort(portsFile, 'apiserver', undefined)).rejects.toThrow(
      `port ${busy} (kept in ${portsFile}) for apiserver is already in use`,
    );
  });

  it('--port 0 picks a fresh port even when the kept one is taken', async () => {
    const busy = await occupyPort();
    writeFileSync(portsFile, JSON.stringify({ apiserver: busy }));
    const fresh = await resolvePort(portsFile, 'apiserver', 0);
    expect(fresh).not.toBe(busy);
    expect(readKeptPorts(portsFile)).toEqual({ apiserver: fresh });
  });

  it('ignores a corrupt or nonsensical ports file', () => {
    writeFileSync(portsFile, '{not json');
    expect(readKeptPorts(portsFile)).toEqual({});
    writeFileSync(portsFile, JSON.stringify({ apiserver: 'x', scheduler: 70000, ok: 8080 }));
    expect(readKeptPorts(portsFile)).toEqual({ ok: 8080 });
  });
});
