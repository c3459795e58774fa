import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../electron/core/db/connection';
import { MIGRATIONS, LATEST_VERSION, type Migration } from '../../electron/core/db/migrations';
import { tempDir } from '../helpers';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function dir() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

/** Schema as SQLite describes it, for comparing two ways of reaching the same version. */
function schemaOf(db: Database.Database) {
  return db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all();
}

describe('migrations', () => {
  it('versions increase and the latest is what a new file gets', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    const { db, fromVersion, toVersion, backupPath } = openDatabase(path.join(dir(), 'new.sqlite'));
    expect(fromVersion).toBe(0);
    expect(toVersion).toBe(LATEST_VERSION);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(backupPath).toBeNull(); // nothing to back up in a new file
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  // From every earlier version (0 = empty file) to the latest: same schema as a fresh file.
  for (const from of [0, ...MIGRATIONS.slice(0, -1).map((m) => m.version)]) {
    it(`migrates a file at version ${from} to the latest, keeping a backup`, () => {
      const d = dir();
      const file = path.join(d, 'old.sqlite');
      const older = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= from) });
      expect(schemaVersion(older.db)).toBe(from);
      older.db.close();

      const { db, fromVersion, backupPath } = openDatabase(file, { backupDir: path.join(d, 'backups') });
      expect(fromVersion).toBe(from);
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      if (from > 0) expect(backupPath && existsSync(backupPath)).toBe(true);
      const fresh = openDatabase(path.join(d, 'fresh.sqlite'));
      expect(schemaOf(db)).toEqual(schemaOf(fresh.db));
      db.close();
      fresh.db.close();
    });
  }

  it('migration 0060 turns supplier country names into ISO codes, keeping what it cannot read in the notes', () => {
    const d = dir();
    const file = path.join(d, 'v50.sqlite');
    const older = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 50) });
    const doc = { name: 'Twilio', storageCountries: [{ country: 'États-Unis' }, { country: 'ireland' }, { country: 'Atlantide' }], accessCountries: [{ country: 'Inde' }, { country: 'USA' }], notes: 'Contrat 2024' };
    older.db.prepare("INSERT INTO supplier (id, name, version, created_at, updated_at, deleted_at, doc) VALUES ('s1', 'Twilio', 1, 'x', 'x', NULL, ?)").run(JSON.stringify(doc));
    older.db.close();
    const { db } = openDatabase(file, { backupDir: path.join(d, 'backups') });
    const migrated = JSON.parse(db.prepare("SELECT doc FROM supplier WHERE id = 's1'").pluck().get() as string);
    expect(migrated.storageCountries).toEqual(['US', 'IE']);
    expect(migrated.accessCountries).toEqual(['IN', 'US']);
    expect(migrated.notes).toBe('Contrat 2024\nPays non reconnus lors de la mise à jour / countries not recognised on update: Atlantide');
    // Issue 14: the rewrite is in the audit log, before and after.
    const log = db.prepare("SELECT actor, entity, entity_id, action, before, after FROM audit_log WHERE action = 'migrate' AND entity = 'supplier'").all() as Array<{ actor: string; entity_id: string; before: string; after: string }>;
    expect(log.map((l) => [l.actor, l.entity_id])).toEqual([['migration 0060', 's1']]);
    expect(JSON.parse(log[0]!.before).storageCountries[0]).toEqual({ country: 'États-Unis' });
    expect(JSON.parse(log[0]!.after).storageCountries).toEqual(['US', 'IE']);
    db.close();
  });

  it('migration 0100 moves retired and reserved country codes to their current code (FX→FR, DD→DE, UK→GB, IC→ES), leaving those without a single successor', () => {
    const d = dir();
    const file = path.join(d, 'v90.sqlite');
    const older = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 90) });
    const t = { title: 'Paris', importerCountry: 'FX', accessCountries: ['UK', 'GB', 'SU'] };
    older.db.prepare("INSERT INTO transfer (id, title, version, created_at, updated_at, deleted_at, doc) VALUES ('t1', 'Paris', 1, 'x', 'x', NULL, ?)").run(JSON.stringify(t));
    older.db.prepare("INSERT INTO supplier (id, name, version, created_at, updated_at, deleted_at, doc) VALUES ('s1', 'Acme', 1, 'x', 'x', NULL, ?)").run(JSON.stringify({ name: 'Acme', storageCountries: ['DD', 'IC'], accessCountries: ['EA', 'US'] }));
    older.db.close();
    const { db } = openDatabase(file, { backupDir: path.join(d, 'backups') });
    const transfer = JSON.parse(db.prepare("SELECT doc FROM transfer WHERE id = 't1'").pluck().get() as string);
    expect([transfer.importerCountry, transfer.accessCountries]).toEqual(['FR', ['GB', 'SU']]);
    const supplier = JSON.parse(db.prepare("SELECT doc FROM supplier WHERE id = 's1'").pluck().get() as string);
    expect([supplier.storageCountries, supplier.accessCountries]).toEqual([['DE', 'ES'], ['ES', 'US']]);
    // Issue 14: one audit line per entry rewritten, with the codes before and after.
    const log = db.prepare("SELECT actor, entity, entity_id, before, after FROM audit_log WHERE action = 'migrate' AND actor = 'migration 0100' ORDER BY entity").all() as Array<{ entity: string; entity_id: string; before: string; after: string }>;
    expect(log.map((l) => [l.entity, l.entity_id])).toEqual([['supplier', 's1'], ['transfer', 't1']]);
    expect(JSON.parse(log[1]!.before).importerCountry).toBe('FX');
    expect(JSON.parse(log[1]!.after).importerCountry).toBe('FR');
    db.close();
  });

  it('copies the file before migrating and keeps its data', () => {
    const d = dir();
    const file = path.join(d, 'data.sqlite');
    const v1: Migration = { version: 10, name: 'a', up: (db) => db.exec('CREATE TABLE t (x TEXT)') };
    const v2: Migration = { version: 20, name: 'b', up: (db) => db.exec('ALTER TABLE t ADD COLUMN y TEXT') };
    const first = openDatabase(file, { migrations: [v1] });
    first.db.prepare('INSERT INTO t (x) VALUES (?)').run('kept');
    first.db.close();

    const second = openDatabase(file, { migrations: [v1, v2], backupDir: path.join(d, 'b'), now: () => new Date('2026-11-24T10:00:00Z') });
    expect(second.backupPath).toBe(path.join(d, 'b', 'data-before-v20-20261124T100000Z.sqlite'));
    expect(second.db.prepare('SELECT x, y FROM t').all()).toEqual([{ x: 'kept', y: null }]);
    second.db.close();
    const copy = new Database(second.backupPath!, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(10);
    expect(copy.prepare('SELECT x FROM t').all()).toEqual([{ x: 'kept' }]);
    copy.close();
  });

  it('rolls back every pending migration when one fails', () => {
    const d = dir();
    const file = path.join(d, 'fail.sqlite');
    const ok: Migration = { version: 10, name: 'ok', up: (db) => db.exec('CREATE TABLE a (x)') };
    const ok2: Migration = { version: 20, name: 'ok2', up: (db) => db.exec('CREATE TABLE b (x)') };
    const bad: Migration = { version: 30, name: 'bad', up: () => { throw new Error('boom'); } };
    openDatabase(file, { migrations: [ok] }).db.close();
    expect(() => openDatabase(file, { migrations: [ok, ok2, bad], backupDir: path.join(d, 'b') })).toThrow('boom');
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    db.close();
    expect(readdirSync(path.join(d, 'b')).length).toBe(1); // the copy was taken before trying
  });

  it('refuses a file written by a newer version', () => {
    const file = path.join(dir(), 'future.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 10}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer version/);
  });
});

describe('migration 0020 (export log)', () => {
  it('keeps the records, lists and audit of a version-10 register', async () => {
    const d = dir();
    const file = path.join(d, 'v10.sqlite');
    const { openCore, closeCore } = await import('../../electron/core/core');
    const { createEntry } = await import('../../electron/core/services/register.service');
    const { fullControllerDoc } = await import('../helpers');
    const old = openCore(file, { migrations: MIGRATIONS.filter((m) => m.version <= 10) });
    // The record as today's services write it, copied into the version-10 columns (today's writer needs the list columns of 0150).
    const modern = openCore(path.join(d, 'modern.sqlite'));
    createEntry(modern, 'controller', fullControllerDoc());
    const cols = 'id, kind, ref, status, version, created_at, updated_at, deleted_at, summary, search_text, doc';
    const row = modern.db.prepare(`SELECT ${cols} FROM register_entry`).raw().get() as unknown[];
    old.db.prepare(`INSERT INTO register_entry (${cols}) VALUES (${row.map(() => '?').join(', ')})`).run(...row);
    const auditCols = 'at, actor, entity, entity_id, action, before, after';
    const line = modern.db.prepare(`SELECT ${auditCols} FROM audit_log`).raw().get() as unknown[];
    old.db.prepare(`INSERT INTO audit_log (${auditCols}) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(...line);
    closeCore(modern);
    closeCore(old);

    const core = openCore(file);
    expect(schemaVersion(core.db)).toBe(LATEST_VERSION);
    expect(core.lastMigrationBackup && existsSync(core.lastMigrationBackup)).toBe(true);
    expect(core.db.prepare('SELECT ref FROM register_entry').pluck().all()).toEqual(['T-001']);
    // The record was written without a transfer list of its own: migration 0080 leaves it as it is.
    expect(core.db.prepare('SELECT action FROM audit_log ORDER BY id').pluck().all()).toEqual(['create']);
    expect(core.db.prepare('SELECT count(*) FROM export_log').pluck().get()).toBe(0);
    closeCore(core);
  });
});

describe('migration 0070 (purposes with their bases, phased retention, processor record)', () => {
  /**
   * test/fixtures/demo-v60.sqlite is the demo register as the previous version wrote it
   * (`npm run cli -- demo` at commit 6c7987c, schema 60). Opened with every migration, every old
   * purpose, basis, detail, sub-purpose, data category and retention must be found in the new shape.
   */
  it('converts every record of a demo file written by the previous schema, losing nothing', async () => {
    const { copyFileSync } = await import('node:fs');
    const { openCore, closeCore } = await import('../../electron/core/core');
    const { listSummaries, getEntry } = await import('../../electron/core/services/register.service');
    const d = dir();
    const file = path.join(d, 'demo-v60.sqlite');
    copyFileSync(path.resolve(import.meta.dirname, '../fixtures/demo-v60.sqlite'), file);

    const before = new Database(file);
    expect(schemaVersion(before)).toBe(60);
    const oldRows = before.prepare('SELECT id, kind, doc FROM register_entry').all() as Array<{ id: string; kind: string; doc: string }>;
    const auditCount = before.prepare('SELECT count(*) FROM audit_log').pluck().get();
    // A Word export made by the previous version keeps the records it held, in the old shape.
    const { gzipSync, gunzipSync } = await import('node:zlib');
    const oldSnapshot = Object.fromEntries(oldRows.map((r) => [r.id, { kind: r.kind, doc: JSON.parse(r.doc) }]));
    before
      .prepare("INSERT INTO export_log (at, actor, kind, file_name, sha256, size, language, registers, as_of, include_archived, version, snapshot) VALUES ('2026-01-31T10:00:00Z', 'dpo', 'register', 'r.docx', 'abc', 1, 'fr', 'both', '2026-01-31', 1, 1, ?)")
      .run(gzipSync(JSON.stringify(oldSnapshot)));
    before.close();
    expect(oldRows.length).toBe(23);

    const core = openCore(file, { backupDir: path.join(d, 'backups') });
    expect(schemaVersion(core.db)).toBe(LATEST_VERSION);
    expect(core.lastMigrationBackup && existsSync(core.lastMigrationBackup)).toBe(true);
    // History untouched: migration 0070 writes no entry; 0080 adds its own 'migrate' entries.
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE action <> 'migrate'").pluck().get()).toBe(auditCount);

    for (const row of oldRows) {
      const old = JSON.parse(row.doc);
      const entry = getEntry(core, row.id);
      const doc = entry.doc as Record<string, unknown> & { purposes?: Array<{ text: string; bases: Array<{ basis: string; detail: string }>; review: boolean }> };
      if (row.kind === 'controller') {
        const [main, ...subs] = doc.purposes!;
        const oldBases = old.legalBasis || old.legalBasisDetail ? [{ basis: old.legalBasis, detail: old.legalBasisDetail }] : [];
        expect(main, old.ref).toEqual({ text: old.mainPurpose, bases: oldBases, review: false });
        expect(subs, old.ref).toEqual(old.subPurposes.map((s: { text: string }) => ({ text: s.text, bases: oldBases, review: true })));
        for (const list of ['dataCategories', 'specialCategories'] as const) {
          const rows = doc[list] as Array<{ category: string; description: string; retention: Record<string, unknown> }>;
          expect(rows.length, `${old.ref} ${list}`).toBe(old[list].length);
          old[list].forEach((o: { category: string; description: string; retention: { duration: number | null; unit: string; criterion: string } }, i: number) => {
            expect(rows[i]!.category).toBe(o.category);
            expect(rows[i]!.description).toBe(o.description);
            expect(rows[i]!.retention).toMatchObject({ ...o.retention, end: '', note: '', archive: { duration: null, criterion: '', reason: '' } });
          });
        }
        expect(doc).not.toHaveProperty('mainPurpose');
        expect(doc).not.toHaveProperty('legalBasis');
        // Every other field is carried over as it was.
        const { mainPurpose: _a, subPurposes: _b, legalBasis: _c, legalBasisDetail: _d, dataCategories: _e, specialCategories: _f, hasTransfers: _g, transfers: _h, ...rest } = old;
        expect(doc).toMatchObject(rest);
      } else {
        const { hasTransfers: _t1, transfers: _t2, ...oldRest } = old;
        expect(doc).toMatchObject({ ...oldRest, clientScope: 'one', standardDpa: '', dataCategories: [], breachNoticeHours: null, endOfContract: '' });
      }
    }

    // The export's copies are in the new shape too: the next export will not list every record as changed.
    const snapshot = JSON.parse(gunzipSync(core.db.prepare('SELECT snapshot FROM export_log').pluck().get() as Buffer).toString('utf8'));
    for (const row of oldRows) expect(snapshot[row.id].doc, row.id).toEqual(getEntry(core, row.id).doc);

    // And the first export after the update compares with that old export and finds no record
    // changed: the shape moved (purposes, transfers to the transfer register), not the facts.
    const { prepareRegisterExport } = await import('../../electron/core/export/export.service');
    const { docxParagraphs, under } = await import('../docx-text');
    const { todayIso } = await import('../../shared/domain/validation');
    const next = await prepareRegisterExport(core, { language: 'fr', registers: 'both', asOf: todayIso(core.now()), includeArchived: true, includeDrafts: true, annexes: { lists: false, transfers: false, breaches: false, suppliers: false } });
    const changes = under(await docxParagraphs(next.buffer), 'Changements depuis le dernier export').map((p) => p.text);
    expect(changes[changes.indexOf('Fiches modifiées') + 1]).toBe('Aucune.');
    expect(changes[changes.indexOf('Fiches ajoutées') + 1]).toBe('Aucune.');

    // The list reads every basis (summaries computed again); the old single-basis field is gone.
    const list = listSummaries(core, 'controller', 'live');
    const rt001 = list.find((s) => s.ref === 'RT-001')!;
    expect(rt001.legalBases).toEqual(['LEGITIMATE_INTEREST']);
    expect(rt001.purpose).toBe('Construire, exploiter et sécuriser le réseau de communications électroniques');
    expect(list.every((s) => Array.isArray(s.legalBases) && !('legalBasis' in s))).toBe(true);
    // Consent now needs how it is collected: the old consent record without that detail says so.
    expect(list.find((s) => s.ref === 'RT-014')!.missing).toEqual(['legalBasisDetail', 'legalBasisDetail', 'legalBasisDetail']);
    // The records still save through the ordinary service (schema valid in the new shape).
    const { updateEntry } = await import('../../electron/core/services/register.service');
    const rt004 = getEntry(core, list.find((s) => s.ref === 'RT-004')!.id);
    expect(updateEntry(core, rt004.id, 'controller', rt004.version, { ...(rt004.doc as object), name: "Renommé" } as never).version).toBe(rt004.version + 1);
  });
});

describe('migration 0080 (record transfers into the transfer register)', () => {
  it('turns each record-level transfer into a linked, audited transfer-register entry and keeps what it cannot map as to convert', () => {
    const d = dir();
    const file = path.join(d, 'v60.sqlite');
    const older = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 80) });
    const db0 = older.db;
    const twilio = '11111111-1111-4111-8111-111111111111';
    db0.prepare("INSERT INTO supplier (id, name, version, created_at, updated_at, deleted_at, doc) VALUES (?, 'Twilio Inc.', 1, 'x', 'x', NULL, ?)").run(twilio, JSON.stringify({ name: 'Twilio Inc.', storageCountries: ['US'], accessCountries: [] }));
    // A transfer already in the register: Google LLC to the United States, linked to no record yet.
    const google = '22222222-2222-4222-8222-222222222222';
    db0.prepare("INSERT INTO transfer (id, title, version, created_at, updated_at, deleted_at, doc) VALUES (?, 'Google', 1, 'x', 'x', NULL, ?)").run(
      google,
      JSON.stringify({ title: 'Google', status: 'active', importerSupplierId: '', importerName: 'Google LLC', importerCountry: 'US', accessCountries: [], activityIds: [], mechanism: 'DPF', notes: '' }),
    );
    const rec = (id: string, kind: string, ref: string, doc: object) =>
      db0.prepare("INSERT INTO register_entry (id, kind, ref, status, version, created_at, updated_at, deleted_at, summary, search_text, doc) VALUES (?, ?, ?, 'draft', 1, 'x', 'x', NULL, '{}', '', ?)").run(id, kind, ref, JSON.stringify(doc));
    const a = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
    const b = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
    const c = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
    rec(a, 'controller', 'RT-003', {
      ref: 'RT-003',
      name: 'CRM',
      purposes: 'untouched',
      hasTransfers: true,
      transfers: [
        { recipient: 'TWILIO', country: 'États-Unis', safeguard: 'SCC_2021', document: 'DPA 2025' },
        { recipient: 'Audience Inc.', country: 'USA', safeguard: 'LEGACY_PRIVACY_SHIELD', document: '' },
        { recipient: 'Google LLC', country: 'united states', safeguard: 'DPF', document: 'DPF vérifié' },
        { recipient: 'Hébergeur', country: 'Atlantide', safeguard: 'OTHER', document: 'contrat 2019' },
      ],
    });
    rec(b, 'processor', 'RS-006', { ref: 'RS-006', name: 'SMS', hasTransfers: true, transfers: [{ recipient: 'Twilio Inc.', country: 'etats-unis', safeguard: '', document: '' }] });
    rec(c, 'controller', 'RT-001', { ref: 'RT-001', name: 'Paie', hasTransfers: false, transfers: [] });
    older.db.close();

    const { db } = openDatabase(file, { backupDir: path.join(d, 'backups') });
    const docOf = (id: string) => JSON.parse(db.prepare('SELECT doc FROM register_entry WHERE id = ?').pluck().get(id) as string);
    const transfers = (db.prepare('SELECT id, doc FROM transfer ORDER BY title').all() as Array<{ id: string; doc: string }>).map((r) => ({ id: r.id, ...JSON.parse(r.doc) }));
    // Twilio (a supplier, whatever the case and legal form) once, linked to both records; Audience as a named recipient on the invalidated ground; Google linked, not copied.
    expect(transfers).toHaveLength(3);
    const tw = transfers.find((t) => t.importerSupplierId === twilio)!;
    // RS-006 (first by reference) named no safeguard: the entry takes RT-003's SCCs, module unknown.
    expect(tw).toMatchObject({ importerCountry: 'US', mechanism: 'SCC_2021', scc: { module: null }, activityIds: [b, a], exporterRole: 'processor' });
    expect(tw.notes).toContain('RT-003');
    expect(tw.notes).toContain('RS-006');
    expect(transfers.find((t) => t.importerName === 'Audience Inc.')).toMatchObject({ importerSupplierId: '', importerCountry: 'US', mechanism: 'LEGACY_PRIVACY_SHIELD', activityIds: [a] });
    expect(transfers.find((t) => t.id === google)).toMatchObject({ activityIds: [a], mechanism: 'DPF' });
    // The record keeps only what could not be mapped, and nothing else of its own changed.
    expect(docOf(a)).toEqual({
      ref: 'RT-003',
      name: 'CRM',
      purposes: 'untouched',
      transfersToConvert: [{ recipient: 'Hébergeur', country: 'Atlantide', safeguard: 'OTHER', document: 'contrat 2019', reason: 'country' }],
    });
    expect(docOf(b)).toEqual({ ref: 'RS-006', name: 'SMS', transfersToConvert: [] });
    expect(docOf(c)).toEqual({ ref: 'RT-001', name: 'Paie', transfersToConvert: [] });
    // Every transfer created or changed and every record changed is in the audit log, before and after.
    const log = db.prepare("SELECT entity, entity_id, action, before, after FROM audit_log WHERE action = 'migrate'").all() as Array<{ entity: string; entity_id: string; before: string | null; after: string }>;
    expect(log.filter((l) => l.entity === 'register_entry').map((l) => l.entity_id).sort()).toEqual([a, b, c].sort());
    expect(log.filter((l) => l.entity === 'transfer').map((l) => l.entity_id).sort()).toEqual(transfers.map((t) => t.id).sort());
    expect(JSON.parse(log.find((l) => l.entity_id === a)!.before!).transfers).toHaveLength(4);
    expect(log.find((l) => l.entity_id === google)!.before).not.toBeNull();
    expect(log.find((l) => l.entity_id === tw.id)!.before).toBeNull();
    db.close();
  });

  it('opening the migrated file writes the records’ summaries and search texts again from the transfer register', async () => {
    const d = dir();
    const file = path.join(d, 'v60b.sqlite');
    const { openCore, closeCore } = await import('../../electron/core/core');
    const { listSummaries, searchEntries } = await import('../../electron/core/services/register.service');
    const older = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version < 70) });
    const id = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
    const oldSummary = { id, kind: 'processor', ref: 'RS-001', name: 'SMS', status: 'draft', hasTransfers: true, transferCountries: 'Inde', missing: ['safeguard'] };
    const doc = { ref: 'RS-001', name: 'SMS', status: 'draft', client: { name: '', address: '', contactName: '', email: '', phone: '', dpo: '' }, representative: '', processingCategories: [], subProcessors: [], hasTransfers: true, transfers: [{ recipient: 'Acme Ltd', country: 'Inde', safeguard: '', document: '' }], securityMeasures: [], nextReview: '', notes: '' };
    older.db
      .prepare("INSERT INTO register_entry (id, kind, ref, status, version, created_at, updated_at, deleted_at, summary, search_text, doc) VALUES (?, 'processor', 'RS-001', 'draft', 1, 'x', 'x', NULL, ?, 'sms inde acme', ?)")
      .run(id, JSON.stringify(oldSummary), JSON.stringify(doc));
    older.db.close();
    const core = openCore(file, { backupDir: path.join(d, 'backups') });
    expect(listSummaries(core, 'processor', 'live')).toMatchObject([{ ref: 'RS-001', hasTransfers: true, transferCountries: ['IN'], transfersToConvert: 0, missing: expect.not.arrayContaining(['safeguard']) }]);
    expect(searchEntries(core, 'processor', 'india acme')).toEqual([id]);
    closeCore(core);
  });
});
