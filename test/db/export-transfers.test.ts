import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { prepareRegisterExport } from '../../electron/core/export/export.service';
import type { ExportOptions } from '../../electron/core/export/model';
import { docxPart, docxParagraphs, under, type DocParagraph } from '../docx-text';
import { call, testCore } from '../helpers';

let core: Core;
let cleanup: () => void;
beforeEach(() => ({ core, cleanup } = testCore()));
afterEach(() => cleanup());

const options = (language: 'fr' | 'en'): ExportOptions => ({ language, registers: 'both', asOf: '2026-11-24', includeArchived: false, annexes: { lists: false, transfers: true } });

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The rows of every table of the body, each as its cells' texts. */
async function tableRows(buffer: Buffer): Promise<string[][]> {
  const xml = await docxPart(buffer, 'word/document.xml');
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
    [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) =>
      [...cell[0].matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => unescape([...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))).join('\n'),
    ),
  );
}

const L = {
  fr: { annex: 'Annexe – Transferts hors de l’Espace économique européen', byRecord: 'Transferts par fiche du registre', none: /^(Néant|Aucun)/, section: 'Transferts hors de l’EEE', us: 'États-Unis', india: 'Inde', english: ['United States', 'India', 'Ireland'] },
  en: { annex: 'Annex – Transfers outside the European Economic Area', byRecord: 'Transfers by register record', none: /^None/, section: 'Transfers outside the EEA', us: 'United States', india: 'India', english: [] as string[] },
};

async function check(language: 'fr' | 'en') {
  const l = L[language];
  const prepared = await prepareRegisterExport(core, options(language));
  const paragraphs = await docxParagraphs(prepared.buffer);
  const rows = await tableRows(prepared.buffer);
  // The annex's table of transfers by record: [record, importer, countries, ground].
  const annex = under(paragraphs, l.annex);
  const byRecordStart = annex.findIndex((p) => p.text === l.byRecord);
  expect(byRecordStart).toBeGreaterThanOrEqual(0);
  const annexRows = rows.filter((r) => r.length === 4 && /^R[TS]-\d+ – /.test(r[0]!));
  expect(annexRows.length).toBeGreaterThanOrEqual(6);
  const byRecord = new Map<string, string[][]>();
  for (const r of annexRows) byRecord.set(r[0]!, [...(byRecord.get(r[0]!) ?? []), r]);
  const summaryRows = rows.filter((r) => r.length >= 8 && /^R[TS]-\d+$/.test(r[0]!));
  const summaryOf = (ref: string) => summaryRows.find((r) => r[0] === ref)!;
  const transferColumn = (r: string[]) => (r.length === 10 ? r[6]! : r[5]!); // controller summary: 10 columns; processor: 8
  for (const [heading, transfers] of byRecord) {
    const ref = heading.split(' – ')[0]!;
    const section: DocParagraph[] = under(paragraphs, heading);
    const start = section.findIndex((p) => p.text === l.section);
    const sectionText = section.slice(start + 1).map((p) => p.text).join('\n');
    const summary = summaryOf(ref);
    expect(summary, ref).toBeDefined();
    expect(transferColumn(summary), `${ref} summary`).not.toMatch(l.none);
    expect(sectionText, `${ref} section`).not.toMatch(new RegExp(`${l.section}\\n${l.none.source}`));
    for (const [, importer, countries] of transfers) {
      expect(sectionText, `${ref} section names ${importer}`).toContain(importer!);
      for (const country of countries!.split(', ')) {
        expect(sectionText, `${ref} section names ${country}`).toContain(country);
        expect(transferColumn(summary), `${ref} summary names ${country}`).toContain(country);
      }
    }
  }
  // A record with no transfer says so in its summary row, and is not in the annex.
  const without = summaryRows.filter((r) => !byRecord.has([...byRecord.keys()].find((k) => k.startsWith(`${r[0]} – `)) ?? ''));
  expect(without.length).toBeGreaterThan(0);
  for (const r of without) expect(transferColumn(r), r[0]).toMatch(l.none);
  return { paragraphs, byRecord };
}

describe('the register document reads one source of transfers', () => {
  it('every record in the annex shows the same transfers in its own section and summary row, never "none"; country names in the document’s language', async () => {
    await call(core, 'app:setup', { mode: 'demo' });
    const fr = await check('fr');
    // The records that used to contradict the annex (RT-003 "none" while the annex listed it; RS-006 with two grounds).
    const refs = [...fr.byRecord.keys()].map((k) => k.split(' – ')[0]);
    expect(refs).toEqual(expect.arrayContaining(['RT-003', 'RT-009', 'RS-003', 'RS-006', 'RT-014']));
    const rs006 = fr.byRecord.get([...fr.byRecord.keys()].find((k) => k.startsWith('RS-006 – '))!)!;
    expect(rs006.map((r) => r[1]).sort()).toEqual(['Amazon Web Services, Inc.', 'Google Cloud Platform (Google LLC)', 'Twilio Inc.']);
    // Issue 11: the transfer is Google LLC's access from the US and India (Google Ireland, in the EEA, is its exporter).
    expect(fr.byRecord.get([...fr.byRecord.keys()].find((k) => k.startsWith('RT-003 – '))!)![0]![2]).toBe('États-Unis, Inde');
    // No English country name anywhere in the French document ("Google Ireland Limited" is a company's name).
    const all = fr.paragraphs.map((p) => p.text.replace(/Google Ireland Limited/g, '')).join('\n');
    for (const english of L.fr.english) expect(all).not.toContain(english);
    const en = await check('en');
    expect(en.byRecord.get([...en.byRecord.keys()].find((k) => k.startsWith('RT-003 – '))!)![0]![2]).toBe('United States, India');
  });

  it('a transfer still to convert shows as "to convert", not "none", in the summary, the section and the annex', async () => {
    const rec = await call(core, 'register:create', {
      kind: 'controller',
      doc: { ...(await import('../helpers')).fullControllerDoc(), transfersToConvert: [{ recipient: 'Hébergeur', country: 'Atlantide', safeguard: 'OTHER', document: 'contrat 2019', reason: 'country' }] },
    });
    expect(rec.doc.transfersToConvert).toHaveLength(1);
    const prepared = await prepareRegisterExport(core, options('fr'));
    const rows = await tableRows(prepared.buffer);
    expect(rows.find((r) => r[0] === 'T-001')![6]).toBe('– Atlantide (à convertir en transfert du registre)');
    expect(rows.find((r) => r[0] === 'T-001 – Enregistrement des appels')).toEqual(['T-001 – Enregistrement des appels', 'Hébergeur', 'Atlantide', 'Autre garantie – à convertir en transfert du registre']);
    const section = under(await docxParagraphs(prepared.buffer), 'T-001 – Enregistrement des appels').map((p) => p.text).join('\n');
    expect(section).toContain('Hébergeur – Atlantide – Autre garantie – contrat 2019 (à convertir en transfert du registre)');
    expect((await call(core, 'dashboard:get', { today: '2026-11-24' })).transfersToConvert.items).toEqual([{ id: rec.id, kind: 'controller', ref: 'T-001', name: 'Enregistrement des appels', transfersToConvert: 1 }]);
  });
});
