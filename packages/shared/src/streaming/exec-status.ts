// The Status a remote command ends with on channel 3, and client-go's rules for reading it back
// (remotecommand errorDecoderV4): Success → 0, NonZeroExitCode with an ExitCode cause → that
// code, any other Failure → an error carrying the message.
import type { Status } from '../api/object-types.js';

export function execSuccessStatus(): Pick<Status, 'metadata' | 'status'> {
  return { metadata: {}, status: 'Success' };
}

/** The kubelet's wording for a command that exited with a non-zero code. */
export function execExitCodeStatus(exitCode: number, argv: string[] = []): Omit<Status, 'kind' | 'apiVersion' | 'code'> {
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

/** Any other failure of the session (command not found, runtime error...). */
export function execFailureStatus(message: string, reason = 'InternalError'): Omit<Status, 'kind' | 'apiVersion' | 'code'> {
  return { metadata: {}, status: 'Failure', message, reason };
}

export type ExecOutcome = { exitCode: number } | { error: string };

/** client-go's decoding of the status channel, message for message. */
export function outcomeFromStatusPayload(payload: Buffer | string): ExecOutcome {
  const text = typeof payload === 'string' ? payload : payload.toString('utf8');
  if (text.length === 0) return { exitCode: 0 };
  let status: Partial<Status>;
  try {
    status = JSON.parse(text) as Partial<Status>;
  } catch (err) {
    return { error: `error stream protocol error: ${(err as Error).message} in ${JSON.stringify(text)}` };
  }
  if (status.status === 'Success') return { exitCode: 0 };
  if (status.status !== 'Failure') return { error: 'error stream protocol error: unknown error' };
  if (status.reason !== 'NonZeroExitCode') return { error: status.message ?? '' };
  if (!status.details) return { error: 'error stream protocol error: details must be set' };
  const cause = status.details.causes?.find((c) => c.reason === 'ExitCode');
  if (!cause) return { error: 'error stream protocol error: no ExitCode cause given' };
  const code = /^\d+$/.test(cause.message ?? '') ? Number(cause.message) : NaN;
  if (!(code >= 0 && code <= 255)) return { error: `error stream protocol error: invalid exit code value ${JSON.stringify(cause.message)}` };
  return { exitCode: code };
}

/** kubectl's line for a remote command that failed with a code. */
export function exitCodeMessage(exitCode: number): string {
  return `command terminated with exit code ${exitCode}`;
}
