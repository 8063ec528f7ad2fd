// `create`'s subcommands share its flags (-o, --dry-run, --validate, --field-manager,
// --save-config). Commander parses a parent's known options wherever they appear, so
// `kctl create deployment x -o yaml` leaves -o on `create`: the subcommand reads them from there.
import type { Command } from 'commander';

type Action = (...params: unknown[]) => Promise<void>;

/** Wraps a runner-made action so its options object also holds the parent command's options. */
export function withParentOptions(action: Action): Action {
  return (...params: unknown[]) => {
    const command = params[params.length - 1] as Command;
    const merged = { ...(command.parent?.opts() ?? {}), ...command.opts() };
    return action(...params.slice(0, -2), merged, command);
  };
}
