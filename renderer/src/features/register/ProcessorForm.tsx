import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CLIENT_SCOPES, SPECIAL_CATEGORIES, STATUSES } from '../../../../shared/domain/enums';
import { END_OF_CONTRACT } from '../../../../shared/domain/supplier';
import type { ProcessorDoc } from '../../../../shared/domain/register';
import { Section } from '../../components/ui';
import {
  ArrayEditor,
  NumberInput,
  SecurityEditor,
  SelectInput,
  TextArea,
  TextInput,
  useDataCategoryOptions,
  useEnumOptions,
  useListOptions,
} from './formParts';

/**
 * A processor-register record (Art. 30(2)): one client controller, or every client under the
 * standard data processing agreement, and what is done for them; the data, subjects, retention,
 * end of contract and breach notice delay are optional but expected by DPOs.
 */
export function ProcessorForm() {
  const { t } = useTranslation();
  const { control } = useFormContext<ProcessorDoc>();
  const doc = useWatch({ control }) as ProcessorDoc;
  const statuses = useEnumOptions('enums.status', STATUSES);
  const scopes = useEnumOptions('enums.clientScope', CLIENT_SCOPES);
  const ends = useEnumOptions('supplier.endOfContract', END_OF_CONTRACT.filter((e) => e !== ''));
  const special = useEnumOptions('enums.special', SPECIAL_CATEGORIES);
  const dataCategories = useDataCategoryOptions((doc.dataCategories ?? []).map((c) => c.category));
  const subjects = useListOptions('dataSubjects', (doc.dataSubjects ?? []).map((c) => c.category));
  const oneClient = doc.clientScope !== 'standardDpa';
  return (
    <>
      <Section title={t('sections.description')} id="sec-description">
        <div className="form-grid">
          <TextInput name="ref" label={t('fields.ref')} required />
          <TextInput name="name" label={t('fields.name')} required wide />
          <SelectInput name="status" label={t('fields.status')} options={statuses} allowEmpty={false} />
          <TextInput name="nextReview" label={t('fields.nextReview')} type="date" />
        </div>
      </Section>
      <Section title={t('sections.client')} id="sec-client">
        <div className="form-grid">
          <SelectInput name="clientScope" label={t('fields.clientScope')} options={scopes} allowEmpty={false} wide />
          {oneClient ? (
            <>
              <TextInput name="client.name" label={t('fields.clientName')} required wide />
              <TextInput name="client.address" label={t('fields.clientAddress')} wide />
              <TextInput name="client.contactName" label={t('fields.clientContact')} required />
              <TextInput name="client.email" label={t('fields.clientEmail')} />
              <TextInput name="client.phone" label={t('fields.clientPhone')} />
              <TextInput name="client.dpo" label={t('fields.clientDpo')} />
            </>
          ) : (
            <TextInput name="standardDpa" label={t('fields.standardDpa')} required wide hint={t('record.standardDpaHelp')} />
          )}
          <TextInput name="representative" label={t('fields.representative')} wide />
        </div>
      </Section>
      <Section title={t('sections.processing')} id="sec-processing">
        <ArrayEditor name="processingCategories" label={t('fields.processingCategories')} required max={30} empty={() => ({ text: '' })}>
          {(p) => <TextInput name={`${p}.text`} label={t('fields.text')} required wide />}
        </ArrayEditor>
      </Section>
      <Section title={t('sections.processorData')} id="sec-data">
        <ArrayEditor name="dataCategories" label={t('fields.dataCategories')} max={50} empty={() => ({ category: '', description: '' })}>
          {(p) => (
            <>
              <SelectInput name={`${p}.category`} label={t('fields.category')} options={dataCategories} required wide />
              <TextInput name={`${p}.description`} label={t('fields.description')} wide />
            </>
          )}
        </ArrayEditor>
        <ArrayEditor name="specialCategories" label={t('fields.specialCategories')} max={10} empty={() => ({ category: '', description: '' })}>
          {(p) => (
            <>
              <SelectInput name={`${p}.category`} label={t('fields.category')} options={special} required wide />
              <TextInput name={`${p}.description`} label={t('fields.description')} wide />
            </>
          )}
        </ArrayEditor>
        <ArrayEditor name="dataSubjects" label={t('fields.dataSubjects')} max={50} empty={() => ({ category: '', details: '' })}>
          {(p) => (
            <>
              <SelectInput name={`${p}.category`} label={t('fields.category')} options={subjects} required wide />
              <TextInput name={`${p}.details`} label={t('fields.details')} wide />
            </>
          )}
        </ArrayEditor>
        <div className="form-grid">
          <TextArea name="retention" label={t('fields.processorRetention')} rows={2} />
          <SelectInput name="endOfContract" label={t('fields.endOfContract')} options={ends} />
          <NumberInput name="breachNoticeHours" label={t('fields.breachNoticeHours')} min={1} max={720} />
        </div>
      </Section>
      <Section title={t('sections.subProcessors')} id="sec-subprocessors">
        <ArrayEditor name="subProcessors" label={t('fields.subProcessors')} max={50} empty={() => ({ name: '', service: '', country: '' })}>
          {(p) => (
            <>
              <TextInput name={`${p}.name`} label={t('fields.partyName')} required />
              <TextInput name={`${p}.service`} label={t('fields.service')} />
              <TextInput name={`${p}.country`} label={t('fields.country')} />
            </>
          )}
        </ArrayEditor>
      </Section>
      <Section title={t('sections.security')} id="sec-security">
        <SecurityEditor used={(doc.securityMeasures ?? []).map((m) => m.type)} />
      </Section>
      <Section title={t('sections.other')} id="sec-other">
        <TextArea name="notes" label={t('fields.notes')} rows={5} />
      </Section>
    </>
  );
}
