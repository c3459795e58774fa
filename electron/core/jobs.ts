import { randomUUID } from 'node:crypto';
import { AppError, type AppErrorData } from '../../shared/errors';
import { msg } from '../../shared/domain/validation';
import type { JobStatus } from '../../shared/contract';
import type { Core } from './core';

/**
 * Long tasks (issue 15: the yearly export; later import, backup, restore): started, followed
 * through their progress, cancelled, their result taken once. The renderer polls `job:get`, a
 * read channel, so a task never holds the channel that answers the screens. Generic: a task is
 * a function given a JobControl, resolving to its result.
 */

export type { JobStatus } from '../../shared/contract';
export type JobState = JobStatus['state'];

export type JobControl = Readonly<{
  /** Units done of total; a new `step` (the import's check then write) starts its count again. */
  progress: (done: number, total: number, step?: string) => void;
  /**
   * From here the job can no longer be cancelled (issue 16: a restore replacing the register
   * file, an import committing): a cancel asked later is refused and the job goes to its end.
   */
  lockCancel: (step?: string) => void;
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
  const job: Job = { status: { id, kind, state: 'running', done: 0, total: 0, error: null, step: null, cancellable: true }, result: undefined, finished: Promise.resolve(), undo: [], dispose: (dispose as Job['dispose']) ?? null };
  const control: JobControl = {
    progress: (done, total, step) => {
      if (job.status.state !== 'running') return;
      const again = step !== undefined && step !== job.status.step;
      job.status = { ...job.status, done: Math.min(again ? done : Math.max(job.status.done, done), total), total, ...(again ? { step } : {}) };
    },
    lockCancel: (step) => {
      if (job.status.state !== 'running') return;
      job.status = { ...job.status, cancellable: false, ...(step !== undefined ? { step } : {}) };
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

/**
 * Stops a running job and undoes what it wrote; a job already over is left as it is, and so is
 * one past the point where stopping would lose something (`cancellable` false: it runs to its end).
 */
export async function cancelJob(id: string): Promise<JobStatus> {
  const job = find(id);
  if (job.status.state !== 'running' || !job.status.cancellable) return job.status;
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

/** Forgets every job (closing the register): running ones are cancelled, results never taken released; one past its point of no return is left to finish. */
export async function cancelAllJobs(): Promise<void> {
  for (const [id, job] of [...jobs]) {
    // One that can no longer be cancelled goes to its end and keeps its result (the restore reopening the register).
    if (job.status.state === 'running' && !job.status.cancellable) continue;
    if (job.status.state === 'running') await cancelJob(id);
    else if (job.status.state === 'done') job.dispose?.(job.result);
    jobs.delete(id);
  }
}

/**
 * Between two batches of a job that works in this thread (the import's apply, the backup's
 * copy): the screens' requests (its progress, its Cancel) are answered there. Test only: the web
 * harness's `--test-job-pace BATCH:MS` makes the batches smaller and pauses after each, so that
 * the end-to-end test can see the progress move and cancel half-way; never set otherwise.
 */
let testPace: Readonly<{ batch: number; pauseMs: number }> | null = null;

export function setTestJobPace(pace: Readonly<{ batch: number; pauseMs: number }> | null): void {
  testPace = pace;
}

/** The test pace, for a job that runs in a worker thread (the yearly export): null outside tests. */
export function testJobPace(): Readonly<{ batch: number; pauseMs: number }> | null {
  return testPace;
}

/** The batch size of a job: `normal`, or the test pace's. */
export function jobBatch(normal: number): number {
  return testPace?.batch ?? normal;
}

/** Lets the event loop run (the requests waiting) before the next batch. */
export function betweenBatches(): Promise<void> {
  const pace = testPace;
  return new Promise((resolve) => (pace ? setTimeout(resolve, pace.pauseMs) : setImmediate(resolve)));
}

/**
 * The pages each step of SQLite's backup copies (db.backup's progress callback returns it):
 * `normal`; at the test pace, a batch, then none (the step copies nothing) until its pause is over.
 */
export function backupPages(normal: number): () => number {
  const pace = testPace;
  if (!pace) return () => normal;
  let ready = true;
  return () => {
    if (!ready) return 0;
    ready = false;
    setTimeout(() => (ready = true), pace.pauseMs);
    return pace.batch;
  };
}

/** The error a job's work throws when it sees it was cancelled (never shown: a cancelled job has no error). */
export const cancelledError = (): AppError => AppError.conflict('cancelled');

/**
 * Runs a job's work holding the register's one connection (core.holding): every channel but
 * following and cancelling jobs waits for its end (dispatch.ts). For work that must not be
 * interleaved with other requests across its pauses: the import's open transaction, the backup's
 * copy, the restore that replaces the file.
 */
export async function holdConnection<T>(core: Core, work: () => Promise<T>): Promise<T> {
  while (core.holding) await core.holding;
  let release!: () => void;
  const held = (core.holding = new Promise<void>((resolve) => (release = resolve)));
  try {
    return await work();
  } finally {
    if (core.holding === held) core.holding = undefined;
    release();
  }
}
