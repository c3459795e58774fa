import { gunzipSync, gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import reference from '../../../../resources/reference/transfers.json';
import { countryReader, importerKeyOf, mapRecordTransfer, type OldRecordTransfer, type TransferToConvert } from '../../../../shared/domain/record-transfers';
import type { DB } from '../types';

/**
 * Transfers and recipients: one source (issue 10, point 4). Each record's own free-text list of
 * transfers (`transfers[]`, with its `hasTransfers` flag) becomes entries of the transfer
 * register linked to the record: the country name is mapped to its ISO code, the recipient to
 * a supplier of that name or else a named recipient, the safeguard to a ground (SCCs → 2021 SCCs,
 * module unknown; Privacy Shield → the invalidated ground; none → no ground: both flagged).
 * A transfer already in the register for the same importer and country is linked instead of
 * copied (the record's safeguard and document are added to its notes). What cannot be mapped
 * stays on the record as `transfersToConvert`. Every transfer created or changed and every
 * record changed gets an audit-log line (action 'migrate', before and after).
 *
 * Touches only the transfer-related keys of the record documents (`transfers`, `hasTransfers`,
 * `transfersToConvert`): the rest of each document is written back as it was read.
 */

type Json = Record<string, unknown>;
type TransferJson = Json & { importerSupplierId: string; importerName: string; importerCountry: string; activityIds: string[]; notes: string; status: string };

const ACTOR = 'migration 0080';

function newTransferDoc(): Json {
  // The transfer document as it stood at version 80 (shared/domain/transfer.ts, emptyTransferDoc), frozen here.
  return {
    title: '',
    status: 'active',
    exporterSupplierId: '',
    importerSupplierId: '',
    importerName: '',
    importerCountry: 'US',
    accessCountries: [],
    exporterRole: 'controller',
    importerRole: 'processor',
    activityIds: [],
    dataCategories: [],
    frequency: 'continuous',
    mechanism: '',
    adequacyScopeConfirmed: false,
    dpf: { certified: false, checkedOn: '', scope: '' },
    scc: { module: null, signedOn: '', docking: false, clause9: '', noticeDays: null, clause11: false, governingLaw: '' },
    bcr: { group: '', authority: '', reference: '', approvedOn: '' },
    derogation: { ground: '', justification: '', authorityInformedOn: '' },
    tia: { done: false, doneOn: '', steps: { know: '', tool: '', law: '', measures: '', procedural: '', reevaluation: '' }, measures: [], measuresDetail: '', conclusion: '', reviewOn: '' },
    reviewOn: '',
    notes: '',
  };
}

const frName = new Intl.DisplayNames(['fr'], { type: 'region' });

function origin(ref: string, t: OldRecordTransfer): string {
  const s = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const parts = [s(t.safeguard) && `garantie / safeguard : ${s(t.safeguard)}`, s(t.document) && `document : ${s(t.document)}`].filter(Boolean);
  return `Repris de la fiche / taken from record ${ref}${parts.length ? ` (${parts.join(' ; ')})` : ''}.`;
}

export default function migrate0080(db: DB, now: () => Date): void {
  const at = now().toISOString();
  const country = countryReader(reference.countries);
  const suppliers = (db.prepare('SELECT id, name FROM supplier WHERE deleted_at IS NULL').all() as Array<{ id: string; name: string }>);
  const transfers = (db.prepare('SELECT id, doc, deleted_at FROM transfer WHERE deleted_at IS NULL ORDER BY created_at, id').all() as Array<{ id: string; doc: string }>).map((r) => ({
    id: r.id,
    before: r.doc,
    doc: JSON.parse(r.doc) as TransferJson,
    created: false,
  }));
  const records = db.prepare('SELECT id, kind, ref, doc FROM register_entry ORDER BY ref, id').all() as Array<{ id: string; kind: string; ref: string; doc: string }>;
  const auditRow = db.prepare("INSERT INTO audit_log (at, actor, entity, entity_id, action, before, after) VALUES (?, ?, ?, ?, 'migrate', ?, ?)");
  const updateRecord = db.prepare('UPDATE register_entry SET doc = ?, version = version + 1 WHERE id = ?');

  for (const row of records) {
    const doc = JSON.parse(row.doc) as Json;
    if (!('transfers' in doc) && !('hasTransfers' in doc) && Array.isArray(doc.transfersToConvert)) continue;
    const before = { kind: row.kind, ...doc };
    const old = (Array.isArray(doc.transfers) ? doc.transfers : []) as OldRecordTransfer[];
    const toConvert: TransferToConvert[] = Array.isArray(doc.transfersToConvert) ? (doc.transfersToConvert as TransferToConvert[]) : [];
    for (const t of old) {
      const m = mapRecordTransfer(t, { suppliers, country });
      if (!m.ok) {
        toConvert.push(m.item);
        continue;
      }
      const same = transfers.find((x) => importerKeyOf(x.doc) === m.importerKey && x.doc.importerCountry === m.importerCountry);
      if (same) {
        if (!same.doc.activityIds.includes(row.id)) same.doc.activityIds = [...same.doc.activityIds, row.id];
        same.doc.notes = [same.doc.notes, origin(row.ref, t)].filter(Boolean).join('\n');
        // An entry this migration created with no ground takes the ground another record names; an entry the DPO wrote keeps its own.
        if (same.created && same.doc.mechanism === '' && m.mechanism !== '') same.doc.mechanism = m.mechanism;
        continue;
      }
      const importer = m.importerSupplierId ? suppliers.find((s) => s.id === m.importerSupplierId)!.name : m.importerName;
      const created = {
        ...newTransferDoc(),
        title: `${importer} – ${frName.of(m.importerCountry) ?? m.importerCountry}`.slice(0, 200),
        importerSupplierId: m.importerSupplierId,
        importerName: m.importerName,
        importerCountry: m.importerCountry,
        exporterRole: row.kind === 'processor' ? 'processor' : 'controller',
        activityIds: [row.id],
        mechanism: m.mechanism,
        notes: origin(row.ref, t),
      } as unknown as TransferJson;
      transfers.push({ id: randomUUID(), before: '', doc: created, created: true });
    }
    delete doc.transfers;
    delete doc.hasTransfers;
    doc.transfersToConvert = toConvert;
    updateRecord.run(JSON.stringify(doc), row.id);
    auditRow.run(at, ACTOR, 'register_entry', row.id, JSON.stringify(before), JSON.stringify({ kind: row.kind, ...doc }));
  }

  const insert = db.prepare('INSERT INTO transfer (id, title, version, created_at, updated_at, deleted_at, doc) VALUES (?, ?, 1, ?, ?, NULL, ?)');
  const update = db.prepare('UPDATE transfer SET doc = ?, version = version + 1, updated_at = ? WHERE id = ?');
  for (const t of transfers) {
    const after = JSON.stringify(t.doc);
    if (t.created) {
      insert.run(t.id, String(t.doc.title), at, at, after);
      auditRow.run(at, ACTOR, 'transfer', t.id, null, after);
    } else if (after !== t.before) {
      update.run(after, at, t.id);
      auditRow.run(at, ACTOR, 'transfer', t.id, t.before, after);
    }
  }

  // The record copies each earlier Word export kept (to list the changes since it) take the same
  // shape: what maps went to the transfer register (the record reads it there now), what does not
  // stays on the record to convert. Otherwise the next export would list every record that had
  // transfers as changed when only their place changed. The exported files are untouched.
  const exports = db.prepare('SELECT id, snapshot FROM export_log').all() as Array<{ id: number; snapshot: Buffer }>;
  const updateSnapshot = db.prepare('UPDATE export_log SET snapshot = ? WHERE id = ?');
  for (const e of exports) {
    const snapshot = JSON.parse(gunzipSync(e.snapshot).toString('utf8')) as Record<string, { kind: string; doc: Json }>;
    let changed = false;
    for (const r of Object.values(snapshot)) {
      const doc = r.doc;
      if (!doc || (!('transfers' in doc) && !('hasTransfers' in doc))) continue;
      const old = (doc.hasTransfers !== false && Array.isArray(doc.transfers) ? doc.transfers : []) as OldRecordTransfer[];
      const kept = Array.isArray(doc.transfersToConvert) ? (doc.transfersToConvert as TransferToConvert[]) : [];
      for (const t of old) {
        const m = mapRecordTransfer(t, { suppliers, country });
        if (!m.ok) kept.push(m.item);
      }
      delete doc.transfers;
      delete doc.hasTransfers;
      doc.transfersToConvert = kept;
      changed = true;
    }
    if (changed) updateSnapshot.run(gzipSync(JSON.stringify(snapshot)), e.id);
  }
}
