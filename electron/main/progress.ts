import type { BrowserWindow } from 'electron';
import { runningJobs } from '../core/jobs';

/**
 * Long work in the taskbar (issue 16): while a job runs (the Word export, the import, a backup,
 * a restore: every task started through jobs.ts), the window's taskbar / dock icon shows its
 * progress, done over total of its current step; none when nothing runs.
 */
export function followJobsInTaskbar(window: () => BrowserWindow | undefined, everyMs = 500): () => void {
  let shown = false;
  const timer = setInterval(() => {
    const w = window();
    if (!w || w.isDestroyed()) return;
    const jobs = runningJobs().filter((j) => j.total > 0);
    if (jobs.length === 0) {
      if (shown) w.setProgressBar(-1);
      shown = false;
      return;
    }
    // Each job counts its own units (records, pages): the bar is the mean of their fractions.
    const fraction = jobs.reduce((n, j) => n + Math.min(1, j.done / j.total), 0) / jobs.length;
    w.setProgressBar(fraction);
    shown = true;
  }, everyMs);
  return () => clearInterval(timer);
}
