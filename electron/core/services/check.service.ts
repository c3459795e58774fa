import { allRows } from '../db/repos/register.repo';
import type { RegisterDoc } from '../../../shared/domain/register';
import type { Core } from '../core';
import { missingFor } from './register.service';

export type CheckReport = Readonly<{
  integrity: string;
  records: number;
  incomplete: ReadonlyArray<{ kind: string; ref: string; name: string; status: string; missing: ReadonlyArray<string> }>;
  /** Records that still list transfers of their own, not yet converted into transfer-register entries (migration 0080). */
  toConvert: ReadonlyArray<{ kind: string; ref: string; name: string; count: number }>;
}>;

/** SQLite integrity check plus, for every live record, the mandatory Art. 30 fields it lacks and the transfers it still has to convert. */
export function checkRegister(core: Core): CheckReport {
  const integrity = (core.db.pragma('integrity_check') as Array<{ integrity_check: string }>)
    .map((r) => r.integrity_check)
    .join('; ');
  const live = allRows(core.db).filter((r) => r.deleted_at === null && r.status !== 'archived');
  const incomplete = live
    .map((r) => {
      const doc = JSON.parse(r.doc) as RegisterDoc;
      return { kind: r.kind, ref: r.ref, name: doc.name, status: r.status, missing: missingFor(r.kind, doc).map((m) => m.key) };
    })
    .filter((r) => r.missing.length > 0)
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.ref.localeCompare(b.ref));
  const toConvert = live
    .map((r) => {
      const doc = JSON.parse(r.doc) as RegisterDoc;
      return { kind: r.kind, ref: r.ref, name: doc.name, count: doc.transfersToConvert?.length ?? 0 };
    })
    .filter((r) => r.count > 0)
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.ref.localeCompare(b.ref));
  return { integrity, records: live.length, incomplete, toConvert };
}
