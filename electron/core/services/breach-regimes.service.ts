import raw from '../../../resources/reference/regimes.json';
import type { BreachDoc, BreachSettings } from '../../../shared/domain/breach';
import { parseRegimes, regimeClocks, regimeFileIssues, regimesForIncident, type RegimeClock, type RegimeDef, type RegimesFile, type RegimesInfo } from '../../../shared/domain/breach-regimes';
import { msg } from '../../../shared/domain/validation';
import type { ValidationIssue } from '../../../shared/errors';

let cached: RegimesFile | null = null;

/**
 * The reporting regimes beside the GDPR (resources/reference/regimes.json), checked once when
 * first read; a wrong file throws an error naming the entry and what is wrong with it. The core
 * reads it when it opens, so that a broken file is seen at start.
 */
export function regimesFile(): RegimesFile {
  cached ??= parseRegimes(raw);
  return cached;
}

export type { RegimesInfo };

export function regimesFor(settings: Pick<BreachSettings, 'regimeFlags'>, doc: Pick<BreachDoc, 'regimes'>): RegimeDef[] {
  return regimesForIncident(regimesFile(), settings.regimeFlags ?? {}, doc.regimes);
}

export function incidentRegimeClocks(settings: Pick<BreachSettings, 'regimeFlags'>, doc: BreachDoc): RegimeClock[] {
  return regimeClocks(doc, regimesFor(settings, doc));
}

/** The regime answers checked against the file, as validation issues. */
export function regimeIssues(doc: BreachDoc): ValidationIssue[] {
  return regimeFileIssues(doc, regimesFile()).map((i) => ({ path: i.path.join('.'), message: msg(i.key) }));
}

/** Settings answers must name a setting and an option of the file. */
export function regimeFlagIssues(flags: Readonly<Record<string, string>>): ValidationIssue[] {
  const file = regimesFile();
  return Object.entries(flags).flatMap(([setting, value]) => {
    const def = file.settings.find((s) => s.id === setting);
    return !def || (value !== '' && !def.options.some((o) => o.id === value)) ? [{ path: `regimeFlags.${setting}`, message: msg('choice') }] : [];
  });
}
