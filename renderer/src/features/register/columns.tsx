import { columnResizingFeature, columnSizingFeature, columnVisibilityFeature, createColumnHelper, rowSortingFeature, tableFeatures } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { RegisterSummary } from '../../../../shared/domain/register';
import { referenceLabel } from '../../../../shared/domain/reference-lists';
import { Badge, formatDate } from '../../components/ui';
import { isReviewOverdue } from '../../../../shared/domain/review';
import { appToday } from '../../lib/clock';
import { useApp } from '../../store/app';
import { countryName } from '../../../../shared/domain/countries';

/**
 * Columns, headers and the sort state come from TanStack Table; the sorting and the filters
 * themselves run in the core, in SQLite (register:window, issue 15), on the keys of
 * shared/domain/register-list.ts (column ids are the core's sort names).
 */
export const features = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnSizingFeature,
  columnResizingFeature,
});

const helper = createColumnHelper<typeof features, RegisterSummary>();

function StatusCell({ value }: { value: RegisterSummary['status'] }) {
  const { t } = useTranslation();
  return <Badge tone={value === 'active' ? 'ok' : value === 'draft' ? 'warn' : 'muted'}>{t(`enums.status.${value}`)}</Badge>;
}

/**
 * A text that the column may cut (ellipsis): its whole text on hover, as a `title` (issue 16). Set
 * on every text cell rather than measured cell by cell, which would cost a layout per row.
 */
function TextCell({ value }: { value: string }) {
  return <span title={value || undefined}>{value}</span>;
}

function DepartmentCell({ value }: { value: string }) {
  const lists = useApp((s) => s.lists);
  const language = useApp((s) => s.language);
  return <TextCell value={value ? referenceLabel(lists ?? undefined, 'departments', value, language) : ''} />;
}

/** Every basis of every purpose, short labels ("Legitimate interests, Legal obligation"). */
function LegalBasesCell({ value }: { value: ReadonlyArray<string> }) {
  const { t } = useTranslation();
  const text = value.map((b) => t(`enums.legalBasis.${b}`).replace(/ \(.*\)$/, '')).join(', ');
  return <span title={text}>{text}</span>;
}

function ClientCell({ row }: { row: RegisterSummary }) {
  const { t } = useTranslation();
  const text = row.allClients ? t('register.standardDpaClients', { dpa: row.client }) : row.client;
  return <span title={text}>{text}</span>;
}

function YesCell({ value, detail }: { value: boolean; detail?: string }) {
  const { t } = useTranslation();
  return value ? <span title={detail}>{detail || t('common.yes')}</span> : <span className="muted">—</span>;
}

/** The transfer register's countries for this record (names in the user's language), and how many of its own transfers are still to convert. */
function TransferCell({ row }: { row: RegisterSummary }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const names = (Array.isArray(row.transferCountries) ? row.transferCountries : []).map((c) => countryName(language, c)).join(', ');
  const toConvert = row.transfersToConvert ?? 0;
  if (!row.hasTransfers) return <span className="muted">—</span>;
  const text = [names, toConvert ? t('record.transfersToConvertCount', { count: toConvert }) : ''].filter(Boolean).join(' · ');
  return <span title={text}>{text || t('common.yes')}</span>;
}

function ReviewCell({ row }: { row: RegisterSummary }) {
  const language = useApp((s) => s.language);
  const today = appToday();
  if (!row.nextReview) return <span className="muted">—</span>;
  return <span className={isReviewOverdue(row, today) ? 'overdue' : undefined}>{formatDate(row.nextReview, language)}</span>;
}

function CompletenessCell({ missing }: { missing: ReadonlyArray<string> }) {
  const { t } = useTranslation();
  if (missing.length === 0) return <Badge tone="ok">{t('register.complete')}</Badge>;
  const names = missing.map((k) => t(`fields.${k}`)).filter((v, i, a) => a.indexOf(v) === i);
  return (
    <Badge tone="bad" title={names.join(', ')}>
      {t('dashboard.missingCount', { count: names.length })}
    </Badge>
  );
}

function UpdatedCell({ value }: { value: string }) {
  const language = useApp((s) => s.language);
  return <>{formatDate(value.slice(0, 10), language)}</>;
}

/**
 * Default widths (px): every column of a register fits a 1,440-pixel-wide window beside the menu,
 * headers wrapped on two lines at most, in both languages (issue 16); the last column visible takes
 * what is left. The user's own widths (dragged) are kept per register (components/ColumnResizer.tsx).
 */
const common = {
  ref: helper.accessor('ref', { id: 'ref', header: 'fields.ref', size: 86, enableHiding: false }),
  name: helper.accessor('name', { id: 'name', header: 'fields.name', size: 190, enableHiding: false, cell: (c) => <TextCell value={c.getValue()} /> }),
  status: helper.accessor('status', {
    id: 'status',
    header: 'fields.status',
    size: 96,
    cell: (c) => <StatusCell value={c.getValue()} />,
  }),
  transfer: helper.accessor('hasTransfers', {
    id: 'transfer',
    header: 'fields.transfer',
    size: 100,
    cell: (c) => <TransferCell row={c.row.original} />,
  }),
  review: helper.accessor('nextReview', {
    id: 'review',
    header: 'fields.nextReview',
    size: 112,
    cell: (c) => <ReviewCell row={c.row.original} />,
  }),
  completeness: helper.accessor((r) => r.missing.length, {
    id: 'completeness',
    header: 'fields.completeness',
    size: 124,
    cell: (c) => <CompletenessCell missing={c.row.original.missing} />,
  }),
  updated: helper.accessor('updatedAt', { id: 'updated', header: 'fields.updatedAt', size: 120, cell: (c) => <UpdatedCell value={c.getValue()} /> }),
};

export const controllerColumns = helper.columns([
  common.ref,
  common.name,
  common.status,
  common.completeness,
  common.review,
  helper.accessor('department', { id: 'department', header: 'fields.department', size: 115, cell: (c) => <DepartmentCell value={c.getValue()} /> }),
  helper.accessor((r) => r.legalBases ?? [], {
    id: 'legalBasis',
    header: 'fields.legalBasis',
    size: 120,
    cell: (c) => <LegalBasesCell value={c.getValue()} />,
  }),
  helper.accessor('hasSpecial', { id: 'special', header: 'fields.special', size: 76, cell: (c) => <YesCell value={c.getValue()} /> }),
  common.transfer,
  helper.accessor('purpose', { id: 'purpose', header: 'fields.purpose', size: 110, cell: (c) => <TextCell value={c.getValue()} /> }),
  common.updated,
]);

export const processorColumns = helper.columns([
  common.ref,
  common.name,
  common.status,
  common.completeness,
  common.review,
  helper.accessor('client', { id: 'client', header: 'fields.client', size: 180, cell: (c) => <ClientCell row={c.row.original} /> }),
  common.transfer,
  helper.accessor('purpose', { id: 'purpose', header: 'fields.processingCategories', size: 160, cell: (c) => <TextCell value={c.getValue()} /> }),
  common.updated,
]);
