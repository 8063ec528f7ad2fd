// What the completion scripts complete, read from the commander program and the resource
// catalog at generation time, so new verbs, flags and kinds show up without editing scripts.
import type { Command } from 'commander';
import type { ResourceCatalog } from '@kctl/shared';

export interface CompletedCommand {
  name: string;
  flags: string[];
  subcommands: string[];
}

export interface CompletionModel {
  commands: CompletedCommand[];
  globalFlags: string[];
  /** plural, singular and short names of every resource type */
  resourceTypes: string[];
}

function flagsOf(command: Command): string[] {
  return command.options.flatMap((o) => [o.long, o.short].filter((f): f is string => Boolean(f)));
}

export function completionModel(program: Command, catalog: ResourceCatalog): CompletionModel {
  const commands = program.commands.map((c) => ({
    name: c.name(),
    flags: flagsOf(c),
    subcommands: c.commands.map((s) => s.name()),
  }));
  const names = catalog.types.filter((t) => !t.storedAs).flatMap((t) => [t.resource, t.singular, ...t.shortNames]);
  return { commands, globalFlags: flagsOf(program), resourceTypes: [...new Set(names)].sort() };
}
