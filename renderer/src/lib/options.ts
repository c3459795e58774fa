import { useEffect, useMemo, useState } from 'react';
import { call } from './api';
import { useRegister } from '../store/register';
import { zoneChoices } from '../../../shared/domain/time-zones';

/**
 * Choices the editors link to: the register's live records (from the register store, loaded once
 * and kept fresh by the register pages), the live suppliers, the IANA time zones.
 */
export function useActivityOptions(): Array<[string, string]> {
  const controller = useRegister((s) => s.byKind.controller);
  const processor = useRegister((s) => s.byKind.processor);
  const load = useRegister((s) => s.load);
  useEffect(() => {
    if (!controller.loaded) void load('controller');
    if (!processor.loaded) void load('processor');
  }, [controller.loaded, processor.loaded, load]);
  return useMemo(() => [...controller.rows, ...processor.rows].map((r) => [r.id, `${r.ref} – ${r.name}`] as [string, string]), [controller.rows, processor.rows]);
}

export function useSupplierOptions(): Array<[string, string]> {
  const [rows, setRows] = useState<Array<[string, string]>>([]);
  useEffect(() => {
    call('supplier:list', { scope: 'live' }).then((s) => setRows(s.map((x) => [x.id, x.name])), () => setRows([]));
  }, []);
  return rows;
}

/** The IANA zones under their current names, UTC first (shared/domain/time-zones.ts), with `current` kept if it is not among them. */
export function useZoneOptions(current = ''): Array<[string, string]> {
  return useMemo(() => {
    const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Europe/Paris'];
    return zoneChoices(all, current).map((z) => [z, z.replace(/_/g, ' ')] as [string, string]);
  }, [current]);
}
