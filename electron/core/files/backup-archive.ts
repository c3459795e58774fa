import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/domain/validation';

/**
 * The backup file (issue 14): one zip holding `register.sqlite`, the `documents/` folder of
 * contracts and certificates, and `manifest.json` (SHA-256 and size of every file, schema and app
 * versions, counts). One file rather than a folder because a single file is replaced by one
 * rename (a folder cannot be), copies to a USB drive or a shared folder as one thing, and can be
 * encrypted as a whole. fflate is already a dependency (exports, imports).
 *
 * Encrypted backups: `DPOENC01` + salt (16) + IV (12) + GCM tag (16) + the zip encrypted with
 * AES-256-GCM under a key derived from the passphrase by scrypt (N = 2^15, r = 8, p = 1). GCM's tag
 * makes a wrong passphrase (or a tampered file) fail cleanly instead of producing garbage.
 */

export const BACKUP_EXT = '.dpobackup';
export const MANIFEST = 'manifest.json';
export const DB_ENTRY = 'register.sqlite';
export const DOCS_PREFIX = 'documents/';
const MAGIC = Buffer.from('DPOENC01', 'ascii');
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

export type ManifestFile = Readonly<{ path: string; size: number; sha256: string }>;
export type Counts = Readonly<{ records: number; suppliers: number; transfers: number; breaches: number; documents: number }>;
export type Manifest = Readonly<{
  format: 'dpo-desk-backup';
  formatVersion: 1;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  counts: Counts;
  files: ReadonlyArray<ManifestFile>;
}>;

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function isEncrypted(head: Uint8Array): boolean {
  return head.length >= MAGIC.length && Buffer.from(head.subarray(0, MAGIC.length)).equals(MAGIC);
}

function key(passphrase: string, salt: Uint8Array): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, SCRYPT);
}

export function encrypt(plain: Uint8Array, passphrase: string): Buffer {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(passphrase, salt), iv);
  cipher.setAAD(MAGIC);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, salt, iv, cipher.getAuthTag(), body]);
}

export function decrypt(data: Uint8Array, passphrase: string | undefined): Buffer {
  if (!passphrase) throw AppError.validation([{ path: 'passphrase', message: msg('backupNeedsPassphrase') }]);
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const header = MAGIC.length + 16 + 12 + 16;
  if (buf.length < header) throw AppError.validation([{ path: 'file', message: msg('backupDamaged') }]);
  const salt = buf.subarray(8, 24);
  const iv = buf.subarray(24, 36);
  const tag = buf.subarray(36, 52);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(passphrase, salt), iv);
    decipher.setAAD(MAGIC);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(buf.subarray(header)), decipher.final()]);
  } catch {
    throw AppError.validation([{ path: 'passphrase', message: msg('backupWrongPassphrase') }]);
  }
}

export type ArchiveInput = Readonly<{
  db: Uint8Array;
  documents: ReadonlyArray<Readonly<{ name: string; content: Uint8Array }>>;
  meta: Omit<Manifest, 'format' | 'formatVersion' | 'files'>;
}>;

/** Builds the archive bytes (encrypted when a passphrase is given). */
export function buildArchive(input: ArchiveInput, passphrase?: string): Uint8Array {
  const files: ManifestFile[] = [{ path: DB_ENTRY, size: input.db.length, sha256: sha256(input.db) }];
  const zippable: Zippable = { [DB_ENTRY]: [input.db, { level: 6 }] };
  for (const d of input.documents) {
    const p = DOCS_PREFIX + d.name;
    files.push({ path: p, size: d.content.length, sha256: sha256(d.content) });
    // PDFs and office files are already compressed: stored as they are.
    zippable[p] = [d.content, { level: 0 }];
  }
  const manifest: Manifest = { format: 'dpo-desk-backup', formatVersion: 1, ...input.meta, files };
  zippable[MANIFEST] = strToU8(JSON.stringify(manifest, null, 2));
  const zip = zipSync(zippable, { mtime: new Date(input.meta.createdAt) });
  return passphrase ? encrypt(zip, passphrase) : zip;
}

export type OpenedArchive = Readonly<{ manifest: Manifest; db: Uint8Array; documents: ReadonlyArray<Readonly<{ name: string; content: Uint8Array }>> }>;

const damaged = () => AppError.validation([{ path: 'file', message: msg('backupDamaged') }]);

/**
 * Opens an archive and checks it against its manifest: every file listed is there with its size
 * and SHA-256, and nothing else is. Throws a clear error (wrong passphrase, damaged) otherwise.
 */
export function openArchive(data: Uint8Array, passphrase?: string): OpenedArchive {
  const zip = isEncrypted(data) ? decrypt(data, passphrase) : data;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch {
    throw damaged();
  }
  const raw = entries[MANIFEST];
  if (!raw) throw damaged();
  let manifest: Manifest;
  try {
    manifest = JSON.parse(strFromU8(raw)) as Manifest;
  } catch {
    throw damaged();
  }
  if (manifest.format !== 'dpo-desk-backup' || !Array.isArray(manifest.files)) throw damaged();
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const name of Object.keys(entries)) if (name !== MANIFEST && !name.endsWith('/') && !listed.has(name)) throw damaged();
  for (const f of manifest.files) {
    const content = entries[f.path];
    if (!content || content.length !== f.size || sha256(content) !== f.sha256) throw damaged();
  }
  const db = entries[DB_ENTRY];
  if (!db) throw damaged();
  const documents = manifest.files
    .filter((f) => f.path.startsWith(DOCS_PREFIX))
    .map((f) => ({ name: f.path.slice(DOCS_PREFIX.length), content: entries[f.path]! }));
  for (const d of documents) if (!/^[^/\\]+$/.test(d.name) || d.name === '.' || d.name === '..') throw damaged();
  return { manifest, db, documents };
}
