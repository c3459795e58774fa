import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { FormProvider, useForm, type FieldValues, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { AppSettingsSchema, type AppSettings } from '../../../../shared/domain/settings';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { Section } from '../../components/ui';
import { useApp } from '../../store/app';
import { NumberInput } from '../register/formParts';
import { SaveButton } from '../../components/SaveButton';

/** The register's defaults: how far ahead a new record's next review is set. */
export function RegisterSettingsSection() {
  const toast = useApp((s) => s.toast);
  const [loaded, setLoaded] = useState<AppSettings | null>(null);
  useEffect(() => {
    call('settings:get', {}).then(setLoaded, (e) => toast(describeError(e), 'error'));
  }, [toast]);
  if (!loaded) return null;
  return <RegisterSettingsForm initial={loaded} />;
}

function RegisterSettingsForm({ initial }: { initial: AppSettings }) {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const form = useForm<FieldValues>({ defaultValues: initial, resolver: zodResolver(AppSettingsSchema as never) as unknown as Resolver<FieldValues>, mode: 'onChange' });
  const save = form.handleSubmit(async (values) => {
    try {
      form.reset(await call('settings:save', { settings: values as AppSettings }));
      toast(t('settings.registerSaved'));
    } catch (e) {
      toast(describeError(e), 'error');
    }
  });
  return (
    <Section title={t('settings.registerTitle')}>
      <FormProvider {...form}>
        <form onSubmit={save} noValidate data-testid="register-settings">
          <p className="muted small">{t('settings.registerHelp')}</p>
          <div className="form-grid">
            <NumberInput name="reviewMonths" label={t('settings.reviewMonths')} min={1} max={60} required />
          </div>
          <SaveButton disabled={!form.formState.isDirty}>{t('record.save')}</SaveButton>
        </form>
      </FormProvider>
    </Section>
  );
}
