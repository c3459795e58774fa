import { useEffect, useMemo, useState } from 'react';
import { call } from './api';
import { zoneChoices } from '../../../shared/domain/time-zones';

/** Choices the editors link to: the live suppliers, the IANA time zones (the register's activities: components/ActivityPicker.tsx). */
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
