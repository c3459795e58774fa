import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { FormProvider, useForm, type FieldValues, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { COVERAGE_MAX, COVERAGE_MIN, type AuditSettings } from '../../../../shared/domain/audit';
import { msg } from '../../../../shared/domain/validation';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { Section } from '../../components/ui';
import { useApp } from '../../store/app';
import { NumberInput } from '../register/formParts';
import { SaveButton } from '../../components/SaveButton';

/** The form shows a percentage; the core keeps a share (0.5 to 1). */
const Form = z.object({
  coveragePercent: z
    .number({ error: msg('number') })
    .int({ error: msg('integer') })
    .min(COVERAGE_MIN * 100, { error: msg('min', { min: COVERAGE_MIN * 100 }) })
    .max(COVERAGE_MAX * 100, { error: msg('max', { max: COVERAGE_MAX * 100 }) }),
});

/** The audits' rule: the share of the grid's weight an audit's answers must cover for a verdict. */
export function AuditSettingsSection() {
  const toast = useApp((s) => s.toast);
  const [loaded, setLoaded] = useState<AuditSettings | null>(null);
  useEffect(() => {
    call('audit:settings', {}).then(setLoaded, (e) => toast(describeError(e), 'error'));
  }, [toast]);
  if (!loaded) return null;
  return <AuditSettingsForm initial={loaded} />;
}

const toForm = (s: AuditSettings) => ({ coveragePercent: Math.round(s.coverageThreshold * 100) });

function AuditSettingsForm({ initial }: { initial: AuditSettings }) {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const form = useForm<FieldValues>({ defaultValues: toForm(initial), resolver: zodResolver(Form as never) as unknown as Resolver<FieldValues>, mode: 'onChange' });
  const save = form.handleSubmit(async (values) => {
    try {
      form.reset(toForm(await call('audit:saveSettings', { settings: { coverageThreshold: (values.coveragePercent as number) / 100 } })));
      toast(t('settings.auditSaved'));
    } catch (e) {
      toast(describeError(e), 'error');
    }
  });
  return (
    <Section title={t('settings.auditTitle')}>
      <FormProvider {...form}>
        <form onSubmit={save} noValidate data-testid="audit-settings">
          <p className="muted small">{t('settings.auditHelp')}</p>
          <div className="form-grid">
            <NumberInput name="coveragePercent" label={t('settings.coverage')} min={COVERAGE_MIN * 100} max={COVERAGE_MAX * 100} required />
          </div>
          <SaveButton disabled={!form.formState.isDirty}>{t('record.save')}</SaveButton>
        </form>
      </FormProvider>
    </Section>
  );
}
