// kctl completion bash|zsh: prints a shell completion script for kctl.
import type { Command } from 'commander';
import type { CommandRunner } from '../command-runner.js';
import { UsageError } from '../resource-arguments.js';
import { completionModel } from './completion/completion-model.js';
import { bashCompletionScript, zshCompletionScript } from './completion/bash-script.js';

const SHELLS = ['bash', 'zsh'];

export function registerCompletion(program: Command, run: CommandRunner): void {
  program
    .command('completion')
    .description('Output shell completion code for the specified shell (bash or zsh)')
    .argument('[shell]')
    .action(run(async (ctx, [shell]: string[]) => {
      if (!shell) throw new UsageError('Shell not specified.');
      if (!SHELLS.includes(shell)) throw new UsageError(`Unsupported shell type ${JSON.stringify(shell)}.`);
      // The model is read at action time, when every verb has been registered.
      const model = completionModel(program, ctx.catalog);
      process.stdout.write(shell === 'bash' ? bashCompletionScript(model) : zshCompletionScript(model));
      return 0;
    }));
}
