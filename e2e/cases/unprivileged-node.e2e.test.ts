// An unprivileged node (issue 4): the whole cluster run as `nobody`, so the kubelet cannot make
// network namespaces. It falls back to the host's network and says so — on the Node (annotations)
// and with a Warning event on each pod — and pods still run, log, exec and answer on a NodePort.
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { V1Node } from '@kubernetes/client-node';
import { ApiClient, connectionFromKubeconfig, loadKubeconfig } from '@kctl/shared';
import { KCTL_BIN } from '../harness/paths.js';
import { POD_WAIT, readPod } from '../harness/pods.js';
import { hasKubectl, kubectl } from '../harness/run-cli.js';

const NOBODY = 65534;
const canDropPrivileges = process.getuid?.() === 0;

let dataDir: string;
let client: ApiClient | undefined;

/** kctl as the `nobody` user, with the data dir as its home. */
function kctlAsNobody(args: string[]) {
  return execa('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, KCTL_BIN, ...args], {
    env: { HOME: dataDir, PATH: process.env.PATH ?? '/usr/bin:/bin' },
    cwd: dataDir,
    reject: false,
    stdin: 'ignore',
  });
}

const run = (args: string[], input?: string) => kubectl(join(dataDir, 'kubeconfig'), args, input);

const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'plain', labels: { app: 'plain' } },
  spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo started; exec sleep 3600'] }] },
};

describe.skipIf(!hasKubectl || !canDropPrivileges)('a node without the privileges for pod networks', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kctl-unprivileged-'));
    chownSync(dataDir, NOBODY, NOBODY);
    const up = await kctlAsNobody(['cluster', 'up', '--detach', '--data-dir', dataDir, '--port', '0', '--nodes', '1', '--kubelet-arg=--backoff-base-ms=1000']);
    expect(up.exitCode, up.stderr).toBe(0);
    client = new ApiClient(connectionFromKubeconfig(loadKubeconfig(join(dataDir, 'kubeconfig'))));
  }, 60_000);

  afterAll(async () => {
    client?.close();
    const down = await kctlAsNobody(['cluster', 'down', '--data-dir', dataDir]);
    rmSync(dataDir, { recursive: true, force: true });
    expect(down.exitCode, down.stderr).toBe(0);
  }, 90_000);

  it('reports the host-network fallback on the Node', async () => {
    const node = (await client!.get<{ items: V1Node[] }>('/api/v1/nodes')).items[0]!;
    expect(node.metadata?.annotations?.['kctl.io/pod-network']).toBe('host');
    expect(node.metadata?.annotations?.['kctl.io/pod-network-fallback-reason']).toMatch(/not running as root/);
  });

  it('runs pods on the node network, with a Warning event on each, and everything else works', async () => {
    const applied = await run(['apply', '-f', '-'], JSON.stringify(POD));
    expect(applied.exitCode, applied.stderr).toBe(0);
    const waited = await run(['wait', '--for=condition=Ready', 'pod/plain', '--timeout=60s']);
    expect(waited.exitCode, waited.stderr).toBe(0);
    const pod = await readPod(client!, 'plain');
    expect(pod.status?.podIP).toBe(pod.status?.hostIP);
    await vi.waitFor(async () => {
      const events = await run(['get', 'events', '--field-selector', 'involvedObject.name=plain,reason=HostNetworkFallback', '-o', 'jsonpath={.items[*].type}']);
      expect(events.stdout).toBe('Warning');
    }, POD_WAIT);
    expect((await run(['logs', 'plain'])).stdout).toBe('started');
    const exec = await run(['exec', 'plain', '--', 'id', '-u']);
    expect(exec.stdout.trim()).toBe(String(NOBODY));
  });
});
