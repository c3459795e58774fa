/**
 * Command-line entry over the same core as the app.
 *
 *   npm run cli -- demo   --db PATH              create the demo register (refuses a non-empty file)
 *   npm run cli -- check  --db PATH [--json]     integrity + completeness report; exit 1 if incomplete
 *   npm run cli -- backup --db PATH --out FILE [--encrypt]   complete backup (register + documents), works while the app runs
 *   npm run cli -- backups --db PATH             the backups in the register's backup folder
 *   npm run cli -- restore --db PATH --from FILE  replace the register with a backup (the current one is backed up first)
 *   npm run cli -- export --db PATH --out FILE.docx [--lang fr|en] [--register controller|processor|both] [--as-of DATE] [--archived] [--drafts] [--no-annexes] [--force]
 *   npm run cli -- breaches --db PATH --out FILE.docx [--lang fr|en] [--force]
 *   npm run cli -- export-sheet --db PATH --out FILE.xlsx|FILE.ods [--cnil] [--lang fr|en] [--register …] [--as-of DATE] [--archived] [--drafts] [--force]
 *   npm run cli -- import --db PATH --file F [--mapping M] [--dry-run] [--example] [--replace-organisation] [--lang fr|en]
 *   npm run cli -- calendar --db PATH --out F.ics [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--lang fr|en] [--force]
 *
 * Commands that write into the register (demo, export, restore, import) refuse a register the app (desktop or
 * web harness) has open, with exit code 3, unless given `--wait`: they then wait until it is
 * closed (see electron/core/db/open-lock.ts). Reads (check, backup, breaches) run alongside it.
 *
 * Every command takes `--now DATE`: the core's clock starts at that day (demos, tests); by
 * default it is the computer's clock.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { translate } from '../../shared/i18n';
import { AppError, FILE_ERROR_CODES } from '../../shared/errors';
import { liveOpenMarks, waitUntilClosed } from '../core/db/open-lock';
import { asFileError } from '../core/file-errors';
import { recoveryBackups } from '../core/services/recovery.service';
import { closeCore, openCore, type Core } from '../core/core';
import { clockFrom, parseNow, systemClock, type Clock } from '../core/clock';
import { setup } from '../core/services/app.service';
import { backupTo, listBackups, restoreFrom } from '../core/services/backup.service';
import { NewPassphraseSchema } from '../../shared/domain/backup';
import { checkRegister } from '../core/services/check.service';
import { countAll } from '../core/db/repos/register.repo';
import { checkExportDate, recordExport } from '../core/export/export.service';
import { EXPORT_JOB, moveInPlace, startRegisterExport, type ExportJobResult } from '../core/export/export-job';
import { takeJobResult, waitJob } from '../core/jobs';
import { isIsoDate, parseMsg, todayIso } from '../../shared/domain/validation';
import { writeDocument } from '../core/files/atomic';
import { prepareBreachLog } from '../core/export/breach-export.service';
import { listBreaches } from '../core/services/breach.service';
import { prepareSheetExport } from '../core/export/sheet/sheet-export.service';
import { runImport } from './import-command';
import { prepareCalendar } from '../core/export/calendar.service';

/** Written atomically (issue 14): `--force` over last year's document leaves the old one or the new one, never a piece. */
async function writeOut(out: string, buffer: Buffer): Promise<void> {
  writeDocument(out, buffer);
}

/**
 * Waits for the export job (in a worker thread, as in the app: its heap is capped, the export's
 * memory bounded): it prints no progress, stdout keeps its one-line contract.
 */
async function exportResult(job: string): Promise<ExportJobResult> {
  await waitJob(job);
  return takeJobResult<ExportJobResult>(job, EXPORT_JOB);
}

/**
 * The start-up check left to a worker thread (`deferQuickCheck`, as the app opens a register):
 * the export reads beside it, and its document is kept only from a register the check found sound.
 */
async function mustBeSound(core: Core): Promise<void> {
  await core.pendingCheck;
  if (core.health.readOnly === 'damaged') throw AppError.file('damaged', core.health.problem?.detail ?? '');
}

/** The passphrase of an encrypted backup comes from the environment, never from the command line (other users see it there). */
function passphraseFromEnv(wanted: boolean): string | undefined {
  const value = process.env.DPO_BACKUP_PASSPHRASE;
  if (wanted && !value) throw new UsageError('--encrypt needs the passphrase in the environment variable DPO_BACKUP_PASSPHRASE');
  return value || undefined;
}

function docxTarget(out: string, force: boolean): void {
  if (!out.toLowerCase().endsWith('.docx')) throw new UsageError('--out must name a .docx file');
  if (existsSync(out) && !force) throw new UsageError(`${out} already exists (add --force to replace it)`);
}

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  demo   --db PATH              Create the demo register in PATH (refuses a file that has records)
  check  --db PATH [--json]     Full integrity check (PRAGMA integrity_check) and the records missing
                                mandatory Art. 30 fields (exit code 1 when the file is damaged or any
                                active or draft record is incomplete; a damaged file lists the good backups)
  backup --db PATH --out FILE [--encrypt]
                                Complete backup, safe while the app is running: FILE.dpobackup holds
                                the register, the documents folder and a manifest (SHA-256 of each
                                file); FILE.sqlite is a copy of the register alone. --encrypt takes
                                the passphrase from the environment variable DPO_BACKUP_PASSPHRASE
  backups --db PATH             List the backups of the register's backup folder
  restore --db PATH --from FILE Replace the register (and its documents) with a backup, after
                                checking it and backing up the current register; an encrypted
                                backup reads its passphrase from DPO_BACKUP_PASSPHRASE; a damaged
                                register is set aside (.sqlite.damaged) instead of backed up
  export --db PATH --out FILE.docx [--lang fr|en] [--register controller|processor|both]
         [--as-of YYYY-MM-DD] [--archived] [--drafts] [--no-annexes] [--force]
                                The yearly register as a Word document, as it stood at the end of the
                                as-of day (default today); drafts are left out unless --drafts
                                (never overwrites FILE without --force)
  breaches --db PATH --out FILE.docx [--lang fr|en] [--force]
                                The breach log (Art. 33(5)) as a Word table
  export-sheet --db PATH --out FILE.xlsx|FILE.ods [--cnil] [--lang fr|en]
         [--register controller|processor|both] [--as-of YYYY-MM-DD] [--archived] [--drafts] [--force]
                                The register as a spreadsheet: one row per record and one sheet per
                                repeated table; with --cnil, the CNIL model (the list, then one record
                                sheet per controller record)
  import --db PATH --file F.xlsx|F.ods|F.csv [--mapping M] [--dry-run] [--example]
         [--replace-organisation] [--lang fr|en]
                                Import a register: the CNIL model is recognised by itself; another
                                spreadsheet (one row per processing) takes the mapping M, a saved
                                mapping's name or a JSON file (default: the suggested one). Prints
                                the report row by row; --dry-run writes nothing
  calendar --db PATH --out F.ics [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--lang fr|en] [--force]
                                Every dated obligation (reviews, audits, questionnaires, corrective
                                actions, certifications, DPF re-checks, TIA re-evaluations, running
                                breach clocks) as an iCalendar file, one event per item with a stable
                                UID: importing a newer file updates the events instead of adding them

Every command also takes --now YYYY-MM-DD[THH:MM:SSZ]: run as if it were that time
(the clock then moves on from there); default: the computer's clock.

demo, export and restore write into the register: while DPO Desk (desktop or web harness) has it open
they refuse (exit code 3); add --wait to wait until the app closes it.
`;

export type CliIo = { out: (s: string) => void; err: (s: string) => void };

class UsageError extends Error {}

function need(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`missing ${flag}`);
  return value;
}

export type CliOptions = Readonly<{ /** The core's clock; `--now` overrides it. */ now?: Clock; /** Stops a --wait (tests). */ signal?: AbortSignal }>;

/** A register the app has open: the CLI does not write into it (exit code 3). */
class OpenElsewhere extends Error {}

type WriteIntent = Readonly<{ wait: boolean; io: CliIo; signal?: AbortSignal }>;

async function withCore<T>(dbPath: string, mustExist: boolean, now: Clock, fn: (core: Core) => Promise<T> | T, write?: WriteIntent, tolerant = false, deferQuickCheck = false): Promise<T> {
  if (mustExist && !existsSync(dbPath)) throw new UsageError(`no database at ${dbPath}`);
  if (write) {
    const marks = liveOpenMarks(dbPath);
    const first = marks[0];
    if (first && !write.wait) {
      throw new OpenElsewhere(translate('en', 'errors.file.openElsewhere', { file: dbPath, app: first.app === 'desktop' ? 'desktop app' : 'web harness', pid: first.pid, since: first.startedAt }));
    }
    if (first) {
      await waitUntilClosed(dbPath, {
        ...(write.signal ? { signal: write.signal } : {}),
        onWait: (m) => write.io.err(translate('en', 'errors.file.waiting', { file: dbPath, pid: m.map((x) => x.pid).join(', ') })),
      });
    }
  }
  const core = openCore(dbPath, { actor: 'cli', now, ...(tolerant ? { tolerant: true } : {}), ...(deferQuickCheck ? { deferQuickCheck: true } : {}) });
  return Promise.resolve(fn(core)).finally(() => closeCore(core));
}

/** The arguments `export` and `export-sheet` share, checked once. */
function registerExportArgs(values: Readonly<{ db?: string | undefined; out?: string | undefined; lang?: string | undefined; register?: string | undefined }>) {
  const db = path.resolve(need(values.db, '--db'));
  const out = path.resolve(need(values.out, '--out'));
  const lang = values.lang;
  if (lang !== 'fr' && lang !== 'en') throw new UsageError(`--lang must be fr or en, got "${lang}"`);
  const registers = values.register;
  if (registers !== 'controller' && registers !== 'processor' && registers !== 'both') {
    throw new UsageError(`--register must be controller, processor or both, got "${registers}"`);
  }
  return { db, out, lang, registers } as const;
}

export async function runCli(argv: ReadonlyArray<string>, io: CliIo = { out: console.log, err: console.error }, options: CliOptions = {}): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const { values } = parseArgs({
      args: [...rest],
      options: {
        db: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        lang: { type: 'string', default: 'fr' },
        register: { type: 'string', default: 'both' },
        'as-of': { type: 'string' },
        archived: { type: 'boolean', default: false },
        drafts: { type: 'boolean', default: false },
        'no-annexes': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        cnil: { type: 'boolean', default: false },
        now: { type: 'string' },
        file: { type: 'string' },
        mapping: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        example: { type: 'boolean', default: false },
        'replace-organisation': { type: 'boolean', default: false },
        encrypt: { type: 'boolean', default: false },
        from: { type: 'string' },
        to: { type: 'string' },
        wait: { type: 'boolean', default: false },
      },
      strict: true,
    });
    let clock = options.now ?? systemClock;
    if (values.now !== undefined) {
      const start = parseNow(values.now);
      if (!start) throw new UsageError(`--now must be a date written YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, got "${values.now}"`);
      clock = clockFrom(start, clock);
    }
    const write: WriteIntent = { wait: values.wait, io, ...(options.signal ? { signal: options.signal } : {}) };
    switch (command) {
      case 'demo': {
        const db = path.resolve(need(values.db, '--db'));
        return await withCore(db, false, clock, (core) => {
          if (countAll(core.db) > 0) throw new UsageError(`${db} already holds a register: the demo is only created in a new or empty file`);
          setup(core, 'demo');
          const n = countAll(core.db);
          io.out(`Demo register created in ${db} (${n} records).`);
          return 0;
        }, write);
      }
      case 'check': {
        const db = path.resolve(need(values.db, '--db'));
        if (!existsSync(db)) throw new UsageError(`no database at ${db}`);
        const damaged = damagedReport(db, clock);
        if (damaged) {
          if (values.json) io.out(JSON.stringify(damaged, null, 2));
          else {
            io.out(`Integrity: ${damaged.problem.code}: ${damaged.problem.detail}`);
            io.out(translate('en', `errors.file.${damaged.problem.code === 'newer_version' ? 'newer_version' : 'damaged'}`));
            io.out(damaged.backups.length ? 'Good backups, newest first:' : `No good backup in ${damaged.backupDir}.`);
            for (const b of damaged.backups) io.out(`  ${b.createdAt}  ${b.path}`);
          }
          return 1;
        }
        return await withCore(db, true, clock, (core) => {
          const report = checkRegister(core);
          if (values.json) io.out(JSON.stringify(report, null, 2));
          else {
            io.out(`Integrity: ${report.integrity}`);
            io.out(`Records checked (active and draft): ${report.records}`);
            if (report.incomplete.length === 0) io.out('Every record has its mandatory fields.');
            for (const r of report.incomplete) {
              const fields = [...new Set(r.missing.map((k) => translate('en', `fields.${k}`)))].join(', ');
              io.out(`INCOMPLETE ${r.kind} ${r.ref} (${r.status}) ${r.name}: ${fields}`);
            }
            for (const r of report.toConvert) io.out(`TO CONVERT ${r.kind} ${r.ref} ${r.name}: ${r.count} transfer(s) typed on the record, not yet in the transfer register`);
          }
          return report.integrity === 'ok' && report.incomplete.length === 0 ? 0 : 1;
        });
      }
      case 'backup': {
        const db = path.resolve(need(values.db, '--db'));
        const out = path.resolve(need(values.out, '--out'));
        const passphrase = passphraseFromEnv(values.encrypt);
        if (values.encrypt) {
          const p = NewPassphraseSchema.safeParse(passphrase);
          if (!p.success) throw AppError.validation(p.error.issues.map((i) => ({ path: 'passphrase', message: i.message })));
        }
        return await withCore(db, true, clock, async (core) => {
          const info = await backupTo(core, out, values.encrypt ? passphrase : undefined);
          io.out(`Backup written: ${info.path} (${info.size} bytes${info.format === 'archive' ? `, register and documents${info.encrypted ? ', encrypted' : ''}` : ', register only'})`);
          return 0;
        });
      }
      case 'backups': {
        const db = path.resolve(need(values.db, '--db'));
        return await withCore(db, true, clock, (core) => {
          const list = listBackups(core);
          if (list.length === 0) io.out('No backup yet.');
          for (const b of list) io.out(`${b.createdAt}  ${b.file}  ${b.size} bytes  ${b.format === 'archive' ? 'complete' : 'register only'}${b.encrypted ? ', encrypted' : ''}${b.auto ? ', scheduled' : ''}`);
          return 0;
        });
      }
      case 'restore': {
        const db = path.resolve(need(values.db, '--db'));
        const from = path.resolve(need(values.from, '--from'));
        if (!existsSync(from)) throw new UsageError(`no backup at ${from}`);
        // Restore writes into the register: it honours the app's open mark (--wait), and opens a
        // damaged register tolerantly, so that restoring is how it is repaired (14B: set aside, not backed up).
        return await withCore(
          db,
          true,
          clock,
          (core) => {
            const info = restoreFrom(core, from, passphraseFromEnv(false));
            if (info.problem) throw AppError.file(info.problem.code === 'internal' ? 'damaged' : info.problem.code, info.problem.detail);
            io.out(`Register restored from ${from} (schema ${info.schemaVersion}); the register as it was is in ${core.backupDir}.`);
            return 0;
          },
          write,
          true,
        );
      }
      case 'export': {
        const { db, out, lang, registers } = registerExportArgs(values);
        const givenAsOf = values['as-of'];
        if (givenAsOf !== undefined && !isIsoDate(givenAsOf)) throw new UsageError(`--as-of must be a date written YYYY-MM-DD, got "${givenAsOf}"`);
        docxTarget(out, values.force);
        return await withCore(db, true, clock, async (core) => {
          const asOf = givenAsOf ?? todayIso(core.now());
          checkExportDate(core, asOf);
          // The app's streamed export (issue 15): a worker writes beside `out`, then the file is renamed into place.
          const job = startRegisterExport(
            core,
            {
              language: lang,
              registers,
              asOf,
              includeArchived: values.archived,
              includeDrafts: values.drafts,
              annexes: { lists: !values['no-annexes'], transfers: !values['no-annexes'], breaches: !values['no-annexes'], suppliers: !values['no-annexes'] },
            },
            out,
            'worker',
          );
          let prepared: ExportJobResult;
          try {
            prepared = await exportResult(job);
          } catch (err) {
            await mustBeSound(core); // a damaged page met by the export is said as "damaged"
            throw err;
          }
          try {
            await mustBeSound(core);
          } catch (err) {
            prepared.discard();
            throw err;
          }
          moveInPlace(prepared, out);
          const record = recordExport(core, prepared, path.basename(out));
          io.out(`Register exported: ${out} (version ${record.version}, ${record.size} bytes, sha256 ${record.sha256})`);
          if (prepared.draftsLeftOut.length) io.out(`Drafts left out (add --drafts to include them): ${prepared.draftsLeftOut.map((d) => `${d.ref} ${d.name}`).join('; ')}`);
          return 0;
        }, write, false, true);
      }
      case 'export-sheet': {
        const { db, out, lang, registers } = registerExportArgs(values);
        const format = path.extname(out).toLowerCase().slice(1);
        if (format !== 'xlsx' && format !== 'ods') throw new UsageError('--out must name a .xlsx or .ods file');
        if (values.cnil && registers === 'processor') throw new UsageError('the CNIL model holds the controller register only: --cnil cannot go with --register processor');
        const givenAsOf = values['as-of'];
        if (givenAsOf !== undefined && !isIsoDate(givenAsOf)) throw new UsageError(`--as-of must be a date written YYYY-MM-DD, got "${givenAsOf}"`);
        if (existsSync(out) && !values.force) throw new UsageError(`${out} already exists (add --force to replace it)`);
        return await withCore(db, true, clock, async (core) => {
          const prepared = await prepareSheetExport(core, {
            layout: values.cnil ? 'cnil' : 'register',
            format,
            language: lang,
            registers,
            asOf: givenAsOf ?? todayIso(core.now()),
            includeArchived: values.archived,
            includeDrafts: values.drafts,
          });
          await writeOut(out, prepared.buffer);
          io.out(`Register exported${values.cnil ? ' (CNIL model)' : ''}: ${out} (${prepared.records} records, ${prepared.buffer.length} bytes)`);
          return 0;
        });
      }
      case 'breaches': {
        const db = path.resolve(need(values.db, '--db'));
        const out = path.resolve(need(values.out, '--out'));
        const lang = values.lang;
        if (lang !== 'fr' && lang !== 'en') throw new UsageError(`--lang must be fr or en, got "${lang}"`);
        docxTarget(out, values.force);
        return await withCore(db, true, clock, async (core) => {
          const prepared = await prepareBreachLog(core, lang);
          await writeOut(out, prepared.buffer);
          io.out(`Breach log exported: ${out} (${listBreaches(core, 'live').length} incidents, ${prepared.buffer.length} bytes)`);
          return 0;
        });
      }
      case 'calendar': {
        const db = path.resolve(need(values.db, '--db'));
        const out = path.resolve(need(values.out, '--out'));
        const lang = values.lang;
        if (lang !== 'fr' && lang !== 'en') throw new UsageError(`--lang must be fr or en, got "${lang}"`);
        if (!out.toLowerCase().endsWith('.ics')) throw new UsageError('--out must name a .ics file');
        for (const [flag, value] of [['--from', values.from], ['--to', values.to]] as const) {
          if (value !== undefined && !isIsoDate(value)) throw new UsageError(`${flag} must be a date written YYYY-MM-DD, got "${value}"`);
        }
        if (values.from && values.to && values.from > values.to) throw new UsageError('--from must not be after --to');
        if (existsSync(out) && !values.force) throw new UsageError(`${out} already exists (add --force to replace it)`);
        return await withCore(db, true, clock, async (core) => {
          const prepared = prepareCalendar(core, { language: lang, from: values.from ?? '', to: values.to ?? '' });
          await writeOut(out, prepared.buffer);
          io.out(`Calendar exported: ${out} (${prepared.events} events)`);
          return 0;
        });
      }
      case 'import': {
        const db = path.resolve(need(values.db, '--db'));
        const file = need(values.file, '--file');
        const lang = values.lang;
        if (lang !== 'fr' && lang !== 'en') throw new UsageError(`--lang must be fr or en, got "${lang}"`);
        return await withCore(db, false, clock, (core) =>
          runImport(core, { file, ...(values.mapping ? { mapping: values.mapping } : {}), dryRun: values['dry-run'], includeExample: values.example, replaceOrganisation: values['replace-organisation'], lang }, io.out),
          // An import writes into the register (a dry run does not): it honours the app's open mark like `demo` and `export`.
          values['dry-run'] ? undefined : write,
        );
      }
      case undefined:
      case 'help':
      case '--help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String((err as { code: string }).code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`error: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof AppError && err.data.code === 'validation') {
      io.err(`error: ${err.data.issues.map((i) => { const { key, params } = parseMsg(i.message); return `${i.path}: ${translate(messageLanguage(argv), `errors.${key}`, params)}`; }).join('\n')}`);
      return 1;
    }
    if (err instanceof OpenElsewhere) {
      io.err(`error: ${err.message}`);
      return 3;
    }
    const fileError = err instanceof AppError ? err : asFileError(err);
    if (fileError && (FILE_ERROR_CODES as ReadonlyArray<string>).includes(fileError.code)) {
      io.err(`error: ${translate('en', `errors.file.${fileError.code}`)} (${fileError.message})`);
      return 1;
    }
    io.err(`error: ${err instanceof AppError || err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

/** The language of a refusal's message: the import's --lang (French by default, like its report); English for the other commands. */
function messageLanguage(argv: ReadonlyArray<string>): 'fr' | 'en' {
  if (argv[0] !== 'import') return 'en';
  const i = argv.indexOf('--lang');
  return i >= 0 && argv[i + 1] === 'en' ? 'en' : 'fr';
}

/** A register that does not pass its start-up checks: what is wrong and the good backups, or null when it opens. */
function damagedReport(db: string, now: Clock) {
  const core = openCore(db, { actor: 'cli', now, tolerant: true, readonly: true });
  try {
    const problem = core.health.problem;
    // Opened read-only to look without writing: an older schema (to migrate) is not a problem here.
    if (!problem || problem.code === 'read_only') return null;
    return { integrity: problem.code, problem, backupDir: core.backupDir, backups: recoveryBackups(core) };
  } finally {
    closeCore(core);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
