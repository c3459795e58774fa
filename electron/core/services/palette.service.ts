/**
 * The "go to" palette (issue 16, Ctrl/Cmd+K): any record, supplier, transfer or incident by its
 * reference or by words, with the register's folded search (accents and case ignored). Screens
 * are matched in the renderer (their names are UI labels). A few hits per kind, the exact
 * reference first.
 */
import type { PaletteHit } from '../../../shared/domain/palette';
import type { RegisterSummary } from '../../../shared/domain/register';
import { foldForSearch } from '../../../shared/domain/text';
import type { BreachDoc } from '../../../shared/domain/breach';
import type { SupplierDoc } from '../../../shared/domain/supplier';
import type { TransferDoc } from '../../../shared/domain/transfer';
import * as registerRepo from '../db/repos/register.repo';
import * as supplierRepo from '../db/repos/supplier.repo';
import * as transferRepo from '../db/repos/transfer.repo';
import * as breachRepo from '../db/repos/breach.repo';
import type { Core } from '../core';
import { searchEntries } from './register.service';


const PER_KIND = 6;

/** Every folded word of the query appears in the folded text. */
function matches(words: ReadonlyArray<string>, ...texts: ReadonlyArray<string>): boolean {
  const hay = foldForSearch(texts.join('\n'));
  return words.every((w) => hay.includes(w));
}

export function paletteSearch(core: Core, query: string): PaletteHit[] {
  const folded = foldForSearch(query).trim();
  const words = folded.split(/\s+/).filter(Boolean).slice(0, 20);
  if (words.length === 0) return [];
  const exactFirst = (a: PaletteHit, b: PaletteHit) => Number(foldForSearch(b.ref) === folded) - Number(foldForSearch(a.ref) === folded) || a.ref.localeCompare(b.ref);
  const hits: PaletteHit[] = [];

  for (const kind of ['controller', 'processor'] as const) {
    const found: PaletteHit[] = [];
    for (const id of searchEntries(core, kind, query)) {
      const row = registerRepo.getEntry(core.db, id);
      if (!row) continue;
      const s = JSON.parse(row.summary) as RegisterSummary;
      found.push({ type: 'record', id, kind, ref: s.ref, title: s.name });
      if (found.length >= 200) break; // enough to sort the exact reference first; the palette shows a few
    }
    hits.push(...found.sort(exactFirst).slice(0, PER_KIND));
  }

  const suppliers = supplierRepo
    .listSuppliers(core.db, false)
    .filter((r) => {
      const d = JSON.parse(r.doc) as SupplierDoc;
      return matches(words, r.name, d.tradeName, d.services);
    })
    .map((r): PaletteHit => ({ type: 'supplier', id: r.id, ref: r.name, title: r.name }));
  hits.push(...suppliers.sort(exactFirst).slice(0, PER_KIND));

  const transfers = transferRepo
    .listTransfers(core.db, false)
    .filter((r) => {
      const d = JSON.parse(r.doc) as TransferDoc;
      return matches(words, r.title, d.importerName, d.importerCountry);
    })
    .map((r): PaletteHit => ({ type: 'transfer', id: r.id, ref: r.title, title: (JSON.parse(r.doc) as TransferDoc).importerName }));
  hits.push(...transfers.sort(exactFirst).slice(0, PER_KIND));

  const breaches = breachRepo
    .listBreaches(core.db, false)
    .map((r) => ({ r, d: JSON.parse(r.doc) as BreachDoc }))
    .filter(({ r, d }) => matches(words, r.ref, d.title))
    .map(({ r, d }): PaletteHit => ({ type: 'breach', id: r.id, ref: r.ref, title: d.title }));
  hits.push(...breaches.sort(exactFirst).slice(0, PER_KIND));

  return hits;
}
