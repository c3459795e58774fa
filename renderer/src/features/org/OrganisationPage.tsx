import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { FormProvider, useForm, type FieldValues, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { OrganisationSchema, type Organisation } from '../../../../shared/domain/organisation';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { Section } from '../../components/ui';
import { useApp } from '../../store/app';
import { Checkbox, PartiesEditor, TextInput } from '../register/formParts';
import { SaveButton } from '../../components/SaveButton';

export function OrganisationPage() {
  const { t } = useTranslation();
  const [org, setOrg] = useState<Organisation | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    call('org:get', {}).then(setOrg, (e) => setError(describeError(e)));
  }, []);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!org) return <p className="muted">{t('register.loading')}</p>;
  return <OrganisationForm org={org} onSaved={setOrg} />;
}

function ContactFields({ prefix, company, eu }: { prefix: string; company?: boolean; /** The EU representative (Art. 27) has its own labels (issue 16). */ eu?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="form-grid">
      <TextInput name={`${prefix}.name`} label={t(eu ? 'org.eu.name' : 'fields.partyName')} />
      <TextInput name={`${prefix}.role`} label={t(eu ? 'org.eu.role' : 'org.role')} />
      {company ? <TextInput name={`${prefix}.company`} label={t(eu ? 'org.eu.company' : 'org.company')} /> : null}
      <TextInput name={`${prefix}.address`} label={t(eu ? 'org.eu.address' : 'fields.address')} wide />
      <TextInput name={`${prefix}.email`} label={t('fields.email')} type="email" />
      <TextInput name={`${prefix}.phone`} label={t('fields.phone')} />
    </div>
  );
}

function OrganisationForm({ org, onSaved }: { org: Organisation; onSaved: (o: Organisation) => void }) {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const [busy, setBusy] = useState(false);
  const form = useForm<FieldValues>({
    defaultValues: org,
    resolver: zodResolver(OrganisationSchema as never) as unknown as Resolver<FieldValues>,
    mode: 'onChange',
  });
  const save = form.handleSubmit(async (doc) => {
    setBusy(true);
    try {
      const saved = await call('org:save', { doc: doc as Organisation });
      form.reset(saved);
      onSaved(saved);
      toast(t('org.saved'));
    } catch (err) {
      toast(describeError(err), 'error');
    } finally {
      setBusy(false);
    }
  });
  return (
    <FormProvider {...form}>
      <form className="page" onSubmit={save} noValidate>
        <header className="page-head sticky">
          <div>
            <h1>{t('org.title')}</h1>
            <p className="muted small">{t('org.intro')}</p>
          </div>
          <div className="actions">
            <SaveButton busy={busy}>{t('record.save')}</SaveButton>
          </div>
        </header>
        <Section title={t('org.identity')}>
          <div className="form-grid">
            <TextInput name="legalName" label={t('org.legalName')} wide />
            <TextInput name="tradeName" label={t('org.tradeName')} />
            <TextInput name="registrationNumber" label={t('org.registrationNumber')} />
            <TextInput name="address" label={t('fields.address')} wide />
            <TextInput name="postcode" label={t('org.postcode')} />
            <TextInput name="city" label={t('org.city')} />
            <TextInput name="country" label={t('org.country')} />
            <TextInput name="email" label={t('fields.email')} type="email" />
            <TextInput name="phone" label={t('fields.phone')} />
          </div>
        </Section>
        <Section title={t('org.roles')}>
          <Checkbox name="isController" label={t('org.isController')} />
          <Checkbox name="isProcessor" label={t('org.isProcessor')} />
        </Section>
        <Section title={t('org.representative')}>
          <ContactFields prefix="representative" />
        </Section>
        <Section title={t('org.dpo')}>
          <ContactFields prefix="dpo" company />
        </Section>
        <Section title={t('org.euRepresentative')}>
          <p className="muted small">{t('org.eu.help')}</p>
          <ContactFields prefix="euRepresentative" company eu />
        </Section>
        <Section title={t('org.jointControllers')}>
          <PartiesEditor name="jointControllers" label={t('org.jointControllers')} />
        </Section>
      </form>
    </FormProvider>
  );
}
