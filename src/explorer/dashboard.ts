import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpServer } from '../common/http/http-server';

/**
 * The dashboard (`/app/`): a Vite build of dashboard/ (Chart.js bundled in, nothing from a CDN) that
 * `npm run build` writes to dist/app. It is static: the page calls the API with the key typed into it,
 * and nothing about the page or its key is kept server-side.
 */
// Same depth from src/explorer and dist/explorer.
export const DASHBOARD_DIR = join(__dirname, '..', '..', 'dist', 'app');
export const DASHBOARD_PATH = '/app/';

/** The page runs its own bundled script and stylesheet only, and talks to this origin only. */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>Dashboard not built</title></head>
<body><h1>The dashboard is not built</h1><p>Run <code>npm run build</code> (or <code>npm start</code>, which builds what is missing) and reload.</p></body></html>
`;

export function installDashboard(fastify: HttpServer, dir: string = DASHBOARD_DIR) {
  if (!existsSync(join(dir, 'index.html'))) {
    // A clone started from src/ without a build: say how to build rather than a bare 404.
    const notBuilt = (_request: unknown, reply: { code(n: number): { type(t: string): { send(b: string): unknown } } }) =>
      reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    fastify.get('/app', notBuilt);
    fastify.get('/app/*', notBuilt);
    return;
  }
  void fastify.register(fastifyStatic, {
    root: dir,
    prefix: DASHBOARD_PATH,
    decorateReply: false, // the OpenAPI UI registers its own instance
    index: 'index.html',
    cacheControl: false,
    setHeaders(reply, path) {
      void reply.header('content-security-policy', DASHBOARD_CSP);
      void reply.header('x-content-type-options', 'nosniff');
      void reply.header('referrer-policy', 'no-referrer');
      // Hashed asset names never change content; the page itself is revalidated on every load.
      void reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // The page's relative asset URLs need the trailing slash.
  fastify.get('/app', (_request, reply) => reply.redirect(DASHBOARD_PATH));
}
