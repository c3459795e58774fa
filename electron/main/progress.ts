import type { BrowserWindow } from 'electron';
import { runningJobs } from '../core/jobs';

/**
 * Long work in the taskbar (issue 16): while a job runs (the yearly export…), the window's
 * taskbar / dock icon shows its progress, records done over total; none when nothing runs.
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
    const done = jobs.reduce((n, j) => n + j.done, 0);
    const total = jobs.reduce((n, j) => n + j.total, 0);
    w.setProgressBar(Math.min(1, done / total));
    shown = true;
  }, everyMs);
  return () => clearInterval(timer);
}
