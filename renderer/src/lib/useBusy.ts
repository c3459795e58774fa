import { useState } from 'react';
import { useApp } from '../store/app';
import { describeError } from './errors';

/** An action run with a busy flag (buttons disable), its failure told in a toast in the user's language. */
export function useBusy(): { busy: boolean; run: (fn: () => Promise<void>) => Promise<void> } {
  const toast = useApp((s) => s.toast);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      toast(describeError(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
