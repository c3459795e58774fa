import { useTranslation } from 'react-i18next';
import type { JobStatus } from '../../../shared/contract';
import { call } from '../lib/api';

/**
 * Issue 16: a long task's progress as every screen shows it (the import, the backup, the
 * restore; the Word export has its own, issue 15): a determinate bar, what is done of the total
 * in words, and Cancel while cancelling loses nothing (`cancellable`), with a note saying what
 * Cancel does or why it no longer can.
 */
export function JobProgress(props: {
  /** null: starting (the job is not known yet). */
  status: JobStatus | null;
  /** What the bar is (its accessible name). */
  label: string;
  /** What is done, in words ("Writing the records: 40 / 120"). */
  text: string;
  cancelLabel: string;
  onCancel: () => void;
  note?: string | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  const s = props.status;
  const total = s && s.total > 0 ? s.total : 0;
  const canCancel = !!s && s.state === 'running' && s.cancellable;
  return (
    <div className="export-progress job-progress" data-testid={props.testId} data-step={s?.step ?? ''} role="group" aria-label={props.label}>
      {/* No total yet: an indeterminate bar (no value), then records or pages done of the total. */}
      {total > 0 ? <progress max={total} value={s!.done} aria-label={props.label} aria-valuetext={props.text} /> : <progress aria-label={props.label} />}
      <span className="small" role="status">
        {props.text}
      </span>
      <button type="button" className="button" onClick={props.onCancel} disabled={!canCancel}>
        {props.cancelLabel}
      </button>
      {props.note || (s && !s.cancellable) ? <p className="muted small job-progress-note">{s && !s.cancellable ? t('jobs.noCancel') : props.note}</p> : null}
    </div>
  );
}

/** Polls a job through its read channel until it is over; `onProgress` on each answer. */
export async function followJob(id: string, onProgress: (s: JobStatus) => void): Promise<JobStatus> {
  for (;;) {
    const s = await call('job:get', { id });
    onProgress(s);
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Asks the core to cancel a job; a refusal (past its point of no return) is simply its status. */
export function cancelJob(id: string | undefined): Promise<unknown> {
  return id ? call('job:cancel', { id }) : Promise.resolve();
}
