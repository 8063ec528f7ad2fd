// What create/apply print for each object they wrote: kubectl's name printer with an operation
// ("pod/x created", "pod/x unchanged (dry run)"), just "pod/x" for -o name, or the object for
// -o json|yaml.
import { apiVersionOf } from '@kctl/shared';
import type { KubernetesObject, ResourceType } from '@kctl/shared';
import { kindGroup, UsageError } from '../resource-arguments.js';
import { toJson, toYaml } from '../output/object-output.js';
import { dryRunSuffix } from './write-flags.js';
import type { DryRunStrategy } from './write-flags.js';

export type WrittenFormat = 'operation' | 'name' | 'json' | 'yaml';

export function parseWrittenFormat(output: string | undefined): WrittenFormat {
  if (output === undefined || output === '') return 'operation';
  if (output === 'name' || output === 'json' || output === 'yaml') return output;
  throw new UsageError(
    `unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`,
  );
}

/** The object as printed: the server's answer carries apiVersion/kind, a client dry run may not. */
export function withTypeMeta(obj: KubernetesObject, type: ResourceType): KubernetesObject {
  return { ...obj, apiVersion: obj.apiVersion ?? apiVersionOf(type), kind: obj.kind ?? type.kind };
}

export class WrittenPrinter {
  private printed = 0;

  constructor(
    readonly format: WrittenFormat,
    private readonly dryRun: DryRunStrategy,
  ) {}

  /** True for -o json|yaml, where apply prints the objects rather than what it did. */
  get printsObjects(): boolean {
    return this.format === 'json' || this.format === 'yaml';
  }

  print(type: ResourceType, obj: KubernetesObject, operation: string): void {
    const name = `${kindGroup(type)}/${obj.metadata?.name ?? ''}`;
    if (this.format === 'operation') process.stdout.write(`${name} ${operation}${dryRunSuffix(this.dryRun)}\n`);
    else if (this.format === 'name') process.stdout.write(`${name}\n`);
    else this.printObject(withTypeMeta(obj, type));
  }

  /** -o json|yaml: one object per call; YAML documents after the first get a "---" line. */
  printObject(obj: KubernetesObject): void {
    if (this.format === 'json') process.stdout.write(toJson(obj));
    else process.stdout.write(`${this.printed > 0 ? '---\n' : ''}${toYaml(obj)}`);
    this.printed++;
  }
}
