// Every verb registers itself from its own file. Verbs are loaded on demand: a command line
// names one verb, and loading only its module keeps kctl's start-up close to Node's own.
import type { Command } from 'commander';
import type { CommandRunner } from '../command-runner.js';

type Register = (program: Command, run: CommandRunner) => void;

const VERBS: Record<string, () => Promise<Register>> = {
  get: () => import('./get.js').then((m) => m.registerGet),
  describe: () => import('./describe.js').then((m) => m.registerDescribe),
  apply: () => import('./apply.js').then((m) => m.registerApply),
  create: () => import('./create-subcommands.js').then((m) => m.registerCreateWithSubcommands),
  delete: () => import('./delete.js').then((m) => m.registerDelete),
  label: () => import('./label.js').then((m) => m.registerLabelAndAnnotate),
  annotate: () => import('./label.js').then((m) => m.registerLabelAndAnnotate),
  patch: () => import('./patch.js').then((m) => m.registerPatch),
  wait: () => import('./wait.js').then((m) => m.registerWait),
  logs: () => import('./logs.js').then((m) => m.registerLogs),
  exec: () => import('./exec.js').then((m) => m.registerExec),
  attach: () => import('./attach.js').then((m) => m.registerAttach),
  'port-forward': () => import('./port-forward.js').then((m) => m.registerPortForward),
  run: () => import('./run.js').then((m) => m.registerRun),
  expose: () => import('./expose.js').then((m) => m.registerExpose),
  scale: () => import('./scale.js').then((m) => m.registerScale),
  rollout: () => import('./rollout.js').then((m) => m.registerRollout),
  set: () => import('./set.js').then((m) => m.registerSet),
  'api-resources': () => import('./api-resources.js').then((m) => m.registerApiResources),
  'api-versions': () => import('./api-versions.js').then((m) => m.registerApiVersions),
  version: () => import('./version.js').then((m) => m.registerVersion),
  'cluster-info': () => import('./cluster-info.js').then((m) => m.registerClusterInfo),
  config: () => import('./config.js').then((m) => m.registerConfig),
  completion: () => import('./completion.js').then((m) => m.registerCompletion),
  cluster: () => import('../cluster/index.js').then((m) => (program: Command) => m.registerClusterCommand(program)),
};

/** Registers the named verb only, or every verb (for help, completion and unknown names). */
export async function registerVerbs(program: Command, run: CommandRunner, verb?: string): Promise<void> {
  const loaders = verb && VERBS[verb] && verb !== 'completion' ? [VERBS[verb]] : [...new Set(Object.values(VERBS))];
  const registered = new Set<Register>();
  for (const register of await Promise.all(loaders.map((load) => load()))) {
    // label and annotate share one module that registers both.
    if (registered.has(register)) continue;
    registered.add(register);
    register(program, run);
  }
}
