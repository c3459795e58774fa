import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { ImportFileFailure, type Cell, type CsvDialect, type Row } from './types';

/**
 * CSV with csv-parse (a well-kept parser: quoted fields with delimiters and newlines inside,
 * doubled quotes; splitting lines by hand breaks on those), streamed: the bytes are decoded in
 * slices and each record is yielded as it is parsed. The encoding is UTF-8 (with or without a
 * byte order mark) when the bytes are valid UTF-8, else Windows-1252 (Excel's "CSV" on a French
 * Windows); the delimiter is the one of comma, semicolon or tab that splits the first lines
 * into the same number of fields.
 */

const SLICE = 64 * 1024;

/** Whether the bytes are valid UTF-8 (checked without decoding them into a string). */
function isUtf8(b: Uint8Array, start: number): boolean {
  let i = start;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else return false;
    if (i + n >= b.length) return false;
    for (let k = 1; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return false;
    i += n + 1;
  }
  return true;
}

const CANDIDATES = [';', ',', '\t'] as const;

/** Field separators per line outside quotes, for the first lines of the sample. */
function detectDelimiter(sample: string): CsvDialect['delimiter'] {
  const counts: Record<string, number[]> = { ';': [], ',': [], '\t': [] };
  let quoted = false;
  let line: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  let lines = 0;
  let nonEmpty = false;
  for (let i = 0; i < sample.length && lines < 20; i++) {
    const ch = sample[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (nonEmpty) {
        for (const c of CANDIDATES) counts[c]!.push(line[c]!);
        lines++;
      }
      line = { ';': 0, ',': 0, '\t': 0 };
      nonEmpty = false;
    } else {
      if (!quoted && ch in line) line[ch]!++;
      if (ch.trim() !== '') nonEmpty = true;
    }
  }
  if (nonEmpty) for (const c of CANDIDATES) counts[c]!.push(line[c]!);
  let best: CsvDialect['delimiter'] = ',';
  let bestScore = -1;
  for (const c of CANDIDATES) {
    const per = counts[c]!;
    if (per.length === 0 || per[0] === 0) continue;
    const consistent = per.filter((n) => n === per[0]).length / per.length;
    const score = consistent * 1000 + per[0]!;
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** The TextDecoder label of an encoding. */
const label = (e: CsvDialect['encoding']) => (e === 'utf-8-bom' ? 'utf-8' : e);

export function csvDialect(bytes: Uint8Array): CsvDialect & { start: number } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  // Excel's "Unicode text" is UTF-16 with a byte order mark.
  const le = bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff;
  const start = bom ? 3 : le || be ? 2 : 0;
  const encoding: CsvDialect['encoding'] = bom ? 'utf-8-bom' : le ? 'utf-16le' : be ? 'utf-16be' : isUtf8(bytes, 0) ? 'utf-8' : 'windows-1252';
  const sample = new TextDecoder(label(encoding)).decode(bytes.subarray(start, start + SLICE));
  return { encoding, delimiter: detectDelimiter(sample), start };
}

/** Whether the text holds nothing but white space (an "empty" CSV). */
export function csvBlank(bytes: Uint8Array, start: number): boolean {
  for (let i = start; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c !== 0x00 && c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x2c && c !== 0x3b && c !== 0x22) return false;
  }
  return true;
}

function* decoded(bytes: Uint8Array, start: number, encoding: CsvDialect['encoding']): Generator<string> {
  const decoder = new TextDecoder(label(encoding));
  for (let i = start; i < bytes.length; i += SLICE) yield decoder.decode(bytes.subarray(i, Math.min(bytes.length, i + SLICE)), { stream: i + SLICE < bytes.length });
}

/** The non-empty records, streamed; a record is a row (row 1 = the first record, often the header). */
export async function* csvRows(bytes: Uint8Array, dialect: CsvDialect & { start: number }, limit = Infinity): AsyncGenerator<Row> {
  const parser = parse({ delimiter: dialect.delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: false });
  const source = Readable.from(decoded(bytes, dialect.start, dialect.encoding));
  source.pipe(parser);
  let index = 0;
  let yielded = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const cells: Cell[] = [];
      record.forEach((v, col) => {
        if (v.trim() !== '') cells.push({ col, value: { kind: 'text', text: v }, formula: false });
      });
      const at = index++;
      if (cells.length === 0) continue;
      if (yielded >= limit) return;
      yielded++;
      yield { index: at, cells };
    }
  } catch (e) {
    if (e instanceof ImportFileFailure) throw e;
    throw new ImportFileFailure({ key: 'importUnreadable' });
  } finally {
    source.unpipe(parser);
    source.destroy();
    parser.destroy();
  }
}
