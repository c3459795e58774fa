import defaults from '../../../resources/reference/lists.json';
import {
  REFERENCE_LISTS,
  type ReferenceItem,
  type ReferenceListName,
  type ReferenceLists,
} from '../../../shared/domain/reference-lists';
import * as repo from '../db/repos/lists.repo';
import { tx, type Core } from '../core';
import { audit } from './audit';
import { reindexSearch } from './register.service';

/** Lists are read on every write of a record; they change rarely, so they are cached per database. */
const cache = new WeakMap<object, ReferenceLists>();

export function invalidateLists(core: Core): void {
  cache.delete(core.db);
}

/** Fills the lists with the CNIL-based defaults the first time a register is opened. */
export function ensureReferenceDefaults(core: Core): void {
  if (repo.countReferenceItems(core.db) > 0) return;
  tx(core, () => {
    for (const list of REFERENCE_LISTS) {
      (defaults.lists[list] as Array<{ code: string; labelFr: string; labelEn: string }>).forEach((item, i) => {
        repo.upsertReferenceItem(core.db, {
          list,
          code: item.code,
          label_fr: item.labelFr,
          label_en: item.labelEn,
          sort: (i + 1) * 10,
          archived: 0,
        });
      });
    }
  });
  invalidateLists(core);
}

export function getLists(core: Core): ReferenceLists {
  const hit = cache.get(core.db);
  if (hit) return hit;
  const lists = Object.fromEntries(REFERENCE_LISTS.map((l) => [l, [] as ReferenceItem[]])) as Record<
    ReferenceListName,
    ReferenceItem[]
  >;
  for (const r of repo.allReferenceItems(core.db)) {
    if (!(r.list in lists)) continue;
    lists[r.list as ReferenceListName].push({
      list: r.list as ReferenceListName,
      code: r.code,
      labelFr: r.label_fr,
      labelEn: r.label_en,
      sort: r.sort,
      archived: r.archived === 1,
    });
  }
  cache.set(core.db, lists);
  return lists;
}

function codeFromLabel(label: string): string {
  const base = label
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  return base || 'ITEM';
}

/** Adds an item (code derived from the English label) or renames / archives an existing one. */
export function saveListItem(
  core: Core,
  input: { list: ReferenceListName; code?: string; labelFr: string; labelEn: string; archived: boolean },
): ReferenceItem {
  return tx(core, () => {
    let code = input.code;
    const existing = code ? repo.getReferenceItem(core.db, input.list, code) : undefined;
    if (!existing) {
      const base = code || codeFromLabel(input.labelEn);
      code = base;
      for (let n = 2; repo.getReferenceItem(core.db, input.list, code); n++) code = `${base}_${n}`;
    }
    const row: repo.ReferenceRow = {
      list: input.list,
      code: code!,
      label_fr: input.labelFr.trim(),
      label_en: input.labelEn.trim(),
      sort: existing?.sort ?? repo.nextSort(core.db, input.list),
      archived: input.archived ? 1 : 0,
    };
    repo.upsertReferenceItem(core.db, row);
    audit(core, 'reference_item', `${input.list}/${code}`, existing ? 'update' : 'create', existing ?? null, row);
    invalidateLists(core);
    const lists = getLists(core);
    if (existing && (existing.label_fr !== row.label_fr || existing.label_en !== row.label_en)) reindexSearch(core, lists);
    return lists[input.list].find((i) => i.code === code)!;
  });
}
