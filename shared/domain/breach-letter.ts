import type { Language } from './enums';
import { instantOf, type BreachDoc } from './breach';
import type { BreachLetter } from './breach-trail';
import { translate } from '../i18n';

/**
 * The first draft of the letter to the data subjects (Art. 34(2): "describe in clear and plain
 * language the nature of the personal data breach" and give the information of Art. 33(3)(b)-(d)).
 * Written from the incident for the people it concerns: plain sentences for the nature of the
 * breach and the day it was found, the DPO's own texts for consequences and measures, the
 * contact point. No code and no label of the app's lists (the CNIL form's categories, the
 * "Perte de la confidentialité" of the nature list) goes into it: those are for the authority.
 * The DPO edits the letter apart from the internal description; the draft is only a start.
 */
export function draftLetter(doc: BreachDoc, lang: Language): BreachLetter {
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, `breachTrail.draft.${key}`, params);
  const found = instantOf(doc, 'discoveredAt');
  const day = found.ok
    ? new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: doc.zone })
        .formatToParts(new Date(found.utc))
        .map((p) => (p.type === 'day' && lang === 'fr' && Number(p.value) === 1 ? '1er' : p.value))
        .join('')
    : '';
  const what = [day ? t('what', { date: day }) : '', ...doc.nature.map((n) => t(n))].filter(Boolean).join(' ');
  const c = doc.contact;
  const reach = [c.name, c.email, c.phone].filter((x) => x.trim()).join(', ');
  return {
    whatHappened: what,
    meaning: doc.consequences.trim(),
    done: doc.measuresTaken.trim(),
    advice: doc.measuresProposed.trim(),
    contact: reach ? t('contact', { contact: reach }) : '',
  };
}
