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

describe('command line spreadsheet export', () => {
  it('writes the register as .xlsx and .ods, flat or as the CNIL model, in French or English, and explains bad input', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const db = path.join(dir, 'r.sqlite');
    await cli('demo', '--db', db);
    const { readFileSync } = await import('node:fs');
    const { readOds, readXlsx, records, byLabel } = await import('../sheet-read');

    const xlsx = path.join(dir, 'registre.xlsx');
    const flat = await cli('export-sheet', '--db', db, '--out', xlsx, '--drafts');
    expect(flat).toMatchObject({ code: 0, out: expect.stringMatching(/^Register exported: .*registre\.xlsx \(22 records, \d+ bytes\)$/) });
    const book = await readXlsx(readFileSync(xlsx));
    expect(records(book, 'Traitements').map((r) => r['Référence']!.text)).toContain('RT-015'); // --drafts
    expect(records(book, 'Sous-traitance').map((r) => r['Référence']!.text)).toContain('RS-006');

    const ods = path.join(dir, 'cnil.ods');
    const cnil = await cli('export-sheet', '--db', db, '--out', ods, '--cnil', '--lang', 'en');
    expect(cnil).toMatchObject({ code: 0, out: expect.stringMatching(/^Register exported \(CNIL model\): .*cnil\.ods \(14 records, \d+ bytes\)$/) });
    const model = readOds(readFileSync(ods));
    expect(model.names[0]).toBe('2 - List of processing');
    expect(model.names).not.toContain('RT-015'); // a draft, left out without --drafts
    expect(byLabel(model, 'RT-013').get('Name of the processing')).toEqual([['Gestion du personnel et paie']]);

    expect(await cli('export-sheet', '--db', db, '--out', xlsx)).toMatchObject({ code: 2, err: expect.stringMatching(/already exists \(add --force/) });
    expect((await cli('export-sheet', '--db', db, '--out', xlsx, '--force')).code).toBe(0);
    expect(await cli('export-sheet', '--db', db, '--out', path.join(dir, 'x.csv'))).toMatchObject({ code: 2, err: expect.stringMatching(/\.xlsx or \.ods/) });
    expect(await cli('export-sheet', '--db', db, '--out', path.join(dir, 'x.ods'), '--cnil', '--register', 'processor')).toMatchObject({ code: 2, err: expect.stringMatching(/controller register only/) });
    expect(await cli('export-sheet', '--db', db, '--out', path.join(dir, 'x.ods'), '--lang', 'de')).toMatchObject({ code: 2, err: expect.stringMatching(/--lang must be fr or en/) });
    expect(await cli('export-sheet', '--db', path.join(dir, 'none.sqlite'), '--out', path.join(dir, 'x.ods'))).toMatchObject({ code: 2, err: expect.stringMatching(/no database/) });
    expect(await cli('export-sheet', '--db', db, '--out', path.join(dir, 'old.ods'), '--as-of', '2020-01-01')).toMatchObject({ code: 1, err: expect.stringMatching(/asOf: The register only starts on/) });
  });
  it('exports the dated obligations as an .ics calendar that a real parser reads, in the window asked for', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const db = path.join(dir, 'r.sqlite');
    await cli('demo', '--db', db);
    const { readFileSync } = await import('node:fs');
    const ICAL = (await import('ical.js')).default;
    const events = (file: string) => new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8'))).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

    const all = path.join(dir, 'all.ics');
    const res = await cli('calendar', '--db', db, '--out', all);
    expect(res.code).toBe(0);
    const n = Number(/\((\d+) events\)/.exec(res.out)![1]);
    const parsed = events(all);
    expect(parsed.length).toBe(n);
    expect(parsed.some((e) => /^Revoir le traitement RT-\d+/.test(e.summary))).toBe(true);

    const week = path.join(dir, 'week.ics');
    expect((await cli('calendar', '--db', db, '--out', week, '--from', '2026-11-24', '--to', '2026-12-01', '--lang', 'en')).code).toBe(0);
    const inWeek = events(week);
    expect(inWeek.length).toBeLessThan(parsed.length);
    for (const e of inWeek) expect(e.startDate.toString().slice(0, 10) >= '2026-11-24' && e.startDate.toString().slice(0, 10) <= '2026-12-01').toBe(true);
    // The same items keep their UIDs from one file to the other.
    expect(inWeek.every((e) => parsed.some((p) => p.uid === e.uid))).toBe(true);

    expect(await cli('calendar', '--db', db, '--out', all)).toMatchObject({ code: 2, err: expect.stringMatching(/already exists \(add --force/) });
    expect(await cli('calendar', '--db', db, '--out', path.join(dir, 'x.txt'))).toMatchObject({ code: 2, err: expect.stringMatching(/\.ics file/) });
    expect(await cli('calendar', '--db', db, '--out', path.join(dir, 'y.ics'), '--from', '24/11/2026')).toMatchObject({ code: 2, err: expect.stringMatching(/--from must be a date/) });
    expect(await cli('calendar', '--db', db, '--out', path.join(dir, 'y.ics'), '--from', '2026-12-02', '--to', '2026-12-01')).toMatchObject({ code: 2, err: expect.stringMatching(/--from must not be after --to/) });
  });
});
