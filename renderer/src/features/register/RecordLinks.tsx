import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordTransfer } from '../../../../shared/domain/record-transfers';
import type { RegisterEntry } from '../../../../shared/domain/register';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { routeHash } from '../../lib/router';
import { Badge } from '../../components/ui';
import { useApp } from '../../store/app';
import { WarningList, useCountryName } from '../transfer/common';

/**
 * What both panels do: read the items linked to the record and the ones that could be linked,
 * link or unlink one (the core audits it), then read both again.
 */
function useRecordLinks<L extends { id: string }, A extends { id: string }>(
  recordId: string,
  read: Readonly<{ linked: () => Promise<ReadonlyArray<L>>; all: () => Promise<ReadonlyArray<A>> }>,
  setLink: (id: string, linked: boolean) => Promise<unknown>,
  done: (linked: boolean) => string,
) {
  const toast = useApp((s) => s.toast);
  const [rows, setRows] = useState<ReadonlyArray<L>>([]);
  const [all, setAll] = useState<ReadonlyArray<A>>([]);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState('');
  const load = () => {
    read.linked().then(setRows, () => setRows([]));
    read.all().then(setAll, () => setAll([]));
  };
  useEffect(load, [recordId]);
  const link = async (id: string, linked: boolean) => {
    setError('');
    try {
      await setLink(id, linked);
      toast(done(linked));
      setChoice('');
      load();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const linkedIds = new Set(rows.map((r) => r.id));
  return { rows, choices: all.filter((x) => !linkedIds.has(x.id)), choice, setChoice, error, link };
}

/** "Link an existing …": a select of what is not linked yet and its button. */
function LinkControl(props: {
  label: string;
  chooseLabel: string;
  buttonLabel: string;
  testId: string;
  options: ReadonlyArray<readonly [string, string]>;
  choice: string;
  setChoice: (v: string) => void;
  onLink: () => void;
}) {
  return (
    <div className="link-row">
      <label className="link-row">
        <span className="small">{props.label}</span>
        <select aria-label={props.chooseLabel} value={props.choice} onChange={(e) => props.setChoice(e.target.value)} data-testid={props.testId}>
          <option value="">—</option>
          {props.options.map(([id, text]) => (
            <option key={id} value={id}>
              {text}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="button" className="button" disabled={!props.choice} onClick={props.onLink}>
        {props.buttonLabel}
      </button>
    </div>
  );
}

/**
 * A record's transfers, read from the transfer register (the only place transfers live): the
 * entries linked to it with their countries, ground and warnings; link an existing one, unlink,
 * or start a new one prefilled from the record. Below, what the record still lists as free text
 * and could not be converted automatically, each with a "convert" action.
 */
export function RecordTransfersPanel({ entry }: { entry: RegisterEntry }) {
  const { t } = useTranslation();
  const country = useCountryName();
  const { rows, choices, choice, setChoice, error, link } = useRecordLinks(
    entry.id,
    { linked: () => call('transfer:forRecord', { id: entry.id }), all: () => call('transfer:list', { scope: 'live' }) },
    (transferId, linked) => call('transfer:link', { transferId, recordId: entry.id, linked }),
    (linked) => t(linked ? 'transfers.linked' : 'transfers.unlinked'),
  );
  const toConvert = entry.doc.transfersToConvert ?? [];
  const inTrash = !!entry.deletedAt;
  return (
    <section className="card" aria-label={t('transfers.ofActivity')} data-testid="record-transfers" id="sec-transfers">
      <header className="card-head">
        <h2>{t('transfers.ofActivity')}</h2>
        {inTrash ? null : (
          <a className="button" href={routeHash({ page: 'transfer', id: 'new', from: entry.id })} data-testid="transfer-from-record">
            + {t('transfers.newFromRecord')}
          </a>
        )}
      </header>
      <div className="card-body">
        <p className="muted small">{t('transfers.panelHelp')}</p>
        {rows.length === 0 ? (
          <p className="muted small">{t('transfers.noneForRecord')}</p>
        ) : (
          <ul className="plain-list" data-testid="record-transfer-list">
            {rows.map((r) => (
              <li key={r.id} data-transfer={r.id} className="linked-item">
                <div className="linked-text">
                  <a href={routeHash({ page: 'transfer', id: r.id })}>{r.title}</a>{' '}
                  {r.status === 'ended' ? <Badge tone="muted">{t('transfers.ended')}</Badge> : null}
                  <br />
                  <span className="small">
                    {r.importer} · {[r.importerCountry, ...r.accessCountries].map(country).join(', ')} ·{' '}
                    {r.mechanism ? `${t(`transfer.mechanism.${r.mechanism}`)}${r.module ? ` (${t(`transfer.module.${r.module}`)})` : ''}` : <Badge tone="bad">{t('transfers.noGround')}</Badge>}
                  </span>
                  <WarningList warnings={r.warnings} />
                </div>
                {inTrash ? null : (
                  <button type="button" className="button small" onClick={() => void link(r.id, false)}>
                    {t('transfers.unlink')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {inTrash ? null : (
          <LinkControl
            label={t('transfers.linkExisting')}
            chooseLabel={t('transfers.linkChoose')}
            buttonLabel={t('transfers.linkButton')}
            testId="transfer-link-choice"
            options={choices.map((x) => [x.id, `${x.title} (${country(x.importerCountry)})`] as const)}
            choice={choice}
            setChoice={setChoice}
            onLink={() => void link(choice, true)}
          />
        )}
        {error ? <p className="notice notice-warn">{error}</p> : null}
        {toConvert.length ? (
          <div data-testid="transfers-to-convert">
            <h3>
              {t('transfers.toConvertTitle')} <Badge tone="warn">{toConvert.length}</Badge>
            </h3>
            <p className="muted small">{t('transfers.toConvertHelp')}</p>
            <ul className="plain-list">
              {toConvert.map((x, i) => (
                <li key={i} className="linked-item">
                  <span className="linked-text">
                    {[x.recipient, x.country, x.safeguard ? t(`enums.safeguard.${x.safeguard}`, { defaultValue: x.safeguard }) : '', x.document].filter(Boolean).join(' – ')}{' '}
                    <span className="muted small">({t(`transfers.reason.${x.reason}`)})</span>
                  </span>
                  {inTrash ? null : (
                    <a className="button small" href={routeHash({ page: 'transfer', id: 'new', from: entry.id, convert: i })}>
                      {t('transfers.convert')}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </section>
  );
}

/** Who processes data for this activity: the supplier ↔ activity link, kept from either side. */
export function RecordSuppliersPanel({ entry }: { entry: RegisterEntry }) {
  const { t } = useTranslation();
  const { rows, choices, choice, setChoice, error, link } = useRecordLinks(
    entry.id,
    { linked: () => call('supplier:forActivity', { id: entry.id }), all: () => call('supplier:list', { scope: 'live' }) },
    (supplierId, linked) => call('supplier:link', { supplierId, recordId: entry.id, linked }),
    (linked) => t(linked ? 'suppliers.linked' : 'suppliers.unlinked'),
  );
  const inTrash = !!entry.deletedAt;
  return (
    <section className="card" aria-label={t('suppliers.ofActivity')} data-testid="activity-suppliers">
      <header className="card-head">
        <h2>{t('suppliers.ofActivity')}</h2>
      </header>
      <div className="card-body">
        {rows.length === 0 ? (
          <p className="muted small">{t('suppliers.noneForActivity')}</p>
        ) : (
          <ul className="plain-list">
            {rows.map((r) => (
              <li key={r.id} className="linked-item">
                <div className="linked-text">
                  <a href={routeHash({ page: 'supplier', id: r.id })}>{r.name}</a> <span className="muted small">{t(`supplier.role.${r.role}`)}</span>{' '}
                  {r.missingClauses > 0 ? <Badge tone="bad">{t('suppliers.missingClauses', { count: r.missingClauses })}</Badge> : null}
                </div>
                {inTrash ? null : (
                  <button type="button" className="button small" onClick={() => void link(r.id, false)}>
                    {t('suppliers.unlink')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {inTrash ? null : (
          <LinkControl
            label={t('suppliers.link')}
            chooseLabel={t('suppliers.linkChoose')}
            buttonLabel={t('suppliers.linkButton')}
            testId="supplier-link-choice"
            options={choices.map((x) => [x.id, x.name] as const)}
            choice={choice}
            setChoice={setChoice}
            onLink={() => void link(choice, true)}
          />
        )}
        {error ? <p className="notice notice-warn">{error}</p> : null}
      </div>
    </section>
  );
}
