import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { FormProvider, useForm, type FieldValues, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { BreachSettingsSchema, ChecklistTemplateSchema, type BreachSettings, type ChecklistTemplate } from '../../../../shared/domain/breach';
import type { ChecklistRole } from '../../../../shared/domain/breach-role';
import { AppError } from '../../../../shared/errors';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { Section, formatDateTime } from '../../components/ui';
import { useApp } from '../../store/app';
import { useZoneOptions } from '../../lib/options';
import { ArrayEditor, Checkbox, NumberInput, SelectInput, TextInput } from '../register/formParts';
import { SaveButton } from '../../components/SaveButton';
import { useRegimes } from '../breach/BreachRegimes';

/** The defaults of new incidents: the telecom regime, the time zone, the contractual delay to tell a client controller. */
export function BreachSettingsSection() {
  const toast = useApp((s) => s.toast);
  const [loaded, setLoaded] = useState<BreachSettings | null>(null);
  useEffect(() => {
    call('breach:settings', {}).then(setLoaded, (e) => toast(describeError(e), 'error'));
  }, [toast]);
  if (!loaded) return null;
  return <BreachSettingsForm initial={loaded} />;
}

function BreachSettingsForm({ initial }: { initial: BreachSettings }) {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const form = useForm<FieldValues>({ defaultValues: initial, resolver: zodResolver(BreachSettingsSchema as never) as unknown as Resolver<FieldValues>, mode: 'onChange' });
  const zones = useZoneOptions();
  const regimes = useRegimes();
  const language = useApp((s) => s.language);
  const save = form.handleSubmit(async (values) => {
    try {
      form.reset(await call('breach:saveSettings', { settings: values as BreachSettings }));
      toast(t('settings.breachSaved'));
    } catch (e) {
      toast(describeError(e), 'error');
    }
  });
  return (
    <Section title={t('settings.breachTitle')}>
      <FormProvider {...form}>
        <form onSubmit={save} noValidate data-testid="breach-settings">
          <p className="muted small">{t('settings.breachHelp')}</p>
          <div className="form-grid">
            <Checkbox name="telecom" label={t('settings.telecom')} />
            <SelectInput name="zone" label={t('breach.fields.zone')} options={zones} allowEmpty={false} />
            <NumberInput name="controllerHours" label={t('settings.controllerHours')} min={1} max={720} required />
          </div>
          {regimes && regimes.file.settings.length > 0 ? (
            <div data-testid="regime-settings">
              <h3>{t('settings.regimesTitle')}</h3>
              <p className="muted small">{t('settings.regimesHelp')}</p>
              <div className="form-grid">
                {regimes.file.settings.map((st) => (
                  <SelectInput
                    key={st.id}
                    name={`regimeFlags.${st.id}`}
                    label={language === 'fr' ? st.labelFr : st.labelEn}
                    options={st.options.map((o) => [o.id, language === 'fr' ? o.labelFr : o.labelEn] as const)}
                    emptyLabel={t('settings.regimeNone')}
                    wide
                  />
                ))}
              </div>
            </div>
          ) : null}
          <SaveButton disabled={!form.formState.isDirty}>{t('record.save')}</SaveButton>
        </form>
      </FormProvider>
    </Section>
  );
}

const TemplateForm = z.object({ steps: ChecklistTemplateSchema });

/**
 * One role's incident checklist (issue 12: the controller's and the processor's): a new version on
 * each save; incidents keep the version they started with. A step's code stays internal: the
 * DPO sees and edits the labels only, and a new step gets a code of its own.
 */
export function ChecklistTemplateSection({ role }: { role: ChecklistRole }) {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const language = useApp((s) => s.language);
  const [template, setTemplate] = useState<ChecklistTemplate | null>(null);
  useEffect(() => {
    call('checklist:get', { role }).then(setTemplate, (e) => toast(describeError(e), 'error'));
  }, [toast, role]);
  const form = useForm<FieldValues>({ defaultValues: { steps: [] }, resolver: zodResolver(TemplateForm as never) as unknown as Resolver<FieldValues>, mode: 'onChange' });
  useEffect(() => {
    if (template) form.reset({ steps: template.steps });
  }, [template, form]);
  const save = form.handleSubmit(
    async (values) => {
      try {
        const saved = await call('checklist:save', { role, steps: values.steps as ChecklistTemplate['steps'][number][] });
        setTemplate(saved);
        toast(t('settings.checklistSaved', { version: saved.version }));
      } catch (e) {
        if (e instanceof AppError && e.data.code === 'validation') for (const i of e.data.issues) form.setError(i.path as never, { type: 'server', message: i.message });
        toast(describeError(e), 'error');
      }
    },
    () => toast(t('errors.fixBeforeSave'), 'error'),
  );
  if (!template) return null;
  return (
    <Section title={t(role === 'controller' ? 'breachRole.checklistController' : 'breachRole.checklistProcessor')}>
      <FormProvider {...form}>
        <form onSubmit={save} noValidate data-testid={`checklist-template-${role}`}>
          <p className="muted small">{t(role === 'controller' ? 'breachRole.checklistControllerHelp' : 'breachRole.checklistProcessorHelp')}</p>
          <p className="muted small">
            {t('settings.checklistHelp', { version: template.version, date: formatDateTime(template.createdAt, language), actor: template.actor })}
          </p>
          <ArrayEditor name="steps" label={t('settings.checklistSteps')} required max={50} empty={() => ({ id: `step${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, labelFr: '', labelEn: '' })}>
            {(p) => (
              <>
                <TextInput name={`${p}.labelFr`} label={t('lists.labelFr')} required wide />
                <TextInput name={`${p}.labelEn`} label={t('lists.labelEn')} required wide />
              </>
            )}
          </ArrayEditor>
          <SaveButton disabled={!form.formState.isDirty}>{t('settings.checklistSave')}</SaveButton>
        </form>
      </FormProvider>
    </Section>
  );
}
