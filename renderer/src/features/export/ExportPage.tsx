import { DateField } from '../../components/DateField';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportPreview, ExportRecord, JobStatus } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { isIsoDate } from '../../../../shared/domain/validation';
import { appToday } from '../../lib/clock';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { Field, Section, formatDate, formatDateTime } from '../../components/ui';
import { useApp } from '../../store/app';
import { deliverDocument, download } from '../../lib/download';

type Registers = 'both' | 'controller' | 'processor';
/** Word (the yearly document, recorded with its version), or a workbook: flat or the CNIL model, .xlsx or .ods. */
const FORMATS = ['docx', 'xlsx', 'ods', 'cnil-ods', 'cnil-xlsx'] as const;
type Format = (typeof FORMATS)[number];

export function ExportPage() {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const toast = useApp((s) => s.toast);
  const [format, setFormat] = useState<Format>('docx');
  const sheet = format !== 'docx';
  const cnil = format.startsWith('cnil');
  const [registers, setRegisters] = useState<Registers>('both');
  const chosenRegisters: Registers = cnil ? 'controller' : registers;
  const [docLanguage, setDocLanguage] = useState<'fr' | 'en'>(language);
  const [asOf, setAsOf] = useState(appToday());
  const [includeArchived, setIncludeArchived] = useState(false);
  const [includeDrafts, setIncludeDrafts] = useState(false);
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const [annexLists, setAnnexLists] = useState(true);
  const [annexTransfers, setAnnexTransfers] = useState(true);
  const [annexBreaches, setAnnexBreaches] = useState(true);
  const [annexSuppliers, setAnnexSuppliers] = useState(true);
  const [busy, setBusy] = useState(false);
  const [history, setHistory] = useState<ReadonlyArray<ExportRecord>>([]);
  const [job, setJob] = useState<{ id: string; done: number; total: number } | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  const load = useCallback(() => call('export:list', {}).then(setHistory), []);
  useEffect(() => {
    load().catch((e) => toast(describeError(e), 'error'));
  }, [load, toast]);
  const dateError = !isIsoDate(asOf) ? 'date' : asOf > appToday() ? 'inFuture' : undefined;
  // What the document will leave out, and whether the date is before the first record, as the options change.
  useEffect(() => {
    if (dateError) return;
    let live = true;
    call('export:preview', { asOf, registers: chosenRegisters, includeArchived, includeDrafts }).then(
      (p) => live && setPreview(p),
      () => live && setPreview(null),
    );
    return () => {
      live = false;
    };
  }, [asOf, chosenRegisters, includeArchived, includeDrafts, dateError]);
  const beforeFirst = !dateError && preview?.beforeFirst === true;

  const generate = async () => {
    if (dateError || beforeFirst) return;
    setBusy(true);
    try {
      if (sheet) {
        const result = await call('export:sheet', {
          layout: cnil ? 'cnil' : 'register',
          format: format.endsWith('ods') ? 'ods' : 'xlsx',
          language: docLanguage,
          registers: chosenRegisters,
          asOf,
          includeArchived,
          includeDrafts,
        });
        deliverDocument(result, (file) => toast(t('exports.done', { file: result.path ?? file })));
        return;
      }
      // The Word export is a job (issue 15): started, followed (records done / total), cancellable, then delivered.
      setJob({ id: '', done: 0, total: 0 }); // shown at once, Cancel enabled once the job is known
      const { job: id } = await call('export:start', {
        language: docLanguage,
        registers,
        asOf,
        includeArchived,
        includeDrafts,
        annexes: { lists: annexLists, transfers: annexTransfers, breaches: annexBreaches, suppliers: annexSuppliers },
      });
      setJob({ id, done: 0, total: 0 });
      const end = await follow(id, (s) => alive.current && setJob({ id, done: s.done, total: s.total }));
      if (end.state === 'cancelled') {
        toast(t('exports.cancelled'));
        return;
      }
      if (end.state === 'failed') throw new AppError(end.error!);
      const result = await call('export:finish', { job: id });
      if (!result.record) return; // save dialog cancelled
      if (result.base64) download(result.record.fileName, result.base64);
      toast(t('exports.done', { file: result.path ?? result.record.fileName }));
      await load();
    } catch (err) {
      toast(describeError(err), 'error');
    } finally {
      setBusy(false);
      if (alive.current) setJob(null);
    }
  };

  const cancel = () => {
    if (job?.id) call('job:cancel', { id: job.id }).catch((e) => toast(describeError(e), 'error'));
  };

  const radio = <T extends string>(name: string, value: T, current: T, set: (v: T) => void, label: string) => (
    <label className="check" key={value}>
      <input type="radio" name={name} value={value} checked={current === value} onChange={() => set(value)} /> {label}
    </label>
  );

  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t('exports.title')}</h1>
          <p className="muted small">{t('exports.intro')}</p>
        </div>
      </header>
      <Section title={t('exports.options')}>
        <div className="form-grid">
          <fieldset className="array" aria-label={t('exports.format')}>
            <legend>{t('exports.format')}</legend>
            {FORMATS.map((f) => radio('format', f, format, setFormat, t(`exports.formats.${f}`)))}
          </fieldset>
          <fieldset className="array" aria-label={t('exports.registers')} disabled={cnil}>
            <legend>{t('exports.registers')}</legend>
            {(['both', 'controller', 'processor'] as const).map((r) => radio('registers', r, chosenRegisters, setRegisters, t(`export.registers.${r}`)))}
            {cnil ? <p className="muted small">{t('exports.cnilController')}</p> : null}
          </fieldset>
          <fieldset className="array" aria-label={t('exports.language')}>
            <legend>{t('exports.language')}</legend>
            {(['fr', 'en'] as const).map((l) => radio('doc-language', l, docLanguage, setDocLanguage, t(`enums.language.${l}`)))}
          </fieldset>
          <fieldset className="array" aria-label={sheet ? t('exports.sheetContent') : t('exports.content')}>
            <legend>{sheet ? t('exports.sheetContent') : t('exports.content')}</legend>
            <label className="check">
              <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} /> {t('exports.includeArchived')}
            </label>
            <label className="check">
              <input type="checkbox" checked={includeDrafts} onChange={(e) => setIncludeDrafts(e.target.checked)} /> {t('exports.includeDrafts')}
            </label>
            {sheet ? null : (
              <>
                <label className="check">
                  <input type="checkbox" checked={annexTransfers} onChange={(e) => setAnnexTransfers(e.target.checked)} /> {t('export.annexTransfers')}
                </label>
                <label className="check">
                  <input type="checkbox" checked={annexSuppliers} onChange={(e) => setAnnexSuppliers(e.target.checked)} /> {t('auditDoc.annexSuppliers')}
                </label>
                <label className="check">
                  <input type="checkbox" checked={annexBreaches} onChange={(e) => setAnnexBreaches(e.target.checked)} /> {t('breachDoc.annexBreaches')}
                </label>
                <label className="check">
                  <input type="checkbox" checked={annexLists} onChange={(e) => setAnnexLists(e.target.checked)} /> {t('export.annexLists')}
                </label>
              </>
            )}
          </fieldset>
          <DateField label={t('exports.asOf')} error={dateError} required value={asOf} onChange={setAsOf} />
        </div>
        {beforeFirst && preview ? (
          <p className="notice notice-warn" role="status" data-testid="export-before-first">
            {t('exports.beforeFirst', { date: formatDate(asOf, language), first: formatDate(preview.firstRecordOn, language) })}
          </p>
        ) : null}
        {!beforeFirst && preview && preview.draftsLeftOut.length > 0 ? (
          <div className="notice" data-testid="export-drafts-left-out">
            <p>{t('exports.draftsLeftOut', { count: preview.draftsLeftOut.length })}</p>
            <ul>
              {preview.draftsLeftOut.map((d) => (
                <li key={`${d.kind}-${d.ref}`}>
                  {d.ref} – {d.name} <span className="muted small">({t(`export.registers.${d.kind}`)})</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div>
          <button type="button" className="button primary" disabled={busy || !!dateError || beforeFirst} onClick={() => void generate()}>
            {busy ? t('exports.generating') : sheet ? t('exports.generateSheet') : t('exports.generate')}
          </button>
        </div>
        {job ? (
          <div className="export-progress" data-testid="export-progress">
            <progress max={Math.max(job.total, 1)} value={job.done} aria-label={t('exports.progressLabel')} aria-valuetext={t('exports.progress', { done: job.done, total: job.total })} />
            <span className="small" role="status">
              {job.total === 0
                ? t('exports.progressStarting')
                : t('exports.progress', { done: job.done.toLocaleString(language), total: job.total.toLocaleString(language) })}
            </span>
            <button type="button" className="button" onClick={cancel} disabled={!job.id}>
              {t('exports.cancel')}
            </button>
          </div>
        ) : null}
      </Section>
      <Section title={t('exports.history')}>
        {history.length === 0 ? (
          <p className="muted">{t('exports.none')}</p>
        ) : (
          <table className="table" aria-label={t('exports.history')}>
            <thead>
              <tr>
                <th>{t('exports.version')}</th>
                <th>{t('settings.date')}</th>
                <th>{t('settings.file')}</th>
                <th>{t('exports.registers')}</th>
                <th>{t('exports.asOf')}</th>
                <th>SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {history.map((r) => (
                <tr key={r.id}>
                  <td>{r.version}</td>
                  <td>{formatDateTime(r.at, language)}</td>
                  <td>
                    <code>{r.fileName}</code> <span className="muted small">({t('common.kb', { n: Math.ceil(r.size / 1024) })}, {r.language.toUpperCase()})</span>
                  </td>
                  <td>{t(`export.registers.${r.registers}`)}</td>
                  <td>{formatDate(r.asOf, language)}</td>
                  <td>
                    <code title={r.sha256}>{r.sha256.slice(0, 16)}…</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}

/** Polls a job through its read channel until it is over; `onProgress` on each answer. */
async function follow(id: string, onProgress: (s: JobStatus) => void): Promise<JobStatus> {
  for (;;) {
    const s = await call('job:get', { id });
    onProgress(s);
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 250));
  }
}
