// kctl create cronjob NAME --image=image --schedule='0/5 * * * ?' [--restart=OnFailure] -- [COMMAND] [args...]
// kubectl's create_cronjob.go: one container named after the CronJob, the template's metadata
// named too, restartPolicy OnFailure unless --restart says Never.
import type { Command } from 'commander';
import type { KubernetesObject } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { UsageError } from '../resource-arguments.js';
import { withParentOptions } from './create-parent-options.js';
import { createGenerated, splitAtDash } from './create-generated.js';
import type { GeneratorWriteOptions } from './create-generated.js';

export interface CreateCronJobOptions extends GeneratorWriteOptions {
  image?: string;
  schedule?: string;
  restart?: string;
}

const CRONJOBS = { group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob' };

/** createCronJob, in Go's field order. */
export function cronJobFor(name: string, image: string, schedule: string, restartPolicy: string, command: string[], namespace?: string): KubernetesObject {
  return {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: { name, ...(namespace ? { namespace } : {}), creationTimestamp: null },
    spec: {
      schedule,
      jobTemplate: {
        metadata: { name, creationTimestamp: null },
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: { containers: [{ name, image, ...(command.length ? { command } : {}), resources: {} }], restartPolicy },
          },
        },
      },
    },
    status: {},
  } as unknown as KubernetesObject;
}

export function registerCreateCronJob(create: Command, run: CommandRunner): void {
  create
    .command('cronjob')
    .alias('cj')
    .description('Create a cronjob with the specified name')
    .argument('[args...]', 'NAME --image=image --schedule=\'0/5 * * * ?\' -- [COMMAND] [args...]')
    .option('--image <image>', 'Image name to run.')
    .option('--schedule <schedule>', 'A schedule in the Cron format the job should be run with.')
    .option('--restart <policy>', "job's restart policy. supported values: OnFailure, Never")
    .action(withParentOptions(run(async (ctx, args: string[], opts: CreateCronJobOptions) => createCronJob(ctx, args, opts))));
}

export async function createCronJob(ctx: Pick<CliContext, 'client' | 'catalog' | 'namespace' | 'namespaceExplicit'>, args: string[], opts: CreateCronJobOptions, argv?: readonly string[]): Promise<number> {
  const { names, command } = splitAtDash(args, argv);
  if (names.length !== 1) throw new UsageError(`exactly one NAME is required, got ${names.length}`);
  if (!opts.image) throw new UsageError('--image must be specified');
  if (!opts.schedule) throw new UsageError('--schedule must be specified');
  const restart = opts.restart || 'OnFailure';
  const namespace = ctx.namespaceExplicit ? ctx.namespace : undefined;
  return createGenerated(ctx, CRONJOBS, cronJobFor(names[0]!, opts.image, opts.schedule, restart, command, namespace), opts);
}
