import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness, type Harness } from '../../electron/web/server';
import { SOCKET_MAX, SOCKET_PATH, SOCKET_TOKEN_PREFIX } from '../../shared/web-socket';
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

  describe('its socket (one message per call)', () => {
    /** Opens the socket as the page does (token as subprotocol), or says how it was refused. */
    function connect(opts: { token?: string; host?: string; origin?: string; path?: string } = {}) {
      return new Promise<WebSocket | number>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}${opts.path ?? SOCKET_PATH}`, opts.token === '' ? [] : [`${SOCKET_TOKEN_PREFIX}${opts.token ?? harness.token}`], {
          headers: { Host: opts.host ?? `127.0.0.1:${port}`, ...(opts.origin ? { Origin: opts.origin } : {}) },
        });
        ws.on('open', () => resolve(ws));
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => resolve(-1));
      });
    }
    const ask = (ws: WebSocket, message: string) =>
      new Promise<{ id: unknown; result: { ok: boolean; value?: unknown; error?: { code: string } } }>((resolve) => {
        ws.once('message', (data) => resolve(JSON.parse(String(data))));
        ws.send(message);
      });

    it('answers the contract by id, with the envelope a request gets, the accepted subprotocol being the token', async () => {
      const ws = await connect({ origin: `http://127.0.0.1:${port}` });
      expect(ws).toBeInstanceOf(WebSocket);
      const socket = ws as WebSocket;
      expect(socket.protocol).toBe(`${SOCKET_TOKEN_PREFIX}${harness.token}`);
      expect(await ask(socket, JSON.stringify({ id: 7, channel: 'app:info', args: {} }))).toMatchObject({ id: 7, result: { ok: true, value: { needsSetup: true } } });
      expect(await ask(socket, JSON.stringify({ id: 8, channel: 'app:info', args: { unexpected: 1 } }))).toMatchObject({ id: 8, result: { ok: false, error: { code: 'validation' } } });
      expect(await ask(socket, JSON.stringify({ id: 9, channel: 'no:such', args: {} }))).toMatchObject({ id: 9, result: { ok: false } });
      expect(await ask(socket, 'not json')).toMatchObject({ id: null, result: { ok: false, error: { code: 'validation' } } });
      expect(await ask(socket, JSON.stringify({ channel: 'app:info' }))).toMatchObject({ result: { ok: false, error: { code: 'validation' } } });
      expect(await ask(socket, 'null')).toMatchObject({ id: null, result: { ok: false, error: { code: 'validation' } } });
      // Two calls on their way at once: each answer carries its own id.
      const answers: unknown[] = [];
      await new Promise<void>((resolve) => {
        socket.on('message', (d) => answers.push(JSON.parse(String(d)).id) === 2 && resolve());
        socket.send(JSON.stringify({ id: 20, channel: 'app:info', args: {} }));
        socket.send(JSON.stringify({ id: 21, channel: 'app:info', args: {} }));
      });
      expect([...answers].sort()).toEqual([20, 21]);
      socket.close();
    });

    it('refuses a missing or wrong token, another Host, another Origin and another path', async () => {
      expect(await connect({ token: '' })).toBe(403);
      expect(await connect({ token: 'x'.repeat(43) })).toBe(403);
      expect(await connect({ host: `evil.example:${port}` })).toBe(403);
      expect(await connect({ origin: 'http://evil.example' })).toBe(403);
      expect(await connect({ path: '/api/app:info' })).toBe(403);
      // A request line the URL parser refuses: answered, and the harness goes on serving.
      const raw = await new Promise<string>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`));
        let got = '';
        socket.on('data', (d) => (got += d));
        socket.on('close', () => resolve(got));
        socket.on('error', () => resolve(got));
      });
      expect(raw).toMatch(/^HTTP\/1\.1 4\d\d/);
      expect(await connect()).toBeInstanceOf(WebSocket);
    });

    it('closes on a message over its limit (the page sends those as requests)', async () => {
      const socket = (await connect()) as WebSocket;
      const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
      socket.send(JSON.stringify({ id: 1, channel: 'app:info', args: { x: 'A'.repeat(SOCKET_MAX + 8192) } }));
      expect(await closed).toBe(1009);
    });
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await request({ path: '/../db.sqlite', headers: { Host: `127.0.0.1:${port}` } });
    expect(r.body).not.toContain('SQLite format');
    const encoded = await request({ path: '/%2e%2e/db.sqlite', headers: { Host: `127.0.0.1:${port}` } });
    expect(encoded.body).not.toContain('SQLite format');
  });
});
