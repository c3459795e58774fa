import { useEffect, useMemo, useState } from 'react';
import { ActivityPicker } from '../../components/ActivityPicker';
import { FormProvider, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  DEROGATIONS,
  EXPORTER_LAWS,
  FREQUENCIES,
  IMPORTER_TYPES,
  MECHANISMS,
  ROLES,
  SUPPLEMENTARY_MEASURES,
  TIA_CONCLUSIONS,
  TIA_STEPS,
  TransferDocSchema,
  adequacyOf,
  emptyTransferDoc,
  isEea,
  moduleFor,
  transferWarnings,
  type TransferDoc,
  type TransferEntry,
  type TransferReference,
} from '../../../../shared/domain/transfer';
import { appToday } from '../../lib/clock';
import type { RegisterEntry } from '../../../../shared/domain/register';
import { call } from '../../lib/api';
import { deliverDocument } from '../../lib/download';
import { navigate, routeHash } from '../../lib/router';
import { useEditor } from '../../lib/useEditor';
import { useSupplierOptions } from '../../lib/options';
import { EditorHeader } from '../../components/EditorHeader';
import { TabBar } from '../../components/TabBar';
import { Badge, Field, FormNotices, Section, formatDate } from '../../components/ui';
import { useApp } from '../../store/app';
import { HistoryTab } from '../register/HistoryTab';
import { Checkbox, CheckboxGroup, CodePicker, NumberInput, SelectInput, TextArea, TextInput, useEnumOptions, useListOptions } from '../register/formParts';
import { WarningList, useCountryName } from './common';

type Tab = 'transfer' | 'tia' | 'history';

export function TransferPage({ id, from, convert, supplier, country }: { id: string; from?: string; convert?: number; supplier?: string; country?: string }) {
  const { t } = useTranslation();
  const [entry, setEntry] = useState<TransferEntry | 'missing' | null>(null);
  const [ref, setRef] = useState<TransferReference | null>(null);
  // A new transfer started from a register record: prefilled by the core from the record (or from one of its transfers to convert).
  const [draft, setDraft] = useState<{ doc: TransferDoc; record?: RegisterEntry } | null>(null);
  useEffect(() => {
    call('transfer:reference', {}).then(setRef, () => undefined);
    if (id !== 'new') call('transfer:get', { id }).then(setEntry, () => setEntry('missing'));
    else if (from) {
      Promise.all([call('transfer:draftFromRecord', { id: from, ...(convert !== undefined ? { index: convert } : {}) }), call('register:get', { id: from })]).then(
        ([doc, record]) => setDraft({ doc, record }),
        () => setEntry('missing'),
      );
    } else if (supplier) {
      // Started from a supplier's page: the supplier as importer, its activities, the country asked.
      call('transfer:draftFromSupplier', { id: supplier, ...(country ? { country } : {}) }).then(
        (doc) => setDraft({ doc }),
        () => setEntry('missing'),
      );
    }
  }, [id, from, convert, supplier, country]);
  if (entry === 'missing') {
    return (
      <div className="page">
        <p className="notice notice-warn">{t('transfers.notFound')}</p>
        <a href={routeHash({ page: 'transfers' })}>{t('transfers.back')}</a>
      </div>
    );
  }
  if ((id !== 'new' && !entry) || !ref || ((from || supplier) && !draft)) return <p className="muted">{t('register.loading')}</p>;
  return <TransferEditor entry={entry} reference={ref} onSaved={setEntry} draft={draft ? { ...draft, convert } : undefined} />;
}

function TransferEditor(props: {
  entry: TransferEntry | null;
  reference: TransferReference;
  onSaved: (e: TransferEntry) => void;
  draft?: { doc: TransferDoc; record?: RegisterEntry; convert?: number };
}) {
  const { entry, reference } = props;
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const language = useApp((s) => s.language);
  const draft = entry ? undefined : props.draft;
  const initial = entry?.doc ?? draft?.doc ?? emptyTransferDoc();
  const [tab, setTab] = useState<Tab>('transfer');
  const { form, dirty, busy, banner, act, onSubmit } = useEditor<TransferDoc>(TransferDocSchema, initial, async (doc) => {
    const saved = entry ? await call('transfer:update', { id: entry.id, version: entry.version, doc }) : await call('transfer:create', { doc, ...(draft?.record && draft.convert !== undefined ? { converts: { recordId: draft.record.id, index: draft.convert } } : {}) });
    form.reset(saved.doc);
    props.onSaved(saved);
    toast(t('transfers.saved'));
    if (!entry) navigate({ page: 'transfer', id: saved.id });
  });
  const values = useWatch({ control: form.control }) as TransferDoc;
  const inTrash = !!entry?.deletedAt;
  // The warnings as they would be once saved, as it is typed: they rest on the countries, the
  // ground and the dates, so a title still empty elsewhere does not hide them.
  const live = useMemo(() => transferWarnings({ ...emptyTransferDoc(), ...values }, reference, appToday()), [values, reference]);
  const tabs: Tab[] = entry ? ['transfer', 'tia', 'history'] : ['transfer', 'tia'];
  return (
    <FormProvider {...form}>
      <form className="page page-record" onSubmit={onSubmit} noValidate>
        <EditorHeader
          back={{ href: routeHash({ page: 'transfers' }), label: t('transfers.title') }}
          title={values.title || t('transfers.newTitle')}
          times={entry ?? undefined}
          dirty={dirty}
          busy={busy}
          inTrash={inTrash}
          onCancel={() => form.reset(initial)}
          onRestore={() => void act(async () => props.onSaved(await call('transfer:restore', { id: entry!.id })))}
          extra={
            entry ? (
              <button type="button" className="button" disabled={busy || dirty} onClick={() => void act(async () => deliverDocument(await call('transfer:tia', { id: entry.id, language }), (file) => toast(t('breaches.exported', { file }))))}>
                {t('transfers.exportTia')}
              </button>
            ) : null
          }
          onDelete={
            entry
              ? () =>
                  void act(async () => {
                    if (!window.confirm(t('transfers.confirmDelete'))) return;
                    await call('transfer:delete', { id: entry.id });
                    navigate({ page: 'transfers' });
                  })
              : undefined
          }
        />
        <FormNotices inTrash={inTrash} banner={banner} />
        {draft?.record ? (
          <p className="notice notice-info" data-testid="transfer-prefilled">
            {t('transfers.fromRecord', { ref: draft.record.doc.ref })}{' '}
            <a href={routeHash({ page: 'record', kind: draft.record.kind, id: draft.record.id })}>{draft.record.doc.name}</a>
            {draft.convert !== undefined && draft.record.doc.transfersToConvert?.[draft.convert] ? (
              <>
                <br />
                {t('transfers.converting', {
                  ref: draft.record.doc.ref,
                  text: (({ recipient, country, safeguard, document }) => [recipient, country, safeguard, document].filter(Boolean).join(' – '))(draft.record.doc.transfersToConvert[draft.convert]!),
                })}
              </>
            ) : null}
          </p>
        ) : null}
        {live.length === 0 ? (
          <div className="completeness">
            <Badge tone="ok">✓ {t('transfers.noWarning')}</Badge>
          </div>
        ) : (
          <div className="notice notice-bad" role="status">
            <WarningList warnings={live} testId="transfer-warnings" />
          </div>
        )}
        <TabBar tabs={tabs} current={tab} onChange={setTab} label={(k) => t(`transfers.tabs.${k}`)} />
        <fieldset className="plain" disabled={inTrash}>
          {tab === 'transfer' ? <TransferTab reference={reference} /> : null}
          {tab === 'tia' ? <TiaTab /> : null}
        </fieldset>
        {tab === 'history' && entry ? <HistoryTab id={entry.id} version={entry.version} channel="transfer:history" labels="transfer.fields" /> : null}
      </form>
    </FormProvider>
  );
}


function TransferTab({ reference }: { reference: TransferReference }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const values = useWatch() as TransferDoc;
  const f = (k: string) => t(`transfer.fields.${k}`);
  const country = useCountryName();
  const countries = useMemo(() => reference.countries.map((c) => [c, country(c)] as [string, string]).sort((a, b) => a[1].localeCompare(b[1], language)), [reference, country, language]);
  const suppliers = useSupplierOptions();
  const categories = useListOptions('dataCategories', values.dataCategories ?? []);
  const roles = useEnumOptions('transfer.role', ROLES);
  const mechanisms = useEnumOptions('transfer.mechanism', MECHANISMS).map(([v, l]) => [v, v.startsWith('LEGACY') ? `⚠ ${l}` : l] as [string, string]);
  const statuses = useEnumOptions('transfer.status', ['active', 'ended']);
  const frequencies = useEnumOptions('transfer.frequency', FREQUENCIES);
  const clause9 = useEnumOptions('transfer.clause9', ['specific', 'general']);
  const derogations = useEnumOptions('transfer.derogation', DEROGATIONS);
  const expectedModule = moduleFor(values.exporterRole, values.importerRole);
  const adequacy = adequacyOf(reference, values.importerCountry, appToday());
  const inEea = isEea(reference, values.importerCountry);
  const territory = [...reference.eeaTerritories, ...reference.nonEeaTerritories].find((x) => x.code === values.importerCountry);
  const importerTypes = useEnumOptions('transfer.importerType', IMPORTER_TYPES);
  const exporterLaws = useEnumOptions('transfer.exporterLaw', EXPORTER_LAWS);
  const isOrganisation = values.importerType === 'internationalOrganisation';
  const organisations: Array<[string, string]> = reference.internationalOrganisations.map((o) => [o.code, language === 'fr' ? o.nameFr : o.nameEn]);
  const organisation = reference.internationalOrganisations.find((o) => o.code === values.internationalOrganisation);
  return (
    <>
      <Section title={t('transfers.sections.parties')}>
        <div className="form-grid">
          <TextInput name="title" label={f('title')} required wide />
          <SelectInput name="status" label={f('status')} options={statuses} allowEmpty={false} />
          <SelectInput name="exporterSupplierId" label={f('exporterSupplierId')} options={suppliers} hint={t('transfers.exporterHelp')} />
          <SelectInput name="exporterRole" label={f('exporterRole')} options={roles} allowEmpty={false} />
          <SelectInput name="exporterLaw" label={f('exporterLaw')} options={exporterLaws} allowEmpty={false} />
          <SelectInput name="importerType" label={f('importerType')} options={importerTypes} allowEmpty={false} />
          {isOrganisation ? <SelectInput name="internationalOrganisation" label={f('internationalOrganisation')} options={organisations} emptyLabel={t('transfer.otherOrganisation')} /> : null}
          <SelectInput name="importerSupplierId" label={f('importerSupplierId')} options={suppliers} />
          <TextInput name="importerName" label={f('importerName')} required={!values.importerSupplierId} />
          <SelectInput name="importerRole" label={f('importerRole')} options={roles} allowEmpty={false} />
          <SelectInput name="importerCountry" label={f('importerCountry')} options={countries} allowEmpty={false} />
          <SubjectToGdprInput label={f('importerSubjectToGdpr')} />
          <SelectInput name="frequency" label={f('frequency')} options={frequencies} allowEmpty={false} />
        </div>
        <p className="muted small" data-testid="country-status">
          {isOrganisation
            ? organisation
              ? t('transferDoc.adequacyOf', { decision: `${language === 'fr' ? organisation.decision : organisation.decisionEn}, ${language === 'fr' ? organisation.ojFr : organisation.ojEn}`, scope: t('transferDoc.adequacyFull') })
              : t('transfers.noAdequacyOrganisation')
            : inEea
              ? t('transfers.inEea')
              : adequacy
                ? t('transferDoc.adequacyOf', { decision: `${language === 'fr' ? adequacy.decision : adequacy.decisionEn}, ${language === 'fr' ? adequacy.ojFr : adequacy.ojEn}`, scope: adequacy.scope === 'full' ? t('transferDoc.adequacyFull') : language === 'fr' ? adequacy.scopeFr : adequacy.scopeEn })
                : t('transfers.noAdequacyCountry')}
          {territory ? ` ${language === 'fr' ? territory.basisFr : territory.basisEn}.` : ''}
        </p>
        <CodePicker name="accessCountries" label={f('accessCountries')} options={countries} max={50} />
        <ActivityPicker name="activityIds" label={f('activityIds')} />
        <CheckboxGroup name="dataCategories" label={f('dataCategories')} options={categories} columns />
      </Section>
      <Section title={t('transfers.sections.ground')}>
        <div className="form-grid">
          <SelectInput name="mechanism" label={f('mechanism')} options={mechanisms} wide />
          <TextInput name="reviewOn" label={f('reviewOn')} type="date" />
        </div>
        {values.mechanism === 'ADEQUACY' && adequacy?.scope === 'partial' && !adequacy.dpf ? <Checkbox name="adequacyScopeConfirmed" label={f('adequacyScopeConfirmed')} /> : null}
        {values.mechanism === 'DPF' ? (
          <div className="form-grid">
            <Checkbox name="dpf.certified" label={f('certified')} />
            <TextInput name="dpf.checkedOn" label={f('checkedOn')} type="date" hint={t('transfers.dpfHelp')} />
            <TextInput name="dpf.scope" label={f('dpfScope')} wide />
          </div>
        ) : null}
        {values.mechanism === 'SCC_2021' || values.mechanism === 'UK_ADDENDUM' ? (
          <>
            <p className="muted small" data-testid="module-hint">
              {t('transfers.moduleHint', { module: t(`transfer.module.${expectedModule}`) })}
            </p>
            <div className="form-grid">
              <SelectInput name="scc.module" label={f('module')} options={[1, 2, 3, 4].map((m) => [String(m), t(`transfer.module.${m}`)] as [string, string])} required={values.mechanism === 'SCC_2021'} setNumber />
              <TextInput name="scc.signedOn" label={f('signedOn')} type="date" />
              <Checkbox name="scc.docking" label={f('docking')} />
              <SelectInput name="scc.clause9" label={f('clause9')} options={clause9} />
              <NumberInput name="scc.noticeDays" label={f('noticeDays')} min={0} max={365} />
              <Checkbox name="scc.clause11" label={f('clause11')} />
              <TextInput name="scc.governingLaw" label={f('governingLaw')} />
            </div>
          </>
        ) : null}
        {values.mechanism === 'BCR' ? (
          <div className="form-grid">
            <TextInput name="bcr.group" label={f('group')} required />
            <TextInput name="bcr.authority" label={f('authority')} />
            <TextInput name="bcr.reference" label={f('reference')} />
            <TextInput name="bcr.approvedOn" label={f('approvedOn')} type="date" />
          </div>
        ) : null}
        {values.mechanism === 'DEROGATION_49' ? (
          <>
            <div className="form-grid">
              <SelectInput name="derogation.ground" label={f('ground')} options={derogations} required wide />
              {values.derogation.ground === 'compelling' ? <TextInput name="derogation.authorityInformedOn" label={f('authorityInformedOn')} type="date" /> : null}
            </div>
            <TextArea name="derogation.justification" label={f('justification')} required rows={3} />
          </>
        ) : null}
        <TextArea name="notes" label={f('notes')} rows={2} />
      </Section>
    </>
  );
}

/** Whether the importer's processing is subject to the GDPR (Art. 3(2)): yes, no, or not determined (null). */
function SubjectToGdprInput({ label }: { label: string }) {
  const { t } = useTranslation();
  const { register } = useFormContext<TransferDoc>();
  return (
    <Field label={label}>
      {(id, describedBy) => (
        <select id={id} aria-describedby={describedBy} data-testid="importer-subject-to-gdpr" {...register('importerSubjectToGdpr', { setValueAs: (v: unknown) => (v === '' || v === null || v === undefined ? null : v === true || v === 'true') })}>
          <option value="">{t('transfer.subjectToGdpr.unknown')}</option>
          <option value="true">{t('transfer.subjectToGdpr.yes')}</option>
          <option value="false">{t('transfer.subjectToGdpr.no')}</option>
        </select>
      )}
    </Field>
  );
}

function TiaTab() {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const values = useWatch() as TransferDoc;
  const f = (k: string) => t(`transfer.fields.${k}`);
  const measures = useEnumOptions('transfer.measure', SUPPLEMENTARY_MEASURES);
  const conclusions = useEnumOptions('transfer.conclusion', TIA_CONCLUSIONS);
  return (
    <Section title={t('transfers.tiaTitle')}>
      <p className="muted small">{t('transfers.tiaIntro')}</p>
      {TIA_STEPS.map((step) => (
        <TextArea key={step} name={`tia.steps.${step}`} label={t(`transfer.tiaStep.${step}`)} hint={t(`transfer.tiaHelp.${step}`)} rows={3} />
      ))}
      <CheckboxGroup name="tia.measures" label={f('measures')} options={measures} columns />
      <TextArea name="tia.measuresDetail" label={f('measuresDetail')} rows={2} />
      <div className="form-grid">
        <SelectInput name="tia.conclusion" label={f('conclusion')} options={conclusions} required={values.tia?.done} wide />
        <Checkbox name="tia.done" label={f('tiaDone')} />
        <TextInput name="tia.doneOn" label={f('tiaDoneOn')} type="date" required={values.tia?.done} />
        <TextInput name="tia.reviewOn" label={f('tiaReviewOn')} type="date" />
      </div>
      {values.tia?.reviewOn ? <p className="muted small">{t('transfers.reviewOnInfo', { date: formatDate(values.tia.reviewOn, language) })}</p> : null}
    </Section>
  );
}
