import { gunzipSync, gzipSync } from 'node:zlib';
import { upgradeRegisterDocV70 } from '../../../../shared/domain/register-upgrade';
import { summariseRecord } from '../../../../shared/domain/register-summary';
import type { RegisterDoc } from '../../../../shared/domain/register';
import type { DB } from '../types';

/**
 * Issue 10, points 1-3. A controller record's purpose and its one Art. 6 basis become an ordered
 * list of purposes, each with its bases (the old sub-purposes become purposes with the same basis,
 * marked for review); retention gains its phases (active use as before, intermediate archive,
 * end, note); processor records gain the client scope and the optional categories, subjects,
 * retention, end of contract and breach notice delay. The conversion is
 * shared/domain/register-upgrade.ts (pure, also used on old audit snapshots); the summary the
 * list reads is computed again from the new document. The audit log is left as it was written
 * (its snapshots are upgraded when read, with the same converter). Every record is converted, the
 * trash included, and so are the copies of the records each Word export kept (export_log.snapshot,
 * gzipped JSON): otherwise the next export would list every record as changed when only the
 * shape changed. The exported files and their SHA-256 are untouched.
 */
export default function migrate0070(db: DB): void {
  const rows = db.prepare('SELECT id, kind, doc, summary, created_at, updated_at, deleted_at FROM register_entry').all() as Array<{
    id: string;
    kind: 'controller' | 'processor';
    doc: string;
    summary: string;
    created_at: string;
    updated_at: string;
    deleted_at: string | null;
  }>;
  const update = db.prepare('UPDATE register_entry SET doc = ?, summary = ? WHERE id = ?');
  for (const row of rows) {
    const doc = upgradeRegisterDocV70(row.kind, JSON.parse(row.doc) as object) as RegisterDoc;
    // The record's own transfers are still there at this version (0080 moves them to the transfer register and summarises again).
    const old = doc as unknown as { hasTransfers?: boolean; transfers?: Array<{ country: string }> };
    const transfers = {
      hasTransfers: old.hasTransfers === true,
      transferCountries: old.hasTransfers ? [...new Set((old.transfers ?? []).map((t) => t.country))] : [],
      transfersToConvert: 0,
    };
    const summary = summariseRecord(row.id, row.kind, doc, { createdAt: row.created_at, updatedAt: row.updated_at, deletedAt: row.deleted_at }, transfers);
    update.run(JSON.stringify(doc), JSON.stringify(summary), row.id);
  }
  const exports = db.prepare('SELECT id, snapshot FROM export_log').all() as Array<{ id: number; snapshot: Buffer }>;
  const updateSnapshot = db.prepare('UPDATE export_log SET snapshot = ? WHERE id = ?');
  for (const e of exports) {
    const snapshot = JSON.parse(gunzipSync(e.snapshot).toString('utf8')) as Record<string, { kind: 'controller' | 'processor'; doc: object }>;
    const upgraded = Object.fromEntries(Object.entries(snapshot).map(([id, r]) => [id, { ...r, doc: upgradeRegisterDocV70(r.kind, r.doc) }]));
    updateSnapshot.run(gzipSync(JSON.stringify(upgraded)), e.id);
  }
}
