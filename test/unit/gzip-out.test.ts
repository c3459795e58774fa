import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipOut } from '../../electron/core/export/gzip-out';

describe('gzipOut (the export snapshot gzipped as it is written)', () => {
  it('gives back, gunzipped, exactly the texts written: French text, pieces across the megabyte chunks, a piece larger than a chunk', () => {
    const pieces: string[] = [];
    for (let i = 0; i < 40_000; i++) pieces.push(`{"ref":"B-${i}","name":"Gestion des réclamations – l’équipe « support » ${i} 🙂"},`);
    pieces.push('x'.repeat(600_000), 'é'.repeat(400_000), '');
    const gz = gzipOut();
    for (const p of pieces) gz.write(p);
    const out = gz.finish();
    expect(out.subarray(0, 3)).toEqual(Buffer.from([0x1f, 0x8b, 8]));
    expect(gunzipSync(out).toString('utf8')).toBe(pieces.join(''));
  });

  it('an empty text is a valid empty gzip member', () => {
    expect(gunzipSync(gzipOut().finish()).length).toBe(0);
  });
});
