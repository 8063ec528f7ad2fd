// kctl config view|get-contexts|current-context|use-context|set-context: kubeconfig editing,
// entirely offline. The logic lives in ./config/; this file only declares the commands.
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { KubeconfigFiles } from './config/kubeconfig-files.js';
import { renderConfigView } from './config/config-view.js';
import type { ViewOptions } from './config/config-view.js';
import { currentContext, getContexts, setContext, useContext } from './config/config-contexts.js';
import type { SetContextOptions } from './config/config-contexts.js';

function filesOf(ctx: CliContext): KubeconfigFiles {
  return new KubeconfigFiles(ctx.globals.kubeconfig);
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

export function registerConfig(program: Command, run: CommandRunner): void {
  const config = program.command('config').description('Modify kubeconfig files');

  config
    .command('view')
    .description('Display merged kubeconfig settings or a specified kubeconfig file')
    .option('--minify', 'remove all information not used by current-context from the output')
    .option('--raw', 'display raw byte data and sensitive data')
    .option('-o, --output <format>', 'json|yaml', 'yaml')
    .action(run(async (ctx, _args: string[], opts: ViewOptions) =>
      print(renderConfigView(filesOf(ctx).merged(), { ...opts, ...(ctx.globals.context ? { context: ctx.globals.context } : {}) })),
    ));

  config
    .command('get-contexts')
    .description('Describe one or many contexts')
    .argument('[names...]')
    .option('-o, --output <format>', 'name')
    .option('--no-headers', 'accepted for kubectl compatibility')
    .action(run(async (ctx, names: string[], opts: { output?: string }) => {
      const { text, error } = getContexts(filesOf(ctx), names, opts.output);
      process.stdout.write(text);
      if (error) throw error;
      return 0;
    }));

  config
    .command('current-context')
    .description('Display the current-context')
    .action(run(async (ctx) => print(currentContext(filesOf(ctx)))));

  config
    .command('use-context')
    .alias('use')
    .description('Set the current-context in a kubeconfig file')
    .argument('<name>')
    .action(run(async (ctx, [name]: string[]) => print(useContext(filesOf(ctx), name ?? ''))));

  config
    .command('set-context')
    .description('Set a context entry in kubeconfig')
    .argument('[name]')
    .option('--current', 'modify the current context')
    .option('--cluster <name>', 'cluster for the context entry in kubeconfig')
    .option('--user <name>', 'user for the context entry in kubeconfig')
    .option('--namespace <namespace>', 'namespace for the context entry in kubeconfig')
    .action(run(async (ctx, [name]: string[], opts: SetContextOptions) =>
      // The root program owns -n/--namespace, so the value may arrive as a global option.
      print(setContext(filesOf(ctx), name, { ...opts, ...(opts.namespace ?? ctx.globals.namespace ? { namespace: opts.namespace ?? ctx.globals.namespace } : {}) })),
    ));
}
