import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * A zip package written entry by entry, each entry's text deflated as it is produced: a
 * workbook's XML never exists whole in memory, only the compressed package does. Texts are
 * buffered up to CHUNK characters, encoded as UTF-8 and deflated by Node's zlib, each chunk on
 * its own and ended with a sync flush (byte-aligned, not final) so that the chunks follow each
 * other as one raw deflate stream, the last one finishing it (the way pigz cuts its input; each
 * chunk starts with an empty dictionary, which costs little at 256 K characters). fflate's
 * JavaScript deflate, tried first, took 40 % of a CNIL export's time; the native one is several
 * times faster. Each entry's local header is written once its data is compressed, with its real
 * sizes and CRC (no data descriptor: the OpenDocument package rules want the `mimetype` entry
 * first, stored, its header plain; fflate's streaming Zip always writes descriptors). No Zip64:
 * a package over 4 GB or 65,535 entries is refused (a workbook of 20,000 record sheets has
 * 20,008 entries, some 100 MB).
 */

const CHUNK = 1 << 18;
const MAX = 0xffff_ffff;

export type ZipEntryWriter = Readonly<{ write: (text: string) => void; end: () => void }>;

export type ZipOut = Readonly<{
  /** Starts an entry; the previous one must be ended first. */
  entry: (name: string, opts?: { stored?: boolean }) => ZipEntryWriter;
  /** A whole small entry at once. */
  file: (name: string, text: string, opts?: { stored?: boolean }) => void;
  /** Writes the central directory and returns the package. */
  finish: () => Buffer;
}>;

type Written = Readonly<{ name: Buffer; utf8: boolean; method: number; crc: number; csize: number; size: number; offset: number }>;

/** MS-DOS date and time, local time (as zip tools write and read them). */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export function zipOut(mtime: Date): ZipOut {
  const out: Uint8Array[] = [];
  let offset = 0;
  const entries: Written[] = [];
  const { time, date } = dosTime(mtime);
  let open = false;

  const header = (e: Written, central: boolean): Buffer => {
    const b = Buffer.alloc((central ? 46 : 30) + e.name.length);
    let p = 0;
    b.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, p);
    p += 4;
    if (central) p = b.writeUInt16LE(20, p); // made by: version 2.0, MS-DOS
    p = b.writeUInt16LE(20, p); // version needed: 2.0 (deflate)
    p = b.writeUInt16LE(e.utf8 ? 0x0800 : 0, p);
    p = b.writeUInt16LE(e.method, p);
    p = b.writeUInt16LE(time, p);
    p = b.writeUInt16LE(date, p);
    p = b.writeUInt32LE(e.crc, p);
    p = b.writeUInt32LE(e.csize, p);
    p = b.writeUInt32LE(e.size, p);
    p = b.writeUInt16LE(e.name.length, p);
    p = b.writeUInt16LE(0, p); // extra field length
    if (central) {
      p = b.writeUInt16LE(0, p); // comment
      p = b.writeUInt16LE(0, p); // disk
      p = b.writeUInt16LE(0, p); // internal attributes
      p = b.writeUInt32LE(0, p); // external attributes
      p = b.writeUInt32LE(e.offset, p);
    }
    e.name.copy(b, p);
    return b;
  };

  const push = (chunk: Uint8Array) => {
    out.push(chunk);
    offset += chunk.length;
  };

  const entry = (name: string, opts: { stored?: boolean } = {}): ZipEntryWriter => {
    if (open) throw new Error('zip: the previous entry is not ended');
    open = true;
    const data: Uint8Array[] = [];
    let crc = 0;
    let size = 0;
    let csize = 0;
    const deflate = !opts.stored;
    let pending = '';
    const flush = (final: boolean) => {
      const bytes = Buffer.from(pending, 'utf8');
      pending = '';
      crc = crc32(bytes, crc);
      size += bytes.length;
      let stored = deflate ? deflateRawSync(bytes, { level: 6, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }) : bytes;
      // zlib answers a small result as a slice of its 16 KB work buffer: kept as is, 20,000 sheets
      // of 4 KB compressed would hold 320 MB. Copied to its own size.
      if (stored.buffer.byteLength > 2 * stored.length) stored = Buffer.from(stored);
      data.push(stored);
      csize += stored.length;
    };
    return {
      write(text) {
        pending += text;
        if (pending.length >= CHUNK) flush(false);
      },
      end() {
        flush(true);
        if (size > MAX || csize > MAX || offset > MAX) throw new Error('zip: the workbook is too large (over 4 GB)');
        const nameBytes = Buffer.from(name, 'utf8');
        const e: Written = { name: nameBytes, utf8: nameBytes.length !== name.length, method: deflate ? 8 : 0, crc, csize, size, offset };
        push(header(e, false));
        for (const d of data) push(d);
        entries.push(e);
        open = false;
      },
    };
  };

  return {
    entry,
    file(name, text, opts) {
      const e = entry(name, opts);
      e.write(text);
      e.end();
    },
    finish() {
      if (open) throw new Error('zip: an entry is not ended');
      if (entries.length > 0xffff) throw new Error('zip: too many entries (over 65,535)');
      const start = offset;
      for (const e of entries) push(header(e, true));
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(entries.length, 8);
      end.writeUInt16LE(entries.length, 10);
      end.writeUInt32LE(offset - start, 12);
      end.writeUInt32LE(start, 16);
      push(end);
      return Buffer.concat(out);
    },
  };
}
