import { columnResizingFeature, columnSizingFeature, columnVisibilityFeature, createColumnHelper, rowSortingFeature, tableFeatures } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { RegisterSummary } from '../../../../shared/domain/register';
import { referenceLabel } from '../../../../shared/domain/reference-lists';
import { Badge, formatDate } from '../../components/ui';
import { isReviewOverdue } from '../../../../shared/domain/review';
import type { Language } from '../../../../shared/domain/enums';
import type { ReferenceLists } from '../../../../shared/domain/reference-lists';
import { countryName } from '../../../../shared/domain/countries';

/**
 * Columns, headers, widths, visibility and the sort state come from TanStack Table; the sorting
 * and the filters themselves run in the core, in SQLite (register:window, issue 15), on the keys of
 * shared/domain/register-list.ts (column ids are the core's sort names). The rows are the core's
 * window, drawn by the page with CELLS below (no row model is built for them).
 */
export const features = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnSizingFeature,
  columnResizingFeature,
});

const helper = createColumnHelper<typeof features, RegisterSummary>();

/**
 * What every cell of a row reads besides its record: the translation function and the language
 * (both change together on a language switch), the reference lists and today's date. The row
 * passes them in, so that a cell is a plain function call, not a component with its own hooks:
 * at each answer of a search every shown cell is drawn again (issue 15: keystroke to table painted).
 */
export type CellContext = Readonly<{ t: TFunction; language: Language; lists: ReferenceLists | null; today: string }>;

/** A text that the column may cut (ellipsis): its whole text on hover, as a `title` (issue 16), set on every text cell rather than measured cell by cell, which would cost a layout per row. */
function text(value: string): ReactNode {
  return <span title={value || undefined}>{value}</span>;
}

const none = <span className="muted">—</span>;

function statusCell(r: RegisterSummary, x: CellContext): ReactNode {
  return <Badge tone={r.status === 'active' ? 'ok' : r.status === 'draft' ? 'warn' : 'muted'}>{x.t(`enums.status.${r.status}`)}</Badge>;
}

/** Every basis of every purpose, short labels ("Legitimate interests, Legal obligation"). */
function legalBasesCell(r: RegisterSummary, x: CellContext): ReactNode {
  return text((r.legalBases ?? []).map((b) => x.t(`enums.legalBasis.${b}`).replace(/ \(.*\)$/, '')).join(', '));
}

function clientCell(r: RegisterSummary, x: CellContext): ReactNode {
  return text(r.allClients ? x.t('register.standardDpaClients', { dpa: r.client }) : r.client);
}

/** The transfer register's countries for this record (names in the user's language), and how many of its own transfers are still to convert. */
function transferCell(r: RegisterSummary, x: CellContext): ReactNode {
  if (!r.hasTransfers) return none;
  const names = (Array.isArray(r.transferCountries) ? r.transferCountries : []).map((c) => countryName(x.language, c)).join(', ');
  const toConvert = r.transfersToConvert ?? 0;
  const shown = [names, toConvert ? x.t('record.transfersToConvertCount', { count: toConvert }) : ''].filter(Boolean).join(' · ');
  return <span title={shown}>{shown || x.t('common.yes')}</span>;
}

function reviewCell(r: RegisterSummary, x: CellContext): ReactNode {
  if (!r.nextReview) return none;
  return <span className={isReviewOverdue(r, x.today) ? 'overdue' : undefined}>{formatDate(r.nextReview, x.language)}</span>;
}

function completenessCell(r: RegisterSummary, x: CellContext): ReactNode {
  if (r.missing.length === 0) return <Badge tone="ok">{x.t('register.complete')}</Badge>;
  const names = r.missing.map((k) => x.t(`fields.${k}`)).filter((v, i, a) => a.indexOf(v) === i);
  return (
    <Badge tone="bad" title={names.join(', ')}>
      {x.t('dashboard.missingCount', { count: names.length })}
    </Badge>
  );
}

/**
 * The content of each column's cell (the reference cell, a link, is drawn by the row itself).
 * Column ids are the core's sort names (shared/domain/register-list.ts).
 */
export const CELLS: Readonly<Record<string, (r: RegisterSummary, x: CellContext) => ReactNode>> = {
  ref: (r) => r.ref,
  name: (r) => text(r.name),
  status: statusCell,
  transfer: transferCell,
  review: reviewCell,
  completeness: completenessCell,
  updated: (r, x) => formatDate(r.updatedAt.slice(0, 10), x.language),
  department: (r, x) => text(r.department ? referenceLabel(x.lists ?? undefined, 'departments', r.department, x.language) : ''),
  legalBasis: legalBasesCell,
  special: (r, x) => (r.hasSpecial ? x.t('common.yes') : none),
  client: clientCell,
  purpose: (r) => text(r.purpose),
};

/**
 * The first click on a header sorts texts A to Z and the other columns (counts, yes/no, lists)
 * descending first, as TanStack Table guessed from the first row when it held the rows: it holds
 * none now (the core sorts), so each column says it (`sortDescFirst`, the table's default false).
 *
 * Default widths (px): every column of a register fits a 1,440-pixel-wide window beside the menu,
 * headers wrapped on two lines at most, in both languages (issue 16); the last column visible takes
 * what is left. The user's own widths (dragged) are kept per register (components/ColumnResizer.tsx).
 */
const common = {
  ref: helper.accessor('ref', { id: 'ref', header: 'fields.ref', size: 86, enableHiding: false }),
  name: helper.accessor('name', { id: 'name', header: 'fields.name', size: 190, enableHiding: false }),
  status: helper.accessor('status', {
    id: 'status',
    header: 'fields.status',
    size: 96,
  }),
  transfer: helper.accessor('hasTransfers', {
    id: 'transfer',
    header: 'fields.transfer',
    size: 100,
    sortDescFirst: true,
  }),
  review: helper.accessor('nextReview', {
    id: 'review',
    header: 'fields.nextReview',
    size: 112,
  }),
  completeness: helper.accessor((r) => r.missing.length, {
    id: 'completeness',
    header: 'fields.completeness',
    size: 124,
    sortDescFirst: true,
  }),
  updated: helper.accessor('updatedAt', { id: 'updated', header: 'fields.updatedAt', size: 120 }),
};

export const controllerColumns = helper.columns([
  common.ref,
  common.name,
  common.status,
  common.completeness,
  common.review,
  helper.accessor('department', { id: 'department', header: 'fields.department', size: 115 }),
  helper.accessor((r) => r.legalBases ?? [], {
    id: 'legalBasis',
    header: 'fields.legalBasis',
    size: 120,
    sortDescFirst: true,
  }),
  helper.accessor('hasSpecial', { id: 'special', header: 'fields.special', size: 76, sortDescFirst: true }),
  common.transfer,
  helper.accessor('purpose', { id: 'purpose', header: 'fields.purpose', size: 110 }),
  common.updated,
]);

export const processorColumns = helper.columns([
  common.ref,
  common.name,
  common.status,
  common.completeness,
  common.review,
  helper.accessor('client', { id: 'client', header: 'fields.client', size: 180 }),
  common.transfer,
  helper.accessor('purpose', { id: 'purpose', header: 'fields.processingCategories', size: 160 }),
  common.updated,
]);
