/**
 * The web UI's files (built by `npm run build` into dist/web) served at `/`: a fixed list read once at
 * start-up, so no request path ever reaches the file system. Pages get a Content-Security-Policy that
 * allows same-origin scripts, styles, images and requests only — no inline script, no eval, no other host.
 */
import type { FastifyInstance } from 'fastify';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Where `npm run build` puts the UI (dist/web beside dist/api). */
export function defaultWebDir(): string {
  return fileURLToPath(new URL('../web/', import.meta.url));
}

interface WebFile {
  body: Buffer;
  type: string;
  /** Built assets carry a content hash in their name and never change. */
  immutable: boolean;
}

function readWebDir(dir: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  if (!existsSync(dir)) return files;
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const url = '/' + relative(dir, path).split(sep).join('/');
        files.set(url, { body: readFileSync(path), type: TYPES[extname(name)] ?? 'application/octet-stream', immutable: url.startsWith('/assets/') });
      }
    }
  };
  walk(dir);
  return files;
}

/** Registers `/` (the UI page) and its files; without a build, `/` answers 503 saying how to build it. */
export function registerWebRoutes(app: FastifyInstance, dir: string = defaultWebDir()): void {
  const files = readWebDir(dir);
  const index = files.get('/index.html');
  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    if (!index) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The web UI is not built: run `npm run build` (it writes dist/web).\n');
    }
    return reply.type(index.type).header('content-security-policy', UI_CSP).header('cache-control', 'no-cache').send(index.body);
  });
  for (const [url, file] of files) {
    if (url === '/index.html') continue;
    app.get(url, { schema: { hide: true } }, async (_request, reply) =>
      reply.type(file.type).header('content-security-policy', UI_CSP).header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache').send(file.body),
    );
  }
}
