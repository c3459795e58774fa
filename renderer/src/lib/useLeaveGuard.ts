import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { setLeaveGuard } from './router';

/**
 * Unsaved edits are not lost by mistake: leaving the page asks first, and in a browser tab so
 * does closing or reloading it (Electron has no such prompt; its window asks through the route).
 */
export function useLeaveGuard(dirty: boolean): void {
  const { t } = useTranslation();
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  useEffect(() => {
    const release = setLeaveGuard(() => !dirtyRef.current || window.confirm(t('record.confirmLeave')));
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (dirtyRef.current && !window.dpo) e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      release();
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [t]);
}
