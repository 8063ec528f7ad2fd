// kctl version [--client] [-o json|yaml]: kctl's own version and the server's /version, in
// kubectl's shapes (text lines, or {clientVersion, serverVersion}).
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { UsageError } from '../resource-arguments.js';
import { sortKeys, toYaml } from '../output/object-output.js';

export const CLIENT_GIT_VERSION = 'v1.32.0-kctl';

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export interface VersionOptions {
  client?: boolean;
  output?: string;
}

export function clientVersion(): VersionInfo {
  return {
    major: '1',
    minor: '32',
    gitVersion: CLIENT_GIT_VERSION,
    gitCommit: '',
    gitTreeState: 'clean',
    buildDate: '',
    // Node stands where kubectl reports its Go toolchain.
    goVersion: `node${process.versions.node}`,
    compiler: 'node',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}

export function registerVersion(program: Command, run: CommandRunner): void {
  program
    .command('version')
    .description('Print the client and server version information')
    .option('--client', 'if true, shows client version only (no server required)')
    .option('-o, --output <format>', 'one of yaml or json')
    .action(run(async (ctx, _args: string[], opts: VersionOptions) => printVersion(ctx, opts)));
}

export async function printVersion(ctx: Pick<CliContext, 'client'>, opts: VersionOptions, out: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  if (opts.output !== undefined && opts.output !== 'json' && opts.output !== 'yaml') throw new UsageError(`--output must be 'yaml' or 'json'`);
  const client = clientVersion();
  // kubectl still prints what it has when the server cannot be reached, then reports the error.
  let server: VersionInfo | undefined;
  let serverError: unknown;
  if (!opts.client) {
    try {
      server = await ctx.client.get<VersionInfo>('/version');
    } catch (err) {
      serverError = err;
    }
  }
  if (opts.output === 'json') {
    // Go's json.MarshalIndent keeps the struct field order and uses two spaces.
    out(`${JSON.stringify({ clientVersion: client, ...(server ? { serverVersion: server } : {}) }, null, 2)}\n`);
  } else if (opts.output === 'yaml') {
    out(toYaml(sortKeys({ clientVersion: client, ...(server ? { serverVersion: server } : {}) })));
  } else {
    out(`Client Version: ${client.gitVersion}\n`);
    if (server) out(`Server Version: ${server.gitVersion}\n`);
  }
  if (serverError) throw serverError;
  return 0;
}
