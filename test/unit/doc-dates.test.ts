import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { docDate, docDateTime } from '../../electron/core/export/docx/dates';

describe('the documents’ dates', () => {
  it('write the first of the month "1er" in French, and the same day in English', () => {
    expect(docDate('fr', '2026-12-01')).toBe('1er décembre 2026');
    expect(docDate('fr', '2026-11-24')).toBe('24 novembre 2026');
    expect(docDate('en', '2026-12-01')).toBe('1 December 2026');
    expect(docDate('fr', '2026-03-01T09:00:00.000Z')).toBe('1er mars 2026');
    expect(docDate('fr', '')).toBe('');
    expect(docDate('fr', 'n/a')).toBe('n/a');
    const dt = DateTime.fromISO('2026-03-01T09:05', { zone: 'Europe/Paris' });
    expect(docDateTime('fr', dt)).toBe('1er mars 2026 à 09:05');
    expect(docDateTime('en', dt)).toBe('1 March 2026 at 09:05');
  });
});
