import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState } from 'react';
import { FormProvider, useForm, useWatch, type FieldValues, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ANSWER_TYPES, TemplateDocSchema, type AuditTemplate, type TemplateDoc } from '../../../../shared/domain/audit';
import { AppError } from '../../../../shared/errors';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { routeHash } from '../../lib/router';
import { useLeaveGuard } from '../../lib/useLeaveGuard';
import { Badge, Section, formatDateTime } from '../../components/ui';
import { useApp } from '../../store/app';
import { ArrayEditor, Checkbox, NumberInput, SelectInput, TextInput } from '../register/formParts';
import { SaveButton } from '../../components/SaveButton';

/** The audit questionnaires: the built-in grid (read-only) and the DPO's copies, each save a new version. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const language = useApp((s) => s.language);
  const [templates, setTemplates] = useState<ReadonlyArray<AuditTemplate> | null>(null);
  const [editing, setEditing] = useState<AuditTemplate | null>(null);
  const load = useCallback(() => call('audit:templates', {}).then(setTemplates, (e) => toast(describeError(e), 'error')), [toast]);
  useEffect(() => void load(), [load]);
  const copy = async (tp: AuditTemplate) => {
    const name = window.prompt(t('suppliers.copyName'), `${tp.builtIn ? t('auditDoc.builtInName') : tp.doc.name} – ${t('suppliers.copySuffix')}`);
    if (!name) return;
    try {
      const created = await call('audit:copyTemplate', { id: tp.id, name });
      await load();
      setEditing(created);
    } catch (e) {
      toast(describeError(e), 'error');
    }
  };
  if (!templates) return <p className="muted">{t('register.loading')}</p>;
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <a className="muted small" href={routeHash({ page: 'suppliers' })}>
            ← {t('suppliers.title')}
          </a>
          <h1>{t('suppliers.templates')}</h1>
          <p className="muted small">{t('suppliers.templatesIntro')}</p>
        </div>
      </header>
      <table className="data-table" data-testid="templates">
        <thead>
          <tr>
            <th>{t('suppliers.templateName')}</th>
            <th>{t('record.version', { version: '' }).trim()}</th>
            <th>{t('suppliers.questions')}</th>
            <th>{t('suppliers.savedOn')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {templates.map((tp) => (
            <tr key={tp.id}>
              <td>
                {tp.builtIn ? t('auditDoc.builtInName') : tp.doc.name} {tp.builtIn ? <Badge tone="info">{t('suppliers.builtIn')}</Badge> : null}
              </td>
              <td>v{tp.version}</td>
              <td>{tp.doc.questions.length}</td>
              <td>
                {formatDateTime(tp.createdAt, language)} · {tp.actor}
              </td>
              <td className="row-actions">
                <button type="button" className="button small" onClick={() => void copy(tp)}>
                  {t('suppliers.copy')}
                </button>{' '}
                {!tp.builtIn ? (
                  <button type="button" className="button small" onClick={() => setEditing(tp)}>
                    {t('suppliers.edit')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing ? (
        <TemplateEditor
          key={`${editing.id}-${editing.version}`}
          template={editing}
          onSaved={(tp) => {
            setEditing(tp);
            void load();
          }}
        />
      ) : null}
    </div>
  );
}

function TemplateEditor({ template, onSaved }: { template: AuditTemplate; onSaved: (t: AuditTemplate) => void }) {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const form = useForm<FieldValues>({ defaultValues: template.doc, resolver: zodResolver(TemplateDocSchema as never) as unknown as Resolver<FieldValues>, mode: 'onChange' });
  useLeaveGuard(form.formState.isDirty);
  const values = useWatch({ control: form.control }) as TemplateDoc;
  const themes = (values.themes ?? []).map((th) => [th.id, `${th.id}. ${th.labelFr}`] as [string, string]);
  const save = form.handleSubmit(
    async (doc) => {
      try {
        const saved = await call('audit:saveTemplate', { id: template.id, doc: doc as TemplateDoc });
        toast(t('suppliers.templateSaved', { version: saved.version }));
        onSaved(saved);
      } catch (e) {
        if (e instanceof AppError && e.data.code === 'validation') for (const i of e.data.issues) form.setError(i.path as never, { type: 'server', message: i.message });
        toast(describeError(e), 'error');
      }
    },
    () => toast(t('errors.fixBeforeSave'), 'error'),
  );
  return (
    <FormProvider {...form}>
      <form onSubmit={save} noValidate data-testid="template-editor">
        <Section title={t('suppliers.editTemplate', { name: template.doc.name, version: template.version })}>
          <p className="muted small">{t('suppliers.templateVersionHelp')}</p>
          <div className="form-grid">
            <TextInput name="name" label={t('suppliers.templateName')} required wide />
          </div>
          <ArrayEditor name="themes" label={t('suppliers.themes')} required max={40} empty={() => ({ id: '', labelFr: '', labelEn: '' })}>
            {(p) => (
              <>
                <TextInput name={`${p}.id`} label={t('settings.stepId')} required />
                <TextInput name={`${p}.labelFr`} label={t('lists.labelFr')} required />
                <TextInput name={`${p}.labelEn`} label={t('lists.labelEn')} required />
              </>
            )}
          </ArrayEditor>
          <ArrayEditor name="questions" label={t('suppliers.questions')} required max={300} empty={() => ({ id: '', theme: themes[0]?.[0] ?? '', textFr: '', textEn: '', type: 'scale', weight: 1, critical: false, expected: 'yes', ref: '' })}>
            {(p) => (
              <>
                <TextInput name={`${p}.id`} label={t('settings.stepId')} required />
                <SelectInput name={`${p}.theme`} label={t('auditDoc.theme')} options={themes} allowEmpty={false} />
                <SelectInput name={`${p}.type`} label={t('suppliers.answerType')} options={ANSWER_TYPES.map((x) => [x, t(`auditDoc.type.${x}`)] as [string, string])} allowEmpty={false} />
                <NumberInput name={`${p}.weight`} label={t('suppliers.weight')} min={0} max={3} required />
                <TextInput name={`${p}.expected`} label={t('suppliers.expected')} hint={t('suppliers.expectedHelp')} />
                <Checkbox name={`${p}.critical`} label={t('auditDoc.critical')} />
                <TextInput name={`${p}.textFr`} label={t('suppliers.textFr')} required wide />
                <TextInput name={`${p}.textEn`} label={t('suppliers.textEn')} required wide />
              </>
            )}
          </ArrayEditor>
          <div>
            <SaveButton disabled={!form.formState.isDirty}>{t('suppliers.saveVersion')}</SaveButton>
          </div>
        </Section>
      </form>
    </FormProvider>
  );
}
