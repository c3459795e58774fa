import { useEffect, useMemo, useState } from 'react';
import { call } from './api';
import { useRegister } from '../store/register';
import { zoneChoices } from '../../../shared/domain/time-zones';

/**
 * Choices the editors link to: the register's live records (asked again when the register
 * changes), the live suppliers, the IANA time zones.
 */
export function useActivityOptions(): Array<[string, string]> {
  const controllerVersion = useRegister((s) => s.byKind.controller.version);
  const processorVersion = useRegister((s) => s.byKind.processor.version);
  const [rows, setRows] = useState<Array<[string, string]>>([]);
  useEffect(() => {
    let live = true;
    Promise.all([call('register:list', { kind: 'controller', scope: 'live' }), call('register:list', { kind: 'processor', scope: 'live' })]).then(
      ([c, p]) => live && setRows([...c, ...p].map((r) => [r.id, `${r.ref} – ${r.name}`] as [string, string])),
      () => live && setRows([]),
    );
    return () => {
      live = false;
    };
  }, [controllerVersion, processorVersion]);
  return rows;
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
