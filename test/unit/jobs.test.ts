import { describe, expect, it } from 'vitest';
import { cancelJob, jobStatus, startJob, takeJobResult, waitJob } from '../../electron/core/jobs';
import { AppError } from '../../shared/errors';

/** A job the test drives step by step: each `step()` lets it report one more unit. */
function stepped(total: number) {
  const waiting: Array<() => void> = [];
  const step = () => waiting.shift()?.();
  const id = startJob('test', async (control) => {
    for (let i = 0; i <= total; i++) {
      control.progress(i, total);
      control.progress(Math.max(0, i - 1), total); // a late, lower report is ignored
      await new Promise<void>((r) => waiting.push(r));
      if (control.cancelled) return 'stopped';
    }
    return 'finished';
  });
  return { id, step };
}

describe('jobs', () => {
  it('reports a progress that never goes down, then the result once', async () => {
    const { id, step } = stepped(3);
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      await Promise.resolve();
      seen.push(jobStatus(id).done);
      step();
    }
    const end = await waitJob(id);
    expect(end).toMatchObject({ state: 'done', done: 3, total: 3, error: null });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(takeJobResult(id, 'test')).toBe('finished');
    // Taken once: the job is forgotten, with a message in the user's language.
    expect(() => jobStatus(id)).toThrowError(AppError);
  });

  it('cancel runs the undo steps (remove the temporary file) and leaves no result', async () => {
    let undone = 0;
    let release = () => {};
    const id = startJob('test', async (control) => {
      control.onCancel(() => {
        undone++;
        release();
      });
      await new Promise<void>((r) => (release = r));
      return 'too late';
    });
    expect(jobStatus(id).state).toBe('running');
    expect((await cancelJob(id)).state).toBe('cancelled');
    expect(undone).toBe(1);
    expect(() => takeJobResult(id, 'test')).toThrowError(AppError);
  });

  it('a failure is reported as a message key for the user, not a stack trace', async () => {
    const id = startJob('test', async () => {
      throw new TypeError('Cannot read properties of undefined (reading "doc")\n    at loadPage (model.ts:12:3)');
    });
    const end = await waitJob(id);
    expect(end.state).toBe('failed');
    expect(end.error).toMatchObject({ code: 'validation', issues: [{ path: 'job', message: 'jobFailed|{"detail":"Cannot read properties of undefined (reading \\"doc\\")"}' }] });
    expect(JSON.stringify(end.error)).not.toContain('model.ts:12');
    expect(() => takeJobResult(id, 'test')).toThrowError(AppError);
  });

  it('past its point of no return (lockCancel) a job refuses Cancel and goes to its end, a new step starting its count again', async () => {
    let release = () => {};
    const id = startJob('test', async (control) => {
      control.progress(8, 10, 'check');
      control.progress(2, 10, 'write'); // a new step: its own count
      control.lockCancel('replace');
      await new Promise<void>((r) => (release = r));
      return control.cancelled ? 'cancelled' : 'whole';
    });
    await Promise.resolve();
    expect(jobStatus(id)).toMatchObject({ state: 'running', step: 'replace', done: 2, cancellable: false });
    // Refused at once (not waiting for the end), the job still running.
    expect(await cancelJob(id)).toMatchObject({ state: 'running', cancellable: false });
    release();
    expect((await waitJob(id)).state).toBe('done');
    expect(takeJobResult(id, 'test')).toBe('whole');
  });
});
