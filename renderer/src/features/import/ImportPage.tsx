import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportBatch, ImportMapping, ImportOpened, ImportPlan, ImportPreview, ImportUndo, SavedMapping } from '../../../../shared/domain/import';
import { AppError } from '../../../../shared/errors';
import { Field, formatDateTime } from '../../components/ui';
import { call } from '../../lib/api';
import { readFileAsBase64 } from '../../lib/download';
import { describeError } from '../../lib/errors';
import { routeHash } from '../../lib/router';
import { useBusy } from '../../lib/useBusy';
import { useApp } from '../../store/app';
import { useRegister } from '../../store/register';
import { MappingStep, ValuesStep } from './MappingSteps';
import { ReportStep } from './ReportStep';
import { cancelJob, followJob, JobProgress } from '../../components/JobProgress';
import type { JobStatus } from '../../../../shared/contract';

type Step = 'file' | 'options' | 'mapping' | 'values' | 'report' | 'done';

/**
 * The import wizard (issue 13): choose a file → the CNIL model's options, or the column mapping
 * and the value mapping → the dry run's report → confirm → the result, with "undo this import".
 * Every step works on the file the core keeps under a token; nothing is written before "Import".
 */
export function ImportPage() {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const toast = useApp((s) => s.toast);
  const reloadRegister = useRegister((s) => s.load);
  const { busy, run } = useBusy();
  const [step, setStep] = useState<Step>('file');
  const [fileError, setFileError] = useState<string | undefined>();
  const [opened, setOpened] = useState<ImportOpened | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({ columns: {}, values: {} });
  const [mappingName, setMappingName] = useState('');
  const [saved, setSaved] = useState<ReadonlyArray<SavedMapping>>([]);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [includeExample, setIncludeExample] = useState(false);
  const [replaceOrganisation, setReplaceOrganisation] = useState(false);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [batch, setBatch] = useState<ImportBatch | null>(null);
  const [undo, setUndo] = useState<ImportUndo | null>(null);
  const [batches, setBatches] = useState<ReadonlyArray<ImportBatch>>([]);
  const [job, setJob] = useState<{ kind: 'dryRun' | 'apply'; status: JobStatus | null } | null>(null);

  useEffect(() => {
    void call('import:mappings', {}).then(setSaved, () => undefined);
    void call('import:batches', {}).then(setBatches, () => undefined);
  }, []);

  const steps: Step[] = opened && opened.source !== 'table' ? ['file', 'options', 'report', 'done'] : ['file', 'mapping', 'values', 'report', 'done'];
  const options = (m: ImportMapping = mapping) => ({ includeExample, replaceOrganisation, ...(opened?.source === 'table' ? { mapping: m } : {}), ...(mappingName && saved.some((m) => m.name === mappingName) ? { mappingName } : {}) });

  const chooseFile = async (file: File | undefined) => {
    setFileError(undefined);
    if (!file) return;
    await run(async () => {
      try {
        const o = await call('import:open', { fileName: file.name, base64: await readFileAsBase64(file) });
        setOpened(o);
        setPlan(null);
        setBatch(null);
        setUndo(null);
        if (o.table) {
          setMapping(o.table.suggested);
          setPreview(await call('import:preview', { token: o.token, mapping: o.table.suggested, language }));
          setStep('mapping');
        } else setStep('options');
      } catch (err) {
        // A refused file is told next to the file field, in the user's language.
        if (err instanceof AppError && err.data.code === 'validation') setFileError(err.data.issues[0]?.message ?? 'invalid');
        else setFileError(describeError(err));
      }
    });
  };

  const refreshPreview = async (m: ImportMapping) => {
    if (!opened) return;
    setPreview(await call('import:preview', { token: opened.token, mapping: m, language }));
  };

  /** Follows an import job to its end (issue 16): true when it finished, false when cancelled (said in a toast). */
  const followImportJob = async (kind: 'dryRun' | 'apply', id: string): Promise<boolean> => {
    try {
      const end = await followJob(id, (s) => setJob({ kind, status: s }));
      if (end.state === 'cancelled') {
        toast(t(kind === 'apply' ? 'jobs.import.cancelled' : 'jobs.import.dryRunCancelled'));
        return false;
      }
      if (end.state === 'failed') throw new AppError(end.error!);
      return true;
    } finally {
      setJob(null);
    }
  };

  // Issue 16: the dry run is a job too (records checked / total); Cancel just stops it.
  const dryRun = (m?: ImportMapping) =>
    run(async () => {
      setJob({ kind: 'dryRun', status: null });
      let id = '';
      try {
        ({ job: id } = await call('import:dryRunStart', { token: opened!.token, options: options(m) }));
      } catch (e) {
        setJob(null);
        throw e;
      }
      if (!(await followImportJob('dryRun', id))) return;
      setPlan(await call('import:dryRunFinish', { job: id }));
      setStep('report');
    });

  // Issue 16: the apply is a job: records checked then written (done / total), Cancel rolls it all back.
  const apply = () =>
    run(async () => {
      setJob({ kind: 'apply', status: null });
      let id = '';
      try {
        ({ job: id } = await call('import:start', { token: opened!.token, sha256: opened!.sha256, options: options() }));
      } catch (e) {
        setJob(null);
        throw e;
      }
      if (!(await followImportJob('apply', id))) return;
      const result = await call('import:finish', { job: id });
      setBatch(result.batch);
      setStep('done');
      await reloadRegister('controller');
      if (opened?.register?.processor) await reloadRegister('processor');
      setBatches(await call('import:batches', {}));
    });

  const undoBatch = (id: string) =>
    run(async () => {
      const result = await call('import:undo', { batchId: id });
      setUndo(result);
      if (batch?.id === id) setBatch(result.batch);
      toast(t('importer.undone', { trashed: result.trashed, transfers: result.transfersTrashed, restored: result.restored }));
      await reloadRegister('controller');
      setBatches(await call('import:batches', {}));
    });

  const restart = () => {
    setStep('file');
    setOpened(null);
    setPlan(null);
    setBatch(null);
    setUndo(null);
    setPreview(null);
    setMappingName('');
  };

  const detected = opened?.cnil ?? opened?.register;
  const index = steps.indexOf(step);
  return (
    <div className="page page-import">
      <header className="page-head">
        <div>
          <a className="muted small" href={routeHash({ page: 'register', kind: 'controller' })}>
            ← {t('nav.controller')}
          </a>
          <h1>{t('importer.title')}</h1>
        </div>
      </header>
      <nav aria-label={t('importer.title')}>
        <ol className="import-steps">
          {steps.map((s, i) => (
            <li key={s} className={s === step ? 'current' : i < index ? 'past' : ''} aria-current={s === step ? 'step' : undefined}>
              {i + 1}. {t(`importer.steps.${s}`)}
            </li>
          ))}
        </ol>
      </nav>
      <h2 className="import-step-title">{t('importer.stepOf', { n: index + 1, total: steps.length, name: t(`importer.steps.${step}`) })}</h2>
      {opened && step !== 'file' ? <p className="muted small">{t('importer.opened', { file: opened.fileName, format: opened.format.toUpperCase(), sha: opened.sha256 })}</p> : null}

      {step === 'file' ? (
        <section className="card">
          <div className="card-body">
            <p>{t('importer.intro')}</p>
            <Field label={t('importer.file')} error={fileError}>
              {(id, describedBy) => (
                <input
                  id={id}
                  type="file"
                  accept=".xlsx,.ods,.csv"
                  aria-describedby={describedBy}
                  aria-invalid={fileError ? true : undefined}
                  disabled={busy}
                  onChange={(e) => void chooseFile(e.target.files?.[0])}
                />
              )}
            </Field>
            {busy ? <p role="status">{t('importer.reading')}</p> : null}
          </div>
          <BatchList batches={batches} busy={busy} onUndo={undoBatch} lang={language} />
        </section>
      ) : null}

      {step === 'options' && detected ? (
        <section className="card">
          <div className="card-body">
            <p>{opened?.register ? t('importer.registerDetected', { controller: opened.register.controller, processor: opened.register.processor }) : t('importer.cnilDetected', { count: opened?.cnil?.sheets.length ?? 0 })}</p>
            {opened?.cnil?.hasExample ? (
              <label className="check">
                <input type="checkbox" checked={includeExample} onChange={(e) => setIncludeExample(e.target.checked)} /> {t('importer.includeExample')}
              </label>
            ) : null}
            {detected.hasOrganisation && detected.organisationExists ? (
              <div>
                <label className="check">
                  <input type="checkbox" checked={replaceOrganisation} onChange={(e) => setReplaceOrganisation(e.target.checked)} /> {t('importer.replaceOrganisation')}
                </label>
                <div className="hint">{t('importer.replaceOrganisationHelp')}</div>
              </div>
            ) : detected.hasOrganisation ? (
              <p className="hint">{t('importer.organisationNew')}</p>
            ) : null}
            <div className="actions">
              <button type="button" className="button" onClick={restart}>
                {t('importer.back')}
              </button>
              <button type="button" className="button primary" disabled={busy} onClick={() => void dryRun()}>
                {t('importer.dryRun')}
              </button>
            </div>
          </div>
        </section>
      ) : null}

      {step === 'mapping' && opened?.table ? (
        <MappingStep
          opened={opened}
          mapping={mapping}
          saved={saved}
          mappingName={mappingName}
          preview={preview}
          busy={busy}
          onMapping={(m, name) => {
            setMapping(m);
            if (name !== undefined) setMappingName(name);
            void run(() => refreshPreview(m));
          }}
          onBack={restart}
          onNext={() =>
            void run(async () => {
              await refreshPreview(mapping);
              setStep('values');
            })
          }
        />
      ) : null}

      {step === 'values' && opened?.table && preview ? (
        <ValuesStep
          mapping={mapping}
          preview={preview}
          mappingName={mappingName}
          busy={busy}
          onMapping={setMapping}
          onSave={(name, m) =>
            void run(async () => {
              setSaved(await call('import:saveMapping', { name, mapping: m }));
              setMappingName(name);
              toast(t('importer.mappingSaved', { name }));
            })
          }
          onBack={() => setStep('mapping')}
          onNext={(m) => void dryRun(m)}
        />
      ) : null}

      {step === 'report' && plan ? <ReportStep plan={plan} busy={busy} onBack={() => setStep(opened && opened.source !== 'table' ? 'options' : 'values')} onConfirm={() => void apply()} /> : null}
      {/* Below the step, where Import (or the dry run) was clicked. */}
      {job && step !== 'done' ? (
        <JobProgress
          testId="import-progress"
          status={job.status}
          label={t('jobs.import.label')}
          text={
            !job.status || job.status.total === 0
              ? t('jobs.import.starting')
              : t(job.status.step === 'write' ? 'jobs.import.write' : 'jobs.import.check', { done: job.status.done.toLocaleString(language), total: job.status.total.toLocaleString(language) })
          }
          cancelLabel={t(job.kind === 'apply' ? 'jobs.import.cancel' : 'jobs.import.cancelDryRun')}
          note={t(job.kind === 'apply' ? 'jobs.import.note' : 'jobs.import.dryRunNote')}
          onCancel={() => void cancelJob(job.status?.id).catch((e) => toast(describeError(e), 'error'))}
        />
      ) : null}

      {step === 'done' && batch ? (
        <section className="card">
          <div className="card-body">
            <p role="status">{t('importer.done', { created: batch.created, updated: batch.updated, skipped: batch.skipped })}</p>
            {undo ? (
              <p role="status" className="notice notice-warn">
                {t('importer.undone', { trashed: undo.trashed, transfers: undo.transfersTrashed, restored: undo.restored })}
                {undo.keptChanged.length ? ` ${t('importer.keptChanged', { refs: undo.keptChanged.join(', ') })}` : ''}
              </p>
            ) : (
              <>
                <p className="hint">{t('importer.undoHelp')}</p>
                <div>
                  <button type="button" className="button danger" disabled={busy} onClick={() => void undoBatch(batch.id)}>
                    {t('importer.undo')}
                  </button>
                </div>
              </>
            )}
            <div className="actions">
              <a className="button primary" href={routeHash({ page: 'register', kind: 'controller' })}>
                {t('importer.toRegister')}
              </a>
              <button type="button" className="button" onClick={restart}>
                {t('importer.another')}
              </button>
            </div>
          </div>
        </section>
      ) : null}
    </div>
  );
}

function BatchList(props: { batches: ReadonlyArray<ImportBatch>; busy: boolean; lang: string; onUndo: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="card-body">
      <h3>{t('importer.history')}</h3>
      {props.batches.length === 0 ? <p className="muted">{t('importer.historyEmpty')}</p> : null}
      <ul className="import-batches">
        {props.batches.map((b) => (
          <li key={b.id}>
            <span>
              {formatDateTime(b.at, props.lang)} — {t('importer.batch', { file: b.fileName, created: b.created, updated: b.updated })}
            </span>{' '}
            {b.undoneAt ? (
              <span className="muted">({t('importer.batchUndone', { date: formatDateTime(b.undoneAt, props.lang) })})</span>
            ) : (
              <button type="button" className="button small danger" disabled={props.busy} onClick={() => props.onUndo(b.id)}>
                {t('importer.undo')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
