import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ImportMappingSchema, type ImportMapping, type ImportPlan, type ImportProblem } from '../../shared/domain/import';
import type { Language } from '../../shared/domain/enums';
import { translate } from '../../shared/i18n';
import { AppError } from '../../shared/errors';
import type { Core } from '../core/core';
import { applyImportFile, dryRunImport, getMapping, openImport } from '../core/import/import.service';

/**
 * `import --db PATH --file F [--mapping M] [--dry-run]`: the wizard's steps in one go. The CNIL
 * model is recognised by itself; another spreadsheet takes the mapping M (a saved mapping's
 * name, or a JSON file such as the wizard saves), or else the suggested one. Prints the dry-run
 * report; writes only without --dry-run, in one transaction.
 */
export type ImportCommand = Readonly<{
  file: string;
  mapping?: string;
  dryRun: boolean;
  includeExample: boolean;
  replaceOrganisation: boolean;
  lang: Language;
}>;

function mappingFrom(core: Core, m: string): { mapping: ImportMapping; name?: string } {
  if (/\.json$/i.test(m) && existsSync(m)) {
    const parsed = ImportMappingSchema.safeParse(JSON.parse(readFileSync(m, 'utf8')));
    if (!parsed.success) throw new Error(`${m} is not a mapping: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    return { mapping: parsed.data };
  }
  return { mapping: getMapping(core, m), name: m };
}

function problemLine(p: ImportProblem, lang: Language): string {
  const where = [p.sheet, p.cell ?? (p.row ? `${translate(lang, 'importCli.row')} ${p.row}` : ''), p.column].filter(Boolean).join(' · ');
  return `    [${translate(lang, `importReport.level.${p.level}`)}] ${where ? `${where}${lang === 'fr' ? '\u00a0: ' : ': '}` : ''}${translate(lang, p.key, { ...p.params, field: fieldLabel(lang, p.params?.field) })}`;
}

const fieldLabel = (lang: Language, field: unknown): string => {
  if (typeof field !== 'string') return '';
  const label = translate(lang, `importFields.${field}`);
  return label.startsWith('importFields.') ? field : label;
};

export function printPlan(plan: ImportPlan, lang: Language, out: (s: string) => void): void {
  out(`${plan.fileName} (${plan.format}, SHA-256 ${plan.sha256})`);
  out(translate(lang, 'importCli.counts', plan.counts));
  if (plan.organisation.inFile) out(translate(lang, plan.organisation.replace ? 'importReport.organisationReplace' : 'importReport.organisationKept'));
  for (const p of plan.fileProblems) out(problemLine(p, lang));
  for (const r of plan.rows) {
    const where = r.sheet && plan.source !== 'table' ? r.sheet : `${translate(lang, 'importCli.row')} ${r.row}`;
    out(`${translate(lang, `importReport.action.${r.action}`).toUpperCase()} ${where} ${r.ref} ${r.name}`);
    if (r.missing.length) out(`    ${translate(lang, 'importCli.missing')} ${r.missing.map((k) => translate(lang, `fields.${k}`)).join(', ')}`);
    for (const p of r.problems) out(problemLine(p, lang));
  }
}

export async function runImport(core: Core, cmd: ImportCommand, out: (s: string) => void): Promise<number> {
  const file = path.resolve(cmd.file);
  if (!existsSync(file)) throw new Error(`no file at ${file}`);
  const opened = await openImport(core, path.basename(file), readFileSync(file));
  let mapping: ImportMapping | undefined;
  let mappingName: string | undefined;
  if (opened.source === 'table') {
    if (cmd.mapping) ({ mapping, name: mappingName } = mappingFrom(core, cmd.mapping));
    else mapping = opened.table!.suggested;
  } else if (cmd.mapping) throw new AppError({ code: 'conflict', message: opened.source === 'cnil' ? 'This file is the CNIL model: it is read by its labels, --mapping does not apply.' : 'This file is a register DPO Desk exported: it is read by its headers, --mapping does not apply.' });
  const options = { includeExample: cmd.includeExample, replaceOrganisation: cmd.replaceOrganisation, ...(mapping ? { mapping } : {}), ...(mappingName ? { mappingName } : {}) };
  const plan = await dryRunImport(core, opened.token, options);
  printPlan(plan, cmd.lang, out);
  if (cmd.dryRun) {
    out(translate(cmd.lang, 'importCli.dryRun'));
    return 0;
  }
  const { batch } = await applyImportFile(core, opened.token, opened.sha256, options);
  out(translate(cmd.lang, 'importCli.done', { created: batch.created, updated: batch.updated, skipped: batch.skipped, id: batch.id }));
  return 0;
}
