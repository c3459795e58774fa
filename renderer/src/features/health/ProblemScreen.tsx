import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, JobStatus, RecoveryBackup } from '../../../../shared/contract';
import { cancelJob, followJob } from '../../components/JobProgress';
import { BackupJobProgress } from '../settings/BackupSettings';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { Badge, Field, formatDateTime } from '../../components/ui';
import { AppError } from '../../../../shared/errors';
import { useApp } from '../../store/app';

/**
 * What the app shows instead of the register when the file has a problem (damaged, written by a
 * newer version, gone): what is wrong in plain words, the latest good backups with their dates
 * and "restore this one", "open another file", and, when SQLite can still read it, the way in
 * to read what is left, read-only.
 */
export function ProblemScreen() {
  const { t } = useTranslation();
  const info = useApp((s) => s.info)!;
  const lists = useApp((s) => s.lists);
  const language = useApp((s) => s.language);
  const setLanguage = useApp((s) => s.setLanguage);
  const replaceInfo = useApp((s) => s.replaceInfo);
  const setBrowseDamaged = useApp((s) => s.setBrowseDamaged);
  const toast = useApp((s) => s.toast);
  const problem = info.problem!;
  const [backups, setBackups] = useState<ReadonlyArray<RecoveryBackup> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [otherPath, setOtherPath] = useState('');
  // Issue 14A: an encrypted backup asks for its passphrase before it is restored.
  const [asking, setAsking] = useState<RecoveryBackup | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [passphraseError, setPassphraseError] = useState<string | undefined>();
  const [job, setJob] = useState<{ status: JobStatus | null } | null>(null);

  useEffect(() => {
    call('backup:recovery', {}).then(setBackups, (err) => setError(describeError(err)));
  }, [info.dbPath]);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await fn();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  // Issue 16: the restore is a job (checks, then the swap), cancellable until the register is replaced; null when cancelled.
  const restoreJob = async (args: { file: string; passphrase?: string | undefined }): Promise<AppInfo | null> => {
    const { job: id } = await call('backup:restoreStart', args);
    setJob({ status: null });
    try {
      const end = await followJob(id, (s) => setJob({ status: s }));
      if (end.state === 'cancelled') {
        toast(t('jobs.restore.cancelled'));
        return null;
      }
      if (end.state === 'failed') throw new AppError(end.error!);
    } finally {
      setJob(null);
    }
    return call('backup:restoreFinish', { job: id });
  };
  const restore = (b: RecoveryBackup) => {
    if (b.encrypted) {
      setAsking(b);
      setPassphrase('');
      setPassphraseError(undefined);
      return;
    }
    return run(async () => {
      const date = formatDateTime(b.createdAt, language);
      if (!window.confirm(t('health.confirmRestore', { date }))) return;
      const restored = await restoreJob({ file: b.file });
      if (!restored) return;
      await replaceInfo(restored);
      toast(t('health.restored', { date }));
    });
  };
  const restoreEncrypted = (b: RecoveryBackup) =>
    run(async () => {
      const date = formatDateTime(b.createdAt, language);
      setPassphraseError(undefined);
      let restored;
      try {
        restored = await restoreJob({ file: b.file, passphrase: passphrase || undefined });
        if (!restored) return;
      } catch (e) {
        const field = e instanceof AppError && e.data.code === 'validation' ? e.data.issues.find((i) => i.path === 'passphrase')?.message : undefined;
        if (field) return setPassphraseError(field);
        throw e;
      }
      setAsking(null);
      await replaceInfo(restored);
      toast(t('health.restored', { date }));
    });
  const openAnother = () =>
    run(async () => {
      const path = otherPath.trim();
      await replaceInfo(await call('app:openRegister', info.canChooseFile ? {} : { path }));
    });

  return (
    <div className="setup">
      <div className="setup-card problem-card" role="alert" aria-labelledby="problem-title" data-testid="problem-screen" data-problem={problem.code}>
        <div className="setup-lang">
          {(['fr', 'en'] as const).map((l) => (
            <button key={l} type="button" className={l === language ? 'chip chip-on' : 'chip'} onClick={() => void setLanguage(l)}>
              {t(`enums.language.${l}`)}
            </button>
          ))}
        </div>
        <h1 id="problem-title">{t(`health.title.${problem.code}`)}</h1>
        <p>{t(`health.explain.${problem.code}`, { file: info.dbPath, version: info.appVersion })}</p>
        <details>
          <summary className="muted small">{t('health.detail')}</summary>
          <pre className="problem-detail">{problem.detail}</pre>
        </details>

        <h2>{t('health.backupsTitle')}</h2>
        {backups === null ? (
          <p className="muted">{t('register.loading')}</p>
        ) : backups.length === 0 ? (
          <p className="muted">{t('health.noBackups', { dir: info.backupDir })}</p>
        ) : (
          <>
            <p className="muted small">{t('health.backupsHelp')}</p>
            <table className="table" data-testid="recovery-backups">
              <thead>
                <tr>
                  <th>{t('settings.date')}</th>
                  <th>{t('settings.file')}</th>
                  <th>{t('settings.size')}</th>
                  <th>{t('settings.content')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {backups.map((b) => (
                  <tr key={b.file}>
                    <td>{formatDateTime(b.createdAt, language)}</td>
                    <td>
                      <code>{b.file}</code>
                    </td>
                    <td>{t('common.kb', { n: Math.ceil(b.size / 1024) })}</td>
                    <td>
                      <Badge tone={b.format === 'archive' ? 'ok' : 'muted'}>{t(b.format === 'archive' ? 'settings.complete' : 'settings.databaseOnly')}</Badge>{' '}
                      {b.encrypted ? <Badge tone="info">{t('settings.encrypted')}</Badge> : null}
                    </td>
                    <td className="row-actions">
                      <button type="button" className="button small primary" disabled={busy} onClick={() => void restore(b)}>
                        {t('health.restoreThis')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {job ? <BackupJobProgress kind="restore" status={job.status} language={language} onCancel={() => void cancelJob(job.status?.id).catch((e) => setError(describeError(e)))} /> : null}
            {asking ? (
              <form
                className="notice notice-warn"
                aria-label={t('settings.restoreTitle')}
                data-testid="recovery-passphrase"
                onSubmit={(e) => {
                  e.preventDefault();
                  void restoreEncrypted(asking);
                }}
              >
                <p>{t('health.confirmRestore', { date: formatDateTime(asking.createdAt, language) })}</p>
                <div className="form-grid">
                  <Field label={t('settings.restorePassphrase')} error={passphraseError} required>
                    {(id, describedBy) => (
                      <input id={id} type="password" autoComplete="off" value={passphrase} aria-invalid={!!passphraseError} aria-describedby={describedBy} onChange={(e) => setPassphrase(e.target.value)} />
                    )}
                  </Field>
                </div>
                <p className="row-actions">
                  <button type="submit" className="button primary" disabled={busy}>
                    {t('settings.restoreConfirm')}
                  </button>
                  <button type="button" className="button" disabled={busy} onClick={() => setAsking(null)}>
                    {t('settings.cancelRestore')}
                  </button>
                </p>
              </form>
            ) : null}
          </>
        )}

        <h2>{t('health.openAnother')}</h2>
        {info.canChooseFile ? (
          <div>
            <button type="button" className="button" disabled={busy} onClick={() => void openAnother()}>
              {t('health.openAnother')}…
            </button>
          </div>
        ) : (
          <form
            className="problem-open"
            onSubmit={(e) => {
              e.preventDefault();
              void openAnother();
            }}
          >
            <label>
              {t('health.openAnotherPath')}
              <input type="text" value={otherPath} onChange={(e) => setOtherPath(e.target.value)} spellCheck={false} />
            </label>
            <button type="submit" className="button" disabled={busy || otherPath.trim() === ''}>
              {t('health.open')}
            </button>
          </form>
        )}

        {problem.browsable && lists ? (
          <div>
            <button type="button" className="button" onClick={() => setBrowseDamaged(true)}>
              {t('health.continueReadOnly')}
            </button>
          </div>
        ) : null}
        {info.logFile ? <p className="muted small">{t('health.logFile', { file: info.logFile })}</p> : null}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
