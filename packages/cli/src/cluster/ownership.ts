// How `status` and `down` recognise the processes a data dir's pid files point at, so a pid
// the OS has since handed to an unrelated program is never signalled.
import type { CommandLineMatcher } from './processes.js';

/** The supervisor is always some `... cluster up ...` invocation of the CLI. */
export const isSupervisorCommandLine: CommandLineMatcher = (argv) => argv.includes('cluster') && argv.includes('up');

/** Every component gets a flag pointing into its data dir (`--data-dir`, `--kubeconfig`). */
export function mentionsDataDir(dataDir: string): CommandLineMatcher {
  return (argv) => argv.some((arg) => arg.includes(dataDir));
}
