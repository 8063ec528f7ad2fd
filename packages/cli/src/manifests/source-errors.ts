// kubectl keeps going after a failed object (the builder's ContinueOnError) and reports every
// failure at the end: one error prints as usual ("error: ..." / "Error from server ..."), several
// print one per line without the "error: " prefix (cmdutil.MultipleErrors).
import { ApiError } from '@kctl/shared';
import { reportError } from '../command-runner.js';

/** Several independent failures, reported together. */
export class ErrorList extends Error {
  constructor(readonly errors: Error[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

/**
 * cmdutil.AddSourceToErr: `error when creating "f.yaml": <message>`. A server error stays a
 * server error (same reason and details), so it still prints as `Error from server (...)`.
 */
export function withSource(verb: string, source: string, err: unknown): Error {
  if (!source) return err instanceof Error ? err : new Error(String(err));
  const prefix = `error when ${verb} ${JSON.stringify(source)}: `;
  if (err instanceof ApiError) return new ApiError(err.code, err.reason, prefix + err.message, err.details);
  return new Error(prefix + (err instanceof Error ? err.message : String(err)));
}

/** cmdutil.StandardErrorMessage, falling back to the bare message. */
function standardMessage(err: Error): string {
  if (!(err instanceof ApiError)) return err.message;
  if (err.code === 401) return `error: You must be logged in to the server (${err.message})`;
  return `Error from server (${err.reason}): ${err.message}`;
}

/** Prints the failures as kubectl does and returns the exit code (0 when there were none). */
export function reportErrors(errors: readonly Error[]): number {
  const flat = errors.flatMap((e) => (e instanceof ErrorList ? e.errors : [e]));
  if (flat.length === 0) return 0;
  if (flat.length === 1) reportError(flat[0]);
  else process.stderr.write(flat.map((e) => `${standardMessage(e)}\n`).join(''));
  return 1;
}

/** Runs a verb, reporting a thrown ErrorList line by line instead of as one "error: ..." message. */
export async function reportingErrorLists(verb: () => Promise<number>): Promise<number> {
  try {
    return await verb();
  } catch (err) {
    if (err instanceof ErrorList) return reportErrors(err.errors);
    throw err;
  }
}
