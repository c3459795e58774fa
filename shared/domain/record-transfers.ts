import { z } from 'zod';
import { msg, text } from './validation';
import type { Mechanism, TransferWarning } from './transfer';

/**
 * Transfers and register records: the transfer register is the only place transfers live; a
 * record lists the transfer-register entries linked to it (their `activityIds`). What a record
 * once kept as free text and that could not be turned into a transfer-register entry (a country
 * no code matches, no recipient) is kept on the record as "to convert", never dropped.
 */

export const TransferToConvertSchema = z.object({
  recipient: text(200),
  country: text(100),
  safeguard: text(100),
  document: text(500),
  /** Why it was not converted: 'country' (no ISO code matches), 'recipient' (none given). */
  reason: z.enum(['country', 'recipient'], { error: msg('choice') }),
});
export type TransferToConvert = z.infer<typeof TransferToConvertSchema>;

/** A transfer-register entry as a record shows it (register table, record page, Word export). */
export type RecordTransfer = Readonly<{
  id: string;
  title: string;
  importer: string;
  importerCountry: string;
  accessCountries: ReadonlyArray<string>;
  mechanism: Mechanism | '';
  module: number | null;
  status: 'active' | 'ended';
  warnings: ReadonlyArray<TransferWarning>;
}>;

/** The countries of a record's transfers (ISO codes, importer then access countries, once each). */
export function transferCountryCodes(transfers: ReadonlyArray<Pick<RecordTransfer, 'importerCountry' | 'accessCountries'>>): string[] {
  return [...new Set(transfers.flatMap((t) => [t.importerCountry, ...t.accessCountries]))];
}

// ---------------------------------------------------------------------------------------------
// Mapping a record-level transfer (free text) to a transfer-register entry

/** Case, accents, punctuation and spaces folded: "États-Unis" and "etats unis" are one name. */
export const foldName = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');

const ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['usa', 'US'],
  ['us', 'US'],
  ['etatsunisdamerique', 'US'],
  ['unitedstatesofamerica', 'US'],
  ['uk', 'GB'],
  ['angleterre', 'GB'],
  ['england', 'GB'],
  ['grandebretagne', 'GB'],
  ['greatbritain', 'GB'],
  ['coreedusud', 'KR'],
  ['southkorea', 'KR'],
];

/**
 * A country-name reader for the given ISO codes: names in French and English (Intl, CLDR), a few
 * usual aliases (USA, UK, Angleterre…), or the code itself. Returns undefined when nothing matches.
 */
export function countryReader(codes: ReadonlyArray<string>): (name: string) => string | undefined {
  const names = new Map<string, string>();
  for (const lang of ['fr', 'en']) {
    const display = new Intl.DisplayNames([lang], { type: 'region' });
    for (const code of codes) {
      const n = display.of(code);
      // The first code keeps a name two codes share (GB before the reserved UK).
      if (n && !names.has(foldName(n))) names.set(foldName(n), code);
    }
  }
  for (const [alias, code] of ALIASES) if (code) names.set(alias, code);
  const known = new Set(codes);
  return (name) => {
    const trimmed = name.trim();
    return names.get(foldName(trimmed)) ?? (/^[A-Z]{2}$/.test(trimmed) && known.has(trimmed) ? trimmed : undefined);
  };
}

const LEGAL_FORMS = new Set(['inc', 'ltd', 'llc', 'limited', 'sas', 'sasu', 'sarl', 'sa', 'gmbh', 'bv', 'plc', 'corp', 'corporation', 'co']);

/** A company name folded, its trailing legal form left out: "Twilio Inc." and "TWILIO" are one supplier. */
export function supplierKey(name: string): string {
  const words = name.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1]!)) words.pop();
  return words.join('');
}

/** Record safeguards (the old register-level list) and the transfer ground each one becomes. */
const GROUND_OF_SAFEGUARD: Readonly<Record<string, Mechanism | ''>> = {
  ADEQUACY: 'ADEQUACY',
  DPF: 'DPF',
  SCC_2021: 'SCC_2021',
  BCR: 'BCR',
  UK_IDTA: 'UK_IDTA',
  DEROGATION_49: 'DEROGATION_49',
  LEGACY_PRIVACY_SHIELD: 'LEGACY_PRIVACY_SHIELD',
  LEGACY_SAFE_HARBOR: 'LEGACY_SAFE_HARBOR',
  LEGACY_SCC: 'LEGACY_SCC',
  OTHER: '',
  '': '',
};

/**
 * The ground a record's safeguard becomes: the same ground where there is one (SCCs become the
 * 2021 SCCs with the module left unknown; the Privacy Shield stays the invalidated ground, so the
 * transfer register flags it); "other", none or anything unknown become no ground, flagged too.
 */
export function groundForSafeguard(safeguard: string): Mechanism | '' {
  return GROUND_OF_SAFEGUARD[safeguard] ?? '';
}

export type OldRecordTransfer = Readonly<{ recipient?: unknown; country?: unknown; safeguard?: unknown; document?: unknown }>;

export type MappedTransfer =
  | Readonly<{
      ok: true;
      /** The supplier the recipient names, or '' for a named recipient. */
      importerSupplierId: string;
      importerName: string;
      importerCountry: string;
      mechanism: Mechanism | '';
      /** The importer's key, for finding the same transfer already in the register. */
      importerKey: string;
    }>
  | Readonly<{ ok: false; item: TransferToConvert }>;

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/**
 * Maps one record-level transfer to a transfer-register entry: the country name (French or
 * English) to its ISO code, the recipient to a supplier of the same name (case, accents and
 * legal form aside) or else a named recipient, the safeguard to a ground. Returns the item to
 * keep as "to convert" when the country matches no code or there is no recipient.
 */
export function mapRecordTransfer(
  t: OldRecordTransfer,
  ctx: Readonly<{ suppliers: ReadonlyArray<Readonly<{ id: string; name: string }>>; country: (name: string) => string | undefined }>,
): MappedTransfer {
  const recipient = str(t.recipient).trim();
  const country = str(t.country).trim();
  const safeguard = str(t.safeguard).trim();
  const document = str(t.document).trim();
  const keep = (reason: TransferToConvert['reason']): MappedTransfer => ({ ok: false, item: { recipient, country, safeguard, document, reason } });
  if (recipient === '') return keep('recipient');
  const code = ctx.country(country);
  if (!code) return keep('country');
  const key = supplierKey(recipient);
  const supplier = ctx.suppliers.find((s) => supplierKey(s.name) === key && key !== '');
  return {
    ok: true,
    importerSupplierId: supplier?.id ?? '',
    importerName: supplier ? '' : recipient,
    importerCountry: code,
    mechanism: groundForSafeguard(safeguard),
    importerKey: supplier ? `s:${supplier.id}` : `n:${key}`,
  };
}

/** The key of a transfer-register entry's importer, comparable with MappedTransfer's importerKey. */
export function importerKeyOf(d: Readonly<{ importerSupplierId: string; importerName: string }>): string {
  return d.importerSupplierId ? `s:${d.importerSupplierId}` : `n:${supplierKey(d.importerName)}`;
}
