// kctl create deployment NAME --image=image -- [COMMAND] [args...]
// Builds the Deployment kubectl's generator builds (labels app=NAME, one container per image
// named after the image, --port on the first container) and creates it, or prints it for
// --dry-run=client with Go's field order (create-generated.ts).
import type { Command } from 'commander';
import type { KubernetesObject } from '@kctl/shared';
import type { CliContext } from '../cli-context.js';
import type { CommandRunner } from '../command-runner.js';
import { collectValues } from '../command-runner.js';
import { UsageError } from '../resource-arguments.js';
import { createGenerated, splitAtDash } from './create-generated.js';
import type { GeneratorWriteOptions } from './create-generated.js';
import { withParentOptions } from './create-parent-options.js';

export interface CreateDeploymentOptions extends GeneratorWriteOptions {
  image: string[];
  replicas: string;
  port: string;
}

export interface DeploymentSpecInput {
  name: string;
  images: string[];
  replicas: number;
  /** -1: no port */
  port: number;
  command: string[];
  /** set only when -n was given (kubectl's EnforceNamespace) */
  namespace?: string;
}

// k8s.io/apimachinery/pkg/util/rand: consonants and digits that never spell words.
const RAND_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(length: number): string {
  return Array.from({ length }, () => RAND_ALPHABET[Math.floor(Math.random() * RAND_ALPHABET.length)]).join('');
}

/** The container name kubectl derives from an image: last path part, no tag or digest, DNS-safe. */
export function containerNameForImage(image: string, suffix: (n: number) => string = randomSuffix): string {
  let name = image.split('/').pop() ?? image;
  name = name.split(':')[0] ?? name;
  name = name.split('@')[0] ?? name;
  if (/[_.]/.test(name)) name = `${name.replaceAll('_', '-').replaceAll('.', '-')}-${suffix(5)}`;
  return name;
}

/** The Deployment in Go's field order (what `-o json` under --dry-run=client shows). */
export function deploymentFor(input: DeploymentSpecInput, suffix?: (n: number) => string): KubernetesObject {
  const labels = { app: input.name };
  const containers = input.images.map((image, i) => ({
    name: containerNameForImage(image, suffix),
    image,
    ...(input.command.length > 0 ? { command: input.command } : {}),
    ...(i === 0 && input.port >= 0 ? { ports: [{ containerPort: input.port }] } : {}),
    resources: {},
  }));
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name: input.name, ...(input.namespace ? { namespace: input.namespace } : {}), creationTimestamp: null, labels },
    spec: {
      replicas: input.replicas,
      selector: { matchLabels: labels },
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
      strategy: {},
    },
    status: {},
  } as unknown as KubernetesObject;
}

function parseInt32(flag: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`invalid argument ${JSON.stringify(value)} for "${flag}" flag: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
  return Number(value);
}

export function registerCreateDeployment(create: Command, run: CommandRunner): void {
  create
    .command('deployment')
    .alias('deploy')
    .description('Create a deployment with the specified name')
    .argument('[args...]', 'NAME [-- COMMAND [args...]]')
    .option('--image <image>', 'Image names to run. A deployment can have multiple images set for multi-container pod.', collectValues, [])
    .option('-r, --replicas <n>', 'Number of replicas to create. Default is 1.', '1')
    .option('--port <port>', 'The containerPort that this deployment exposes.', '-1')
    .action(withParentOptions(run(async (ctx, args: string[], opts: CreateDeploymentOptions) => createDeployment(ctx, args, opts))));
}

export async function createDeployment(ctx: Pick<CliContext, 'client' | 'catalog' | 'namespace' | 'namespaceExplicit'>, args: string[], opts: CreateDeploymentOptions, argv?: readonly string[]): Promise<number> {
  const { names, command } = splitAtDash(args, argv);
  if (names.length !== 1) throw new UsageError(`exactly one NAME is required, got ${names.length}\nSee 'kctl create deployment -h' for help and examples`);
  if (opts.image.length === 0) throw new UsageError('required flag(s) "image" not set');
  if (opts.image.length > 1 && command.length > 0) throw new UsageError('cannot specify multiple --image options and command');
  const deployment = deploymentFor({
    name: names[0]!,
    images: opts.image,
    replicas: parseInt32('--replicas', opts.replicas),
    port: parseInt32('--port', opts.port),
    command,
    ...(ctx.namespaceExplicit ? { namespace: ctx.namespace } : {}),
  });
  return createGenerated(ctx, { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment' }, deployment, opts);
}
