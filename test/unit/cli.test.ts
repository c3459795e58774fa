import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/index';
import { tempDir } from '../helpers';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('command line', () => {
  it('creates the demo, refuses to overwrite it, checks it and backs it up', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const db = path.join(dir, 'r.sqlite');
    const demo = await cli('demo', '--db', db);
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/23 records/);
    const again = await cli('demo', '--db', db);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already holds a register/);

    const check = await cli('check', '--db', db);
    expect(check.code).toBe(1); // the demo keeps two incomplete drafts on purpose
    expect(check.out).toMatch(/Integrity: ok/);
    expect(check.out).toMatch(/INCOMPLETE controller RT-015 \(draft\).*Legal basis/);
    const json = JSON.parse((await cli('check', '--db', db, '--json')).out);
    expect(json.incomplete.map((r: { ref: string }) => r.ref)).toEqual(['RT-015', 'RS-007']);

    const out = path.join(dir, 'copy.sqlite');
    expect((await cli('backup', '--db', db, '--out', out)).code).toBe(0);
    const copyCheck = await cli('check', '--db', out, '--json');
    expect(JSON.parse(copyCheck.out).records).toBe(json.records);
    expect((await cli('backup', '--db', db, '--out', out)).err).toMatch(/already exists/);
  });

  it('exits 0 on a complete register and with clear messages on bad input', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const db = path.join(dir, 'empty.sqlite');
    await cli('backup', '--db', db, '--out', path.join(dir, 'x.sqlite')).then((r) => expect(r.err).toMatch(/no database/));
    const { openCore, closeCore } = await import('../../electron/core/core');
    closeCore(openCore(db));
    expect((await cli('check', '--db', db)).code).toBe(0);
    expect(await cli('check')).toMatchObject({ code: 2, err: expect.stringMatching(/missing --db/) });
    expect(await cli('frobnicate')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown command/) });
    expect(await cli('check', '--db', db, '--bogus')).toMatchObject({ code: 2 });
  });
});
