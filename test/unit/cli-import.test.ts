import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/index';
import { closeCore, openCore } from '../../electron/core/core';
import { listSummaries } from '../../electron/core/services/register.service';
import { saveMapping } from '../../electron/core/import/import.service';
import { fakeClock, tempDir } from '../helpers';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const now = fakeClock('2026-11-24T09:00:00.000Z');

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s) }, { now });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// Windows-1252 and semicolons, as Excel saves a "CSV" on a French Windows; headers that match no suggestion.
const CSV = Buffer.from('Code;Activité;Fondement\r\nA-1;Paie;Obligation légale\r\nA-2;Vidéo;Intérêt légitime\r\n', 'latin1');

describe('command line import', { timeout: 60_000 }, () => {
  it('prints the dry run row by row and writes nothing; imports with a saved mapping; refuses a file that is not what it claims', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const db = path.join(dir, 'r.sqlite');
    const file = path.join(dir, 'registre.csv');
    writeFileSync(file, CSV);
    const core = openCore(db, { actor: 'test', now });
    saveMapping(core, 'Mon registre', { columns: { ref: 'Code', name: 'Activité', legalBasis: 'Fondement' }, values: {} });
    closeCore(core);

    const dry = await cli('import', '--db', db, '--file', file, '--mapping', 'Mon registre', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/CRÉÉE ligne 2 A-1 Paie/);
    expect(dry.out).toMatch(/CRÉÉE ligne 3 A-2 Vidéo/);
    expect(dry.out).toMatch(/Essai à blanc\u00a0: rien n’a été écrit\./);
    const check = openCore(db, { actor: 'test', now });
    expect(listSummaries(check, 'controller', 'live')).toHaveLength(0);
    closeCore(check);

    const mappingFile = path.join(dir, 'mapping.json');
    writeFileSync(mappingFile, JSON.stringify({ columns: { ref: 'Code', name: 'Activité', legalBasis: 'Fondement' }, values: { legalBasis: { obligationlegale: 'LEGAL_OBLIGATION' } } }));
    const done = await cli('import', '--db', db, '--file', file, '--mapping', mappingFile, '--lang', 'en');
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/^registre\.csv \(csv, SHA-256 [0-9a-f]{64}\)/);
    expect(done.out).toMatch(/Import done: 2 created, 0 updated, 0 not imported/);
    const after = openCore(db, { actor: 'test', now });
    expect(listSummaries(after, 'controller', 'live').map((s) => [s.ref, s.status, s.legalBases])).toEqual([
      ['A-1', 'draft', ['LEGAL_OBLIGATION']],
      ['A-2', 'draft', ['LEGITIMATE_INTEREST']],
    ]);
    closeCore(after);

    const unknown = await cli('import', '--db', db, '--file', file, '--mapping', 'Registre inconnu', '--dry-run');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/Aucune correspondance enregistrée ne s’appelle «\u00a0Registre inconnu\u00a0»/);

    const fake = path.join(dir, 'faux.xlsx');
    writeFileSync(fake, CSV);
    const refused = await cli('import', '--db', db, '--file', fake, '--lang', 'en');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/has the \.xlsx extension, but its content is of another type/);
  });
});
