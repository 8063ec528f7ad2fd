import { describe, expect, it } from 'vitest';
import { execExitCodeStatus, execFailureStatus, execSuccessStatus, outcomeFromStatusPayload } from './exec-status.js';

const json = (v: unknown) => JSON.stringify(v);

describe('status channel', () => {
  it('reads Success and an empty status as exit code 0', () => {
    expect(outcomeFromStatusPayload(json(execSuccessStatus()))).toEqual({ exitCode: 0 });
    expect(outcomeFromStatusPayload('')).toEqual({ exitCode: 0 });
  });

  it('round-trips a non-zero exit code through the NonZeroExitCode status', () => {
    const status = execExitCodeStatus(3, ['sh', '-c', 'exit 3']);
    expect(status.message).toBe('command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3');
    expect(outcomeFromStatusPayload(json(status))).toEqual({ exitCode: 3 });
  });

  it('reports other failures by their message, as client-go does', () => {
    expect(outcomeFromStatusPayload(json(execFailureStatus('exec: "nope": executable file not found in $PATH')))).toEqual({
      error: 'exec: "nope": executable file not found in $PATH',
    });
  });

  it('rejects malformed exit-code statuses with client-go protocol errors', () => {
    expect(outcomeFromStatusPayload(json({ status: 'Failure', reason: 'NonZeroExitCode' }))).toEqual({ error: 'error stream protocol error: details must be set' });
    expect(outcomeFromStatusPayload(json({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '300' }] } }))).toEqual({
      error: 'error stream protocol error: invalid exit code value "300"',
    });
    expect(outcomeFromStatusPayload('not json')).toMatchObject({ error: expect.stringContaining('error stream protocol error') });
  });
});
