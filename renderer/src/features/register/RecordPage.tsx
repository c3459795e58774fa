import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { FormProvider, useForm, useWatch, type FieldValues, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { controllerMissing, processorMissing } from '../../../../shared/domain/completeness';
import type { RegisterKind } from '../../../../shared/domain/enums';
import {
  ControllerDocSchema,
  ProcessorDocSchema,
  emptyControllerDoc,
  emptyProcessorDoc,
  type ControllerDoc,
  type ProcessorDoc,
  type RegisterDoc,
  type RegisterEntry,
} from '../../../../shared/domain/register';
import { AppError } from '../../../../shared/errors';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { navigate, routeHash } from '../../lib/router';
import { useLeaveGuard } from '../../lib/useLeaveGuard';
import { Badge, FormNotices, formatDateTime } from '../../components/ui';
import { useApp } from '../../store/app';
import { useRegister } from '../../store/register';
import { ControllerForm } from './ControllerForm';
import { HistoryTab } from './HistoryTab';
import { ProcessorForm } from './ProcessorForm';
import { RecordSuppliersPanel, RecordTransfersPanel } from './RecordLinks';
import { RecordSheetsPanel } from './RecordSheets';
import { SectionIndex } from '../../components/SectionIndex';
import { SaveButton, WriteButton } from '../../components/SaveButton';

export function RecordPage({ kind, id }: { kind: RegisterKind; id: string }) {
  const { t } = useTranslation();
  const [entry, setEntry] = useState<RegisterEntry | null | 'missing'>(null);
  const [loading, setLoading] = useState(true);
  /** A new record's form comes prefilled from the core: the next free reference, the default next review. */
  const [fresh, setFresh] = useState<RegisterDoc | null>(null);
  useEffect(() => {
    if (id === 'new') {
      setLoading(true);
      call('register:new', { kind }).then(
        (doc) => {
          setFresh(doc);
          setLoading(false);
        },
        () => {
          setFresh(kind === 'controller' ? emptyControllerDoc() : emptyProcessorDoc());
          setLoading(false);
        },
      );
      return;
    }
    call('register:get', { id }).then(
      (e) => {
        setEntry(e);
        setLoading(false);
      },
      () => {
        setEntry('missing');
        setLoading(false);
      },
    );
  }, [id, kind]);
  if (loading) return <p className="muted">{t('register.loading')}</p>;
  if (entry === 'missing') {
    return (
      <div className="page">
        <p className="notice notice-warn">{t('record.notFound')}</p>
        <a href={routeHash({ page: 'register', kind })}>{t('record.back')}</a>
      </div>
    );
  }
  return <RecordEditor key={id === 'new' ? 'new' : id} kind={kind} entry={id === 'new' ? null : entry} fresh={fresh} onSaved={setEntry} />;
}

function RecordEditor(props: { kind: RegisterKind; entry: RegisterEntry | null; fresh: RegisterDoc | null; onSaved: (e: RegisterEntry) => void }) {
  const { kind, entry } = props;
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const language = useApp((s) => s.language);
  const reloadList = useRegister((s) => s.load);
  const [tab, setTab] = useState<'form' | 'history'>('form');
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState('');
  const initial: RegisterDoc = entry?.doc ?? props.fresh ?? (kind === 'controller' ? emptyControllerDoc() : emptyProcessorDoc());
  const form = useForm<FieldValues>({
    defaultValues: initial,
    resolver: zodResolver((kind === 'controller' ? ControllerDocSchema : ProcessorDocSchema) as never) as unknown as Resolver<FieldValues>,
    mode: 'onChange',
  });
  const values = useWatch({ control: form.control }) as RegisterDoc;
  const missing = kind === 'controller' ? controllerMissing(values as ControllerDoc) : processorMissing(values as ProcessorDoc);
  const missingNames = [...new Set(missing.map((m) => t(`fields.${m.key}`)))];
  const inTrash = !!entry?.deletedAt;
  const dirty = form.formState.isDirty;
  useLeaveGuard(dirty);

  const applyServerErrors = (err: unknown) => {
    if (err instanceof AppError && err.data.code === 'validation') {
      for (const issue of err.data.issues) form.setError(issue.path as never, { type: 'server', message: issue.message });
    }
    setBanner(describeError(err));
  };

  const save = form.handleSubmit(
    async (doc) => {
      setBusy(true);
      setBanner('');
      try {
        const saved = entry
          ? await call('register:update', { kind, id: entry.id, version: entry.version, doc } as never)
          : await call('register:create', { kind, doc } as never);
        form.reset(saved.doc);
        props.onSaved(saved);
        toast(t('record.saved'));
        void reloadList(kind);
        if (!entry) navigate({ page: 'record', kind, id: saved.id });
      } catch (err) {
        applyServerErrors(err);
      } finally {
        setBusy(false);
      }
    },
    () => setBanner(t('errors.fixBeforeSave')),
  );

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setBanner('');
    try {
      await fn();
    } catch (err) {
      applyServerErrors(err);
    } finally {
      setBusy(false);
    }
  };
  const setStatus = (status: 'archived' | 'draft') =>
    act(async () => {
      const saved = await call('register:setStatus', { id: entry!.id, version: entry!.version, status });
      form.reset(saved.doc);
      props.onSaved(saved);
      toast(t(status === 'archived' ? 'record.archived' : 'record.unarchived'));
      void reloadList(kind);
    });
  const duplicate = () =>
    act(async () => {
      const copy = await call('register:duplicate', { id: entry!.id });
      toast(t('record.duplicated'));
      void reloadList(kind);
      navigate({ page: 'record', kind, id: copy.id });
    });
  const remove = () =>
    act(async () => {
      if (!window.confirm(t('record.confirmDelete'))) return;
      await call('register:delete', { id: entry!.id });
      toast(t('record.deleted'));
      void reloadList(kind);
      navigate({ page: 'register', kind });
    });
  const restore = () =>
    act(async () => {
      const restored = await call('register:restore', { id: entry!.id });
      props.onSaved(restored);
      form.reset(restored.doc);
      toast(t('trash.restored'));
    });

  const title = values.name || (entry ? entry.doc.name : t('record.newTitle'));
  return (
    <FormProvider {...form}>
      <form className="page page-record" onSubmit={save} noValidate>
        <header className="page-head sticky">
          <div>
            <a className="muted small" href={routeHash({ page: 'register', kind })}>
              ← {t(`nav.${kind}`)}
            </a>
            <h1>
              {values.ref ? <span className="ref">{values.ref}</span> : null} {title}
            </h1>
            {entry ? (
              <div className="muted small">
                {t('record.created', { date: formatDateTime(entry.createdAt, language) })}, {t('record.updated', { date: formatDateTime(entry.updatedAt, language) })} ·{' '}
                {t('record.version', { version: entry.version })}
              </div>
            ) : null}
          </div>
          <div className="actions">
            {dirty ? (
              <>
                <Badge tone="warn">{t('record.unsaved')}</Badge>
                <button type="button" className="button" disabled={busy} onClick={() => form.reset(entry?.doc ?? initial)}>
                  {t('record.cancel')}
                </button>
              </>
            ) : null}
            {inTrash ? (
              <WriteButton className="button primary" disabled={busy} onClick={() => void restore()}>
                {t('record.restore')}
              </WriteButton>
            ) : (
              <>
                {entry ? (
                  <>
                    <WriteButton className="button" disabled={busy || dirty} title={dirty ? t('record.saveFirst') : undefined} onClick={() => void duplicate()}>
                      {t('record.duplicate')}
                    </WriteButton>
                    {entry.doc.status === 'archived' ? (
                      <WriteButton className="button" disabled={busy || dirty} title={dirty ? t('record.saveFirst') : undefined} onClick={() => void setStatus('draft')}>
                        {t('record.unarchive')}
                      </WriteButton>
                    ) : (
                      <WriteButton className="button" disabled={busy || dirty} title={dirty ? t('record.saveFirst') : undefined} onClick={() => void setStatus('archived')}>
                        {t('record.archive')}
                      </WriteButton>
                    )}
                    <WriteButton className="button danger" disabled={busy || dirty} title={dirty ? t('record.saveFirst') : undefined} onClick={() => void remove()}>
                      {t('record.delete')}
                    </WriteButton>
                  </>
                ) : null}
                <SaveButton busy={busy} />
              </>
            )}
          </div>
          {tab === 'form' ? <SectionIndex scope=".page-record" deps={[kind, entry?.id ?? 'new', tab]} /> : null}
        </header>
        <FormNotices inTrash={inTrash} banner={banner} />
        <div className="completeness" data-testid="completeness">
          {missing.length === 0 ? (
            <Badge tone="ok">✓ {t('record.complete')}</Badge>
          ) : (
            <>
              <Badge tone="bad">{t('record.missing', { count: missingNames.length })}</Badge>{' '}
              <span className="small">{missingNames.join(' · ')}</span>
            </>
          )}
        </div>
        {entry ? (
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'form'} className={tab === 'form' ? 'tab on' : 'tab'} onClick={() => setTab('form')}>
              {t('record.tabForm')}
            </button>
            <button type="button" role="tab" aria-selected={tab === 'history'} className={tab === 'history' ? 'tab on' : 'tab'} onClick={() => setTab('history')}>
              {t('record.tabHistory')}
            </button>
          </div>
        ) : null}
        {tab === 'history' && entry ? (
          <HistoryTab id={entry.id} version={entry.version} />
        ) : (
          <>
            <fieldset className="plain" disabled={inTrash}>
              {kind === 'controller' ? <ControllerForm /> : <ProcessorForm />}
            </fieldset>
            {entry ? <RecordTransfersPanel key={`t-${entry.version}`} entry={entry} /> : <p className="muted small">{t('transfers.saveRecordFirst')}</p>}
            {entry ? <RecordSuppliersPanel entry={entry} /> : null}
            {entry && kind === 'controller' ? (
              <RecordSheetsPanel
                entry={entry}
                dirty={dirty}
                onRecordChanged={(e) => {
                  form.reset(e.doc);
                  props.onSaved(e);
                  void reloadList(kind);
                }}
              />
            ) : null}
          </>
        )}
      </form>
    </FormProvider>
  );
}
