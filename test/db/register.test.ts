import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { AppError } from '../../shared/errors';
import { controllerMissing } from '../../shared/domain/completeness';
import { emptyControllerDoc, emptyRetention } from '../../shared/domain/register';
import { matchesLegalBasis } from '../../shared/domain/register-summary';
import { emptyTransferDoc } from '../../shared/domain/transfer';
import { call, callResult, fullControllerDoc, fullProcessorDoc, testCore } from '../helpers';

let core: Core;
let cleanup: () => void;
beforeEach(() => ({ core, cleanup } = testCore()));
afterEach(() => cleanup());

async function validationPaths(channel: string, args: unknown): Promise<Record<string, string>> {
  const r = await callResult(core, channel, args);
  expect(r.ok).toBe(false);
  if (r.ok || r.error.code !== 'validation') throw new Error(`expected a validation error, got ${JSON.stringify(r)}`);
  return Object.fromEntries(r.error.issues.map((i) => [i.path, i.message]));
}

describe('creating and reading records', () => {
  it('stores every field of a controller record and reads it back unchanged', async () => {
    const doc = fullControllerDoc();
    const created = await call(core, 'register:create', { kind: 'controller', doc });
    expect(created.version).toBe(1);
    expect(created.missing).toEqual([]);
    const read = await call(core, 'register:get', { id: created.id });
    expect(read.doc).toEqual(doc);
  });

  it('stores a processor record (Art. 30(2))', async () => {
    const created = await call(core, 'register:create', { kind: 'processor', doc: fullProcessorDoc() });
    const list = await call(core, 'register:list', { kind: 'processor', scope: 'live' });
    expect(list.map((s) => [s.ref, s.client])).toEqual([['P-001', 'Client SA']]);
    expect(created.kind).toBe('processor');
  });

  it('keeps HTML and script as plain text', async () => {
    const nasty = `<script>alert("x")</script><img src=x onerror=alert(1)> & ' " é 😀`;
    const created = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ name: nasty.slice(0, 200), notes: nasty }) });
    const read = await call(core, 'register:get', { id: created.id });
    expect(read.doc.notes).toBe(nasty);
    expect(read.doc.name).toBe(nasty.slice(0, 200));
  });

  it('accepts 100 kB of notes, refuses a name of 100 kB with a clear message', async () => {
    const big = 'é'.repeat(100_000);
    const ok = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ notes: big }) });
    expect((await call(core, 'register:get', { id: ok.id })).doc.notes).toBe(big);
    const errors = await validationPaths('register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-002', name: big }) });
    expect(errors.name).toBe('tooLong|{"max":200}');
    expect(await call(core, 'register:list', { kind: 'controller', scope: 'live' })).toHaveLength(1);
  });
});

describe('validation at the boundary', () => {
  it('refuses an active record for each mandatory field missing, naming the field', async () => {
    const cases: Array<[Partial<ReturnType<typeof fullControllerDoc>>, string]> = [
      [{ purposes: [] }, 'purposes'],
      [{ purposes: [{ text: '', bases: [{ basis: 'CONTRACT', detail: 'CGV' }], review: false }] }, 'purposes.0.text'],
      [{ purposes: [{ text: 'Former', bases: [], review: false }] }, 'purposes.0.bases'],
      [{ purposes: [{ text: 'Former', bases: [{ basis: '', detail: '' }], review: false }] }, 'purposes.0.bases'],
      [{ purposes: [{ text: 'Former', bases: [{ basis: 'CONTRACT', detail: 'CGV' }], review: false }, { text: 'Preuve', bases: [], review: false }] }, 'purposes.1.bases'],
      [{ purposes: [{ text: 'Former', bases: [{ basis: 'CONTRACT', detail: 'CGV' }, { basis: 'LEGITIMATE_INTEREST', detail: ' ' }], review: false }] }, 'purposes.0.bases.1.detail'],
      [{ dataSubjects: [] }, 'dataSubjects'],
      [{ dataCategories: [], specialCategories: [] }, 'dataCategories'],
      [{ dataCategories: [{ category: 'IDENTITY', description: '', retention: emptyRetention() }] }, 'dataCategories.0.retention.criterion'],
      [{ dataCategories: [{ category: 'IDENTITY', description: '', retention: { ...emptyRetention(), duration: 1, archive: { duration: 5, unit: 'years', criterion: '', reason: '' } } }] }, 'dataCategories.0.retention.archive.reason'],
      [{ art9Condition: '' }, 'art9Condition'],
      [{ specialCategories: [{ category: 'CRIMINAL', description: '', retention: { ...emptyRetention(), duration: 1, unit: 'years' } }], art10Basis: '' }, 'art10Basis'],
      [{ recipients: [] }, 'recipients'],
      [{ securityMeasures: [] }, 'securityMeasures'],
      [{ dpia: { needed: 'unknown', done: false, date: '', reason: '' } }, 'dpia.needed'],
    ];
    for (const [override, path] of cases) {
      const errors = await validationPaths('register:create', { kind: 'controller', doc: fullControllerDoc(override) });
      expect(errors, path).toHaveProperty([path], 'requiredForActive');
    }
    expect(await call(core, 'register:list', { kind: 'controller', scope: 'live' })).toHaveLength(0);
  });

  it('accepts an incomplete draft and lists what it misses', async () => {
    const created = await call(core, 'register:create', { kind: 'controller', doc: { ...emptyControllerDoc(), ref: 'D-1', name: 'Brouillon' } });
    expect(created.missing.map((m) => m.key)).toEqual(controllerMissing(created.doc as never).map((m) => m.key));
    expect(created.missing.map((m) => m.key)).toContain('purposeText');
    const [summary] = await call(core, 'register:list', { kind: 'controller', scope: 'live' });
    expect(summary!.missing).toContain('legalBasis');
  });

  it('refuses bad dates, unknown codes, empty names, wrong types and unknown channels', async () => {
    const errors = await validationPaths('register:create', {
      kind: 'controller',
      doc: fullControllerDoc({ name: '   ', nextReview: '2026-02-30', dpia: { needed: 'yes', done: true, date: '31/01/2026', reason: '' } }),
    });
    expect(errors).toMatchObject({ name: 'required', nextReview: 'date', 'dpia.date': 'date' });

    const unknown = await validationPaths('register:create', { kind: 'controller', doc: fullControllerDoc({ department: 'NOPE' }) });
    expect(unknown).toEqual({ department: 'unknownCode' });

    const typed = await validationPaths('register:create', { kind: 'controller', doc: { ...fullControllerDoc(), dpia: { ...fullControllerDoc().dpia, done: 'yes' } } });
    expect(Object.keys(typed)).toContain('dpia.done');

    const r = await callResult(core, 'register:drop', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    const extra = await callResult(core, 'register:list', { kind: 'controller', scope: 'live', sql: 'DROP TABLE x' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('refuses a reference already used in the same register', async () => {
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    const errors = await validationPaths('register:create', { kind: 'controller', doc: fullControllerDoc() });
    expect(errors).toEqual({ ref: 'refTaken' });
    // The same reference in the other register is fine.
    await call(core, 'register:create', { kind: 'processor', doc: fullProcessorDoc({ ref: 'T-001' }) });
  });

  it('refuses a stale version (two windows editing the same record)', async () => {
    const created = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    await call(core, 'register:update', { kind: 'controller', id: created.id, version: 1, doc: fullControllerDoc({ name: 'v2' }) });
    const r = await callResult(core, 'register:update', { kind: 'controller', id: created.id, version: 1, doc: fullControllerDoc({ name: 'v3' }) });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await call(core, 'register:get', { id: created.id })).doc.name).toBe('v2');
  });
});

describe('audit log', () => {
  it('records who, when, before and after for every change, in order', async () => {
    const created = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    const updated = await call(core, 'register:update', {
      kind: 'controller',
      id: created.id,
      version: 1,
      doc: fullControllerDoc({ name: 'Nouveau nom', recipients: [{ type: 'INTERNAL', category: 'INTERNAL_DEPT', name: 'Support', details: 'Direction' }] }),
    });
    await call(core, 'register:setStatus', { id: created.id, version: updated.version, status: 'archived' });
    const history = await call(core, 'register:history', { id: created.id });
    expect(history.map((h) => h.action)).toEqual(['archive', 'update', 'create']);
    expect(history.every((h) => h.actor === 'tester')).toBe(true);
    expect(new Set(history.map((h) => h.at)).size).toBe(3);
    const update = history[1]!;
    expect(update.changes).toEqual(
      expect.arrayContaining([
        { path: 'name', before: 'Enregistrement des appels', after: 'Nouveau nom' },
        { path: 'recipients.0.details', before: 'Responsables', after: 'Direction' },
      ]),
    );
    expect(history[0]!.changes).toEqual([{ path: 'status', before: 'active', after: 'archived' }]);
  });

  it('writes nothing, not even an audit entry, when a save is refused', async () => {
    const created = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    await expect(call(core, 'register:update', { kind: 'controller', id: created.id, version: 1, doc: fullControllerDoc({ purposes: [] }) })).rejects.toThrow(AppError);
    expect((await call(core, 'register:history', { id: created.id })).map((h) => h.action)).toEqual(['create']);
    expect((await call(core, 'register:get', { id: created.id })).version).toBe(1);
  });

  it('is append-only at the database level', () => {
    core.db.prepare("INSERT INTO audit_log (at, actor, entity, entity_id, action) VALUES ('t', 'a', 'e', '1', 'x')").run();
    expect(() => core.db.prepare('UPDATE audit_log SET actor = ?').run('forged')).toThrow(/append-only/);
    expect(() => core.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});

describe('duplicate, archive, trash and restore', () => {
  it('duplicates as a draft with a free reference', async () => {
    const created = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    const copy1 = await call(core, 'register:duplicate', { id: created.id });
    const copy2 = await call(core, 'register:duplicate', { id: created.id });
    expect([copy1.doc.ref, copy2.doc.ref]).toEqual(['T-001-copy', 'T-001-copy-2']);
    expect(copy1.doc.status).toBe('draft');
    expect((await call(core, 'register:history', { id: copy1.id }))[0]!.action).toBe('duplicate');
  });

  it('refuses to activate an incomplete draft', async () => {
    const draft = await call(core, 'register:create', { kind: 'controller', doc: { ...emptyControllerDoc(), ref: 'D-1', name: 'x' } });
    const r = await callResult(core, 'register:setStatus', { id: draft.id, version: 1, status: 'active' });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('moves to the trash, restores, and purges only on "empty trash"', async () => {
    const a = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    const b = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-002' }) });
    await call(core, 'register:delete', { id: a.id });
    await call(core, 'register:delete', { id: b.id });
    expect(await call(core, 'register:list', { kind: 'controller', scope: 'live' })).toHaveLength(0);
    expect((await call(core, 'register:list', { kind: 'controller', scope: 'trash' })).map((s) => s.ref).sort()).toEqual(['T-001', 'T-002']);
    // A record in the trash cannot be edited.
    const edit = await callResult(core, 'register:update', { kind: 'controller', id: a.id, version: 2, doc: fullControllerDoc() });
    expect(edit).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const restored = await call(core, 'register:restore', { id: a.id });
    expect(restored.doc).toEqual(fullControllerDoc());
    expect(await call(core, 'trash:empty', {})).toEqual({ purged: 1 });
    expect(await call(core, 'register:list', { kind: 'controller', scope: 'trash' })).toHaveLength(0);
    expect(await callResult(core, 'register:get', { id: b.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // The purged record's last state stays in the audit log.
    const purge = core.db.prepare("SELECT before FROM audit_log WHERE entity_id = ? AND action = 'purge'").pluck().get(b.id) as string;
    expect(JSON.parse(purge).ref).toBe('T-002');
    expect((await call(core, 'register:history', { id: a.id })).map((h) => h.action)).toEqual(['restore', 'delete', 'create']);
  });

  it('refuses to restore over a reference reused meanwhile', async () => {
    const a = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    await call(core, 'register:delete', { id: a.id });
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    const r = await callResult(core, 'register:restore', { id: a.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'ref', message: 'refTaken' }] } });
  });
});

describe('search', () => {
  it('matches any text field and the labels of codes, ignoring case and accents', async () => {
    const a = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-002', name: 'Paie', notes: 'bulletins' }) });
    // A record's transfers are searched through the transfer register's entries linked to it (importer, country names FR and EN).
    expect(await call(core, 'register:search', { kind: 'controller', query: 'TWILIO' })).toEqual([]);
    await call(core, 'transfer:create', { doc: { ...emptyTransferDoc(), title: 'Numéros', importerName: 'Twilio Inc.', importerCountry: 'US', activityIds: [a.id] } });
    expect(await call(core, 'register:search', { kind: 'controller', query: 'TWILIO' })).toEqual([a.id]);
    expect(await call(core, 'register:search', { kind: 'controller', query: 'etats-unis' })).toEqual([a.id]);
    expect(await call(core, 'register:search', { kind: 'controller', query: 'Clients' })).toHaveLength(2); // list label
    expect(await call(core, 'register:search', { kind: 'controller', query: 'customer support' })).toHaveLength(2); // EN label of department
    expect(await call(core, 'register:search', { kind: 'controller', query: 'paie bulletins' })).toHaveLength(1);
    expect(await call(core, 'register:search', { kind: 'controller', query: "' OR 1=1 --" })).toEqual([]);
  });
});

describe('purposes, bases, data categories and the processor record (issue 10)', () => {
  it('lists every basis of every purpose, and the legal-basis filter matches a record when any purpose has the basis', async () => {
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    await call(core, 'register:create', {
      kind: 'controller',
      doc: fullControllerDoc({ ref: 'T-002', purposes: [{ text: 'Paie', bases: [{ basis: 'LEGAL_OBLIGATION', detail: 'Code du travail' }], review: false }] }),
    });
    const list = await call(core, 'register:list', { kind: 'controller', scope: 'live' });
    const bases = Object.fromEntries(list.map((s) => [s.ref, s.legalBases]));
    expect(bases).toEqual({ 'T-001': ['LEGITIMATE_INTEREST', 'CONTRACT', 'LEGAL_OBLIGATION'], 'T-002': ['LEGAL_OBLIGATION'] });
    const filter = (basis: string) => list.filter((s) => matchesLegalBasis(s, basis)).map((s) => s.ref);
    expect(filter('LEGAL_OBLIGATION')).toEqual(['T-001', 'T-002']); // T-001 only through its second purpose
    expect(filter('CONTRACT')).toEqual(['T-001']);
    expect(filter('CONSENT')).toEqual([]);
    expect(filter('')).toEqual(['T-001', 'T-002']);
    expect(list.find((s) => s.ref === 'T-001')!.purpose).toBe('Former les conseillers'); // the main purpose
    // The search finds a basis of a sub-purpose by its label, in either language.
    expect(await call(core, 'register:search', { kind: 'controller', query: 'performance of a contract' })).toHaveLength(1);
  });

  it('accepts several rows of one data category, each described, and refuses a repeated category without a description', async () => {
    const row = (description: string, duration: number) => ({ category: 'CONNECTION', description, retention: { ...emptyRetention(), duration } });
    const ok = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ dataCategories: [row('Données de trafic', 12), row('Logs applicatifs', 12), row('Données techniques', 6)] }) });
    expect(ok.missing).toEqual([]);
    const errors = await validationPaths('register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-002', dataCategories: [row('Données de trafic', 12), row(' ', 6)] }) });
    expect(errors).toEqual({ 'dataCategories.1.description': 'describeRepeatedCategory' });
  });

  it('accepts "every category of the record" as a data category', async () => {
    const doc = fullControllerDoc({ dataCategories: [{ category: 'ALL', description: 'Toutes', retention: { ...emptyRetention(), criterion: 'durée de la procédure' } }] });
    const created = await call(core, 'register:create', { kind: 'controller', doc });
    expect(created.missing).toEqual([]);
    expect(await call(core, 'register:search', { kind: 'controller', query: 'every category' })).toEqual([created.id]);
  });

  it('keeps a processor record for all clients under the standard DPA, without a placeholder client', async () => {
    const doc = fullProcessorDoc({ clientScope: 'standardDpa', standardDpa: 'CGV Web2Contact, art. 4', client: { name: '', address: '', contactName: '', email: '', phone: '', dpo: '' } });
    const created = await call(core, 'register:create', { kind: 'processor', doc });
    expect(created.missing).toEqual([]);
    expect((await call(core, 'register:get', { id: created.id })).doc).toEqual(doc);
    const [summary] = await call(core, 'register:list', { kind: 'processor', scope: 'live' });
    expect(summary).toMatchObject({ client: 'CGV Web2Contact, art. 4', allClients: true });
    const errors = await validationPaths('register:create', { kind: 'processor', doc: { ...doc, ref: 'P-002', standardDpa: '' } });
    expect(errors).toEqual({ standardDpa: 'requiredForActive' });
    const oneClient = await validationPaths('register:create', { kind: 'processor', doc: { ...doc, ref: 'P-003', clientScope: 'one' } });
    expect(Object.keys(oneClient).sort()).toEqual(['client.contactName', 'client.name']);
  });

  it('refuses an unknown data subject category or a bad breach notice delay on a processor record', async () => {
    const errors = await validationPaths('register:create', { kind: 'processor', doc: fullProcessorDoc({ breachNoticeHours: 0 }) });
    expect(errors).toEqual({ breachNoticeHours: 'min|{"min":1}' });
    const unknown = await validationPaths('register:create', { kind: 'processor', doc: fullProcessorDoc({ dataSubjects: [{ category: 'NOPE', details: '' }] }) });
    expect(unknown).toEqual({ 'dataSubjects.0.category': 'unknownCode' });
  });
});
