import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipOut } from '../../electron/core/export/sheet/zip-out';

describe('the streamed zip of the spreadsheet writers', () => {
  it('joins an entry deflated in many chunks into one readable stream, with real sizes in a plain header', () => {
    const zip = zipOut(new Date('2026-11-24T09:00:00Z'));
    zip.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { stored: true });
    const big = zip.entry('content.xml');
    const parts: string[] = [];
    // About 3 MB of text in small writes: a dozen chunks deflated one after the other.
    for (let i = 0; i < 40_000; i++) {
      const piece = `<row n="${i}">Données n° ${i} – ${'é'.repeat(i % 7)}</row>\n`;
      parts.push(piece);
      big.write(piece);
    }
    big.end();
    zip.file('Feuille é.xml', '');
    const buffer = zip.finish();
    // The first entry: stored, no data descriptor, its size and name in the local header.
    expect(buffer.readUInt16LE(6)).toBe(0);
    expect(buffer.readUInt16LE(8)).toBe(0);
    expect(buffer.readUInt32LE(22)).toBe(46);
    expect(buffer.subarray(30, 38).toString()).toBe('mimetype');
    const files = unzipSync(buffer);
    expect(Object.keys(files)).toEqual(['mimetype', 'content.xml', 'Feuille é.xml']);
    expect(strFromU8(files['content.xml']!)).toBe(parts.join(''));
    expect(files['Feuille é.xml']!.length).toBe(0);
  });

  it('refuses to start an entry before the previous one is ended', () => {
    const zip = zipOut(new Date('2026-11-24T09:00:00Z'));
    zip.entry('a.xml');
    expect(() => zip.entry('b.xml')).toThrow(/not ended/);
  });
});
