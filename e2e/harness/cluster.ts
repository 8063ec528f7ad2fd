// A whole cluster as a user starts it: `kctl cluster up --detach` in a temp data dir on a free
// port, stopped with `kctl cluster down` and the directory removed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, connectionFromKubeconfig, loadKubeconfig } from '@kctl/shared';
import { kctl } from './run-cli.js';

export interface TestCluster {
  dataDir: string;
  kubeconfig: string;
  client: ApiClient;
  stop(): Promise<void>;
}

export async function startCluster(): Promise<TestCluster> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kctl-cluster-'));
  const kubeconfig = join(dataDir, 'kubeconfig');
  const up = await kctl(kubeconfig, ['cluster', 'up', '--data-dir', dataDir, '--port', '0', '--detach']);
  if (up.exitCode !== 0) throw new Error(`kctl cluster up failed: ${up.stderr}`);
  const client = new ApiClient(connectionFromKubeconfig(loadKubeconfig(kubeconfig)));
  return {
    dataDir,
    kubeconfig,
    client,
    async stop() {
      client.close();
      await kctl(kubeconfig, ['cluster', 'down', '--data-dir', dataDir]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
