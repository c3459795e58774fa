import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { followJobsInTaskbar } from '../../electron/main/progress';
import { cancelAllJobs, startJob } from '../../electron/core/jobs';

/**
 * Issue 16: every long task started through jobs.ts (the Word export, the import, a backup, a
 * restore) shows in the desktop app's taskbar: the mean of the running jobs' fractions (each
 * counts its own units: records, pages), and no bar when none runs.
 */

afterEach(async () => {
  vi.useRealTimers();
  await cancelAllJobs();
});

describe('the taskbar progress (issue 16)', () => {
  it('shows the mean of the running jobs, records and pages alike, then nothing once they are over', async () => {
    vi.useFakeTimers();
    const bars: number[] = [];
    const window = { isDestroyed: () => false, setProgressBar: (v: number) => void bars.push(v) } as unknown as BrowserWindow;
    const releases: Array<() => void> = [];
    const job = (done: number, total: number, step: string) =>
      startJob('test', async (control) => {
        control.progress(done, total, step);
        await new Promise<void>((r) => releases.push(r));
      });
    job(25, 100, 'write'); // an import: a quarter of its records
    job(300, 400, 'copy'); // a backup: three quarters of its pages
    const stop = followJobsInTaskbar(() => window, 500);
    await vi.advanceTimersByTimeAsync(500);
    expect(bars.at(-1)).toBeCloseTo(0.5);
    for (const r of releases) r();
    await vi.advanceTimersByTimeAsync(500);
    expect(bars.at(-1)).toBe(-1);
    stop();
  });
});
