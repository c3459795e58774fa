import type { DB } from '../types';

/**
 * The dashboard's register sections and the activity picker, read in SQL (issue 15): counts for
 * the whole register, and only the few rows a screen shows, instead of every summary parsed in
 * JavaScript. The conditions are those of shared/domain (isReviewOverdue, a record's `missing`
 * list, its transfers still to convert), written over the stored summary.
 */

const LIVE = 'deleted_at IS NULL';
/** isReviewOverdue: not archived, a date set, and passed. */
const OVERDUE = `status <> 'archived' AND json_extract(summary, '$.nextReview') <> '' AND json_extract(summary, '$.nextReview') < @today`;
/** A record still to complete: not archived, with at least one required field missing. */
const INCOMPLETE = `status <> 'archived' AND json_array_length(summary, '$.missing') > 0`;
const TO_CONVERT = `json_extract(summary, '$.transfersToConvert') > 0`;

export type KindCount = Readonly<{ kind: 'controller' | 'processor'; status: 'draft' | 'active' | 'archived'; n: number }>;

export function countsByKindAndStatus(db: DB): KindCount[] {
  return db.prepare(`SELECT kind, status, count(*) AS n FROM register_entry WHERE ${LIVE} GROUP BY kind, status`).all() as KindCount[];
}

export type AttentionCounts = Readonly<Record<'overdue' | 'incomplete' | 'toConvert', Readonly<{ controller: number; processor: number }>>>;

/**
 * How many records of each register need each kind of attention, in one pass over the index of
 * migration 0190 (grouped by status too, so that the index alone answers).
 */
export function attentionCounts(db: DB, today: string): AttentionCounts {
  const rows = db
    .prepare(
      `SELECT kind, status,
         sum(json_extract(summary, '$.nextReview') <> '' AND json_extract(summary, '$.nextReview') < @today) AS overdue,
         sum(json_array_length(summary, '$.missing') > 0) AS incomplete,
         sum(${TO_CONVERT}) AS toConvert
       FROM register_entry WHERE ${LIVE} GROUP BY kind, status`,
    )
    .all({ today }) as Array<{ kind: 'controller' | 'processor'; status: string; overdue: number | null; incomplete: number | null; toConvert: number | null }>;
  const of = (key: 'overdue' | 'incomplete' | 'toConvert') => {
    const sum = (kind: string) => rows.filter((r) => r.kind === kind && (key === 'toConvert' || r.status !== 'archived')).reduce((n, r) => n + (r[key] ?? 0), 0);
    return { controller: sum('controller'), processor: sum('processor') };
  };
  return { overdue: of('overdue'), incomplete: of('incomplete'), toConvert: of('toConvert') };
}

export type AttentionRow = Readonly<{ id: string; kind: 'controller' | 'processor'; ref: string; status: 'draft' | 'active' | 'archived'; summary: string }>;

/** The reviews most overdue first (the oldest date), then by reference. */
export function topOverdue(db: DB, today: string, limit: number): AttentionRow[] {
  return db
    .prepare(`SELECT id, kind, ref, status, summary FROM register_entry WHERE ${LIVE} AND ${OVERDUE} ORDER BY json_extract(summary, '$.nextReview'), kind, ref LIMIT @limit`)
    .all({ today, limit }) as AttentionRow[];
}

/** Incomplete records: the active ones first (they are in the register as they stand), the most fields missing first, then by reference. */
export function topIncomplete(db: DB, limit: number): AttentionRow[] {
  return db
    .prepare(
      `SELECT id, kind, ref, status, summary FROM register_entry WHERE rowid IN (
         SELECT rowid FROM register_entry INDEXED BY register_entry_attention WHERE ${LIVE} AND ${INCOMPLETE}
         ORDER BY status = 'active' DESC, json_array_length(summary, '$.missing') DESC, kind, ref LIMIT @limit)
       ORDER BY status = 'active' DESC, json_array_length(summary, '$.missing') DESC, kind, ref`,
    )
    .all({ limit }) as AttentionRow[];
}

/** Records with transfers still to convert, the most first, then by reference. */
export function topToConvert(db: DB, limit: number): AttentionRow[] {
  return db
    .prepare(
      `SELECT id, kind, ref, status, summary FROM register_entry WHERE rowid IN (
         SELECT rowid FROM register_entry INDEXED BY register_entry_attention WHERE ${LIVE} AND ${TO_CONVERT}
         ORDER BY json_extract(summary, '$.transfersToConvert') DESC, kind, ref LIMIT @limit)
       ORDER BY json_extract(summary, '$.transfersToConvert') DESC, kind, ref`,
    )
    .all({ limit }) as AttentionRow[];
}

// The activity picker ----------------------------------------------------------------------------

export type PickRow = Readonly<{ id: string; kind: 'controller' | 'processor'; ref: string; name: string; status: 'draft' | 'active' | 'archived' }>;
const PICK_COLUMNS = `id, kind, ref, json_extract(summary, '$.name') AS name, status`;
/** Controller activities first, then processor ones, each by reference (the order the forms always showed). */
const PICK_ORDER = `ORDER BY kind, ref, id`;

export function countLive(db: DB, kind?: string): number {
  return db.prepare(`SELECT count(*) FROM register_entry WHERE ${LIVE} AND (@kind IS NULL OR kind = @kind)`).pluck().get({ kind: kind ?? null }) as number;
}

/** A window of the live records, in the picker's order. */
export function pickWindow(db: DB, offset: number, limit: number, kind?: string): PickRow[] {
  return db
    .prepare(`SELECT ${PICK_COLUMNS} FROM register_entry WHERE ${LIVE} AND (@kind IS NULL OR kind = @kind) ${PICK_ORDER} LIMIT @limit OFFSET @offset`)
    .all({ kind: kind ?? null, limit, offset }) as PickRow[];
}

/** A window of the given records (the search's matches), in the picker's order. */
export function pickWindowOf(db: DB, ids: ReadonlyArray<string>, offset: number, limit: number): PickRow[] {
  return db
    .prepare(`SELECT ${PICK_COLUMNS} FROM register_entry WHERE ${LIVE} AND id IN (SELECT value FROM json_each(?)) ${PICK_ORDER} LIMIT ? OFFSET ?`)
    .all(JSON.stringify(ids), limit, offset) as PickRow[];
}

/** The given records, live or in the trash (a form may still link one that was deleted since). */
export function pickRowsByIds(db: DB, ids: ReadonlyArray<string>): Array<PickRow & { deleted: number }> {
  return db
    .prepare(`SELECT ${PICK_COLUMNS}, deleted_at IS NOT NULL AS deleted FROM register_entry WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as Array<PickRow & { deleted: number }>;
}
