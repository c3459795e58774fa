import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../electron/web/server';
import { tempDir } from '../helpers';

let harness: Harness;
let cleanup: () => void;
let port: number;

/** Raw requests, so the Host header can be set as a rebinding attacker would. */
function request(opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  const renderer = path.join(t.dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(path.join(renderer, 'index.html'), '<html><head></head><body>app</body></html>');
  harness = await startHarness({ port: 0, dbPath: path.join(t.dir, 'db.sqlite'), rendererDir: renderer, log: { log() {}, warn() {}, error() {} } });
  port = Number(new URL(harness.url).port);
});
afterAll(async () => {
  await harness.close();
  cleanup();
});

const api = (headers: Record<string, string>, body = '{}') =>
  request({ path: '/api/app:info', method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

describe('web harness', () => {
  it('listens on loopback only', () => {
    expect(harness.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('gives the page its token and a strict CSP', async () => {
    const page = await request({ path: '/', headers: { Host: `127.0.0.1:${port}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="dpo-api-token" content="${harness.token}" />`);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
  });

  it('answers the contract with the right token and host', async () => {
    const r = await api({ Host: `127.0.0.1:${port}`, 'X-DPO-Token': harness.token });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { needsSetup: true } });
    const invalid = await api({ Host: `localhost:${port}`, 'X-DPO-Token': harness.token }, '{"unexpected": 1}');
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('carries a 20 MB document, and refuses a request over 40 MB with the file message in the envelope', async () => {
    const base64 = Buffer.alloc(20 * 1024 * 1024, 7).toString('base64');
    const big = await request({
      path: '/api/supplier:addDocument',
      method: 'POST',
      headers: { Host: `127.0.0.1:${port}`, 'X-DPO-Token': harness.token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: '7d0c7e5e-8d0b-4c53-9d7e-1f0f4c3f9a11', kind: 'dpa', name: 'big.pdf', base64 }),
    });
    // It reached the core (which then says the supplier does not exist).
    expect(JSON.parse(big.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const tooBig = await request({
      path: '/api/supplier:addDocument',
      method: 'POST',
      headers: { Host: `127.0.0.1:${port}`, 'X-DPO-Token': harness.token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ base64: 'A'.repeat(41 * 1024 * 1024) }),
    });
    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.body)).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'file', message: 'fileTooLarge|{"max":25}' }] } });
  });

  it('refuses a missing or wrong token, another Host, another Origin, GET and non-JSON', async () => {
    expect((await api({ Host: `127.0.0.1:${port}` })).status).toBe(403);
    expect((await api({ Host: `127.0.0.1:${port}`, 'X-DPO-Token': 'x'.repeat(43) })).status).toBe(403);
    expect((await api({ Host: `evil.example:${port}`, 'X-DPO-Token': harness.token })).status).toBe(403);
    expect((await api({ Host: `127.0.0.1:${port}`, 'X-DPO-Token': harness.token, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await request({ path: '/api/app:info', headers: { Host: `127.0.0.1:${port}`, 'X-DPO-Token': harness.token } })).status).toBe(405);
    expect((await request({ path: '/', headers: { Host: `evil.example` } })).status).toBe(403);
    const form = await request({ path: '/api/app:info', method: 'POST', headers: { Host: `127.0.0.1:${port}`, 'X-DPO-Token': harness.token, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await request({ path: '/../db.sqlite', headers: { Host: `127.0.0.1:${port}` } });
    expect(r.body).not.toContain('SQLite format');
    const encoded = await request({ path: '/%2e%2e/db.sqlite', headers: { Host: `127.0.0.1:${port}` } });
    expect(encoded.body).not.toContain('SQLite format');
  });
});
