import { describe, expect, it } from 'vitest';
import demo from '../../resources/demo/demo-register.json';
import { kindTerm, shortTerm, shortTerms } from '../../shared/domain/register-list';
import { foldForSearch } from '../../shared/domain/text';
import { MESSAGES } from '../../shared/i18n';

/**
 * The first definition of the terms (migration 0150 indexed every record with it), with a pair
 * beyond the basic plane written on six digits a code (migration 0210).
 */
function reference(text: string): string {
  const hex4 = (c: string) => c.codePointAt(0)!.toString(16).padStart(4, '0');
  const hex6 = (c: string) => c.codePointAt(0)!.toString(16).padStart(6, '0');
  const hex = (c: string, other?: string) => (c.codePointAt(0)! > 0xffff || (other !== undefined && other.codePointAt(0)! > 0xffff) ? hex6(c) : hex4(c));
  const cps = [...text];
  const terms = new Set<string>();
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (/\s/.test(c)) continue;
    terms.add(`u${hex4(c)}`);
    const next = cps[i + 1];
    if (next !== undefined && !/\s/.test(next)) terms.add(`b${hex(c, next)}${hex(next, c)}`);
  }
  return [...terms].join(' ');
}

describe('shortTerms (the terms that answer searches of one or two characters)', () => {
  it('gives exactly the terms of its first definition, for the demo register, the app’s messages and the edge cases', () => {
    const texts = [
      foldForSearch(JSON.stringify(demo)),
      // The French and English messages of the app, as a second long text.
      foldForSearch(JSON.stringify(MESSAGES)),
      '',
      ' ',
      'a',
      'aa aa',
      'données à caractère personnel',
      // every kind of whitespace \s matches, between letters
      'a\tb\nc\u000bd\u000ce\rf g\u00a0h\u1680i\u2000j\u200ak\u2028l\u2029m\u202fn\u205fo\u3000p\ufeffq',
      // characters outside the basic plane (two UTF-16 units each), and a lone surrogate
      '𝒜b😀😀 x😀',
      'a\ud800b',
      // characters close to whitespace that \s does not match
      'a\u200bb\u180ec\u0085d',
    ];
    for (const text of texts) expect(shortTerms(text)).toBe(reference(text));
  });

  it('holds the term of every word of one or two characters the text holds, and no other', () => {
    const terms = new Set(shortTerms('rgpd art. 30').split(' '));
    for (const w of ['r', 'rg', 'gp', 'd', '30', '.', 't.']) expect(terms.has(shortTerm(w))).toBe(true);
    for (const w of ['x', 'dr', 'a3', ' ', 't ']) expect(terms.has(shortTerm(w))).toBe(false);
  });

  it('gives two different pairs two different terms, beyond the basic plane too', () => {
    expect(shortTerm('\u1000\u{10061}')).not.toBe(shortTerm('\u{10001}a'));
    const terms = new Set(shortTerms('x\u1000\u{10061}y').split(' '));
    expect(terms.has(shortTerm('\u1000\u{10061}'))).toBe(true);
    expect(terms.has(shortTerm('\u{10001}a'))).toBe(false);
    expect(shortTerm('ab')).toBe('b00610062');
    expect(shortTerm('a😀')).toBe('b00006101f600');
  });

  it('never gives a register term (kind), so that a search cannot match it', () => {
    const all = shortTerms(foldForSearch(JSON.stringify(demo))).split(' ');
    expect(all.some((t) => t === kindTerm('controller') || t === kindTerm('processor'))).toBe(false);
    expect(all.every((t) => /^[ub][0-9a-f]+$/.test(t))).toBe(true);
  });
});
