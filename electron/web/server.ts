/**
 * The web harness: the same renderer served to a browser, with the same API contract carried
 * over loopback HTTP to the same core and a real SQLite file. What the end-to-end tests drive,
 * and what a person can open where Electron is not installed.
 *
 *   npm run web -- --port 5180 --db PATH [--now YYYY-MM-DD] [--read-only] [--test-job-pace BATCH:MS (tests only)]
 *
 * Like the desktop app, it opens any register: a damaged one, one written by a newer version
 * or one it cannot write gets the error screen or the read-only banner, never a crash. Its log
 * of unexpected errors is `logs/dpo-desk.log` in the register's folder.
 *
 * Any page open in the same browser can send requests to 127.0.0.1, so the API answers only
 * requests carrying this run's random token (given to the app's own page in a <meta> tag,
 * which other origins cannot read) and the expected Host header (against DNS rebinding).
 *
 * The page carries its calls over one WebSocket (`/api/socket`, the token as its subprotocol),
 * and over `POST /api/<channel>` when the socket cannot be used or the call is large: a fetch
 * costs Chromium about 6 ms of its own per call here, a message on an open socket about 1 ms
 * (issue 15: keystroke to table painted; the desktop app's IPC costs less than either).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CSP } from '../../shared/csp';
import { contentType } from '../core/content-types';
import { closeCore, openCore, type Core } from '../core/core';
import { clockFrom, parseNow, systemClock, type Clock } from '../core/clock';
import { logFileIn, rotatingLog } from '../core/log-file';
import { scheduleIntegrityCheck } from '../core/services/recovery.service';
import { setTestJobPace } from '../core/jobs';
import { dispatch } from '../core/dispatch';
import { scheduledBackupAtStart } from '../core/services/backup.service';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { SOCKET_MAX, SOCKET_PATH, SOCKET_TOKEN_PREFIX } from '../../shared/web-socket';

/** A 25 MB supplier document travels as base64 inside JSON (about 34 MB). */
const MAX_BODY = 40 * 1024 * 1024;

class BodyTooLarge extends Error {}

export type Harness = Readonly<{ url: string; token: string; core: Core; close: () => Promise<void> }>;

export type HarnessOptions = Readonly<{
  port: number;
  dbPath: string;
  rendererDir?: string;
  log?: Pick<Console, 'log' | 'error' | 'warn'>;
  /** The core's clock (default: the computer's); `--now` starts it at a chosen time. */
  now?: Clock;
  /** Opens the register read-only (`--read-only`): nothing is written into it. */
  readOnly?: boolean;
  /** Where the log of unexpected errors goes (default: `logs/` in the register's folder). */
  logFile?: string;
}>;

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_RENDERER_DIR = path.resolve(here, '../../out/renderer');

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}) {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    ...extra,
  });
  res.end(body);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new BodyTooLarge('body too large'));
        req.resume(); // drain the rest, so that the answer reaches the page
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const log = options.log ?? console;
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  const indexFile = path.join(rendererDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`The renderer is not built (${indexFile} missing): run "npm run build:renderer".`);
  const now = options.now ?? systemClock;
  const logFile = options.logFile ?? logFileIn(path.dirname(path.resolve(options.dbPath)));
  const fileLog = rotatingLog(logFile, { now, echo: log });
  const core = openCore(options.dbPath, { now, tolerant: true, deferQuickCheck: true, openedBy: 'web', log: fileLog, ...(options.readOnly ? { readonly: true } : {}) });
  scheduledBackupAtStart(core, fileLog); // issue 14 (14A): as the desktop app does at start-up
  const cancelCheck = scheduleIntegrityCheck(core);
  const token = randomBytes(32).toString('base64url');
  let allowedHosts: Set<string> = new Set();

  const server = http.createServer(async (req, res) => {
    try {
      if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 403, 'Forbidden host', 'text/plain');
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, 'Method not allowed', 'text/plain', { Allow: 'POST' });
        const origin = req.headers.origin;
        if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) return send(res, 403, 'Forbidden origin', 'text/plain');
        if (!sameToken(req.headers['x-dpo-token'] as string | undefined, token)) return send(res, 403, 'Missing or wrong token', 'text/plain');
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'JSON only', 'text/plain');
        let args: unknown;
        try {
          const body = await readBody(req);
          args = body ? JSON.parse(body) : {};
        } catch (err) {
          if (err instanceof BodyTooLarge) {
            const tooLarge = { ok: false, error: { code: 'validation', message: 'Request too large', issues: [{ path: 'file', message: 'fileTooLarge|{"max":25}' }] } };
            return send(res, 413, JSON.stringify(tooLarge), 'application/json');
          }
          return send(res, 400, JSON.stringify({ ok: false, error: { code: 'validation', message: 'Malformed request', issues: [] } }), 'application/json');
        }
        const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
        const result = await dispatch(core, channel, args, fileLog);
        return send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store' });
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain');
      const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const file = path.resolve(rendererDir, rel);
      if (!file.startsWith(rendererDir + path.sep) || !existsSync(file) || rel === 'index.html') {
        // The app is one page: unknown paths get it too, with this run's token.
        const html = readFileSync(indexFile, 'utf8').replace(
          '</head>',
          `  <meta name="dpo-api-token" content="${token}" />\n  </head>`,
        );
        return send(res, 200, html, contentType(indexFile), { 'Cache-Control': 'no-store' });
      }
      return send(res, 200, readFileSync(file), contentType(file));
    } catch (err) {
      log.error('[web] request failed', err);
      if (!res.headersSent) send(res, 500, 'Internal error', 'text/plain');
    }
  });

  // The socket: the same checks as a request (host, origin, token), then one message per call.
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: SOCKET_MAX + 4096,
    // The browser offers the token as a subprotocol; the one accepted is sent back, as it requires.
    handleProtocols: (offered) => [...offered].find((p) => p.startsWith(SOCKET_TOKEN_PREFIX)) ?? false,
  });
  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: string) => socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.on('error', (err) => log.warn('[web] socket error', err));
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const origin = req.headers.origin;
      const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
      const given = offered.find((p) => p.startsWith(SOCKET_TOKEN_PREFIX))?.slice(SOCKET_TOKEN_PREFIX.length);
      const allowed =
        allowedHosts.has(req.headers.host ?? '') &&
        url.pathname === SOCKET_PATH &&
        (origin === undefined || allowedHosts.has(origin.replace(/^http:\/\//, ''))) &&
        sameToken(given, token);
      if (!allowed) return refuse('403 Forbidden');
      sockets.handleUpgrade(req, socket, head, (ws) => serveSocket(ws));
    } catch (err) {
      // A request the URL parser refuses, or any other surprise: refused, the harness goes on serving.
      log.warn('[web] socket upgrade refused', err);
      refuse('400 Bad Request');
    }
  });
  const serveSocket = (ws: WebSocket) => {
    ws.on('error', (err) => log.warn('[web] socket error', err));
    ws.on('message', (data: RawData) => {
      void answerMessage(data).then((answer) => {
        if (ws.readyState === ws.OPEN) ws.send(answer);
      });
    });
  };
  /** `{ id, channel, args }` in, `{ id, result }` out: the result is the envelope a request gets. */
  const answerMessage = async (data: RawData): Promise<string> => {
    let id: unknown = null;
    try {
      const parsed = JSON.parse(data.toString()) as unknown;
      if (typeof parsed !== 'object' || parsed === null) throw new SyntaxError('malformed');
      const message = parsed as { id?: unknown; channel?: unknown; args?: unknown };
      id = message.id ?? null;
      if (typeof message.id !== 'number' || typeof message.channel !== 'string') throw new SyntaxError('malformed');
      const result = await dispatch(core, message.channel, message.args ?? {}, fileLog);
      return JSON.stringify({ id, result });
    } catch (err) {
      if (err instanceof SyntaxError) return JSON.stringify({ id, result: { ok: false, error: { code: 'validation', message: 'Malformed request', issues: [] } } });
      log.error('[web] socket message failed', err);
      return JSON.stringify({ id, result: { ok: false, error: { code: 'internal', message: 'Internal error' } } });
    }
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    core,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets.clients) ws.terminate();
        server.closeAllConnections();
        server.close(() => {
          cancelCheck();
          closeCore(core);
          resolve();
        });
      }),
  };
}

async function main() {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '5180' }, db: { type: 'string' }, now: { type: 'string' }, 'read-only': { type: 'boolean', default: false }, 'test-job-pace': { type: 'string' } },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
  const dbPath = path.resolve(values.db ?? 'dpo-desk.sqlite');
  let now: Clock | undefined;
  if (values.now !== undefined) {
    const start = parseNow(values.now);
    if (!start) throw new Error(`--now must be a date written YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, got ${values.now}`);
    now = clockFrom(start);
  }
  // Test only (issue 16's end-to-end test): small batches and a pause after each, to see a job's progress move and cancel it half-way.
  if (values['test-job-pace'] !== undefined) {
    const m = /^(\d+):(\d+)$/.exec(values['test-job-pace']);
    if (!m) throw new Error(`--test-job-pace must be BATCH:MS, got ${values['test-job-pace']}`);
    setTestJobPace({ batch: Math.max(1, Number(m[1])), pauseMs: Number(m[2]) });
    console.log(`test job pace: ${m[1]} a batch, ${m[2]} ms between two`);
  }
  const harness = await startHarness({ port, dbPath, readOnly: values['read-only'], ...(now ? { now } : {}) });
  console.log(`DPO Desk web harness on ${harness.url}`);
  console.log(`database: ${dbPath}`);
  const { readOnly, problem } = harness.core.health;
  if (problem) console.log(`register problem: ${problem.code}: ${problem.detail}`);
  else if (readOnly) console.log(`register open read-only (${readOnly})`);
  console.log(`api token: ${harness.token}`);
  const stop = () => void harness.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // A bug outside a request: logged, and the harness goes on serving (as the desktop app does, electron/main/index.ts).
  process.on('unhandledRejection', (reason) => harness.core.log?.error('[web] unhandled rejection', reason));
  process.on('uncaughtException', (err) => harness.core.log?.error('[web] uncaught exception', err));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`web harness: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  });
}
