import { Inflate } from 'fflate';

/**
 * A check of a zip file (an .xlsx) before a library expands it: a workbook that would expand
 * beyond `MAX_UNCOMPRESSED` or holds an absurd number of entries (a "zip bomb") is refused.
 * The central directory's declared sizes are read first (nothing expanded); then each entry is
 * inflated in small slices, counting, and stopped as soon as it outgrows what its header
 * declared or the total outgrows the limit, so a header that lies is caught for a bounded cost.
 */

/** A questionnaire of 300 questions is under 1 MB once expanded; pasted screenshots stay well under this. */
export const MAX_UNCOMPRESSED = 50 * 1024 * 1024;
/** An .xlsx from Excel or LibreOffice holds a dozen to a few dozen entries. */
export const MAX_ENTRIES = 1000;
const SLICE = 4096;

export type ZipVerdict = 'ok' | 'notZip' | 'tooLarge';

type Entry = { method: number; compressed: number; size: number; offset: number };

const EOCD = 0x06054b50;
const CDH = 0x02014b50;
const LFH = 0x04034b50;
const FULL32 = 0xffffffff;

/** The entries of the central directory, or why it cannot be read. */
function centralDirectory(buf: Buffer): Entry[] | 'notZip' | 'tooLarge' {
  if (buf.length < 22) return 'notZip';
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return 'notZip';
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  // Zip64 (more than 65,535 entries or 4 GB): no questionnaire comes near.
  if (count === 0xffff || cdOffset === FULL32) return 'tooLarge';
  if (count > MAX_ENTRIES) return 'tooLarge';
  const entries: Entry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CDH) return 'notZip';
    const e: Entry = { method: buf.readUInt16LE(p + 10), compressed: buf.readUInt32LE(p + 20), size: buf.readUInt32LE(p + 24), offset: buf.readUInt32LE(p + 42) };
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (e.size === FULL32 || e.compressed === FULL32 || e.offset === FULL32) {
      // The real values are in the zip64 extra field (id 1), in this order, for those at 0xFFFFFFFF.
      let x = p + 46 + nameLen;
      const end = x + extraLen;
      let found = false;
      while (x + 4 <= end && x + 4 <= buf.length) {
        const id = buf.readUInt16LE(x);
        const len = buf.readUInt16LE(x + 2);
        if (id === 1) {
          let q = x + 4;
          const next = () => {
            if (q + 8 > x + 4 + len || q + 8 > buf.length) return Number.MAX_SAFE_INTEGER;
            const v = Number(buf.readBigUInt64LE(q));
            q += 8;
            return v;
          };
          if (e.size === FULL32) e.size = next();
          if (e.compressed === FULL32) e.compressed = next();
          if (e.offset === FULL32) e.offset = next();
          found = true;
          break;
        }
        x += 4 + len;
      }
      if (!found) return 'notZip';
    }
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Whether the buffer is a zip whose entries expand within the limits. */
export function checkZip(buf: Buffer, maxUncompressed = MAX_UNCOMPRESSED, maxEntries = MAX_ENTRIES): ZipVerdict {
  const entries = centralDirectory(buf);
  if (typeof entries === 'string') return entries;
  if (entries.length > maxEntries) return 'tooLarge';
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > maxUncompressed) return 'tooLarge';
  let total = 0;
  for (const e of entries) {
    if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== LFH) return 'notZip';
    const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
    const end = start + e.compressed;
    if (end > buf.length) return 'notZip';
    if (e.method === 0) {
      if (e.compressed !== e.size) return 'notZip';
      total += e.size;
      continue;
    }
    if (e.method !== 8) return 'notZip';
    let produced = 0;
    let over = false;
    const inflate = new Inflate((chunk) => {
      produced += chunk.length;
      if (produced > e.size || total + produced > maxUncompressed) over = true;
    });
    try {
      for (let i = start; i < end && !over; i += SLICE) inflate.push(buf.subarray(i, Math.min(end, i + SLICE)), i + SLICE >= end);
    } catch {
      return 'notZip';
    }
    if (over) return 'tooLarge';
    total += produced;
  }
  return 'ok';
}
