import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState } from 'react';
import { FormProvider, useForm, type FieldValues, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { BackupInfo, JobStatus } from '../../../../shared/contract';
import { cancelJob, followJob, JobProgress } from '../../components/JobProgress';
import { BackupSettingsSchema, NewPassphraseSchema, type BackupSettings } from '../../../../shared/domain/backup';
import { AppError } from '../../../../shared/errors';
import { call } from '../../lib/api';
import { useBusy } from '../../lib/useBusy';
import { describeError } from '../../lib/errors';
import { Badge, Field, Section, formatDateTime } from '../../components/ui';
import { useApp } from '../../store/app';
import { useRegister } from '../../store/register';
import { NumberInput } from '../register/formParts';
import { SaveButton, WriteButton } from '../../components/SaveButton';

/** The message of a refused passphrase, to show next to its field (other errors go to a toast). */
function passphraseError(e: unknown): string | undefined {
  if (e instanceof AppError && e.data.code === 'validation') return e.data.issues.find((i) => i.path === 'passphrase')?.message;
  return undefined;
}

/** The progress of a backup (pages copied, then the archive) or a restore (checks, the backup of the current state, the swap). */
export function BackupJobProgress(props: { kind: 'backup' | 'restore'; status: JobStatus | null; language: string; onCancel: () => void }) {
  const { t } = useTranslation();
  const s = props.status;
  const n = (x: number) => x.toLocaleString(props.language);
  const step = s?.step ?? '';
  const text = !s || (s.total === 0 && step === '') ? t(`jobs.${props.kind}.starting`) : t(`jobs.${props.kind}.${step}`, { done: n(s.done), total: n(s.total) });
  return (
    <JobProgress
      testId={`${props.kind}-progress`}
      status={s}
      label={t(`jobs.${props.kind}.label`)}
      text={text}
      cancelLabel={t(`jobs.${props.kind}.cancel`)}
      note={t(`jobs.${props.kind}.note`)}
      onCancel={props.onCancel}
    />
  );
}

/**
 * Issue 14: complete backups (the register and its documents), optionally encrypted with a
 * passphrase; the list says which are complete, encrypted or scheduled; restoring an encrypted
 * one asks for its passphrase, shown next to the field when wrong.
 */
export function BackupsSection() {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const reloadInfo = useApp((s) => s.reloadInfo);
  const reloadLists = useApp((s) => s.reloadLists);
  const toast = useApp((s) => s.toast);
  const reloadRegister = useRegister((s) => s.load);
  const [backups, setBackups] = useState<ReadonlyArray<BackupInfo>>([]);
  const [passphrase, setPassphrase] = useState('');
  const [newError, setNewError] = useState<string | undefined>();
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [restorePassphrase, setRestorePassphrase] = useState('');
  const [restoreError, setRestoreError] = useState<string | undefined>();
  const { busy, run } = useBusy();
  const [job, setJob] = useState<{ kind: 'backup' | 'restore'; status: JobStatus | null } | null>(null);
  const load = useCallback(() => call('backup:list', {}).then(setBackups), []);
  useEffect(() => {
    load().catch((e) => toast(describeError(e), 'error'));
  }, [load, toast]);

  const backupNow = async () => {
    setNewError(undefined);
    if (passphrase) {
      const checked = NewPassphraseSchema.safeParse(passphrase);
      if (!checked.success) return setNewError(checked.error.issues[0]!.message);
    }
    await run(async () => {
      try {
        // Issue 16: a job (pages copied / total), cancelled without leaving a file.
        const b = await followToEnd('backup', await call('backup:start', passphrase ? { passphrase } : {}), (job) => call('backup:finish', { job }));
        if (!b) return;
        setPassphrase('');
        toast(t(b.encrypted ? 'settings.backupDoneEncrypted' : 'settings.backupDone', { file: b.file }));
        await load();
      } catch (e) {
        const field = passphraseError(e);
        if (field) setNewError(field);
        else throw e;
      }
    });
  };

  /** Follows a backup or restore job to its end: its result, or null when cancelled (said in a toast). */
  const followToEnd = async <R,>(kind: 'backup' | 'restore', started: { job: string }, finish: (job: string) => Promise<R>): Promise<R | null> => {
    setJob({ kind, status: null });
    try {
      const end = await followJob(started.job, (s) => setJob({ kind, status: s }));
      if (end.state === 'cancelled') {
        toast(t(`jobs.${kind}.cancelled`));
        return null;
      }
      if (end.state === 'failed') throw new AppError(end.error!);
    } finally {
      setJob(null);
    }
    return finish(started.job);
  };

  const startRestore = (b: BackupInfo) => {
    setRestoring(b);
    setRestorePassphrase('');
    setRestoreError(undefined);
  };
  const confirmRestore = () =>
    run(async () => {
      if (!restoring) return;
      setRestoreError(undefined);
      try {
        // Issue 16: a job, cancellable until the register is replaced.
        const started = await call('backup:restoreStart', restoring.encrypted ? { file: restoring.file, passphrase: restorePassphrase || undefined } : { file: restoring.file });
        if (!(await followToEnd('restore', started, (job) => call('backup:restoreFinish', { job })))) return;
      } catch (e) {
        const field = passphraseError(e);
        if (field) return setRestoreError(field);
        throw e;
      }
      const file = restoring.file;
      setRestoring(null);
      await Promise.all([reloadInfo(), reloadLists(), reloadRegister('controller'), reloadRegister('processor'), load()]);
      toast(t('settings.restored', { file }));
    });

  return (
    <Section title={t('settings.backups')}>
      <p className="muted small">{t('settings.backupHelp')}</p>
      <div className="form-grid">
        <Field label={t('settings.passphrase')} hint={t('settings.passphraseHint')} error={newError}>
          {(id, describedBy) => (
            <input id={id} type="password" autoComplete="new-password" value={passphrase} aria-invalid={!!newError} aria-describedby={describedBy} onChange={(e) => setPassphrase(e.target.value)} />
          )}
        </Field>
      </div>
      <p>
        <WriteButton className="button primary" disabled={busy} onClick={() => void backupNow()}>
          {t(passphrase ? 'settings.backupNowEncrypted' : 'settings.backupNow')}
        </WriteButton>
      </p>
      {job ? <BackupJobProgress kind={job.kind} status={job.status} language={language} onCancel={() => void cancelJob(job.status?.id).catch((e) => toast(describeError(e), 'error'))} /> : null}
      {restoring ? (
        <div className="notice notice-warn" role="dialog" aria-label={t('settings.restoreTitle')} data-testid="restore-panel">
          <p>{t('settings.confirmRestore', { file: restoring.file })}</p>
          {restoring.format === 'database' ? <p className="muted small">{t('settings.restoreDatabaseOnly')}</p> : null}
          {restoring.encrypted ? (
            <div className="form-grid">
              <Field label={t('settings.restorePassphrase')} error={restoreError} required>
                {(id, describedBy) => (
                  <input id={id} type="password" autoComplete="off" value={restorePassphrase} aria-invalid={!!restoreError} aria-describedby={describedBy} onChange={(e) => setRestorePassphrase(e.target.value)} />
                )}
              </Field>
            </div>
          ) : restoreError ? (
            <p className="error">{restoreError}</p>
          ) : null}
          <p className="row-actions">
            <button type="button" className="button primary" disabled={busy} onClick={() => void confirmRestore()}>
              {t('settings.restoreConfirm')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setRestoring(null)} data-dialog-close>
              {t('settings.cancelRestore')}
            </button>
          </p>
        </div>
      ) : null}
      {backups.length === 0 ? (
        <p className="muted">{t('settings.noBackups')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('settings.file')}</th>
              <th>{t('settings.date')}</th>
              <th>{t('settings.size')}</th>
              <th>{t('settings.content')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.file}>
                <td>
                  <code>{b.file}</code>
                </td>
                <td>{formatDateTime(b.createdAt, language)}</td>
                <td>{t('common.kb', { n: Math.ceil(b.size / 1024) })}</td>
                <td>
                  <Badge tone={b.format === 'archive' ? 'ok' : 'muted'}>{t(b.format === 'archive' ? 'settings.complete' : 'settings.databaseOnly')}</Badge>{' '}
                  {b.encrypted ? <Badge tone="info">{t('settings.encrypted')}</Badge> : null} {b.auto ? <Badge tone="muted">{t('settings.scheduled')}</Badge> : null}
                </td>
                <td className="row-actions">
                  <button type="button" className="button small" disabled={busy} onClick={() => startRestore(b)}>
                    {t('settings.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/** How often the app backs up at start-up, and how many scheduled backups it keeps. */
export function BackupScheduleSection() {
  const toast = useApp((s) => s.toast);
  const [loaded, setLoaded] = useState<BackupSettings | null>(null);
  useEffect(() => {
    call('backup:settings', {}).then(setLoaded, (e) => toast(describeError(e), 'error'));
  }, [toast]);
  if (!loaded) return null;
  return <BackupScheduleForm initial={loaded} />;
}

function BackupScheduleForm({ initial }: { initial: BackupSettings }) {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const form = useForm<FieldValues>({ defaultValues: initial, resolver: zodResolver(BackupSettingsSchema as never) as unknown as Resolver<FieldValues>, mode: 'onChange' });
  const save = form.handleSubmit(async (values) => {
    try {
      form.reset(await call('backup:saveSettings', { settings: values as BackupSettings }));
      toast(t('settings.scheduleSaved'));
    } catch (e) {
      toast(describeError(e), 'error');
    }
  });
  return (
    <Section title={t('settings.scheduleTitle')}>
      <FormProvider {...form}>
        <form onSubmit={save} noValidate data-testid="backup-schedule">
          <p className="muted small">{t('settings.scheduleHelp')}</p>
          <div className="form-grid">
            <NumberInput name="everyDays" label={t('settings.everyDays')} min={0} max={365} required hint={t('settings.everyDaysHint')} />
            <NumberInput name="keep" label={t('settings.keep')} min={1} max={100} required />
          </div>
          <SaveButton disabled={!form.formState.isDirty}>
            {t('record.save')}
          </SaveButton>
        </form>
      </FormProvider>
    </Section>
  );
}
