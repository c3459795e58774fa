import { Inflate, inflateSync } from 'fflate';

/**
 * Reading the entries of a zip (an .ods or .xlsx) held in memory, after `checkZip`
 * (export/zip-guard.ts) has refused zip bombs: the central directory's names, one small entry
 * inflated whole (the manifest, the workbook's list of sheets), a large one (a sheet's XML)
 * inflated slice by slice so that only a slice's output is ever held.
 */

export type ZipEntry = Readonly<{ name: string; method: number; compressed: number; size: number; headerOffset: number; encrypted: boolean }>;

const EOCD = 0x06054b50;
const CDH = 0x02014b50;
const LFH = 0x04034b50;
const SLICE = 16 * 1024;

const u16 = (b: Uint8Array, p: number) => b[p]! | (b[p + 1]! << 8);
const u32 = (b: Uint8Array, p: number) => (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;

/** The entries by name, or null when the central directory cannot be read (call after checkZip). */
export function zipEntries(buf: Uint8Array): Map<string, ZipEntry> | null {
  if (buf.length < 22) return null;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (u32(buf, i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = u16(buf, eocd + 10);
  let p = u32(buf, eocd + 16);
  const out = new Map<string, ZipEntry>();
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || u32(buf, p) !== CDH) return null;
    const flags = u16(buf, p + 8);
    const nameLen = u16(buf, p + 28);
    const extraLen = u16(buf, p + 30);
    const commentLen = u16(buf, p + 32);
    const name = decoder.decode(buf.subarray(p + 46, p + 46 + nameLen));
    out.set(name, { name, method: u16(buf, p + 10), compressed: u32(buf, p + 20), size: u32(buf, p + 24), headerOffset: u32(buf, p + 42), encrypted: (flags & 1) === 1 });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function dataRange(buf: Uint8Array, e: ZipEntry): [number, number] {
  const h = e.headerOffset;
  if (h + 30 > buf.length || u32(buf, h) !== LFH) throw new Error('zip');
  const start = h + 30 + u16(buf, h + 26) + u16(buf, h + 28);
  const end = start + e.compressed;
  if (end > buf.length) throw new Error('zip');
  return [start, end];
}

/** A small entry, whole. Throws on a damaged entry. */
export function readEntry(buf: Uint8Array, e: ZipEntry): Uint8Array {
  const [start, end] = dataRange(buf, e);
  if (e.method === 0) return buf.subarray(start, end);
  if (e.method !== 8) throw new Error('zip');
  return inflateSync(buf.subarray(start, end), { out: new Uint8Array(e.size) });
}

export function readEntryText(buf: Uint8Array, e: ZipEntry): string {
  return new TextDecoder('utf-8').decode(readEntry(buf, e));
}

/** A large entry, as text chunks of bounded size. Throws on a damaged entry. */
export function* entryTextChunks(buf: Uint8Array, e: ZipEntry): Generator<string> {
  const [start, end] = dataRange(buf, e);
  const decoder = new TextDecoder('utf-8');
  if (e.method === 0) {
    for (let i = start; i < end; i += SLICE) yield decoder.decode(buf.subarray(i, Math.min(end, i + SLICE)), { stream: i + SLICE < end });
    return;
  }
  if (e.method !== 8) throw new Error('zip');
  let pending: string[] = [];
  const inflate = new Inflate((chunk, final) => {
    pending.push(decoder.decode(chunk, { stream: !final }));
  });
  if (start === end) inflate.push(new Uint8Array(0), true);
  for (let i = start; i < end; i += SLICE) {
    inflate.push(buf.subarray(i, Math.min(end, i + SLICE)), i + SLICE >= end);
    if (pending.length) {
      const text = pending.join('');
      pending = [];
      if (text) yield text;
    }
  }
  if (pending.length) yield pending.join('');
}
