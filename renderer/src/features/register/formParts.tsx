import { memo, type ReactNode } from 'react';
import { get, useController, useFieldArray, useFormContext, useFormState, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  ALL_DATA_CATEGORIES,
  LEGAL_BASES,
  LEGAL_BASES_NEEDING_DETAIL,
  RETENTION_ENDS,
  RETENTION_UNITS,
  type LegalBasis,
} from '../../../../shared/domain/enums';
import { emptyPurpose, MAX_PURPOSES } from '../../../../shared/domain/register';
import type { ReferenceListName } from '../../../../shared/domain/reference-lists';
import { DateField } from '../../components/DateField';
import { Field, withAction } from '../../components/ui';
import { errorText } from '../../lib/i18n';
import { useApp } from '../../store/app';

/** The message for a field (or for a list as a whole), whatever level the resolver put it at. */
export function useFieldError(name: string): string | undefined {
  const { errors } = useFormState({ name: name as never });
  const e = get(errors, name) as { message?: string; root?: { message?: string } } | undefined;
  return e?.message ?? e?.root?.message;
}

type Common = { name: string; label: string; required?: boolean; wide?: boolean; hint?: string };

/** `deps`: fields checked again when this one changes (a rule between them, such as the order of two dates). */
/** `after`: a small action beside the input (the breach form's "Now"). */
export function TextInput(props: Common & { type?: 'text' | 'date' | 'email' | 'datetime-local'; maxLength?: number; placeholder?: string; deps?: string[]; after?: ReactNode }) {
  if (props.type === 'date' || props.type === 'datetime-local') return <FormDateField {...props} withTime={props.type === 'datetime-local'} />;
  return <PlainInput {...props} />;
}

/**
 * A date of a form (issue 16): typed in the app language's format (DateField), kept in the form
 * as ISO as the native input did, so that the schemas and the stored documents are unchanged.
 */
function FormDateField(props: Common & { withTime: boolean; deps?: string[]; after?: ReactNode }) {
  // A date absent from the document is '' in the form, as the native input registered it (the schemas want a string).
  const { field } = useController({ name: props.name, defaultValue: '', ...(props.deps ? { rules: { deps: props.deps } } : {}) });
  const error = useFieldError(props.name);
  return (
    <DateField
      label={props.label}
      value={typeof field.value === 'string' ? field.value : ''}
      onChange={field.onChange}
      onBlur={() => field.onBlur()}
      withTime={props.withTime}
      error={error}
      required={props.required}
      wide={props.wide}
      hint={props.hint}
      after={props.after}
    />
  );
}

function PlainInput(props: Common & { type?: 'text' | 'date' | 'email' | 'datetime-local'; maxLength?: number; placeholder?: string; deps?: string[]; after?: ReactNode }) {
  const { register } = useFormContext();
  const error = useFieldError(props.name);
  return (
    <Field label={props.label} error={error} required={props.required} wide={props.wide} hint={props.hint}>
      {(id, describedBy) => {
        const input = (
          <input
            id={id}
            type={props.type ?? 'text'}
            aria-invalid={!!error}
            aria-describedby={describedBy}
            placeholder={props.placeholder}
            {...register(props.name, props.deps ? { deps: props.deps } : undefined)}
          />
        );
        return withAction(input, props.after);
      }}
    </Field>
  );
}

export function TextArea(props: Common & { rows?: number }) {
  const { register } = useFormContext();
  const error = useFieldError(props.name);
  return (
    <Field label={props.label} error={error} required={props.required} wide={props.wide ?? true} hint={props.hint}>
      {(id, describedBy) => (
        <textarea id={id} rows={props.rows ?? 3} aria-invalid={!!error} aria-describedby={describedBy} {...register(props.name)} />
      )}
    </Field>
  );
}

/** Characters a choice's label holds in one column of the form grid at 1440 px. */
const LONG_CHOICE = 30;

/** `setNumber`: the value is stored as a number (empty as null), for selects of numbered choices. */
export function SelectInput(props: Common & { options: ReadonlyArray<readonly [string, string]>; allowEmpty?: boolean; emptyLabel?: string; setNumber?: boolean; deps?: string[] }) {
  const { t } = useTranslation();
  const { register } = useFormContext();
  const error = useFieldError(props.name);
  const value = useWatch({ name: props.name }) as unknown;
  const chosen = props.options.find(([v]) => v === String(value ?? ''))?.[1];
  // A choice whose labels do not fit one column takes two, and its label shows in full on hover.
  const double = props.options.some(([, label]) => label.length > LONG_CHOICE);
  return (
    <Field label={props.label} error={error} required={props.required} wide={props.wide} double={double} hint={props.hint}>
      {(id, describedBy) => (
        <select
          // Options loaded after the form (suppliers, activities): remount so the select shows the form's value, not the first option.
          key={props.options.length}
          id={id}
          title={chosen}
          aria-invalid={!!error}
          aria-describedby={describedBy}
          {...register(props.name, {
            ...(props.setNumber ? { setValueAs: (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v)) } : {}),
            ...(props.deps ? { deps: props.deps } : {}),
          })}
        >
          {props.allowEmpty !== false ? <option value="">{props.emptyLabel ?? t('record.choose')}</option> : null}
          {props.options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function Checkbox(props: { name: string; label: string }) {
  const { register } = useFormContext();
  const error = useFieldError(props.name);
  return (
    <Field label="" error={error} wide>
      {(id, describedBy) => (
        <label className="check" htmlFor={id}>
          <input id={id} type="checkbox" aria-describedby={describedBy} {...register(props.name)} /> {props.label}
        </label>
      )}
    </Field>
  );
}

/** Options of a reference list in the current language; archived values only where already used. */
export function useListOptions(list: ReferenceListName, keep: ReadonlyArray<string> = []): Array<[string, string]> {
  const lists = useApp((s) => s.lists);
  const language = useApp((s) => s.language);
  return (lists?.[list] ?? [])
    .filter((i) => !i.archived || keep.includes(i.code))
    .map((i) => [i.code, language === 'fr' ? i.labelFr : i.labelEn]);
}

export function useEnumOptions(prefix: string, values: ReadonlyArray<string>): Array<[string, string]> {
  const { t } = useTranslation();
  return values.map((v) => [v, t(`${prefix}.${v}`)]);
}

/** A repeatable group of fields (data categories, recipients, transfers…). */
export function ArrayEditor(props: {
  name: string;
  label: string;
  required?: boolean;
  empty: () => Record<string, unknown>;
  max?: number;
  children: (prefix: string, index: number) => ReactNode;
}) {
  const { t } = useTranslation();
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: props.name });
  const error = useFieldError(props.name);
  return (
    <fieldset className={`array${error ? ' field-invalid' : ''}`} data-field={props.name}>
      <legend>
        {props.label}
        {props.required ? <span className="req" aria-hidden="true"> *</span> : null}
      </legend>
      {fields.length === 0 ? <p className="muted small">{t('record.none')}</p> : null}
      {fields.map((f, i) => (
        <div key={f.id} className="array-item">
          <div className="array-fields">{props.children(`${props.name}.${i}`, i)}</div>
          <button type="button" className="link danger" onClick={() => remove(i)} aria-label={`${t('record.remove')} ${props.label} ${i + 1}`}>
            {t('record.remove')}
          </button>
        </div>
      ))}
      {props.max === undefined || fields.length < props.max ? (
        <button type="button" className="button small" onClick={() => append(props.empty())}>
          + {t('record.add')}
          {/* Its own name for a screen reader: "Add – Recipients", not eight "Add" (issue 16). */}
          <span className="visually-hidden"> – {props.label}</span>
        </button>
      ) : null}
      {error ? (
        <div className="error" role="alert">
          {errorText(error)}
        </div>
      ) : null}
    </fieldset>
  );
}

/**
 * Retention by phase (CNIL life cycle): active use (duration and/or starting event), then an
 * optional intermediate archive with its reason, then deletion or anonymisation, and a note.
 */
export function RetentionFields({ prefix }: { prefix: string }) {
  const { t } = useTranslation();
  const units = useEnumOptions('enums.retentionUnit', RETENTION_UNITS);
  const ends = useEnumOptions('enums.retentionEnd', RETENTION_ENDS);
  return (
    <div className="retention field-wide">
      <div className="retention-phase">
        <span className="retention-title">{t('record.retentionActive')}</span>
        <NumberInput name={`${prefix}.duration`} label={t('fields.duration')} min={1} max={1000} />
        <SelectInput name={`${prefix}.unit`} label={t('fields.unit')} options={units} allowEmpty={false} />
        <TextInput name={`${prefix}.criterion`} label={t('fields.criterion')} wide hint={t('record.retentionHelp')} />
      </div>
      <div className="retention-phase" data-field={`${prefix}.archive`}>
        <span className="retention-title">{t('record.retentionArchive')}</span>
        <NumberInput name={`${prefix}.archive.duration`} label={t('record.archiveDuration')} min={1} max={1000} />
        <SelectInput name={`${prefix}.archive.unit`} label={t('record.archiveUnit')} options={units} allowEmpty={false} />
        <TextInput name={`${prefix}.archive.criterion`} label={t('record.archiveCriterion')} wide />
        <TextInput name={`${prefix}.archive.reason`} label={t('fields.archiveReason')} wide hint={t('record.archiveReasonHelp')} />
      </div>
      <div className="retention-phase">
        <SelectInput name={`${prefix}.end`} label={t('fields.end')} options={ends} />
        <TextInput name={`${prefix}.note`} label={t('fields.note')} wide hint={t('record.retentionNoteHelp')} />
      </div>
    </div>
  );
}

/** The data categories of the reference list, and first the row that stands for every category of the record. */
export function useDataCategoryOptions(keep: ReadonlyArray<string>): Array<[string, string]> {
  const { t } = useTranslation();
  return [[ALL_DATA_CATEGORIES, t('enums.allDataCategories')], ...useListOptions('dataCategories', keep)];
}

/** One Art. 6(1) basis of a purpose; the detail asked for depends on the basis chosen. */
function BasisFields({ prefix, list, options }: { prefix: string; list: string; options: ReadonlyArray<readonly [string, string]> }) {
  const { t } = useTranslation();
  const basis = useWatch({ name: `${prefix}.basis` }) as LegalBasis | '' | undefined;
  const needsDetail = !!basis && LEGAL_BASES_NEEDING_DETAIL.includes(basis);
  return (
    <>
      {/* deps: the purpose's "no basis" message (on the list) is checked again when a basis is chosen. */}
      <SelectInput name={`${prefix}.basis`} label={t('fields.basis')} options={options} required wide deps={[list]} />
      <TextArea name={`${prefix}.detail`} label={basis ? t(`record.basisDetail.${basis}`) : t('fields.detail')} rows={2} required={needsDetail} />
    </>
  );
}

/** The purposes of the record (the first is the main one), each with the bases it rests on. */
export function PurposesEditor() {
  const { t } = useTranslation();
  const bases = useEnumOptions('enums.legalBasis', LEGAL_BASES);
  const purposes = (useWatch({ name: 'purposes' }) ?? []) as Array<{ review?: boolean }>;
  return (
    <ArrayEditor name="purposes" label={t('fields.purposes')} required max={MAX_PURPOSES} empty={emptyPurpose}>
      {(p, i) => (
        <>
          <TextArea name={`${p}.text`} label={i === 0 ? t('record.purposeMain') : t('record.purposeSub', { n: i })} rows={2} required />
          <div className="field-wide">
            <ArrayEditor name={`${p}.bases`} label={t('fields.bases')} required max={LEGAL_BASES.length} empty={() => ({ basis: '', detail: '' })}>
              {(q) => <BasisFields prefix={q} list={`${p}.bases`} options={bases} />}
            </ArrayEditor>
          </div>
          {purposes[i]?.review ? <Checkbox name={`${p}.review`} label={t('record.reviewLabel')} /> : null}
        </>
      )}
    </ArrayEditor>
  );
}

export function SecurityEditor({ used }: { used: ReadonlyArray<string> }) {
  const { t } = useTranslation();
  const options = useListOptions('securityMeasures', used);
  return (
    <ArrayEditor name="securityMeasures" label={t('fields.securityMeasures')} required max={30} empty={() => ({ type: '', details: '' })}>
      {(p) => (
        <>
          <SelectInput name={`${p}.type`} label={t('fields.type')} options={options} required />
          <TextArea name={`${p}.details`} label={t('fields.details')} rows={2} />
        </>
      )}
    </ArrayEditor>
  );
}

/** Joint controllers and similar parties: name, address, e-mail, phone, details. */
export function PartiesEditor({ name, label }: { name: string; label: string }) {
  const { t } = useTranslation();
  return (
    <ArrayEditor name={name} label={label} max={20} empty={() => ({ name: '', address: '', email: '', phone: '', details: '' })}>
      {(p) => (
        <>
          <TextInput name={`${p}.name`} label={t('fields.partyName')} required />
          <TextInput name={`${p}.address`} label={t('fields.address')} wide />
          <TextInput name={`${p}.email`} label={t('fields.email')} />
          <TextInput name={`${p}.phone`} label={t('fields.phone')} />
          <TextInput name={`${p}.details`} label={t('fields.details')} wide />
        </>
      )}
    </ArrayEditor>
  );
}

/** A whole number, or empty (null). */
export function NumberInput(props: Common & { min?: number; max?: number }) {
  const { register } = useFormContext();
  const error = useFieldError(props.name);
  return (
    <Field label={props.label} error={error} required={props.required} wide={props.wide} hint={props.hint}>
      {(id, describedBy) => (
        <input
          id={id}
          type="number"
          min={props.min}
          max={props.max}
          step={1}
          aria-invalid={!!error}
          aria-describedby={describedBy}
          {...register(props.name, { setValueAs: (v) => (v === '' || v === null || v === undefined ? null : Number(v)) })}
        />
      )}
    </Field>
  );
}

/**
 * Several values of a closed or reference list, as checkboxes; the value is the array of the codes
 * ticked. Memoised: a list of 5,000 register records is not drawn again at each keystroke elsewhere
 * in the form (it redraws when its own value or its options change).
 */
export const CheckboxGroup = memo(function CheckboxGroup(props: Common & { options: ReadonlyArray<readonly [string, string]>; columns?: boolean }) {
  const { t } = useTranslation();
  const { control } = useFormContext();
  const error = useFieldError(props.name);
  const { field } = useController({ control, name: props.name });
  const value: string[] = Array.isArray(field.value) ? (field.value as string[]) : [];
  const toggle = (code: string, on: boolean) => field.onChange(on ? [...value, code] : value.filter((v) => v !== code));
  return (
    <fieldset className={`checks${props.wide === false ? '' : ' field-wide'}${error ? ' field-invalid' : ''}`} data-field={props.name}>
      <legend>
        {props.label}
        {props.required ? <span className="req" aria-hidden="true"> *</span> : null}
      </legend>
      {props.options.length === 0 ? <p className="muted small">{t('record.none')}</p> : null}
      <div className={props.columns ? 'checks-cols' : 'checks-row'}>
        {props.options.map(([code, label]) => (
          <label key={code} className="check">
            <input type="checkbox" checked={value.includes(code)} onChange={(e) => toggle(code, e.target.checked)} onBlur={field.onBlur} /> {label}
          </label>
        ))}
      </div>
      {props.hint ? <div className="hint">{props.hint}</div> : null}
      {error ? (
        <div className="error" role="alert">
          {errorText(error)}
        </div>
      ) : null}
    </fieldset>
  );
});

/** A list of codes picked one by one from a long list (countries): chips with a remove button, and a select to add. */
export function CodePicker(props: Common & { options: ReadonlyArray<readonly [string, string]>; max?: number }) {
  const { t } = useTranslation();
  const { control } = useFormContext();
  const { field } = useController({ control, name: props.name });
  const error = useFieldError(props.name);
  const value: string[] = Array.isArray(field.value) ? (field.value as string[]) : [];
  const label = new Map(props.options);
  return (
    <Field label={props.label} error={error} wide hint={props.hint}>
      {(id, describedBy) => (
        <div className="code-picker">
          {value.map((code) => (
            <span key={code} className="chip chip-on">
              {label.get(code) ?? code}{' '}
              <button type="button" className="link" aria-label={`${t('record.remove')} ${label.get(code) ?? code}`} onClick={() => field.onChange(value.filter((v) => v !== code))}>
                ×
              </button>
            </span>
          ))}
          {props.max === undefined || value.length < props.max ? (
            <select
              id={id}
              aria-describedby={describedBy}
              value=""
              onChange={(e) => {
                if (e.target.value && !value.includes(e.target.value)) field.onChange([...value, e.target.value]);
              }}
            >
              <option value="">+ {t('record.add')}</option>
              {props.options
                .filter(([code]) => !value.includes(code))
                .map(([code, l]) => (
                  <option key={code} value={code}>
                    {l}
                  </option>
                ))}
            </select>
          ) : null}
        </div>
      )}
    </Field>
  );
}
