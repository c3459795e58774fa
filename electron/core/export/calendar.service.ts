import type { Language } from '../../../shared/domain/enums';
import { todayIso } from '../../../shared/domain/validation';
import type { Core } from '../core';
import { listObligations } from '../services/obligations.service';
import { writeCalendar } from './ics';

export type CalendarOptions = Readonly<{ language: Language; from: string; to: string }>;

/** Every dated obligation between from and to (days, '' = open-ended) as an .ics file. */
export function prepareCalendar(core: Core, o: CalendarOptions): { buffer: Buffer; fileName: string; events: number } {
  const obligations = listObligations(core, { from: o.from, to: o.to });
  const text = writeCalendar(obligations, o.language, core.now());
  const stem = o.language === 'fr' ? 'echeances-dpo' : 'dpo-deadlines';
  return { buffer: Buffer.from(text, 'utf8'), fileName: `${stem}-${todayIso(core.now())}.ics`, events: obligations.length };
}
