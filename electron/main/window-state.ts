import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../core/files/atomic';

export type WindowState = { x?: number; y?: number; width: number; height: number; maximized: boolean };

const DEFAULT: WindowState = { width: 1360, height: 860, maximized: false };

/** The last size and position of the main window, in a small JSON file beside the database. */
export function loadWindowState(file: string): WindowState {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    const ok = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
    return {
      x: ok(s.x) ? s.x : undefined,
      y: ok(s.y) ? s.y : undefined,
      width: ok(s.width) && s.width! >= 800 ? s.width! : DEFAULT.width,
      height: ok(s.height) && s.height! >= 600 ? s.height! : DEFAULT.height,
      maximized: s.maximized === true,
    };
  } catch {
    return { ...DEFAULT };
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    writeFileAtomic(file, Buffer.from(JSON.stringify(state))); // issue 14: a crash never leaves half a file
  } catch {
    // Losing the window position is not worth an error dialog.
  }
}
