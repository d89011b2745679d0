import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { HttpServer } from './http-server';

/**
 * The Content-Security-Policy of every answer (pages and JSON alike). The pages are the GraphQL
 * explorer (/graphql, GraphiQL from bundled assets), the OpenAPI UI (/docs, Swagger UI's bundled
 * files) and the index page; the dashboard (/app/) sends its stricter policy of its own (DASHBOARD_CSP).
 *
 * - scripts: this origin's files, plus the explorer's one inline script by its hash (no 'unsafe-inline',
 *   no 'unsafe-eval': neither explorer needs them);
 * - styles: this origin's files and 'unsafe-inline': Swagger UI's page has an inline <style> and inline
 *   style attributes (its SVG sprite), GraphiQL and CodeMirror set style attributes;
 * - images and fonts: this origin and data: URIs (GraphiQL's stylesheet embeds its fonts, Swagger UI's
 *   its icons);
 * - fetches: this origin only; no plugins, no <base> elsewhere, forms to this origin only; never framed.
 *
 * No upgrade-insecure-requests (the service is often reached over plain HTTP on a private network or
 * localhost, where upgraded asset requests would fail) and no Strict-Transport-Security (the TLS
 * terminator in front of the service decides that for its domain).
 */
export function contentSecurityPolicy(inlineScriptHashes: readonly string[]): Record<string, string[] | null> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...inlineScriptHashes],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'upgrade-insecure-requests': null,
  };
}

/**
 * Registers @fastify/helmet on every answer: the CSP above, X-Content-Type-Options: nosniff,
 * X-Frame-Options: DENY, Referrer-Policy: no-referrer, Cross-Origin-Opener-Policy and
 * Cross-Origin-Resource-Policy: same-origin (CORS requests are not affected by it), and helmet's other
 * defaults. Awaited before any other hook is added, so its onRequest hook runs first and answers made by
 * earlier hooks (the explorer page, 429s, 401s) carry the headers too.
 */
export async function installSecurityHeaders(fastify: HttpServer, inlineScriptHashes: readonly string[]): Promise<void> {
  const options: FastifyHelmetOptions = {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(inlineScriptHashes) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  };
  await fastify.register(helmet, options);
}
