// kctl api-versions: every group/version the server serves, sorted, one per line.
import type { Command } from 'commander';
import type { CommandRunner } from '../command-runner.js';
import { serverGroupVersions } from './discovery/server-discovery.js';
import type { DiscoveryClient } from './discovery/server-discovery.js';

export function registerApiVersions(program: Command, run: CommandRunner): void {
  program
    .command('api-versions')
    .description('Print the supported API versions on the server, in the form of "group/version"')
    .action(run(async (ctx) => {
      process.stdout.write(await apiVersions(ctx.client));
      return 0;
    }));
}

export async function apiVersions(client: DiscoveryClient): Promise<string> {
  const versions = (await serverGroupVersions(client)).map((gv) => gv.groupVersion).sort();
  return versions.map((v) => `${v}\n`).join('');
}
