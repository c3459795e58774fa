import { randomUUID } from 'node:crypto';
import { AppError, type AppErrorData } from '../../shared/errors';
import { msg } from '../../shared/domain/validation';
import type { JobStatus } from '../../shared/contract';

/**
 * Long tasks (issue 15: the yearly export; later import, backup, restore): started, followed
 * through their progress, cancelled, their result taken once. The renderer polls `job:get`, a
 * read channel, so a task never holds the channel that answers the screens. Generic: a task is
 * a function given a JobControl, resolving to its result.
 */

export type { JobStatus } from '../../shared/contract';
export type JobState = JobStatus['state'];

export type JobControl = Readonly<{
  progress: (done: number, total: number) => void;
  /** Called once if the job is cancelled: stop the work, remove what it wrote. */
  onCancel: (undo: () => void | Promise<void>) => void;
  readonly cancelled: boolean;
}>;

type Job = {
  status: JobStatus;
  result: unknown;
  finished: Promise<void>;
  undo: Array<() => void | Promise<void>>;
  /** Releases a result never taken (a temporary file). */
  dispose: ((result: unknown) => void) | null;
};

const jobs = new Map<string, Job>();

/** A failure as the user reads it: an AppError as it is, anything else as "the task did not complete (detail)". */
export function jobError(err: unknown): AppErrorData {
  if (err instanceof AppError) return err.data;
  const detail = err instanceof Error ? err.message.split('\n')[0]! : String(err);
  return AppError.validation([{ path: 'job', message: msg('jobFailed', { detail }) }]).data;
}

export function startJob<R>(kind: string, run: (control: JobControl) => Promise<R>, dispose?: (result: R) => void): string {
  const id = randomUUID();
  const job: Job = { status: { id, kind, state: 'running', done: 0, total: 0, error: null }, result: undefined, finished: Promise.resolve(), undo: [], dispose: (dispose as Job['dispose']) ?? null };
  const control: JobControl = {
    progress: (done, total) => {
      if (job.status.state !== 'running') return;
      job.status = { ...job.status, done: Math.max(job.status.done, Math.min(done, total)), total };
    },
    onCancel: (undo) => void job.undo.push(undo),
    get cancelled() {
      return job.status.state === 'cancelled';
    },
  };
  jobs.set(id, job);
  job.finished = (async () => {
    try {
      const result = await run(control);
      if (job.status.state === 'cancelled') {
        job.dispose?.(result);
        return;
      }
      job.result = result;
      job.status = { ...job.status, state: 'done', done: job.status.total };
    } catch (err) {
      if (job.status.state === 'cancelled') return;
      job.status = { ...job.status, state: 'failed', error: jobError(err) };
    }
  })();
  return id;
}

function find(id: string): Job {
  const job = jobs.get(id);
  if (!job) throw AppError.validation([{ path: 'job', message: msg('jobNotFound') }]);
  return job;
}

export function jobStatus(id: string): JobStatus {
  return find(id).status;
}

/** Stops a running job and undoes what it wrote; a job already over is left as it is. */
export async function cancelJob(id: string): Promise<JobStatus> {
  const job = find(id);
  if (job.status.state !== 'running') return job.status;
  job.status = { ...job.status, state: 'cancelled' };
  for (const undo of job.undo.reverse()) await undo();
  await job.finished;
  return job.status;
}

/** Resolves when the job is over (done, failed or cancelled). */
export async function waitJob(id: string): Promise<JobStatus> {
  await find(id).finished;
  return find(id).status;
}

/** The result of a finished job of `kind`, taken once (the job is then forgotten). */
export function takeJobResult<R>(id: string, kind: string): R {
  const job = find(id);
  if (job.status.kind !== kind) throw AppError.validation([{ path: 'job', message: msg('jobNotFound') }]);
  if (job.status.state === 'failed') throw new AppError(job.status.error!);
  if (job.status.state !== 'done') throw AppError.conflict(`The job ${id} is ${job.status.state}.`);
  jobs.delete(id);
  return job.result as R;
}

/** The jobs still running (the desktop app shows their progress in the taskbar). */
export function runningJobs(): JobStatus[] {
  return [...jobs.values()].filter((j) => j.status.state === 'running').map((j) => j.status);
}

/** Forgets every job (closing the register): running ones are cancelled, results never taken released. */
export async function cancelAllJobs(): Promise<void> {
  for (const [id, job] of [...jobs]) {
    if (job.status.state === 'running') await cancelJob(id);
    else if (job.status.state === 'done') job.dispose?.(job.result);
    jobs.delete(id);
  }
}
