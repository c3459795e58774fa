import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeCore, openCore, type Core } from '../../electron/core/core';
import { runScheduledBackup, writeArchive } from '../../electron/core/services/backup.service';
import { documentsDir } from '../../electron/core/services/supplier.service';
import { cleanTempFiles, setWriteFault, writeFileAtomic } from '../../electron/core/files/atomic';
import { buildArchive } from '../../electron/core/files/backup-archive';
import { journalPath, stagedDbPath, writeJournal } from '../../electron/core/files/restore-journal';
import { copyDatabase } from '../../electron/core/db/copy';
import { LATEST_VERSION } from '../../electron/core/db/migrations';
import { call, callResult, fullControllerDoc, fullSupplierDoc, tempDir, testCore } from '../helpers';

let core: Core;
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ core, dir, cleanup } = testCore()));
afterEach(() => {
  setWriteFault(null);
  cleanup();
});

const refs = async (c: Core) => (await call(c, 'register:list', { kind: 'controller', scope: 'live' })).map((s) => s.ref).sort();

async function withSupplierDocument(c: Core, text: string) {
  const s = await call(c, 'supplier:create', { doc: fullSupplierDoc() });
  return call(c, 'supplier:addDocument', { id: s.id, kind: 'contract', name: 'contrat.pdf', base64: Buffer.from(text).toString('base64') });
}

function files(d: string): string[] {
  return existsSync(d) ? readdirSync(d).sort() : [];
}

describe('complete backups (issue 14)', () => {
  it('hold the register, the documents folder and a manifest with the SHA-256 of every file and the counts', async () => {
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    await withSupplierDocument(core, 'signed contract');
    const b = await call(core, 'backup:create', {});
    expect(b).toMatchObject({ format: 'archive', encrypted: false, auto: false });
    expect(b.file).toMatch(/^register-\d{8}T\d{6}Z\.dpobackup$/);
    const entries = unzipSync(readFileSync(b.path));
    const manifest = JSON.parse(strFromU8(entries['manifest.json']!));
    expect(manifest).toMatchObject({ format: 'dpo-desk-backup', schemaVersion: LATEST_VERSION, appVersion: core.appVersion, counts: { records: 1, suppliers: 1, transfers: 0, breaches: 0, documents: 1 } });
    const docName = files(documentsDir(core))[0]!;
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual([`documents/${docName}`, 'register.sqlite']);
    expect(strFromU8(entries[`documents/${docName}`]!)).toBe('signed contract');
    const { createHash } = await import('node:crypto');
    for (const f of manifest.files) expect(createHash('sha256').update(entries[f.path]!).digest('hex')).toBe(f.sha256);
  });

  it('restore brings back the register and its documents, after a complete backup of the current state', async () => {
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    const withDoc = await withSupplierDocument(core, 'version 1');
    const b = await call(core, 'backup:create', {});
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'LATER' }) });
    await withSupplierDocument(core, 'added later');
    expect(files(documentsDir(core))).toHaveLength(2);

    await call(core, 'backup:restore', { file: b.file });
    expect(await refs(core)).toEqual(['T-001']);
    expect(files(documentsDir(core))).toHaveLength(1);
    const doc = (await call(core, 'supplier:get', { id: withDoc.id })).documents[0]!;
    expect(await call(core, 'supplier:openDocument', { documentId: doc.id })).toMatchObject({ base64: Buffer.from('version 1').toString('base64') });
    const before = (await call(core, 'backup:list', {})).find((x) => x.file.includes('before-restore'))!;
    expect(before.format).toBe('archive');
    // Nothing of the restore is left beside the register.
    expect(files(dir).filter((f) => /restore|dpo-tmp/.test(f))).toEqual([]);
    // The state before the restore can itself be restored.
    await call(core, 'backup:restore', { file: before.file });
    expect(await refs(core)).toEqual(['LATER', 'T-001']);
    expect(files(documentsDir(core))).toHaveLength(2);
  });

  it('an encrypted backup asks for its passphrase; a wrong one gets a clear message and replaces nothing', async () => {
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    expect(await callResult(core, 'backup:create', { passphrase: 'short' })).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'passphrase', message: 'passphraseTooShort|{"min":8}' }] } });
    const b = await call(core, 'backup:create', { passphrase: 'correct horse battery' });
    expect(b.encrypted).toBe(true);
    expect(readFileSync(b.path).subarray(0, 8).toString()).toBe('DPOENC01');
    expect((await call(core, 'backup:list', {})).find((x) => x.file === b.file)!.encrypted).toBe(true);
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'LATER' }) });

    expect(await callResult(core, 'backup:restore', { file: b.file })).toMatchObject({ ok: false, error: { issues: [{ path: 'passphrase', message: 'backupNeedsPassphrase' }] } });
    expect(await callResult(core, 'backup:restore', { file: b.file, passphrase: 'wrong horse' })).toMatchObject({ ok: false, error: { issues: [{ path: 'passphrase', message: 'backupWrongPassphrase' }] } });
    expect(await refs(core)).toEqual(['LATER', 'T-001']);
    expect((await call(core, 'backup:list', {})).some((x) => x.file.includes('before-restore'))).toBe(false);

    await call(core, 'backup:restore', { file: b.file, passphrase: 'correct horse battery' });
    expect(await refs(core)).toEqual(['T-001']);
  });

  it('a backup that does not match its manifest, or comes from a newer app, is refused before anything is replaced', async () => {
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    const b = await call(core, 'backup:create', {});
    // Change one byte of the stored register inside the zip (stored entries are compressed: alter the manifest's hash instead).
    const entries = unzipSync(readFileSync(b.path));
    const { zipSync, strToU8 } = await import('fflate');
    const manifest = JSON.parse(strFromU8(entries['manifest.json']!));
    manifest.files[0].sha256 = '0'.repeat(64);
    writeFileSync(path.join(core.backupDir, 'tampered.dpobackup'), zipSync({ ...entries, 'manifest.json': strToU8(JSON.stringify(manifest)) }));
    expect(await callResult(core, 'backup:restore', { file: 'tampered.dpobackup' })).toMatchObject({ ok: false, error: { issues: [{ message: 'backupDamaged' }] } });
    writeFileSync(path.join(core.backupDir, 'truncated.dpobackup'), readFileSync(b.path).subarray(0, 200));
    expect(await callResult(core, 'backup:restore', { file: 'truncated.dpobackup' })).toMatchObject({ ok: false, error: { issues: [{ message: 'backupDamaged' }] } });

    // A register from a newer version of the app.
    const newer = path.join(dir, 'newer.sqlite');
    copyDatabase(core.db, newer);
    const n = new Database(newer);
    n.pragma(`user_version = ${LATEST_VERSION + 10}`);
    n.close();
    const archive = buildArchive({ db: readFileSync(newer), documents: [], meta: { createdAt: '2026-11-24T09:00:00Z', appVersion: '9.0.0', schemaVersion: LATEST_VERSION + 10, counts: { records: 1, suppliers: 0, transfers: 0, breaches: 0, documents: 0 } } });
    writeFileSync(path.join(core.backupDir, 'newer.dpobackup'), archive);
    expect(await callResult(core, 'backup:restore', { file: 'newer.dpobackup' })).toMatchObject({ ok: false, error: { issues: [{ message: `backupTooNew|{"version":${LATEST_VERSION + 10},"latest":${LATEST_VERSION}}` }] } });

    expect(await refs(core)).toEqual(['T-001']);
    expect(files(dir).filter((f) => /restore/.test(f))).toEqual([]);
    expect((await call(core, 'backup:list', {})).some((x) => x.file.includes('before-restore'))).toBe(false);
  });

  it('old backups (a .sqlite copy of the register) are still restorable, and keep the documents folder', async () => {
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    copyDatabase(core.db, path.join(core.backupDir, 'register-20250101T000000Z.sqlite'));
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'LATER' }) });
    await withSupplierDocument(core, 'kept');
    const listed = (await call(core, 'backup:list', {})).find((b) => b.file === 'register-20250101T000000Z.sqlite')!;
    expect(listed).toMatchObject({ format: 'database', encrypted: false, createdAt: '2025-01-01T00:00:00.000Z' });
    await call(core, 'backup:restore', { file: listed.file });
    expect(await refs(core)).toEqual(['T-001']);
    expect(files(documentsDir(core))).toHaveLength(1);
  });
});

describe('a restore interrupted by a crash (issue 14)', () => {
  it('committed (journal written): the next start completes it', async () => {
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    const b = await call(core, 'backup:create', {});
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'LATER' }) });
    // What restoreBackup has done when the process dies just after step 3.
    const src = unzipSync(readFileSync(b.path))['register.sqlite']!;
    writeFileAtomic(stagedDbPath(core.dbPath), src);
    writeJournal(core.dbPath, { documents: false, backup: 'x', at: '' });
    closeCore(core);
    core = openCore(core.dbPath, { actor: 'tester' });
    expect(await refs(core)).toEqual(['T-001']);
    expect(existsSync(journalPath(core.dbPath))).toBe(false);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('not committed (no journal): the next start removes what was staged and the register is untouched', async () => {
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    writeFileSync(stagedDbPath(core.dbPath), 'half a file');
    writeFileSync(path.join(dir, `.register.sqlite.dpo-tmp-999999-abcdef`), 'a crashed write');
    closeCore(core);
    core = openCore(core.dbPath, { actor: 'tester' });
    expect(await refs(core)).toEqual(['T-001']);
    expect(files(dir).filter((f) => /restore|dpo-tmp/.test(f))).toEqual([]);
  });
});

describe('crash-safe writes (issue 14)', () => {
  it('a full disk while writing leaves the old file, no temporary file, and a clear message', () => {
    const target = path.join(dir, 'registre.docx');
    writeFileSync(target, 'last year');
    setWriteFault((stage) => {
      if (stage === 'write') throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    });
    expect(() => writeFileAtomic(target, Buffer.alloc(4096, 1))).toThrow(expect.objectContaining({ data: expect.objectContaining({ issues: [{ path: 'file', message: `diskFull|${JSON.stringify({ folder: dir })}` }] }) }));
    expect(readFileSync(target, 'utf8')).toBe('last year');
    expect(files(dir).filter((f) => f.includes('dpo-tmp'))).toEqual([]);
    setWriteFault(null);
    writeFileAtomic(target, Buffer.from('this year'));
    expect(readFileSync(target, 'utf8')).toBe('this year');
  });

  it('a backup that fails half way leaves no file under a backup name', async () => {
    setWriteFault((stage) => {
      if (stage === 'rename') throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    });
    expect(await callResult(core, 'backup:create', {})).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(files(core.backupDir)).toEqual([]);
  });

  it('temporary files of a live process are left alone; those of a dead one are removed', () => {
    const { dir: d, cleanup: done } = tempDir();
    writeFileSync(path.join(d, `.a.docx.dpo-tmp-${process.pid}-00ff`), 'mine, in progress');
    writeFileSync(path.join(d, '.a.docx.dpo-tmp-999999-00ff'), 'dead');
    writeFileSync(path.join(d, 'a.docx'), 'kept');
    expect(cleanTempFiles(d)).toEqual(['.a.docx.dpo-tmp-999999-00ff']);
    expect(files(d)).toEqual([`.a.docx.dpo-tmp-${process.pid}-00ff`, 'a.docx']);
    done();
  });
});

describe('scheduled backups (issue 14)', () => {
  it('one at start-up when the latest is older than the set days, keeping the latest N scheduled ones', async () => {
    let t = Date.parse('2026-11-24T09:00:00Z');
    const { dir: d, cleanup: done } = tempDir();
    const c = openCore(path.join(d, 'register.sqlite'), { actor: 'tester', now: () => new Date(t) });
    try {
      expect(runScheduledBackup(c).made).toBeNull(); // a new, empty register
      await call(c, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
      expect(await callResult(c, 'backup:saveSettings', { settings: { everyDays: -1, keep: 0 } })).toMatchObject({ ok: false, error: { code: 'validation' } });
      await call(c, 'backup:saveSettings', { settings: { everyDays: 2, keep: 2 } });
      writeArchive(c, path.join(c.backupDir, 'by-hand-20261101T000000Z.dpobackup'));
      const first = runScheduledBackup(c);
      expect(first.made?.file).toBe('register-auto-20261124T090000Z.dpobackup');
      t += 86_400_000;
      expect(runScheduledBackup(c).made).toBeNull(); // one day later: not due
      for (let i = 0; i < 3; i++) {
        t += 2 * 86_400_000;
        expect(runScheduledBackup(c).made).not.toBeNull();
      }
      const list = await call(c, 'backup:list', {});
      expect(list.filter((b) => b.auto).map((b) => b.createdAt)).toEqual(['2026-12-01T09:00:00.000Z', '2026-11-29T09:00:00.000Z']);
      expect(list.some((b) => b.file.startsWith('by-hand'))).toBe(true); // made by hand: never removed
      await call(c, 'backup:saveSettings', { settings: { everyDays: 0, keep: 2 } });
      t += 30 * 86_400_000;
      expect(runScheduledBackup(c).made).toBeNull(); // 0 = off
    } finally {
      closeCore(c);
      done();
    }
  });
});
