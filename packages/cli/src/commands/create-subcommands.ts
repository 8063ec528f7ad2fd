// `kctl create` with its generators: `create -f` (create.ts) plus one subcommand per kind, each
// from its own file. The verb table points `create` here.
import type { Command } from 'commander';
import type { CommandRunner } from '../command-runner.js';
import { registerCreate } from './create.js';
import { registerCreateDeployment } from './create-deployment.js';
import { registerCreateJob } from './create-job.js';
import { registerCreateCronJob } from './create-cronjob.js';

const SUBCOMMANDS: Array<(create: Command, run: CommandRunner) => void> = [registerCreateDeployment, registerCreateJob, registerCreateCronJob];

export function registerCreateWithSubcommands(program: Command, run: CommandRunner): void {
  registerCreate(program, run);
  const create = program.commands.find((c) => c.name() === 'create');
  if (!create) throw new Error('create did not register');
  for (const register of SUBCOMMANDS) register(create, run);
}
