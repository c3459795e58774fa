import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { STATUSES } from '../../../../shared/domain/enums';
import type { ProcessorDoc } from '../../../../shared/domain/register';
import { Section } from '../../components/ui';
import { ArrayEditor, SecurityEditor, SelectInput, TextArea, TextInput, useEnumOptions } from './formParts';

/** A processor-register record (Art. 30(2)): one client controller and what is done for it. */
export function ProcessorForm() {
  const { t } = useTranslation();
  const { control } = useFormContext<ProcessorDoc>();
  const doc = useWatch({ control }) as ProcessorDoc;
  const statuses = useEnumOptions('enums.status', STATUSES);
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
          <TextInput name="client.name" label={t('fields.clientName')} required wide />
          <TextInput name="client.address" label={t('fields.clientAddress')} wide />
          <TextInput name="client.contactName" label={t('fields.clientContact')} required />
          <TextInput name="client.email" label={t('fields.clientEmail')} />
          <TextInput name="client.phone" label={t('fields.clientPhone')} />
          <TextInput name="client.dpo" label={t('fields.clientDpo')} />
          <TextInput name="representative" label={t('fields.representative')} wide />
        </div>
      </Section>
      <Section title={t('sections.processing')} id="sec-processing">
        <ArrayEditor name="processingCategories" label={t('fields.processingCategories')} required max={30} empty={() => ({ text: '' })}>
          {(p) => <TextInput name={`${p}.text`} label={t('fields.text')} required wide />}
        </ArrayEditor>
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
