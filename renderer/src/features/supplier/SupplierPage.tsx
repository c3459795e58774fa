import { useEffect, useState } from 'react';
import { ActivityPicker } from '../../components/ActivityPicker';
import { FormProvider, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  CERTIFICATIONS,
  CLAUSE_STATES,
  DOCUMENT_KINDS,
  DPA_CLAUSES,
  END_OF_CONTRACT,
  RISK_TIERS,
  SUPPLIER_ROLES,
  SUPPLIER_STATUSES,
  SupplierDocSchema,
  contractFindings,
  emptySupplierDoc,
  isProcessorRole,
  type SupplierDoc,
  type SupplierEntry,
} from '../../../../shared/domain/supplier';
import { BUILT_IN_TEMPLATE_ID, type AuditTemplate, type SupplierAuditSummary } from '../../../../shared/domain/audit';
import { AppError } from '../../../../shared/errors';
import { call } from '../../lib/api';
import { useBusy } from '../../lib/useBusy';
import { deliverDocument, readFileAsBase64 } from '../../lib/download';
import { describeError } from '../../lib/errors';
import { navigate, routeHash } from '../../lib/router';
import { useEditor } from '../../lib/useEditor';
import { EditorHeader } from '../../components/EditorHeader';
import { TabBar } from '../../components/TabBar';
import { Badge, Field, FormNotices, Section, formatDate, formatDateTime, formatPct } from '../../components/ui';
import { useApp } from '../../store/app';
import { HistoryTab } from '../register/HistoryTab';
import { ArrayEditor, Checkbox, CheckboxGroup, CodePicker, NumberInput, SelectInput, TextArea, TextInput, useEnumOptions, useListOptions } from '../register/formParts';
import { VERDICT_TONE } from './SupplierListPage';
import { TransfersPanel, useCountryName, useCountryOptions } from '../transfer/common';

type Tab = 'identity' | 'contract' | 'locations' | 'documents' | 'audits' | 'history';
const TAB_OF: Record<string, Tab> = { dpa: 'contract', certifications: 'contract', storageCountries: 'locations', accessCountries: 'locations', subProcessors: 'locations', subProcessorsListDate: 'locations' };

export function SupplierPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [entry, setEntry] = useState<SupplierEntry | 'missing' | null>(null);
  useEffect(() => {
    if (id !== 'new') call('supplier:get', { id }).then(setEntry, () => setEntry('missing'));
  }, [id]);
  if (entry === 'missing') {
    return (
      <div className="page">
        <p className="notice notice-warn">{t('suppliers.notFound')}</p>
        <a href={routeHash({ page: 'suppliers' })}>{t('suppliers.back')}</a>
      </div>
    );
  }
  if (id !== 'new' && !entry) return <p className="muted">{t('register.loading')}</p>;
  return <SupplierEditor entry={entry} onSaved={setEntry} />;
}

function SupplierEditor(props: { entry: SupplierEntry | null; onSaved: (e: SupplierEntry) => void }) {
  const { entry } = props;
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const initial = entry?.doc ?? emptySupplierDoc();
  const [tab, setTab] = useState<Tab>('identity');
  const { form, dirty, busy, banner, act, onSubmit } = useEditor<SupplierDoc>(SupplierDocSchema, initial, async (doc) => {
    const saved = entry ? await call('supplier:update', { id: entry.id, version: entry.version, doc }) : await call('supplier:create', { doc });
    form.reset(saved.doc);
    props.onSaved(saved);
    toast(t('suppliers.saved'));
    if (!entry) navigate({ page: 'supplier', id: saved.id });
  });
  const values = useWatch({ control: form.control }) as SupplierDoc;
  const inTrash = !!entry?.deletedAt;
  const errorCount = (which: Tab) => Object.keys(form.formState.errors).filter((k) => (TAB_OF[k] ?? 'identity') === which).length;
  const tabs: Tab[] = entry ? ['identity', 'contract', 'locations', 'documents', 'audits', 'history'] : ['identity', 'contract', 'locations'];
  const findings = contractFindings(values);
  const country = useCountryName();
  return (
    <FormProvider {...form}>
      <form className="page page-record" onSubmit={onSubmit} noValidate>
        <EditorHeader
          back={{ href: routeHash({ page: 'suppliers' }), label: t('suppliers.title') }}
          title={values.name || t('suppliers.newTitle')}
          times={entry ?? undefined}
          dirty={dirty}
          busy={busy}
          inTrash={inTrash}
          onCancel={() => form.reset(initial)}
          onRestore={() => void act(async () => props.onSaved(await call('supplier:restore', { id: entry!.id })))}
          onDelete={
            entry
              ? () =>
                  void act(async () => {
                    if (!window.confirm(t('suppliers.confirmDelete'))) return;
                    await call('supplier:delete', { id: entry.id });
                    toast(t('record.deleted'));
                    navigate({ page: 'suppliers' });
                  })
              : undefined
          }
        />
        <FormNotices inTrash={inTrash} banner={banner} />
        {entry && entry.transferGaps.length > 0 ? (
          <p className="notice notice-bad" data-testid="transfer-gaps">
            ⚠ {t('suppliers.transferGapLong', { countries: entry.transferGaps.map(country).join(', ') })}{' '}
            <a href={routeHash({ page: 'transfer', id: 'new', supplier: entry.id, country: entry.transferGaps[0]! })}>{t('transfers.new')}</a>
          </p>
        ) : null}
        {isProcessorRole(values.role) ? (
          <div className="completeness" data-testid="contract-findings">
            {findings.length === 0 ? (
              <Badge tone="ok">✓ {t('suppliers.contractComplete')}</Badge>
            ) : (
              <>
                <Badge tone="bad">{t('suppliers.findings', { count: findings.length })}</Badge>{' '}
                <span className="small">{findings.map((f) => t(`supplier.finding.${f.key}`, { clause: f.clause ? t(`supplier.clause.${f.clause}`) : '' })).join(' · ')}</span>
              </>
            )}
          </div>
        ) : null}
        <TabBar tabs={tabs} current={tab} onChange={setTab} label={(k) => t(`suppliers.tabs.${k}`)} errors={errorCount} />
        <fieldset className="plain" disabled={inTrash}>
          {tab === 'identity' ? <IdentityTab /> : null}
          {tab === 'contract' ? <ContractTab /> : null}
          {tab === 'locations' ? <LocationsTab /> : null}
        </fieldset>
        {tab === 'locations' && entry ? (
          <TransfersPanel
            by={{ supplierId: entry.id }}
            title={t('transfers.ofSupplier')}
            action={
              inTrash ? undefined : (
                <a className="button" href={routeHash({ page: 'transfer', id: 'new', supplier: entry.id, ...(entry.transferGaps[0] ? { country: entry.transferGaps[0] } : {}) })}>
                  {t('transfers.newForSupplier')}
                </a>
              )
            }
          />
        ) : null}
        {tab === 'documents' && entry ? <DocumentsPanel entry={entry} onChanged={props.onSaved} disabled={inTrash} /> : null}
        {tab === 'audits' && entry ? <AuditsPanel supplierId={entry.id} disabled={inTrash} /> : null}
        {tab === 'history' && entry ? <HistoryTab id={entry.id} version={entry.version + entry.documents.length} channel="supplier:history" labels="supplier.fields" /> : null}
      </form>
    </FormProvider>
  );
}


function IdentityTab() {
  const { t } = useTranslation();
  const values = useWatch() as SupplierDoc;
  const f = (k: string) => t(`supplier.fields.${k}`);
  const roles = useEnumOptions('supplier.role', SUPPLIER_ROLES);
  const statuses = useEnumOptions('supplier.status', SUPPLIER_STATUSES);
  const tiers = useEnumOptions('supplier.tier', RISK_TIERS);
  const categories = useListOptions('dataCategories', values.dataCategories ?? []);
  return (
    <>
      <Section title={t('suppliers.sections.identity')}>
        <div className="form-grid">
          <TextInput name="name" label={f('name')} required wide />
          <TextInput name="tradeName" label={f('tradeName')} />
          <SelectInput name="role" label={f('role')} options={roles} allowEmpty={false} hint={t('suppliers.roleHelp')} />
          <SelectInput name="status" label={f('status')} options={statuses} allowEmpty={false} />
          <TextInput name="address" label={f('address')} wide />
          <TextInput name="country" label={f('country')} />
          <TextInput name="contact.name" label={f('contactName')} />
          <TextInput name="contact.email" label={f('email')} type="email" />
          <TextInput name="contact.phone" label={f('phone')} />
          <TextInput name="dpoContact" label={f('dpoContact')} wide />
        </div>
      </Section>
      <Section title={t('suppliers.sections.processing')}>
        <TextArea name="services" label={f('services')} required rows={3} />
        <CheckboxGroup name="dataCategories" label={f('dataCategories')} options={categories} columns />
        <ActivityPicker name="activityIds" label={f('activityIds')} hint={t('suppliers.activitiesHelp')} />
        <div className="form-grid">
          <SelectInput name="riskTier" label={f('riskTier')} options={tiers} allowEmpty={false} />
          <TextInput name="nextAuditOn" label={f('nextAuditOn')} type="date" />
        </div>
        <TextArea name="notes" label={f('notes')} rows={2} />
      </Section>
    </>
  );
}

function ContractTab() {
  const { t } = useTranslation();
  const values = useWatch() as SupplierDoc;
  const f = (k: string) => t(`supplier.fields.${k}`);
  const states = useEnumOptions('supplier.clauseState', CLAUSE_STATES.filter((s) => s !== '')).map(([v, l]) => [v, l] as [string, string]);
  const ends = useEnumOptions('supplier.endOfContract', END_OF_CONTRACT.filter((s) => s !== ''));
  const certs = useEnumOptions('supplier.cert', CERTIFICATIONS);
  return (
    <>
      <Section title={f('dpa')}>
        {!isProcessorRole(values.role) ? <p className="notice notice-info">{t('suppliers.notProcessor')}</p> : null}
        <div className="form-grid">
          <Checkbox name="dpa.signed" label={f('signed')} />
          <TextInput name="dpa.signedOn" label={f('signedOn')} type="date" required={values.dpa?.signed} />
          <TextInput name="dpa.version" label={f('version')} />
          <NumberInput name="dpa.breachNoticeHours" label={f('breachNoticeHours')} min={0} max={720} />
          <NumberInput name="dpa.auditNoticeDays" label={f('auditNoticeDays')} min={0} max={365} />
          <SelectInput name="dpa.endOfContract" label={f('endOfContract')} options={ends} />
        </div>
        <fieldset className="checks field-wide">
          <legend>{f('clauses')}</legend>
          <div className="clauses">
            {DPA_CLAUSES.map((c) => (
              <SelectInput key={c} name={`dpa.clauses.${c}`} label={t(`supplier.clause.${c}`)} options={states} />
            ))}
          </div>
        </fieldset>
      </Section>
      <Section title={f('certifications')}>
        <ArrayEditor name="certifications" label={f('certifications')} max={30} empty={() => ({ type: 'ISO27001', label: '', expires: '' })}>
          {(p) => (
            <>
              <SelectInput name={`${p}.type`} label={f('certType')} options={certs} allowEmpty={false} />
              <TextInput name={`${p}.label`} label={f('certLabel')} />
              <TextInput name={`${p}.expires`} label={f('certExpires')} type="date" />
            </>
          )}
        </ArrayEditor>
      </Section>
    </>
  );
}

function LocationsTab() {
  const { t } = useTranslation();
  const f = (k: string) => t(`supplier.fields.${k}`);
  const countries = useCountryOptions();
  return (
    <>
      <Section title={t('suppliers.sections.locations')}>
        <CodePicker name="storageCountries" label={f('storageCountries')} options={countries} max={50} />
        <CodePicker name="accessCountries" label={f('accessCountries')} options={countries} max={50} />
      </Section>
      <Section title={f('subProcessors')}>
        <div className="form-grid">
          <TextInput name="subProcessorsListDate" label={f('subProcessorsListDate')} type="date" />
        </div>
        <ArrayEditor name="subProcessors" label={f('subProcessors')} max={200} empty={() => ({ name: '', service: '', country: '' })}>
          {(p) => (
            <>
              <TextInput name={`${p}.name`} label={f('subName')} required />
              <TextInput name={`${p}.service`} label={f('subService')} />
              <TextInput name={`${p}.country`} label={f('subCountry')} />
            </>
          )}
        </ArrayEditor>
      </Section>
    </>
  );
}

function DocumentsPanel({ entry, onChanged, disabled }: { entry: SupplierEntry; onChanged: (e: SupplierEntry) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const toast = useApp((s) => s.toast);
  const [kind, setKind] = useState<(typeof DOCUMENT_KINDS)[number]>('dpa');
  const { busy, run } = useBusy();
  const kinds = useEnumOptions('supplier.docKind', DOCUMENT_KINDS);
  const add = (file: File) =>
    run(async () => {
      if (file.size > 25 * 1024 * 1024) throw new AppError({ code: 'validation', message: '', issues: [{ path: 'file', message: 'fileTooLarge|{"max":25}' }] });
      onChanged(await call('supplier:addDocument', { id: entry.id, kind, name: file.name, base64: await readFileAsBase64(file) }));
      toast(t('suppliers.documentAdded', { name: file.name }));
    });
  return (
    <Section title={t('suppliers.tabs.documents')}>
      <p className="muted small">{t('suppliers.documentsHelp')}</p>
      <div className="form-grid">
        <Field label={t('suppliers.documentKind')}>
          {(id) => (
            <select id={id} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              {kinds.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('suppliers.documentFile')}>
          {(id) => (
            <input
              id={id}
              type="file"
              disabled={busy || disabled}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void add(file);
              }}
            />
          )}
        </Field>
      </div>
      {entry.documents.length === 0 ? (
        <p className="muted">{t('suppliers.noDocument')}</p>
      ) : (
        <table className="data-table" data-testid="documents">
          <thead>
            <tr>
              <th>{t('suppliers.documentKind')}</th>
              <th>{t('suppliers.documentName')}</th>
              <th>{t('suppliers.documentAdded2')}</th>
              <th>SHA-256</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {entry.documents.map((d) => (
              <tr key={d.id}>
                <td>{t(`supplier.docKind.${d.kind}`)}</td>
                <td>
                  {d.name} <span className="muted small">({t('common.kb', { n: Math.ceil(d.size / 1024) })})</span>
                </td>
                <td>
                  {formatDateTime(d.addedAt, language)} · {d.actor}
                </td>
                <td>
                  <code className="small">{d.sha256.slice(0, 16)}…</code>
                </td>
                <td className="row-actions">
                  <button type="button" className="button small" disabled={busy} onClick={() => void run(async () => deliverDocument(await call('supplier:openDocument', { documentId: d.id }), () => undefined))}>
                    {t('suppliers.open')}
                  </button>{' '}
                  <button
                    type="button"
                    className="button small danger"
                    disabled={busy || disabled}
                    onClick={() =>
                      void run(async () => {
                        if (window.confirm(t('suppliers.confirmRemoveDocument', { name: d.name }))) onChanged(await call('supplier:removeDocument', { documentId: d.id }));
                      })
                    }
                  >
                    {t('record.remove')}
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

function AuditsPanel({ supplierId, disabled }: { supplierId: string; disabled: boolean }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const toast = useApp((s) => s.toast);
  const [audits, setAudits] = useState<ReadonlyArray<SupplierAuditSummary> | null>(null);
  const [templates, setTemplates] = useState<ReadonlyArray<AuditTemplate>>([]);
  const [templateId, setTemplateId] = useState('builtin');
  useEffect(() => {
    call('audit:list', { supplierId }).then(setAudits, (e) => toast(describeError(e), 'error'));
    call('audit:templates', {}).then(setTemplates, () => undefined);
  }, [supplierId, toast]);
  const start = async () => {
    try {
      const a = await call('audit:create', { supplierId, templateId });
      navigate({ page: 'audit', id: a.id });
    } catch (e) {
      toast(describeError(e), 'error');
    }
  };
  if (!audits) return <p className="muted">{t('register.loading')}</p>;
  const scored = audits.filter((a) => a.overall !== null);
  return (
    <Section title={t('suppliers.tabs.audits')}>
      <div className="toolbar">
        <label>
          {t('suppliers.template')}{' '}
          <select value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
            {templates.map((tp) => (
              <option key={tp.id} value={tp.id}>
                {tp.builtIn ? t('auditDoc.builtInName') : tp.doc.name} (v{tp.version})
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button primary" disabled={disabled} onClick={() => void start()}>
          + {t('suppliers.newAudit')}
        </button>
      </div>
      {audits.length === 0 ? (
        <p className="muted">{t('suppliers.noAudit')}</p>
      ) : (
        <table className="data-table" data-testid="audits">
          <thead>
            <tr>
              <th>{t('suppliers.auditDate')}</th>
              <th>{t('suppliers.template')}</th>
              <th>{t('supplier.fields.status')}</th>
              <th>{t('auditDoc.score')}</th>
              <th>{t('auditDoc.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {audits.map((a) => (
              <tr key={a.id} className="clickable" onClick={() => navigate({ page: 'audit', id: a.id })}>
                <td>
                  <a href={routeHash({ page: 'audit', id: a.id })}>{formatDate(a.createdAt.slice(0, 10), language)}</a>
                </td>
                <td>
                  {a.templateId === BUILT_IN_TEMPLATE_ID ? t('auditDoc.builtInName') : a.templateName} (v{a.templateVersion})
                </td>
                <td>{t(`audit.status.${a.status}`)}</td>
                <td>{a.overall !== null && a.verdict ? <Badge tone={VERDICT_TONE[a.verdict]}>{`${formatPct(a.overall, language)} · ${t(`audit.verdict.${a.verdict}`)}`}</Badge> : '—'}</td>
                <td>{a.openActions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {scored.length > 1 ? (
        <div data-testid="trend">
          <h3>{t('auditDoc.trend')}</h3>
          <div className="trend">
            {scored.map((a) => (
              <div key={a.id} className="trend-bar" title={`${formatDate(a.createdAt.slice(0, 10), language)}: ${formatPct(a.overall ?? 0, language)}`}>
                <span style={{ height: `${a.overall}%` }} />
                <small>{formatPct(a.overall ?? 0, language)}</small>
              </div>
            ))}
          </div>
        </div>
      ) : null}
    </Section>
  );
}
