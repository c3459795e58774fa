import { describe, expect, it } from 'vitest';
import { diffDocs } from '../../shared/domain/diff';
import { foldForSearch } from '../../shared/domain/text';
import { isIsoDate, msg, parseMsg } from '../../shared/domain/validation';
import { MESSAGES, translate } from '../../shared/i18n';
import { uiEn } from '../../renderer/src/i18n/en';
import { uiFr } from '../../renderer/src/i18n/fr';

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('domain helpers', () => {
  it('accepts real dates only', () => {
    expect(['2026-03-31', '2024-02-29', '2026-12-01'].map(isIsoDate)).toEqual([true, true, true]);
    expect(['2026-02-30', '2025-02-29', '31/03/2026', '2026-3-1', '2026-13-01', '', '1800-01-01'].map(isIsoDate)).toEqual(
      Array(7).fill(false),
    );
  });
  it('diffs nested documents by field path', () => {
    expect(diffDocs({ a: 1, l: [{ x: 'a' }, { x: 'b' }] }, { a: 1, l: [{ x: 'a' }] })).toEqual([{ path: 'l.1.x', before: 'b', after: undefined }]);
    expect(diffDocs({ a: { b: 'x' } }, { a: { b: 'y' }, c: true })).toEqual([
      { path: 'a.b', before: 'x', after: 'y' },
      { path: 'c', before: undefined, after: true },
    ]);
  });
  it('folds accents and case for search', () => {
    expect(foldForSearch('Données ÉTATS-UNIS Œuvre')).toBe('donnees etats-unis œuvre');
  });
  it('carries message parameters through the validation key', () => {
    expect(parseMsg(msg('tooLong', { max: 200 }))).toEqual({ key: 'tooLong', params: { max: 200 } });
    expect(translate('fr', 'errors.tooLong', { max: 200 })).toBe('Trop long : 200 caractères au plus.');
    expect(translate('en', 'errors.tooLong', { max: 200 })).toBe('Too long: 200 characters at most.');
  });
  it('has every label in both languages', () => {
    expect(keys(MESSAGES.en)).toEqual(keys(MESSAGES.fr));
    expect(keys(uiEn)).toEqual(keys(uiFr));
    for (const [k, v] of Object.entries({ ...MESSAGES.en.fields, ...MESSAGES.en.errors })) expect(v, k).not.toBe('');
  });
});
