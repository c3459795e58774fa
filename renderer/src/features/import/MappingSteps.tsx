import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CODED_FIELDS, IMPORT_FIELDS, KEEP_AS_TEXT, type CodedField, type ImportField, type ImportMapping, type ImportOpened, type ImportPreview, type SavedMapping } from '../../../../shared/domain/import';
import { Field } from '../../components/ui';
import { useApp } from '../../store/app';
import { ProblemList } from './ReportStep';

/** The file's columns beside the record's fields (suggested from the headers), a saved mapping to pick, and the preview of the first rows. */
export function MappingStep(props: {
  opened: ImportOpened;
  mapping: ImportMapping;
  saved: ReadonlyArray<SavedMapping>;
  mappingName: string;
  preview: ImportPreview | null;
  busy: boolean;
  onMapping: (m: ImportMapping, name?: string) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const table = props.opened.table!;
  const [error, setError] = useState<string | undefined>();
  const setColumn = (field: ImportField, header: string) => {
    const columns = { ...props.mapping.columns };
    if (header === '') delete columns[field];
    else columns[field] = header;
    if (field === 'name' && header) setError(undefined);
    props.onMapping({ ...props.mapping, columns });
  };
  const pickSaved = (name: string) => {
    const m = props.saved.find((s) => s.name === name);
    props.onMapping(m ? m.mapping : table.suggested, m ? name : '');
  };
  const sample = (header: string | undefined) => table.columns.find((c) => c.header === header)?.samples[0] ?? '';
  const mapped = IMPORT_FIELDS.filter((f) => props.mapping.columns[f] !== undefined);
  return (
    <section className="card">
      <div className="card-body">
        <p>{t('importer.tableDetected', { sheet: table.sheet, rows: table.rowCount })}</p>
        {props.saved.length ? (
          <Field label={t('importer.savedMappings')}>
            {(id) => (
              <select id={id} value={props.mappingName} onChange={(e) => pickSaved(e.target.value)}>
                <option value="">{t('importer.noSavedMapping')}</option>
                {props.saved.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <table className="data-table import-mapping">
          <thead>
            <tr>
              <th scope="col">{t('importer.field')}</th>
              <th scope="col">{t('importer.column')}</th>
              <th scope="col">{t('importer.sample')}</th>
            </tr>
          </thead>
          <tbody>
            {IMPORT_FIELDS.map((field) => (
              <tr key={field}>
                <th scope="row">
                  <label htmlFor={`map-${field}`}>{t(`importFields.${field}`)}</label>
                  {field === 'name' ? <span className="req" aria-hidden="true">*</span> : null}
                </th>
                <td>
                  <select
                    id={`map-${field}`}
                    value={props.mapping.columns[field] ?? ''}
                    aria-invalid={field === 'name' && error ? true : undefined}
                    aria-describedby={field === 'name' && error ? 'map-name-err' : undefined}
                    onChange={(e) => setColumn(field, e.target.value)}
                  >
                    <option value="">{t('importer.noColumn')}</option>
                    {table.columns.map((c) => (
                      <option key={c.index} value={c.header}>
                        {c.header}
                      </option>
                    ))}
                  </select>
                  {field === 'name' && error ? (
                    <div className="error" id="map-name-err" role="alert">
                      {error}
                    </div>
                  ) : null}
                </td>
                <td className="muted small">{sample(props.mapping.columns[field])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {props.preview && mapped.length ? (
          <>
            <h3>{t('importer.preview')}</h3>
            <div className="import-preview">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('importer.row')}</th>
                    {mapped.map((f) => (
                      <th key={f} scope="col">
                        {t(`importFields.${f}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {props.preview.rows.map((r) => (
                    <tr key={r.row}>
                      <td>{r.row}</td>
                      {mapped.map((f) => (
                        <td key={f}>{r.fields[f]}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {props.preview.rows.some((r) => r.problems.length) ? <ProblemList problems={props.preview.rows.flatMap((r) => r.problems)} /> : null}
          </>
        ) : null}
        <div className="actions">
          <button type="button" className="button" onClick={props.onBack}>
            {t('importer.back')}
          </button>
          <button
            type="button"
            className="button primary"
            disabled={props.busy}
            onClick={() => {
              if (!props.mapping.columns.name) {
                setError(t('importer.nameRequired'));
                document.getElementById('map-name')?.focus();
                return;
              }
              props.onNext();
            }}
          >
            {t('importer.next')}
          </button>
        </div>
      </div>
    </section>
  );
}

/** The values of coded columns (legal bases, categories, countries…) beside the app's values, suggested; then the mapping may be saved for next year. */
export function ValuesStep(props: {
  mapping: ImportMapping;
  preview: ImportPreview;
  mappingName: string;
  busy: boolean;
  onMapping: (m: ImportMapping) => void;
  onSave: (name: string, mapping: ImportMapping) => void;
  onBack: () => void;
  onNext: (mapping: ImportMapping) => void;
}) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const [name, setName] = useState(props.mappingName);
  const [nameError, setNameError] = useState<string | undefined>();
  const fields = CODED_FIELDS.filter((f) => (props.preview.values[f]?.length ?? 0) > 0);
  const setValue = (field: CodedField, folded: string, code: string) => {
    props.onMapping({ ...props.mapping, values: { ...props.mapping.values, [field]: { ...(props.mapping.values[field] ?? {}), [folded]: code } } });
  };
  const current = (field: CodedField, folded: string, suggested: string) => props.mapping.values[field]?.[folded] ?? suggested;
  // The suggestions become the mapping as shown: what the DPO sees is what is imported.
  const withShown = (): ImportMapping => {
    const values: ImportMapping['values'] = { ...props.mapping.values };
    for (const f of fields) values[f] = Object.fromEntries(props.preview.values[f]!.map((v) => [v.folded, current(f, v.folded, v.suggested)]));
    return { ...props.mapping, values };
  };
  return (
    <section className="card">
      <div className="card-body">
        {fields.length ? <p>{t('importer.valuesIntro')}</p> : <p>{t('importer.noCodedValues')}</p>}
        {fields.map((field) => (
          <div key={field}>
            <h3>{t(`importFields.${field}`)}</h3>
            <table className="data-table import-values">
              <thead>
                <tr>
                  <th scope="col">{t('importer.value')}</th>
                  <th scope="col">{t('importer.count')}</th>
                  <th scope="col">{t('importer.mapsTo')}</th>
                </tr>
              </thead>
              <tbody>
                {props.preview.values[field]!.map((v) => (
                  <tr key={v.folded}>
                    <th scope="row">
                      <label htmlFor={`val-${field}-${v.folded}`}>{v.value}</label>
                    </th>
                    <td>{v.count}</td>
                    <td>
                      <select id={`val-${field}-${v.folded}`} value={current(field, v.folded, v.suggested)} onChange={(e) => setValue(field, v.folded, e.target.value)}>
                        <option value={KEEP_AS_TEXT}>{t('importer.keepText')}</option>
                        {props.preview.choices[field].map((c) => (
                          <option key={c.code} value={c.code}>
                            {language === 'fr' ? c.labelFr : c.labelEn}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
        <div className="import-save">
          <Field label={t('importer.mappingName')} error={nameError}>
            {(id, describedBy) => <input id={id} value={name} maxLength={100} aria-describedby={describedBy} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <button
            type="button"
            className="button"
            disabled={props.busy}
            onClick={() => {
              if (!name.trim()) return setNameError('required');
              setNameError(undefined);
              const m = withShown();
              props.onMapping(m);
              props.onSave(name.trim(), m);
            }}
          >
            {t('importer.saveMapping')}
          </button>
        </div>
        <div className="actions">
          <button type="button" className="button" onClick={props.onBack}>
            {t('importer.back')}
          </button>
          <button
            type="button"
            className="button primary"
            disabled={props.busy}
            onClick={() => {
              const m = withShown();
              props.onMapping(m);
              props.onNext(m);
            }}
          >
            {t('importer.dryRun')}
          </button>
        </div>
      </div>
    </section>
  );
}
