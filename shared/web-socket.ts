/**
 * The web harness's socket (electron/web/server.ts, renderer/src/lib/api.ts): where it is, how
 * the page gives its token (a subprotocol: a browser's WebSocket cannot set a header), and the
 * largest call it carries. Larger calls (a supplier's document as base64) go as a request, which
 * answers an oversized body with the file message a user reads.
 */
export const SOCKET_PATH = '/api/socket';
export const SOCKET_TOKEN_PREFIX = 'dpo-token.';
export const SOCKET_MAX = 1024 * 1024;
