import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ART9_CATEGORIES, ART9_CONDITIONS, DPIA_NEEDED, RECIPIENT_TYPES, SPECIAL_CATEGORIES, STATUSES } from '../../../../shared/domain/enums';
import { emptyRetention, type ControllerDoc } from '../../../../shared/domain/register';
import { Section } from '../../components/ui';
import {
  ArrayEditor,
  Checkbox,
  PartiesEditor,
  PurposesEditor,
  RetentionFields,
  SecurityEditor,
  SelectInput,
  TextArea,
  TextInput,
  useDataCategoryOptions,
  useEnumOptions,
  useListOptions,
} from './formParts';

/** The controller record, in the order of the CNIL record sheet (shared/domain.md 1.5.3). */
export function ControllerForm() {
  const { t } = useTranslation();
  const { control } = useFormContext<ControllerDoc>();
  const doc = useWatch({ control }) as ControllerDoc;
  const statuses = useEnumOptions('enums.status', STATUSES);
  const art9 = useEnumOptions('enums.art9', ART9_CONDITIONS);
  const special = useEnumOptions('enums.special', SPECIAL_CATEGORIES);
  const recipientTypes = useEnumOptions('enums.recipientType', RECIPIENT_TYPES);
  const dpiaNeeded = useEnumOptions('enums.dpiaNeeded', DPIA_NEEDED);
  const departments = useListOptions('departments', [doc.department ?? '']);
  const dataCategories = useDataCategoryOptions((doc.dataCategories ?? []).map((c) => c.category));
  const subjects = useListOptions('dataSubjects', (doc.dataSubjects ?? []).map((c) => c.category));
  const recipients = useListOptions('recipients', (doc.recipients ?? []).map((c) => c.category));
  const hasArt9 = (doc.specialCategories ?? []).some((c) => ART9_CATEGORIES.includes(c.category));
  const hasCriminal = (doc.specialCategories ?? []).some((c) => c.category === 'CRIMINAL');
  return (
    <>
      <Section title={t('sections.description')} id="sec-description">
        <div className="form-grid">
          <TextInput name="ref" label={t('fields.ref')} required />
          <TextInput name="name" label={t('fields.name')} required wide />
          <SelectInput name="status" label={t('fields.status')} options={statuses} allowEmpty={false} />
          <SelectInput name="department" label={t('fields.department')} options={departments} />
          <TextInput name="software" label={t('fields.software')} />
          <TextInput name="nextReview" label={t('fields.nextReview')} type="date" />
        </div>
      </Section>
      <Section title={t('sections.actors')} id="sec-actors">
        <p className="muted small">{t('record.orgHint')}</p>
        <PartiesEditor name="jointControllers" label={t('fields.jointControllers')} />
      </Section>
      <Section title={t('sections.purposes')} id="sec-purposes">
        <p className="muted small">{t('record.purposesHint')}</p>
        <PurposesEditor />
      </Section>
      <Section title={t('sections.security')} id="sec-security">
        <SecurityEditor used={(doc.securityMeasures ?? []).map((m) => m.type)} />
      </Section>
      <Section title={t('sections.data')} id="sec-data">
        <ArrayEditor
          name="dataCategories"
          label={t('fields.dataCategories')}
          required
          max={50}
          empty={() => ({ category: '', description: '', retention: emptyRetention() })}
        >
          {(p) => (
            <>
              <SelectInput name={`${p}.category`} label={t('fields.category')} options={dataCategories} required wide />
              <TextArea name={`${p}.description`} label={t('fields.description')} rows={2} hint={t('record.repeatedCategoryHelp')} />
              <RetentionFields prefix={`${p}.retention`} />
            </>
          )}
        </ArrayEditor>
      </Section>
      <Section title={t('sections.special')} id="sec-special">
        <ArrayEditor name="specialCategories" label={t('fields.specialCategories')} max={10} empty={() => ({ category: '', description: '', retention: emptyRetention() })}>
          {(p) => (
            <>
              <SelectInput name={`${p}.category`} label={t('fields.category')} options={special} required wide />
              <TextArea name={`${p}.description`} label={t('fields.description')} rows={2} />
              <RetentionFields prefix={`${p}.retention`} />
            </>
          )}
        </ArrayEditor>
        {hasArt9 || doc.art9Condition ? (
          <div className="form-grid">
            <SelectInput name="art9Condition" label={t('fields.art9Condition')} options={art9} required={hasArt9} wide />
            <TextArea name="art9Detail" label={t('fields.art9Detail')} rows={2} />
          </div>
        ) : null}
        {hasCriminal || doc.art10Basis ? <TextArea name="art10Basis" label={t('fields.art10Basis')} rows={2} required={hasCriminal} /> : null}
      </Section>
      <Section title={t('sections.subjects')} id="sec-subjects">
        <ArrayEditor name="dataSubjects" label={t('fields.dataSubjects')} required max={50} empty={() => ({ category: '', details: '' })}>
          {(p) => (
            <>
              <SelectInput name={`${p}.category`} label={t('fields.category')} options={subjects} required />
              <TextInput name={`${p}.details`} label={t('fields.details')} wide />
            </>
          )}
        </ArrayEditor>
      </Section>
      <Section title={t('sections.recipients')} id="sec-recipients">
        <ArrayEditor name="recipients" label={t('fields.recipients')} required max={50} empty={() => ({ type: 'INTERNAL', category: '', name: '', details: '' })}>
          {(p) => (
            <>
              <SelectInput name={`${p}.type`} label={t('fields.type')} options={recipientTypes} allowEmpty={false} />
              <SelectInput name={`${p}.category`} label={t('fields.category')} options={recipients} />
              <TextInput name={`${p}.name`} label={t('fields.recipient')} />
              <TextInput name={`${p}.details`} label={t('fields.details')} wide />
            </>
          )}
        </ArrayEditor>
      </Section>
      <Section title={t('sections.dpia')} id="sec-dpia">
        <div className="form-grid">
          <SelectInput name="dpia.needed" label={t('fields.dpiaNeeded')} options={dpiaNeeded} allowEmpty={false} required />
          <Checkbox name="dpia.done" label={t('record.dpiaDoneLabel')} />
          <TextInput name="dpia.date" label={t('fields.dpiaDate')} type="date" required={doc.dpia?.done} />
          <TextArea name="dpia.reason" label={t('fields.dpiaReason')} rows={2} />
        </div>
      </Section>
      <Section title={t('sections.other')} id="sec-other">
        <div className="form-grid">
          <TextArea name="sources" label={t('fields.sources')} rows={2} />
          <TextArea name="notes" label={t('fields.notes')} rows={5} />
        </div>
      </Section>
    </>
  );
}
