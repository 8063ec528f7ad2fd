// Runs a verb: builds the context from global flags, prints errors as kubectl does, and sets
// the exit code. No stack trace ever reaches the user.
import type { Command } from 'commander';
import { ApiError } from '@kctl/shared';
import { CliContext } from './cli-context.js';
import type { GlobalOptions } from './cli-context.js';

export type VerbAction<A extends unknown[], O> = (ctx: CliContext, ...params: [...A, O]) => Promise<number | void>;

export type CommandRunner = <O>(fn: (ctx: CliContext, args: string[], opts: O) => Promise<number | void>) => (...params: unknown[]) => Promise<void>;

/** kubectl's wording for a failed request (cmdutil.CheckErr / StandardErrorMessage). */
export function formatError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.reason === 'Invalid' && err.details?.kind && err.details.causes?.length) {
      const causes = err.details.causes.map((c) => (c.field ? `${c.field}: ${c.message}` : String(c.message)));
      const body = causes.length === 1 ? causes[0] : `\n* ${causes.join('\n* ')}`;
      return `The ${err.details.kind} "${err.details.name ?? ''}" is invalid: ${body}`;
    }
    if (err.code === 401) return `error: You must be logged in to the server (${err.message})`;
    return `Error from server (${err.reason}): ${err.message}`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return message.startsWith('error: ') || message.startsWith('Error from server') ? message : `error: ${message}`;
}

export function reportError(err: unknown): void {
  process.stderr.write(`${formatError(err)}\n`);
}

export function collectValues(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function makeRunner(): CommandRunner {
  return (fn) =>
    async (...params: unknown[]) => {
      const command = params[params.length - 1] as Command;
      const opts = params[params.length - 2];
      const args = params.slice(0, -2).flatMap((p) => (Array.isArray(p) ? p : p === undefined ? [] : [p])) as string[];
      const globals = command.optsWithGlobals<GlobalOptions>();
      const ctx = new CliContext(globals);
      try {
        const code = await fn(ctx, args, opts as never);
        if (code) process.exitCode = code;
      } catch (err) {
        reportError(err);
        process.exitCode = 1;
      } finally {
        ctx.close();
      }
    };
}
