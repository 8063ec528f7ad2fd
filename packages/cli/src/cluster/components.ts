// The component table: which processes make up a cluster and how each is started. The CLI only
// ever runs the other packages' bundled entry points, never imports them. Adding a component
// (scheduler, controller manager, kubelets) is one entry here.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { ClusterPaths } from './paths.js';
import { LOOPBACK } from './ports.js';
import type { SupervisedComponent } from './supervisor.js';

export interface ComponentContext {
  paths: ClusterPaths;
  apiServerPort: number;
}

export interface ComponentDefinition {
  /** Names logs/<name>.log and run/<name>.pid. */
  name: string;
  /** Package export of the component's bundled entry, e.g. '@kctl/apiserver/main'. */
  entryModule: string;
  /** Environment variable that points at another entry file (tests, development). */
  entryOverrideEnv: string;
  args(context: ComponentContext): string[];
}

export const API_SERVER = 'apiserver';

export const CLUSTER_COMPONENTS: readonly ComponentDefinition[] = [
  {
    name: API_SERVER,
    entryModule: '@kctl/apiserver/main',
    entryOverrideEnv: 'KCTL_APISERVER_ENTRY',
    args: ({ paths, apiServerPort }) => [
      '--data-dir', paths.dataDir,
      '--port', String(apiServerPort),
      '--bind-address', LOOPBACK,
    ],
  },
  // Next, in start order, e.g.:
  // { name: 'scheduler', entryModule: '@kctl/scheduler/main', entryOverrideEnv: 'KCTL_SCHEDULER_ENTRY',
  //   args: ({ paths }) => ['--kubeconfig', paths.kubeconfig] },
];

export function resolveComponentEntry(definition: ComponentDefinition, env: NodeJS.ProcessEnv = process.env): string {
  const override = env[definition.entryOverrideEnv];
  if (override) return resolve(override);
  try {
    return createRequire(import.meta.url).resolve(definition.entryModule);
  } catch {
    throw new Error(
      `cannot find the ${definition.name} entry ${definition.entryModule}: ` +
        `run "npm run build", or set ${definition.entryOverrideEnv} to its file`,
    );
  }
}

/** Resolves every entry up front, so a missing build fails `up` at once instead of crash-looping. */
export function supervisedComponents(
  definitions: readonly ComponentDefinition[],
  context: ComponentContext,
  env: NodeJS.ProcessEnv = process.env,
): SupervisedComponent[] {
  return definitions.map((definition) => ({
    name: definition.name,
    command: process.execPath,
    args: [resolveComponentEntry(definition, env), ...definition.args(context)],
  }));
}
