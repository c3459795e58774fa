import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/index';
import { fakeClock, tempDir } from '../helpers';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** Every command runs on the test's clock: 24 November 2026, one second more at each reading. */
const now = fakeClock('2026-11-24T09:00:00.000Z');

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s) }, { now });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('command line', () => {
  it('creates the demo, refuses to overwrite it, checks it and backs it up', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const db = path.join(dir, 'r.sqlite');
    const demo = await cli('demo', '--db', db);
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/23 records/);
    const again = await cli('demo', '--db', db);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already holds a register/);

    const check = await cli('check', '--db', db);
    expect(check.code).toBe(1); // the demo keeps two incomplete drafts on purpose
    expect(check.out).toMatch(/Integrity: ok/);
    expect(check.out).toMatch(/INCOMPLETE controller RT-015 \(draft\).*Legal basis/);
    const json = JSON.parse((await cli('check', '--db', db, '--json')).out);
    expect(json.incomplete.map((r: { ref: string }) => r.ref)).toEqual(['RT-015', 'RS-007']);

    const out = path.join(dir, 'copy.sqlite');
    expect((await cli('backup', '--db', db, '--out', out)).code).toBe(0);
    const copyCheck = await cli('check', '--db', out, '--json');
    expect(JSON.parse(copyCheck.out).records).toBe(json.records);
    expect((await cli('backup', '--db', db, '--out', out)).err).toMatch(/already exists/);
  });

  it('exits 0 on a complete register and with clear messages on bad input', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const db = path.join(dir, 'empty.sqlite');
    await cli('backup', '--db', db, '--out', path.join(dir, 'x.sqlite')).then((r) => expect(r.err).toMatch(/no database/));
    const { openCore, closeCore } = await import('../../electron/core/core');
    closeCore(openCore(db));
    expect((await cli('check', '--db', db)).code).toBe(0);
    expect(await cli('check')).toMatchObject({ code: 2, err: expect.stringMatching(/missing --db/) });
    expect(await cli('frobnicate')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown command/) });
    expect(await cli('check', '--db', db, '--bogus')).toMatchObject({ code: 2 });
  });
});

describe('command line backups (issue 14)', () => {
  it('writes a complete encrypted backup, lists it, and restores it only with its passphrase', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const db = path.join(dir, 'r.sqlite');
    expect((await cli('demo', '--db', db)).code).toBe(0);
    const out = path.join(dir, 'backups', 'usb.dpobackup');
    const saved = process.env.DPO_BACKUP_PASSPHRASE;
    try {
      delete process.env.DPO_BACKUP_PASSPHRASE;
      expect(await cli('backup', '--db', db, '--out', out, '--encrypt')).toMatchObject({ code: 2, err: expect.stringMatching(/DPO_BACKUP_PASSPHRASE/) });
      process.env.DPO_BACKUP_PASSPHRASE = 'short';
      expect(await cli('backup', '--db', db, '--out', out, '--encrypt')).toMatchObject({ code: 1, err: expect.stringMatching(/at least 8 characters/) });
      process.env.DPO_BACKUP_PASSPHRASE = 'correct horse battery';
      const made = await cli('backup', '--db', db, '--out', out, '--encrypt');
      expect(made).toMatchObject({ code: 0, out: expect.stringMatching(/register and documents, encrypted/) });
      expect((await cli('backups', '--db', db)).out).toMatch(/usb\.dpobackup .* complete, encrypted/);

      process.env.DPO_BACKUP_PASSPHRASE = 'wrong horse';
      const wrong = await cli('restore', '--db', db, '--from', out);
      expect(wrong).toMatchObject({ code: 1, err: 'error: passphrase: Wrong passphrase (or a tampered backup file): nothing was restored.' });
      process.env.DPO_BACKUP_PASSPHRASE = 'correct horse battery';
      expect(await cli('restore', '--db', db, '--from', out)).toMatchObject({ code: 0, out: expect.stringMatching(/Register restored/) });
      expect((await cli('check', '--db', db, '--json')).out).toMatch(/"integrity": "ok"/);
    } finally {
      if (saved === undefined) delete process.env.DPO_BACKUP_PASSPHRASE;
      else process.env.DPO_BACKUP_PASSPHRASE = saved;
    }
  }, 60_000);
});

describe('command line export', () => {
  it('writes the Word register, refuses to overwrite without --force, and explains bad input', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const db = path.join(dir, 'r.sqlite');
    const out = path.join(dir, 'registre.docx');
    expect(await cli('export', '--db', db, '--out', out)).toMatchObject({ code: 2, err: expect.stringMatching(/no database/) });
    await cli('demo', '--db', db);
    // The demo is created today: the default as-of date (today) holds it; a date before it is refused.
    const ok = await cli('export', '--db', db, '--out', out, '--lang', 'en', '--register', 'controller');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Register exported: .*registre\.docx \(version 1, \d+ bytes, sha256 [0-9a-f]{64}\)/);
    expect(ok.out).toMatch(/Drafts left out \(add --drafts to include them\): RT-015 /);
    expect(await cli('export', '--db', db, '--out', path.join(dir, 'old.docx'), '--as-of', '2020-01-01')).toMatchObject({ code: 1, err: expect.stringMatching(/asOf: The register only starts on \d{4}-\d{2}-\d{2}/) });
    const { readFileSync } = await import('node:fs');
    const { docxParagraphs } = await import('../docx-text');
    const paragraphs = await docxParagraphs(readFileSync(out));
    expect(paragraphs.some((p) => p.style === 'Heading2' && p.text === 'RT-013 – Gestion du personnel et paie')).toBe(true);
    expect(paragraphs.some((p) => p.text.startsWith('RS-001'))).toBe(false); // --register controller
    expect(paragraphs.some((p) => p.text === 'Record of processing activities')).toBe(true); // --lang en
    expect(paragraphs.some((p) => p.text.startsWith('RT-015 –'))).toBe(false); // a draft
    const withDrafts = path.join(dir, 'drafts.docx');
    expect((await cli('export', '--db', db, '--out', withDrafts, '--lang', 'en', '--register', 'controller', '--drafts')).out).toMatch(/version 2/);
    expect((await docxParagraphs(readFileSync(withDrafts))).some((p) => p.style === 'Heading2' && p.text.startsWith('RT-015 –'))).toBe(true);

    expect(await cli('export', '--db', db, '--out', out)).toMatchObject({ code: 2, err: expect.stringMatching(/already exists \(add --force/) });
    expect((await cli('export', '--db', db, '--out', out, '--force')).out).toMatch(/version 3/);
    // The same state again, in French: the same version.
    expect((await cli('export', '--db', db, '--out', path.join(dir, 'fr.docx'), '--lang', 'fr')).out).toMatch(/version 3/);
    expect(await cli('export', '--db', db, '--out', path.join(dir, 'x.docx'), '--lang', 'de')).toMatchObject({ code: 2, err: expect.stringMatching(/--lang must be fr or en/) });
    expect(await cli('export', '--db', db, '--out', path.join(dir, 'x.docx'), '--as-of', '2026-02-30')).toMatchObject({ code: 2, err: expect.stringMatching(/--as-of must be a date/) });
    expect(await cli('export', '--db', db, '--out', path.join(dir, 'x.docx'), '--register', 'all')).toMatchObject({ code: 2, err: expect.stringMatching(/--register must be/) });
    expect(await cli('export', '--db', db, '--out', path.join(dir, 'x.pdf'))).toMatchObject({ code: 2, err: expect.stringMatching(/\.docx/) });
    const unwritable = await cli('export', '--db', db, '--out', path.join(dir, 'no-such-folder', 'x.docx'));
    expect(unwritable).toMatchObject({ code: 1, err: expect.stringMatching(/could not be written \(ENOENT\)/) });
  });
});
