import { useEffect, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain/enums';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { deliverDocument } from '../../lib/download';
import { WriteButton } from '../../components/SaveButton';
import { useApp } from '../../store/app';
import { ActivityPicker } from '../../components/ActivityPicker';
import { SheetExportFields, useEscape } from './RecordSheets';

/**
 * Sheets for several records at once, from the controller register's page: the records chosen
 * in a list, or every record of a department; one sheet per record (a .zip for several).
 */
export function SheetExportButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="sheets-bulk-open">
        {t('recordSheets.bulk.open')}
      </button>
      {open ? <SheetExportDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function SheetExportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const appLanguage = useApp((s) => s.language);
  const lists = useApp((s) => s.lists);
  const toast = useApp((s) => s.toast);
  // The records are chosen in the register's activity picker (issue 15: a window of the register, not all of it).
  const form = useForm<{ ids: string[] }>({ defaultValues: { ids: [] } });
  const picked = form.watch('ids');
  const [language, setLanguage] = useState<Language>(appLanguage);
  const [format, setFormat] = useState<'xlsx' | 'docx'>('xlsx');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [department, setDepartment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEscape(onClose, busy);
  const departments = (lists?.departments ?? []).filter((d) => !d.archived);
  const ids = department ? [] : picked;
  // A department's records, counted by the register's own query (its draft and active ones, as the export takes them).
  const [inDepartment, setInDepartment] = useState(0);
  useEffect(() => {
    if (!department) return;
    let live = true;
    call('register:window', { kind: 'controller', scope: 'live', offset: 0, limit: 1, filter: { department, status: ['draft', 'active'] } }).then(
      (w) => live && setInDepartment(w.total),
      () => live && setInDepartment(0),
    );
    return () => {
      live = false;
    };
  }, [department]);
  const count = department ? inDepartment : ids.length;
  const run = async () => {
    setBusy(true);
    setError('');
    try {
      const result = await call('recordSheet:export', { ...(department ? { department } : { ids }), language, format, sentToName: name, sentToEmail: email });
      deliverDocument(result, (file) => toast(t('recordSheets.exported', { file })));
      if (!result.cancelled) onClose();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="sheet-overlay">
      <div className="sheet-dialog card" role="dialog" aria-modal="true" aria-label={t('recordSheets.bulk.title')} data-testid="sheets-bulk">
        <header className="card-head">
          <h2>{t('recordSheets.bulk.title')}</h2>
        </header>
        <div className="card-body">
          <p className="muted small">{t('recordSheets.bulk.intro')}</p>
          <SheetExportFields language={language} setLanguage={setLanguage} format={format} setFormat={setFormat} name={name} setName={setName} email={email} setEmail={setEmail} />
          <label>
            {t('recordSheets.bulk.department')}{' '}
            <select value={department} onChange={(e) => setDepartment(e.target.value)} data-testid="sheets-bulk-department">
              <option value="">{t('recordSheets.bulk.anyDepartment')}</option>
              {departments.map((d) => (
                <option key={d.code} value={d.code}>
                  {appLanguage === 'fr' ? d.labelFr : d.labelEn}
                </option>
              ))}
            </select>
          </label>
          {department === '' ? (
            <FormProvider {...form}>
              <ActivityPicker name="ids" label={t('recordSheets.bulk.records')} kind="controller" />
            </FormProvider>
          ) : null}
          <p className="muted small">{t('recordSheets.bulk.selected', { count })}</p>
          {error ? (
            <p className="notice notice-bad" role="alert">
              {error}
            </p>
          ) : null}
          <div className="actions-row">
            <WriteButton className="button primary" disabled={busy || count === 0} onClick={() => void run()} data-testid="sheets-bulk-export">
              {t('recordSheets.bulk.export')}
            </WriteButton>
            <button type="button" className="button" onClick={onClose}>
              {t('recordSheets.bulk.close')}
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}
