// The context sub-commands of `kctl config`: get-contexts, current-context, use-context,
// set-context. They read the merged kubeconfig and write single files (see kubeconfig-files.ts).
import { tabWriter } from '@kctl/shared';
import { UsageError } from '../../resource-arguments.js';
import type { KubeconfigFiles } from './kubeconfig-files.js';

export function getContexts(files: KubeconfigFiles, names: string[], output: string | undefined): { text: string; error?: Error } {
  if (output !== undefined && output !== 'name') throw new UsageError(`output must be one of '' or 'name': ${output}`);
  const config = files.merged();
  const wanted = names.length > 0 ? names : config.contexts.map((c) => c.name);
  const missing = wanted.filter((n) => !config.contexts.some((c) => c.name === n));
  const shown = config.contexts.filter((c) => wanted.includes(c.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const text =
    output === 'name'
      ? shown.map((c) => `${c.name}\n`).join('')
      : tabWriter([
          ['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'],
          ...shown.map((c) => [c.name === config['current-context'] ? '*' : '', c.name, c.context.cluster, c.context.user ?? '', c.context.namespace ?? '']),
        ]);
  // The table is printed first, then the names that were not found are reported.
  const errors = missing.map((n) => `context ${n} not found`);
  const error = errors.length === 0 ? undefined : new UsageError(errors.length === 1 ? (errors[0] ?? '') : `[${errors.join(', ')}]`);
  return { text, ...(error ? { error } : {}) };
}

export function currentContext(files: KubeconfigFiles): string {
  const name = files.merged()['current-context'];
  if (!name) throw new UsageError('current-context is not set');
  return `${name}\n`;
}

export function useContext(files: KubeconfigFiles, name: string): string {
  if (!files.merged().contexts.some((c) => c.name === name)) throw new UsageError(`no context exists with the name: ${JSON.stringify(name)}`);
  files.update(files.fileForCurrentContext(), (config) => {
    config['current-context'] = name;
  });
  return `Switched to context ${JSON.stringify(name)}.\n`;
}

export interface SetContextOptions {
  current?: boolean;
  cluster?: string;
  user?: string;
  namespace?: string;
}

export function setContext(files: KubeconfigFiles, nameArg: string | undefined, opts: SetContextOptions): string {
  if (!nameArg && !opts.current) throw new UsageError('you must specify a non-empty context name or --current');
  if (nameArg && opts.current) throw new UsageError('you cannot specify both a context name and --current');
  const name = opts.current ? files.merged()['current-context'] : nameArg;
  if (!name) throw new UsageError('no current context is set');
  // kubectl decides "modified" or "created" on the merged view of all files.
  const existed = files.merged().contexts.some((c) => c.name === name);
  files.update(files.fileForContext(name), (config) => {
    const entry = config.contexts.find((c) => c.name === name);
    const context = { ...(entry?.context ?? { cluster: '' }) };
    if (opts.cluster !== undefined) context.cluster = opts.cluster;
    if (opts.user !== undefined) context.user = opts.user;
    if (opts.namespace !== undefined) context.namespace = opts.namespace;
    if (entry) entry.context = context;
    else config.contexts.push({ name, context });
  });
  return `Context ${JSON.stringify(name)} ${existed ? 'modified' : 'created'}.\n`;
}
