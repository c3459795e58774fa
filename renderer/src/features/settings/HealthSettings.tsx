import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntegrityReport } from '../../../../shared/contract';
import { call } from '../../lib/api';
import { useBusy } from '../../lib/useBusy';
import { Section, formatDateTime } from '../../components/ui';
import { useApp } from '../../store/app';

/** Settings: the full integrity check on demand, and the log of unexpected errors. */
export function HealthSettingsSection() {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const info = useApp((s) => s.info)!;
  const reloadInfo = useApp((s) => s.reloadInfo);
  const { busy, run } = useBusy();
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const [log, setLog] = useState<{ file: string | null; text: string } | null>(null);

  const check = () =>
    run(async () => {
      setReport(await call('app:checkIntegrity', {}));
      // A failed check makes the register read-only: the banner and the save buttons follow.
      await reloadInfo();
    });
  const openLog = () =>
    run(async () => {
      const result = await call('app:readLog', {});
      if (!result.opened) setLog(result);
    });
  const downloadLog = () => {
    if (!log) return;
    const url = URL.createObjectURL(new Blob([log.text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'dpo-desk.log';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <>
      <Section
        title={t('integrity.title')}
        actions={
          <button type="button" className="button" disabled={busy} onClick={() => void check()}>
            {t('integrity.checkNow')}
          </button>
        }
      >
        <p className="muted small">{t('integrity.help')}</p>
        {report ? (
          <p className={report.ok ? 'notice notice-info' : 'notice notice-bad'} role="status" data-testid="integrity-result">
            {report.ok
              ? t('integrity.ok', { date: formatDateTime(report.at, language) })
              : t('integrity.bad', { date: formatDateTime(report.at, language), problems: report.problems.slice(0, 3).join('; ') })}
          </p>
        ) : null}
      </Section>
      <Section
        title={t('integrity.logTitle')}
        actions={
          <button type="button" className="button" disabled={busy || !info.logFile} onClick={() => void openLog()}>
            {t('integrity.openLog')}
          </button>
        }
      >
        <p className="muted small">{t('integrity.logHelp')}</p>
        {info.logFile ? (
          <p>
            <code data-testid="log-path">{info.logFile}</code>
          </p>
        ) : null}
        {log ? (
          log.text ? (
            <>
              <pre className="problem-detail log-tail">{log.text}</pre>
              <button type="button" className="button small" onClick={downloadLog}>
                {t('integrity.download')}
              </button>
            </>
          ) : (
            <p className="muted">{t('integrity.logEmpty')}</p>
          )
        ) : null}
      </Section>
    </>
  );
}
